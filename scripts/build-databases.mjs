// The throwaway databases' part of the build (scripts/build.mjs calls it): what dist/ needs beyond cli.js and
// index.js, since the action runs dist/ with no node_modules.
//   dist/pglite/worker.js        the PGlite worker, PGlite and pglite-socket bundled in
//   dist/pglite/pglite.{wasm,data}  PGlite's WASM and file-system bundle, found beside worker.js
//   dist/pglite/extensions/      the contrib tarballs of the catalog (src/databases/pglite/extensions.ts)
//   dist/pglite/datadir.tar.zst  the pre-initialised data directory, kept from build to build (see below)
//   dist/vendor/{pg,mysql2,testcontainers}.cjs  loaded only when a provider needs one (src/databases/vendor.ts)
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { dataDirIsCurrent, makeDataDir } from './build-pglite-datadir.mjs';
import { importTs } from './import-ts.mjs';

const { EXTENSIONS } = await importTs('src/databases/pglite/extensions.ts');
const { DATADIR_FILE } = await importTs('src/databases/pglite/assets.ts');

const require = createRequire(import.meta.url);
const KEEP = new Set([`pglite/${DATADIR_FILE}`, 'pglite/datadir.json']);

/**
 * Empties dist/ but for the data directory, when it was made by the installed PGlite: a dump is not
 * deterministic, and CI checks that a build reproduces the committed dist/ byte for byte. Nothing is
 * removed and written back, so a test reading it meanwhile never misses it.
 */
export function emptyDist() {
  const keep = dataDirIsCurrent() ? KEEP : new Set();
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = join(dir, entry.name).slice('dist/'.length);
      if (keep.has(rel)) continue;
      if (entry.isDirectory() && [...keep].some((k) => k.startsWith(rel + '/'))) walk(join(dir, entry.name));
      else rmSync(join(dir, entry.name), { recursive: true, force: true });
    }
  };
  walk('dist');
  mkdirSync('dist', { recursive: true });
}

/**
 * Packages bundled on their own, loaded at run time only by the provider that needs them. CommonJS
 * packages, bundled as CommonJS: their __dirname and require() keep working.
 */
const VENDOR = {
  pg: { from: 'pg', external: ['pg-native'] },
  mysql2: { from: 'mysql2/promise', external: [] },
  // ssh2's native helpers are optional (it falls back to JavaScript); no engine here needs them.
  testcontainers: { from: 'testcontainers', external: ['cpu-features', '*.node'] },
  // The action's warm-base cache (src/github/base-cache.ts): only a workflow run loads it.
  'actions-cache': { from: '@actions/cache', external: [], esm: true },
};

export async function buildDatabases(common) {
  mkdirSync('dist/pglite/extensions', { recursive: true });
  await build({
    ...common,
    entryPoints: { worker: 'src/databases/pglite/worker.ts' },
    outfile: 'dist/pglite/worker.js',
  });
  const pglite = dirname(require.resolve('@electric-sql/pglite'));
  for (const file of ['pglite.wasm', 'pglite.data'])
    copyFileSync(join(pglite, file), join('dist/pglite', file));
  for (const { file, pkg } of Object.values(EXTENSIONS)) {
    const dir = dirname(require.resolve(pkg ?? '@electric-sql/pglite'));
    copyFileSync(join(dir, file), join('dist/pglite/extensions', file));
  }
  if (!dataDirIsCurrent()) await makeDataDir();

  for (const [name, { from, external, esm }] of Object.entries(VENDOR))
    await build({
      ...common,
      format: 'cjs',
      banner: {},
      // An ESM-only package is re-exported: the CommonJS bundle's exports are its namespace.
      stdin: {
        contents: esm ? `export * from '${from}';` : `module.exports = require('${from}');`,
        resolveDir: '.',
        loader: 'js',
      },
      outfile: `dist/vendor/${name}.cjs`,
      external,
    });
}
