/**
 * A 300-table schema (each table: serial key, foreign key, unique, check, partial expression index, enum
 * column, defaults) snapshots whole on PostgreSQL 15 and PGlite. The time is printed for the README, never
 * asserted: a timed assertion fails on a busy machine, not on slow code.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { snapshot } from '../src/dryrun/schema/snapshot.js';
import { equal } from '../src/dryrun/schema/diff.js';
import type { SchemaSnapshot } from '../src/dryrun/schema/model.js';
import { pgliteDatabase, postgresDatabase, type TestDatabase } from './helpers/databases.js';

const TABLES = 300;
const name = (i: number): string => `t${String(i).padStart(3, '0')}`;

function ddl(): string {
  const out = [`create type mood as enum ('sad', 'ok', 'happy');`];
  for (let i = 0; i < TABLES; i++) {
    const t = name(i);
    const parent = i > 0 ? `parent_id bigint references ${name(i - 1)} (id) on delete cascade,` : '';
    out.push(`create table ${t} (
      id bigserial primary key, ${parent}
      name varchar(100) not null, email text, status mood default 'ok',
      amount numeric(12, 2) check (amount >= 0), created_at timestamptz default now(), payload jsonb,
      unique (name));
    create index ix_${t}_email on ${t} (lower(email)) where email is not null;
    create index ix_${t}_created on ${t} (created_at desc);`);
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
  expect(s.sequences).toHaveLength(TABLES);
  expect(s.tables.reduce((n, t) => n + t.indexes.length, 0)).toBe(2 * TABLES);
  expect(s.tables.reduce((n, t) => n + t.foreignKeys.length, 0)).toBe(TABLES - 1);
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
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(
    `snapshot of ${TABLES} tables on ${where}: first ${ms[0].toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (${ms.length} runs)`,
  );
};

describe('a 300-table schema', () => {
  let server: TestDatabase | undefined;
  let pglite: TestDatabase | undefined;
  beforeAll(async () => {
    [server, pglite] = await Promise.all([postgresDatabase(), pgliteDatabase()]);
    const sql = ddl();
    await Promise.all([server.exec(sql), pglite.exec(sql)]);
  });
  afterAll(async () => {
    await server?.drop();
    await pglite?.drop();
  });

  test('on PostgreSQL 15', async () => {
    const { first, ms } = await timed(server!.db, 5);
    check(first);
    report('PostgreSQL 15', ms);
  });

  test('on PGlite', async () => {
    const { first, ms } = await timed(pglite!.db, 5);
    check(first);
    report('PGlite', ms);
  });
});
