/**
 * A 300-table schema (each table: serial key, foreign key, unique, check, partial expression index, enum
 * column, defaults) snapshots whole on PostgreSQL 15, PGlite, MariaDB 10.11 and SQLite. The time is printed for the README, never
 * asserted: a timed assertion fails on a busy machine, not on slow code.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { snapshot } from '../src/dryrun/schema/snapshot.js';
import { equal } from '../src/dryrun/schema/diff.js';
import type { SchemaSnapshot } from '../src/dryrun/schema/model.js';
import {
  mariadbDatabase,
  pgliteDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from './helpers/databases.js';

const TABLES = 300;
const name = (i: number): string => `t${String(i).padStart(3, '0')}`;

function ddl(engine: 'postgresql' | 'mysql' | 'sqlite'): string {
  const out = engine === 'postgresql' ? [`create type mood as enum ('sad', 'ok', 'happy');`] : [];
  for (let i = 0; i < TABLES; i++) {
    const t = name(i);
    const key = { postgresql: 'bigserial', mysql: 'bigint auto_increment', sqlite: 'integer' }[engine];
    const parent = i > 0 ? `parent_id bigint references ${name(i - 1)} (id) on delete cascade,` : '';
    const status =
      engine === 'postgresql' ? 'mood' : engine === 'mysql' ? "enum('sad', 'ok', 'happy')" : 'text';
    const [email, created, payload] =
      engine === 'postgresql' ? ['text', 'timestamptz', 'jsonb'] : ['varchar(200)', 'timestamp', 'json'];
    out.push(`create table ${t} (
      id ${key} primary key, ${parent}
      name varchar(100) not null, email ${email}, status ${status} default 'ok',
      amount numeric(12, 2) check (amount >= 0), created_at ${created} default current_timestamp, payload ${payload},
      unique (name));`);
    // MariaDB has neither partial nor expression indexes.
    out.push(
      engine === 'mysql'
        ? `create index ix_${t}_email on ${t} (email(20));`
        : `create index ix_${t}_email on ${t} (lower(email)) where email is not null;`,
    );
    out.push(`create index ix_${t}_created on ${t} (created_at desc);`);
  }
  return out.join('\n');
}

async function timed(db: TestDatabase['db'], runs: number): Promise<{ first: SchemaSnapshot; ms: number[] }> {
  const ms: number[] = [];
  let first: SchemaSnapshot | undefined;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const s = await snapshot(db);
    ms.push(performance.now() - t0);
    first ??= s;
    // Every run reads the same schema.
    expect(equal(first, s)).toBe(true);
  }
  return { first: first!, ms };
}

function check(s: SchemaSnapshot): void {
  expect(s.tables).toHaveLength(TABLES);
  if (s.engine === 'postgresql') expect(s.sequences).toHaveLength(TABLES);
  // MySQL: the unique constraint is a unique index, and each foreign key gets an index of its own.
  const indexes = s.tables.reduce((n, t) => n + t.indexes.length, 0);
  expect(indexes).toBe(s.engine === 'mysql' ? 4 * TABLES - 1 : 2 * TABLES);
  expect(s.tables.reduce((n, t) => n + t.foreignKeys.length, 0)).toBe(TABLES - 1);
  // MariaDB: a JSON column's json_valid() check stands in for the unique constraint.
  expect(s.tables.reduce((n, t) => n + t.uniques.length + t.checks.length, 0)).toBe(2 * TABLES);
  expect(s.tables[1].columns.map((c) => c.name)).toEqual([
    'id',
    'parent_id',
    'name',
    'email',
    'status',
    'amount',
    'created_at',
    'payload',
  ]);
}

const report = (where: string, ms: number[]): void => {
  const sorted = ms.slice(1).sort((a, b) => a - b);
  console.log(
    `snapshot of ${TABLES} tables on ${where}: first ${ms[0].toFixed(0)} ms, then min ${sorted[0].toFixed(0)}, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (${ms.length} runs)`,
  );
};

describe('a 300-table schema', () => {
  let server: TestDatabase | undefined;
  let pglite: TestDatabase | undefined;
  let mariadb: TestDatabase | undefined;
  let sqlite: TestDatabase | undefined;
  beforeAll(async () => {
    [server, pglite, mariadb, sqlite] = await Promise.all([
      postgresDatabase(),
      pgliteDatabase(),
      mariadbDatabase(),
      sqliteDatabase(),
    ]);
    await Promise.all([
      server.exec(ddl('postgresql')),
      pglite.exec(ddl('postgresql')),
      mariadb.exec(ddl('mysql')),
      sqlite.exec(ddl('sqlite')),
    ]);
  });
  afterAll(async () => {
    for (const d of [server, pglite, mariadb, sqlite]) await d?.drop();
  });

  test('on PostgreSQL 15', async () => {
    const { first, ms } = await timed(server!.db, 8);
    check(first);
    report('PostgreSQL 15', ms);
  });

  test('on PGlite', async () => {
    const { first, ms } = await timed(pglite!.db, 8);
    check(first);
    report('PGlite', ms);
  });

  test('on MariaDB 10.11', async () => {
    const { first, ms } = await timed(mariadb!.db, 8);
    check(first);
    report('MariaDB 10.11', ms);
  });

  test('on SQLite', async () => {
    const { first, ms } = await timed(sqlite!.db, 8);
    check(first);
    report('SQLite', ms);
  });
});
