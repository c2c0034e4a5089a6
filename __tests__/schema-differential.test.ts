/**
 * Schema snapshots against SQLAlchemy's own inspector (Debian's SQLAlchemy 1.4) on the same database, on
 * PostgreSQL 15, MariaDB 10.11 and SQLite: tables, columns (type, nullability, default, generated, identity),
 * primary keys, foreign keys with their actions, indexes, unique constraints and checks must agree. And the
 * same schema, built twice, must give equal snapshots.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { snapshot } from '../src/dryrun/schema/snapshot.js';
import { kyselyOver } from '../src/dryrun/schema/kysely-dialect.js';
import { diff, equal } from '../src/dryrun/schema/diff.js';
import { renderDiff } from '../src/dryrun/schema/render.js';
import type { SchemaSnapshot } from '../src/dryrun/schema/model.js';
import { mariadbDatabase, postgresDatabase, sqliteDatabase, type TestDatabase } from './helpers/databases.js';
import { alembicMissing } from './helpers/alembic.js';
import { MARIADB, POSTGRES, SQLITE } from './schema/ddl.js';
import { inspect, oracleFacts, snapshotFacts, type BlindSpot, type Inspected } from './schema/oracle.js';

const noSqlAlchemy = alembicMissing('the schema differential tests');

interface Case {
  engine: string;
  make: () => Promise<TestDatabase>;
  ddl: string;
  /** Exactly what headsup sees and SQLAlchemy 1.4 does not, for this DDL. */
  blindSpots: BlindSpot[];
}

const CASES: Case[] = [
  {
    engine: 'PostgreSQL 15',
    make: postgresDatabase,
    ddl: POSTGRES,
    blindSpots: [{ table: 'users', what: 'index ix_users_lower_email', why: 'expression index' }],
  },
  {
    engine: 'MariaDB 10.11',
    make: mariadbDatabase,
    ddl: MARIADB,
    blindSpots: [
      { table: 'organisations', what: 'check settings', why: 'column-level check' },
      { table: 'users', what: 'check score', why: 'column-level check' },
    ],
  },
  {
    engine: 'SQLite',
    make: sqliteDatabase,
    ddl: SQLITE,
    blindSpots: [
      { table: 'organisations', what: 'unique (slug)', why: 'inline UNIQUE after a type with (n)' },
      { table: 'users', what: 'index ix_users_lower_email', why: 'expression index' },
    ],
  },
];

for (const c of CASES) {
  describe.skipIf(noSqlAlchemy)(`schema snapshot vs SQLAlchemy's inspector on ${c.engine}`, () => {
    const made: TestDatabase[] = [];
    let mine: SchemaSnapshot;
    let theirs: Inspected;

    beforeAll(async () => {
      const d = await c.make();
      made.push(d);
      await d.exec(c.ddl);
      mine = await snapshot(d.db);
      theirs = await inspect(d.url);
    });
    afterAll(async () => {
      for (const d of made) await d.drop();
    });

    test('tables, views and enums', () => {
      const { facts } = snapshotFacts(mine);
      const oracle = oracleFacts(mine.engine, theirs);
      expect(Object.keys(facts.tables).sort()).toEqual(Object.keys(oracle.tables).sort());
      expect(facts.views).toEqual(oracle.views);
      expect(facts.enums).toEqual(oracle.enums);
      expect(mine.tables.map((t) => t.name)).not.toContain('alembic_version');
    });

    test('columns, keys, indexes and checks, table by table', () => {
      const { facts } = snapshotFacts(mine);
      const oracle = oracleFacts(mine.engine, theirs);
      for (const name of Object.keys(oracle.tables))
        expect({ name, ...facts.tables[name] }).toEqual({ name, ...oracle.tables[name] });
    });

    test("kysely's introspector lists the same tables and columns", async () => {
      const tables = await kyselyOver(made[0].db).introspection.getTables();
      const theirs = tables
        .filter((t) => !t.isView && t.name !== 'alembic_version')
        .map((t) => ({
          name:
            t.schema && t.schema !== 'public' && mine.engine === 'postgresql'
              ? `${t.schema}.${t.name}`
              : t.name,
          columns: t.columns.map((col) => `${col.name} ${col.isNullable ? 'NULL' : 'NOT NULL'}`),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const ours = mine.tables.map((t) => ({
        name: t.name,
        // kysely reads SQLite's pragma_table_info, which leaves generated columns out.
        columns: t.columns
          .filter((col) => !(mine.engine === 'sqlite' && col.generated))
          .map((col) => `${col.name} ${col.nullable ? 'NULL' : 'NOT NULL'}`),
      }));
      expect(ours).toEqual(theirs);
    });

    test('what SQLAlchemy 1.4 cannot see is exactly the known list', () => {
      expect(snapshotFacts(mine).blindSpots).toEqual(c.blindSpots);
    });

    test('the same schema built again gives an equal snapshot', async () => {
      const again = await c.make();
      made.push(again);
      await again.exec(c.ddl);
      const second = await snapshot(again.db);
      expect(renderDiff(diff(mine, second))).toEqual([]);
      expect(equal(mine, second)).toBe(true);
    });
  });
}

describe('SQLite details SQLAlchemy 1.4 misses', () => {
  test('a foreign key written without columns references the primary key and keeps its actions', async () => {
    const d = await sqliteDatabase();
    try {
      await d.exec(`create table parent (a integer, b text, primary key (a, b));
        create table child (x integer, y text, foreign key (x, y) references parent on delete cascade on update set null)`);
      const s = await snapshot(d.db);
      expect(s.tables.find((t) => t.name === 'child')?.foreignKeys).toEqual([
        {
          columns: ['x', 'y'],
          referencedTable: 'parent',
          referencedColumns: ['a', 'b'],
          onDelete: 'CASCADE',
          onUpdate: 'SET NULL',
        },
      ]);
    } finally {
      await d.drop();
    }
  });
});
