import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGliteProvider, type PGliteDatabase } from '../../src/databases/pglite/provider.js';
import { liveDatabases, missingExtension } from '../../src/databases/index.js';
import { runPython } from '../helpers/python.js';

// One embedded PostgreSQL for the whole file (a boot costs about a second); the last test disposes it.
let db: PGliteDatabase;

beforeAll(async () => {
  db = await new PGliteProvider().create({ extensions: ['citext'] });
});
afterAll(async () => {
  await db?.dispose();
});

const PSYCOPG2 = `
import sys, psycopg2
conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', dbname='postgres', sslmode='disable')
`;

/** A port that nothing listens on any more refuses connections. */
function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('PGlite, the embedded PostgreSQL', () => {
  it('says what it is and where Python connects', () => {
    expect(db.engineVersion).toBe('18.6');
    expect(db.description).toBe('PostgreSQL 18.6 (PGlite, embedded)');
    expect(db.target).toMatchObject({
      engine: 'postgresql',
      host: '127.0.0.1',
      user: 'postgres',
      database: 'postgres',
      query: { sslmode: 'disable' },
      defaultDriver: 'postgresql+psycopg2',
    });
    expect(db.target.port).toBeGreaterThan(0);
    expect(db.extensions).toEqual(['citext']);
    expect(liveDatabases()).toBe(1);
  });

  it('holds the postgres database only: the shipped data directory has no templates', async () => {
    expect(await db.query('SELECT datname FROM pg_database')).toEqual([{ datname: 'postgres' }]);
  });

  it('answers Node between clients, with parameters and PostgreSQL errors', async () => {
    expect(await db.query('SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toMatchObject({
      code: '42P01',
      message: 'relation "no_such_table" does not exist',
    });
  });

  it('lets psycopg2 write what Node then reads', async () => {
    const run = await runPython(
      PSYCOPG2 +
        `
cur = conn.cursor()
cur.execute("CREATE TABLE written_by_python (id serial PRIMARY KEY, note text)")
cur.execute("INSERT INTO written_by_python (note) VALUES (%s)", ("hello",))
conn.commit()
conn.close()
print("done")`,
      [db.target.port!],
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('done');
    await db.afterClient();
    expect(await db.query('SELECT note FROM written_by_python')).toEqual([{ note: 'hello' }]);
  });

  it('closes asyncpg connections on Terminate, twice in a row, prepared statements reset between them', async () => {
    const run = await runPython(
      `
import asyncio, sys, asyncpg
async def main():
    for i in range(2):
        conn = await asyncpg.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', database='postgres')
        print(await conn.fetchval('SELECT $1::int * 10', i + 1))
        await asyncio.wait_for(conn.close(), 10)
    print('closed')
asyncio.run(main())`,
      [db.target.port!],
      20_000,
    );
    expect(run.timedOut).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(['10', '20', 'closed']);
  });

  it('serves SQLAlchemy engines, sync and async', async () => {
    const run = await runPython(
      `
import asyncio, sys
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import create_async_engine
url = '127.0.0.1:%s/postgres' % sys.argv[1]
engine = create_engine('postgresql+psycopg2://postgres@' + url + '?sslmode=disable')
with engine.begin() as c:
    c.execute(text('CREATE TABLE from_sqlalchemy (id int)'))
    c.execute(text('INSERT INTO from_sqlalchemy VALUES (1)'))
engine.dispose()
async def main():
    engine = create_async_engine('postgresql+asyncpg://postgres@' + url)
    async with engine.begin() as c:
        await c.execute(text('INSERT INTO from_sqlalchemy VALUES (2)'))
    async with engine.connect() as c:
        print((await c.execute(text('SELECT sum(id) FROM from_sqlalchemy'))).scalar())
    await engine.dispose()
asyncio.run(main())`,
      [db.target.port!],
      30_000,
    );
    expect(run.timedOut).toBe(false);
    expect(run.stdout.trim()).toBe('3');
  });

  it('resets what a client left behind on the shared backend', async () => {
    const run = await runPython(
      PSYCOPG2 +
        `
cur = conn.cursor()
cur.execute("SET search_path TO pg_catalog")
cur.execute("PREPARE left_behind AS SELECT 1")
cur.execute("CREATE TEMPORARY TABLE scratch (id int)")
cur.execute("CREATE TABLE uncommitted (id int)")  # psycopg2 opened a transaction; it is never committed
conn.close()`,
      [db.target.port!],
    );
    expect(run.code).toBe(0);
    await db.afterClient();
    expect(await db.query('SHOW search_path')).toEqual([{ search_path: 'public' }]);
    expect(await db.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).toEqual([{ n: 0 }]);
    expect(await db.query("SELECT to_regclass('uncommitted') AS t")).toEqual([{ t: null }]);
  });

  it('shows a client the locks of its own transaction in pg_locks', async () => {
    await db.query('CREATE TABLE locked (id int)');
    const run = await runPython(
      PSYCOPG2 +
        `
cur = conn.cursor()
cur.execute("CREATE INDEX locked_id ON locked (id)")
cur.execute("""SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'locked'::regclass""")
print(sorted(r[0] for r in cur.fetchall()))
conn.rollback()
conn.close()`,
      [db.target.port!],
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe("['ShareLock']");
  });

  it('creates the extensions it booted with, and names one it lacks', async () => {
    const run = await runPython(
      PSYCOPG2 +
        `
cur = conn.cursor()
cur.execute("CREATE EXTENSION citext")
cur.execute("SELECT 'Hello'::citext = 'HELLO'")
print(cur.fetchone()[0])
try:
    cur.execute("CREATE EXTENSION hstore")
except Exception as e:
    print(str(e).splitlines()[0])
conn.rollback()
conn.close()`,
      [db.target.port!],
    );
    const [equal, error] = run.stdout.trim().split('\n');
    expect(equal).toBe('True');
    expect(error).toMatch(/extension "hstore" is not available/);
    expect(missingExtension(error)).toBe('hstore');
  });

  it('lets a second client wait for the first to leave', async () => {
    const run = await runPython(
      `
import sys, threading, time, psycopg2
def connect():
    return psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', dbname='postgres')
first = connect()
result = []
def second():
    conn = connect()
    cur = conn.cursor(); cur.execute('SELECT 2'); result.append(cur.fetchone()[0]); conn.close()
t = threading.Thread(target=second); t.start()
time.sleep(0.5)
cur = first.cursor(); cur.execute('SELECT 1'); result.append(cur.fetchone()[0])
first.close()
t.join()
print(result)`,
      [db.target.port!],
    );
    expect(run.stderr).toBe('');
    // The first client answered while the second still waited; the second was served once it had gone.
    expect(run.stdout.trim()).toBe('[1, 2]');
  });

  it('refuses, with the reason, a second client while the first keeps the backend', async () => {
    const run = await runPython(
      `
import sys, psycopg2
def connect():
    return psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', dbname='postgres')
first = connect()
try:
    connect()
    print('connected')
except psycopg2.OperationalError as e:
    print(str(e))
first.close()`,
      [db.target.port!],
    );
    expect(run.stdout).toMatch(/single backend and serves one connection at a time/);
  });

  it('refuses Node a query inside a client transaction', async () => {
    const run = runPython(
      PSYCOPG2 +
        `
import time
cur = conn.cursor()
cur.execute("SELECT 1")  # psycopg2 has begun a transaction
time.sleep(3)
conn.close()`,
      [db.target.port!],
    );
    // Ask while the client sleeps inside its transaction.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expect(db.query('SELECT 1')).rejects.toThrow(/transaction open/);
    expect((await run).code).toBe(0);
    await db.afterClient();
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('ends a statement stuck in the WASM when disposed, and frees its port', async () => {
    const port = db.target.port!;
    const stuck = runPython(
      PSYCOPG2 +
        `
cur = conn.cursor()
print('sleeping', flush=True)
cur.execute("SELECT pg_sleep(600)")`,
      [port],
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await db.dispose();
    const run = await stuck;
    expect(run.timedOut).toBe(false);
    expect(run.stderr).toMatch(/server closed the connection unexpectedly/);
    expect(await refuses(port)).toBe(true);
    expect(liveDatabases()).toBe(0);
    await expect(db.query('SELECT 1')).rejects.toThrow(/disposed/);
  });
});
