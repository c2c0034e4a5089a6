// Makes dist/pglite/datadir.tar.zst: a freshly initialised PGlite data directory, so that no run pays for
// initdb (2–6 s and ~1.1 GiB of memory). A dump is not deterministic (timestamps, ids), so `npm run build`
// keeps the committed one while its recorded PGlite version matches; run this (`npm run
// build:pglite-datadir`) after upgrading PGlite, and commit the result.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { importTs } from './import-ts.mjs';

const { DATADIR_FILE } = await importTs('src/databases/pglite/assets.ts');

const DIR = 'dist/pglite';
const RECORD = join(DIR, 'datadir.json');

export function installedPGliteVersion() {
  return JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version;
}

/** True when dist/pglite holds a data directory made by the installed PGlite, intact. */
export function dataDirIsCurrent() {
  if (!existsSync(RECORD) || !existsSync(join(DIR, DATADIR_FILE))) return false;
  const record = JSON.parse(readFileSync(RECORD, 'utf8'));
  const sha256 = createHash('sha256')
    .update(readFileSync(join(DIR, DATADIR_FILE)))
    .digest('hex');
  return record.pglite === installedPGliteVersion() && record.sha256 === sha256;
}

export async function makeDataDir() {
  // zstd: Node 22.15+, so only when a data directory is made, not on every build.
  const { writeTarball } = await importTs('src/databases/pglite/datadir.ts');
  mkdirSync(DIR, { recursive: true });
  // 1 MiB WAL segments instead of 16: a smaller tarball and less memory for each new segment in a run.
  const db = new PGlite({ initDbStartParams: ['--wal-segsize=1'] });
  await db.waitReady;
  const [{ server_version: postgres }] = (await db.query('SHOW server_version')).rows;
  // Only the postgres database is ever used: the template databases are 14 MiB of the 24 MiB a boot
  // unpacks and copies (~0.4 s of CPU, ~60 MiB). Without them CREATE DATABASE fails, which an Alembic
  // migration cannot run anyway but in an autocommit block.
  await db.exec(`UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`);
  await db.exec('DROP DATABASE template0');
  await db.exec('DROP DATABASE template1');
  await db.exec('CHECKPOINT');
  // WAL segments outside the last checkpoint's redo..current range are recycled spares (6 MiB of the tar):
  // PostgreSQL makes new ones when it needs them.
  const [wal] = (
    await db.query(
      `SELECT pg_walfile_name(redo_lsn) AS redo, pg_walfile_name(pg_current_wal_lsn()) AS current
       FROM pg_control_checkpoint()`,
    )
  ).rows;
  const { FS } = db.Module;
  for (const f of FS.readdir('/pglite/data/pg_wal'))
    if (/^[0-9A-F]{24}$/.test(f) && (f < wal.redo || f > wal.current)) FS.unlink(`/pglite/data/pg_wal/${f}`);
  const tar = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
  await db.close();
  const file = join(DIR, DATADIR_FILE);
  writeTarball(file, tar, 19);
  const bytes = readFileSync(file);
  const record = {
    pglite: installedPGliteVersion(),
    postgres,
    walSegmentSize: '1MB',
    databases: ['postgres'],
    tarBytes: tar.byteLength,
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  writeFileSync(RECORD, JSON.stringify(record, null, 2) + '\n');
  return record;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await makeDataDir());
