/**
 * Packages only some runs need, loaded when a provider asks: pg and mysql2 would add ~1.3 MB to parse to
 * every CLI start, testcontainers ~0.4–0.7 s to import. The bundle loads them from dist/vendor/<name>.cjs
 * (scripts/build-databases.mjs), the sources from node_modules; both give module.exports as `default`.
 */
type Vendored = {
  pg: typeof import('pg');
  mysql2: typeof import('mysql2/promise');
  testcontainers: typeof import('testcontainers');
  'actions-cache': typeof import('@actions/cache');
};

const PACKAGES: Record<keyof Vendored, string> = {
  pg: 'pg',
  mysql2: 'mysql2/promise',
  testcontainers: 'testcontainers',
  'actions-cache': '@actions/cache',
};

const fromSources = import.meta.url.endsWith('.ts');

export async function loadVendor<K extends keyof Vendored>(name: K): Promise<Vendored[K]> {
  const specifier = fromSources ? PACKAGES[name] : new URL(`./vendor/${name}.cjs`, import.meta.url).href;
  const module = (await import(specifier)) as { default: Vendored[K] };
  return module.default;
}
