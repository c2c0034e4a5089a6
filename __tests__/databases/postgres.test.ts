import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresProvider } from '../../src/databases/postgres/provider.js';
import { liveDatabases, type ThrowawayDatabase } from '../../src/databases/index.js';
import { throwawayName } from '../../src/databases/throwaway-name.js';
import { runPython } from '../helpers/python.js';
import { POSTGRES_URL, postgresDatabaseExists, psql } from '../helpers/servers.js';

// One throwaway database for the file; the last test disposes it.
let db: ThrowawayDatabase;
beforeAll(async () => {
  db = await new PostgresProvider(POSTGRES_URL).create();
});
afterAll(async () => {
  await db?.dispose();
});

describe('a throwaway database on a PostgreSQL server', () => {
  it('is a new headsup_ database, marked for people too, that Python reaches as the URL says', async () => {
    expect(db.name).toMatch(/^headsup_[0-9a-z]+_[0-9a-f]{10}_[0-9a-f]{8}$/);
    expect(db.engineVersion).toMatch(/^\d+\.\d+$/);
    expect(db.description).toBe(`PostgreSQL ${db.engineVersion} (127.0.0.1:5432)`);
    expect(db.target).toEqual({
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      password: undefined,
      database: db.name,
      query: undefined,
      defaultDriver: 'postgresql+psycopg2',
    });
    const [[comment]] = await psql(
      `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '${db.name}'`,
    );
    expect(comment).toMatch(new RegExp(`^headsup throwaway, created \\S+Z by pid ${process.pid} on `));
  });

  it("lets psycopg2 write what Node then reads, and leaves the URL's database alone", async () => {
    const run = await runPython(
      `
import sys, psycopg2
conn = psycopg2.connect(host='127.0.0.1', port=5432, user='postgres', dbname=sys.argv[1])
cur = conn.cursor()
cur.execute("CREATE TABLE written_by_python (note text)")
cur.execute("INSERT INTO written_by_python VALUES ('hello')")
conn.commit(); conn.close()`,
      [db.name],
    );
    expect(run.stderr).toBe('');
    expect(await db.query('SELECT note FROM written_by_python')).toEqual([{ note: 'hello' }]);
    expect(await psql("SELECT to_regclass('written_by_python') IS NULL", 'test')).toEqual([['t']]);
  });

  it('drops the database on dispose, even with a client still connected', async () => {
    const holding = runPython(
      `
import sys, time, psycopg2
conn = psycopg2.connect(host='127.0.0.1', port=5432, user='postgres', dbname=sys.argv[1])
conn.cursor().execute("SELECT 1")
time.sleep(3)
try:
    conn.cursor().execute("SELECT 1")
except psycopg2.Error as e:
    print(type(e).__name__)`,
      [db.name],
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await db.dispose();
    expect(await postgresDatabaseExists(db.name)).toBe(false);
    expect(liveDatabases()).toBe(0);
    // Its connection was ended by DROP DATABASE … WITH (FORCE).
    expect((await holding).stdout.trim()).toBe('OperationalError');
  });
});

describe('the sweep of databases left by killed runs', () => {
  it('drops a headsup-marked one over an hour old and keeps an unmarked headsup_ one', async () => {
    const old = throwawayName(Date.now() - 2 * 60 * 60 * 1000);
    const recent = throwawayName(Date.now() - 10 * 60 * 1000);
    const unmarked = `headsup_${randomBytes(4).toString('hex')}_kept`;
    for (const name of [old, recent, unmarked]) await psql(`CREATE DATABASE ${name}`);
    try {
      const next = await new PostgresProvider(POSTGRES_URL).create();
      await next.dispose();
      expect(await postgresDatabaseExists(old)).toBe(false);
      expect(await postgresDatabaseExists(recent)).toBe(true);
      expect(await postgresDatabaseExists(unmarked)).toBe(true);
    } finally {
      for (const name of [old, recent, unmarked]) await psql(`DROP DATABASE IF EXISTS ${name}`);
    }
  });
});

describe('a user who may not create databases', () => {
  const role = `headsup_test_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    await psql(`CREATE ROLE ${role} LOGIN NOCREATEDB`);
  });
  afterAll(async () => {
    await psql(`DROP ROLE IF EXISTS ${role}`);
  });

  it('is refused in one sentence that says which privilege and how to grant it', async () => {
    const error = await new PostgresProvider(`postgres://${role}@127.0.0.1:5432/postgres`)
      .create()
      .catch((e) => e);
    expect(error.name).toBe('DatabaseUnavailable');
    expect(error.message).toBe(
      `The PostgreSQL user "${role}" may not create databases on 127.0.0.1:5432, and the dry run needs one of ` +
        `its own: grant it with ALTER ROLE "${role}" CREATEDB, or use a URL for a user who has CREATEDB.`,
    );
    expect(liveDatabases()).toBe(0);
  });

  it('and a server that does not answer is unavailable too', async () => {
    const error = await new PostgresProvider('postgres://postgres@127.0.0.1:1/postgres')
      .create()
      .catch((e) => e);
    expect(error.name).toBe('DatabaseUnavailable');
    expect(error.message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:1: .*ECONNREFUSED/);
  });
});
