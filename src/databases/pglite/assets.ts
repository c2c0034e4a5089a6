/**
 * Where the PGlite worker and its files are. The bundle (dist/cli.js, dist/index.js) finds them in
 * dist/pglite/, which the build fills (scripts/build-databases.mjs); the sources (vitest) run the worker's
 * .ts file and take the tarballs from node_modules, and the data directory from the committed dist/.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtensionBundle } from './extensions.js';

/** The data directory's file name in dist/pglite/ (see scripts/build-pglite-datadir.mjs). */
export const DATADIR_FILE = 'datadir.tar.zst';

const fromSources = import.meta.url.endsWith('.ts');

export function workerUrl(): URL {
  return fromSources
    ? new URL('./worker.ts', import.meta.url)
    : new URL('./pglite/worker.js', import.meta.url);
}

/** The pre-initialised data directory every boot starts from, unless given a warm one. */
export function shippedDataDir(): string {
  return fileURLToPath(
    fromSources
      ? new URL(`../../../dist/pglite/${DATADIR_FILE}`, import.meta.url)
      : new URL(`./pglite/${DATADIR_FILE}`, import.meta.url),
  );
}

export function extensionFile(bundle: ExtensionBundle): string {
  if (!fromSources) return fileURLToPath(new URL(`./pglite/extensions/${bundle.file}`, import.meta.url));
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(bundle.pkg ?? '@electric-sql/pglite')), bundle.file);
}
