// The SQL parsers' part of the build (scripts/build.mjs calls it): loaded at run time only when a dry run
// captured statements to check (src/rules/sql/lib/parsers.ts).
//   dist/vendor/libpg-query.{cjs,wasm}   PostgreSQL's parser; the CommonJS bundle finds its WASM beside it
//   dist/vendor/sql-parser-{mysql,mariadb,sqlite}.cjs   node-sql-parser, one grammar each
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
