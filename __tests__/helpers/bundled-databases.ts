// Bundled by pglite-bundle.test.ts next to the bundle's cli.js and run there, with no node_modules around:
// the providers as the bundle runs them (the worker from dist/pglite, the drivers from dist/vendor).
// `node probe.js DUMP_FILE POSTGRES_URL MYSQL_URL` prints one JSON line per database.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { providerFor } from '../../src/databases/index.js';
import type { PGliteDatabase } from '../../src/databases/index.js';
import { parseDatabaseSpec } from '../../src/database-spec.js';

const [dump, postgresUrl, mysqlUrl] = process.argv.slice(2);

const pglite = (await providerFor(parseDatabaseSpec('pglite'), 'postgresql').create({
  extensions: ['citext'],
})) as PGliteDatabase;
const python = spawn(
  '/usr/bin/python3',
  [
    '-c',
    `
import sys, psycopg2
conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', dbname='postgres')
cur = conn.cursor()
cur.execute("CREATE EXTENSION citext")
cur.execute("CREATE TABLE replayed (name citext)")
cur.execute("INSERT INTO replayed VALUES ('Base')")
conn.commit(); conn.close()`,
    String(pglite.target.port),
  ],
  { stdio: 'inherit' },
);
const [code] = await once(python, 'exit');
await pglite.afterClient();
const rows = await pglite.query("SELECT name::text FROM replayed WHERE name = 'BASE'");
await pglite.dumpDataDir(dump);
await pglite.dispose();
console.log(JSON.stringify({ description: pglite.description, python: code, rows }));

for (const [spec, dialect] of [
  [postgresUrl, 'postgresql'],
  [mysqlUrl, 'mysql'],
  ['sqlite', 'sqlite'],
] as const) {
  const db = await providerFor(parseDatabaseSpec(spec), dialect).create();
  const rows = await db.query('SELECT 1 AS one');
  await db.dispose();
  console.log(JSON.stringify({ description: db.description, rows }));
}
