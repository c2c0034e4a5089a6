// The parsers' part of the build (scripts/build.mjs calls it), each loaded at run time only when needed
// (src/vendored.ts): the SQL parsers when a dry run captured statements to check, YAML when a config exists.
//   dist/vendor/libpg-query.{cjs,wasm}   PostgreSQL's parser; the CommonJS bundle finds its WASM beside it
//   dist/vendor/sql-parser-{mysql,mariadb,sqlite}.cjs   node-sql-parser, one grammar each
//   dist/vendor/yaml.cjs                  the yaml package (.headsup.yml)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const BUNDLES = {
  'libpg-query': 'libpg-query',
  'sql-parser-mysql': 'node-sql-parser/build/mysql',
  'sql-parser-mariadb': 'node-sql-parser/build/mariadb',
  'sql-parser-sqlite': 'node-sql-parser/build/sqlite',
  yaml: 'yaml',
};

export async function buildParsers(common) {
  mkdirSync('dist/vendor', { recursive: true });
  for (const [name, from] of Object.entries(BUNDLES))
    await build({
      ...common,
      format: 'cjs',
      banner: {},
      stdin: { contents: `module.exports = require('${from}');`, resolveDir: '.', loader: 'js' },
      outfile: `dist/vendor/${name}.cjs`,
    });
  const wasm = join(dirname(require.resolve('libpg-query')), 'libpg-query.wasm');
  copyFileSync(wasm, 'dist/vendor/libpg-query.wasm');
}
