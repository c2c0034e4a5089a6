// Bundles the CLI and the action into dist/ as self-contained ESM files (no npm install needed to run them).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { buildDatabases, emptyDist } from './build-databases.mjs';
import { buildParsers } from './build-parsers.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

emptyDist();
const banner = {
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  js: "import { createRequire as __headsupCreateRequire } from 'node:module';\nconst require = __headsupCreateRequire(import.meta.url);",
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  banner,
  legalComments: 'none',
  minifyWhitespace: true,
  logLevel: 'warning',
  sourcemap: false,
  define: { __HEADSUP_VERSION__: JSON.stringify(version) },
};
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + banner.js },
});
if (existsSync('src/main.ts'))
  await build({ ...common, entryPoints: { index: 'src/main.ts' }, outfile: 'dist/index.js' });
if (existsSync('python')) cpSync('python', 'dist/python', { recursive: true });
// The Alembic runner runs in the user's Python: shipped as a file beside the bundle (see runnerScriptPath).
mkdirSync('dist/runner', { recursive: true });
cpSync('src/formats/alembic/runner/headsup_runner.py', 'dist/runner/headsup_runner.py');
await buildDatabases(common);
await buildParsers(common);
