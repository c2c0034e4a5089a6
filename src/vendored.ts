/**
 * Packages only some runs need, loaded when first asked for: the SQL parsers (a dry run with statements to
 * check) and the YAML parser (a repository with a .headsup.yml). A static-only run never parses them. The bundle
 * loads them from dist/vendor/<file> (scripts/build-parsers.mjs), the sources (vitest) from node_modules; both
 * give module.exports as `default`.
 */
const fromSources = import.meta.url.endsWith('.ts');

export async function vendored<T>(file: string, specifier: string): Promise<T> {
  const url = fromSources ? specifier : new URL(`./vendor/${file}`, import.meta.url).href;
  const module = (await import(url)) as { default: T };
  return module.default;
}
