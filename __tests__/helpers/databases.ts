/**
 * Real databases for the schema tests, each behind a ThrowawayDatabase-shaped object over the engine's own
 * client (the providers are built elsewhere): a uniquely named `headsup_<random>` database on the local
 * PostgreSQL 15 and MariaDB 10.11, PGlite in-process, SQLite in a temp file. `drop()` always removes it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { PGlite } from '@electric-sql/pglite';
import type { Engine, ThrowawayDatabase } from '../../src/databases/types.js';

export interface TestDatabase {
  db: ThrowawayDatabase;
  /** Runs several statements (the schema under test). */
  exec(sql: string): Promise<void>;
  /** A SQLAlchemy URL of the same database, for the inspector. */
  url: string;
  drop(): Promise<void>;
}

export const PG_ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };
export const MARIADB_ADMIN = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

const uniqueName = (): string => `headsup_${randomBytes(6).toString('hex')}`;

function shaped(
  engine: Engine,
  name: string,
  engineVersion: string,
  query: ThrowawayDatabase['query'],
): ThrowawayDatabase {
  return {
    engine,
    name,
    engineVersion,
    description: `${engine} (test)`,
    target: { engine, database: name, defaultDriver: '' },
    query,
    afterClient: async () => {},
    dispose: async () => {},
  };
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const name = uniqueName();
  const admin = new pg.Client(PG_ADMIN);
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ ...PG_ADMIN, database: name });
  const drop = async (): Promise<void> => {
    await client.end().catch(() => {});
    const a = new pg.Client(PG_ADMIN);
    await a.connect();
    try {
      await a.query(`drop database if exists ${name} with (force)`);
    } finally {
      await a.end();
    }
  };
  try {
    await client.connect();
  } catch (e) {
    await drop();
    throw e;
  }
  const version = (await client.query('show server_version')).rows[0].server_version as string;
  return {
    db: shaped('postgresql', name, version, async (sql, params) => (await client.query(sql, params)).rows),
    exec: async (sql) => void (await client.query(sql)),
    url: `postgresql://postgres@127.0.0.1:5432/${name}`,
    drop,
  };
}

export async function mariadbDatabase(): Promise<TestDatabase> {
  const name = uniqueName();
  const admin = await mysql.createConnection(MARIADB_ADMIN);
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  let conn: mysql.Connection | undefined;
  const drop = async (): Promise<void> => {
    await conn?.end().catch(() => {});
    const a = await mysql.createConnection(MARIADB_ADMIN);
    try {
      await a.query(`drop database if exists ${name}`);
    } finally {
      await a.end();
    }
  };
  try {
    conn = await mysql.createConnection({ ...MARIADB_ADMIN, database: name, multipleStatements: true });
  } catch (e) {
    await drop();
    throw e;
  }
  const c = conn;
  const [[{ v }]] = (await c.query('select version() as v')) as unknown as [[{ v: string }]];
  return {
    db: shaped('mysql', name, v, async <R>(sql: string, params?: unknown[]) => {
      const [rows] = await c.query(sql, params);
      return rows as R[];
    }),
    exec: async (sql) => void (await c.query(sql)),
    url: `mysql+pymysql://root@127.0.0.1:3306/${name}`,
    drop,
  };
}

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'headsup-schema-'));
  const file = join(dir, 'db.sqlite');
  const handle = new DatabaseSync(file);
  const version = (handle.prepare('select sqlite_version() as v').get() as { v: string }).v;
  return {
    db: shaped(
      'sqlite',
      file,
      version,
      async <R>(sql: string, params?: unknown[]) =>
        handle.prepare(sql).all(...((params ?? []) as never[])) as R[],
    ),
    exec: async (sql) => handle.exec(sql),
    url: `sqlite:///${file}`,
    drop: async () => {
      if (handle.isOpen) handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PGlite in this process. Its one database is reused: `reset()` empties it between schemas. */
export async function pgliteDatabase(): Promise<TestDatabase & { reset(): Promise<void> }> {
  const pglite = await PGlite.create();
  const version = (await pglite.query<{ server_version: string }>('show server_version')).rows[0]
    .server_version;
  return {
    db: shaped(
      'postgresql',
      'pglite',
      version,
      async <R>(sql: string, params?: unknown[]) => (await pglite.query<R>(sql, params)).rows,
    ),
    exec: async (sql) => void (await pglite.exec(sql)),
    url: '',
    reset: async () => {
      await pglite.exec(`
        do $$ declare s text; begin
          for s in select nspname from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema' loop
            execute format('drop schema %I cascade', s);
          end loop;
        end $$;
        create schema public;
        do $$ declare e text; begin
          for e in select extname from pg_extension where extname <> 'plpgsql' loop
            execute format('drop extension %I cascade', e);
          end loop;
        end $$;
        do $$ declare t text; begin
          for t in select typname from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'public' loop
            execute format('drop type %I cascade', t);
          end loop;
        end $$;`);
    },
    drop: async () => {
      await pglite.close();
    },
  };
}

/** Which of the test databases name `headsup_%`: none should remain after the suites. */
export async function leftoverDatabases(): Promise<string[]> {
  const a = new pg.Client(PG_ADMIN);
  await a.connect();
  const left: string[] = [];
  try {
    const r = await a.query(`select datname from pg_database where datname like 'headsup\\_%'`);
    left.push(...r.rows.map((row) => `postgresql:${row.datname}`));
  } finally {
    await a.end();
  }
  const m = await mysql.createConnection(MARIADB_ADMIN);
  try {
    const [rows] = (await m.query(`show databases like 'headsup\\_%'`)) as unknown as [
      Record<string, string>[],
    ];
    left.push(...rows.map((row) => `mariadb:${Object.values(row)[0]}`));
  } finally {
    await m.end();
  }
  return left;
}
