import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { PGliteProvider } from '../../src/databases/pglite/provider.js';
import { bundled } from '../helpers/bundle.js';
import { MYSQL_URL, POSTGRES_URL } from '../helpers/servers.js';

const scratch = mkdtempSync(join(tmpdir(), 'headsup-pglite-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the providers from the bundle, and a warm base', () => {
  it('run as dist/ has them: the PGlite worker, its files and the drivers beside the bundle', async () => {
    // A probe bundled next to cli.js in the private copy of dist/, under the temporary folder: no
    // node_modules above it to fall back on.
    const dist = dirname(bundled('cli.js'));
    const probe = join(dist, `probe-${process.pid}.js`);
    await build({
      entryPoints: ['__tests__/helpers/bundled-databases.ts'],
      outfile: probe,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      logLevel: 'warning',
      banner: {
        js: "import { createRequire as __probeRequire } from 'node:module'; const require = __probeRequire(import.meta.url);",
      },
    });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [probe, join(scratch, 'warm.tar.zst'), POSTGRES_URL, MYSQL_URL],
      { cwd: '/' },
    );
    const [pglite, postgres, mysql, sqlite] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(pglite).toEqual({
      description: 'PostgreSQL 18.6 (PGlite, embedded)',
      python: 0,
      rows: [{ name: 'Base' }],
    });
    expect(postgres.description).toMatch(/^PostgreSQL 15\.\d+ \(127\.0\.0\.1:5432\)$/);
    expect(mysql.description).toMatch(/^MariaDB 10\.11\.\d+ \(127\.0\.0\.1:3306\)$/);
    expect(sqlite.description).toMatch(/^SQLite 3\.\d+\.\d+ \(temporary file\)$/);
    for (const db of [postgres, mysql, sqlite]) expect(db.rows).toEqual([{ one: 1 }]);
  });

  it('start a later boot from the dumped data directory, with what the first had made', async () => {
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
