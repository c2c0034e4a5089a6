import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PGliteWorker } from '../../src/databases/pglite/worker-handle.js';
import { PGliteProvider } from '../../src/databases/pglite/provider.js';
import { bundled } from '../helpers/bundle.js';
import { runPython } from '../helpers/python.js';

const scratch = mkdtempSync(join(tmpdir(), 'headsup-pglite-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('PGlite from the bundle, and a warm base', () => {
  it('boots dist/pglite/worker.js with its own WASM, data directory and extension tarballs', async () => {
    // The copy of dist/ lives under the temporary folder: no node_modules above it to fall back on.
    const dir = join(bundled('cli.js'), '..', 'pglite');
    const { handle, ready } = await PGliteWorker.start(
      pathToFileURL(join(dir, 'worker.js')),
      {
        dataDir: join(dir, 'datadir.tar.zst'),
        extensionFiles: { [join(dir, 'extensions', 'citext.tar.gz')]: [] },
        host: '127.0.0.1',
      },
      60_000,
    );
    try {
      const { port, serverVersion } = await ready;
      expect(serverVersion).toBe('18.6');
      const run = await runPython(
        `
import sys, psycopg2
conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', dbname='postgres')
cur = conn.cursor()
cur.execute("CREATE EXTENSION citext")
cur.execute("CREATE TABLE replayed (name citext)")
cur.execute("INSERT INTO replayed VALUES ('Base')")
conn.commit(); conn.close()`,
        [port],
      );
      expect(run.stderr).toBe('');
      await handle.request({ op: 'reset' });
      await handle.request({ op: 'dump', file: join(scratch, 'warm.tar.zst') });
    } finally {
      await handle.stop();
    }
  });

  it('starts a later boot from the dumped data directory, with what the first had made', async () => {
    const warm = await new PGliteProvider().create({
      dataDir: join(scratch, 'warm.tar.zst'),
      extensions: ['citext'],
    });
    try {
      expect(await warm.query("SELECT name::text FROM replayed WHERE name = 'BASE'")).toEqual([
        { name: 'Base' },
      ]);
    } finally {
      await warm.dispose();
    }
  });

  it('records the PGlite version its data directory was made with', () => {
    const record = JSON.parse(readFileSync(join(bundled('cli.js'), '..', 'pglite', 'datadir.json'), 'utf8'));
    const installed = JSON.parse(
      readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8'),
    ).version;
    expect(record).toMatchObject({ pglite: installed, postgres: '18.6' });
  });

  it('reports a data directory it cannot boot from as unavailable', async () => {
    await expect(
      new PGliteProvider().create({ dataDir: join(scratch, 'missing.tar.zst') }),
    ).rejects.toMatchObject({
      name: 'DatabaseUnavailable',
      message: expect.stringMatching(/did not start: .*ENOENT/),
    });
  });
});
