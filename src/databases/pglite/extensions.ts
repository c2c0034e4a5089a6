/**
 * The PostgreSQL extensions headsup's embedded PostgreSQL can create. PGlite only knows the extensions it is
 * given at boot, each a tarball of its control, SQL and WASM files. Loading one costs a few milliseconds,
 * all of them ~1 s of CPU and ~20 MiB (unpacking, compiling their WASM): a boot loads only those the
 * migrations name. The build imports this file by its .ts name to copy the tarballs: no imports here.
 */

export interface ExtensionBundle {
  /** The tarball's file name, in PGlite's package (or `pkg`'s) and beside the bundled worker. */
  file: string;
  /** The npm package that ships it, when not @electric-sql/pglite itself. */
  pkg?: string;
  /** Extensions CREATE EXTENSION … CASCADE would create first. */
  requires?: string[];
  /** Libraries PostgreSQL must preload at start (shared_preload_libraries). */
  preload?: string[];
}

const contrib = (file: string, more: Omit<ExtensionBundle, 'file'> = {}): ExtensionBundle => ({
  file,
  ...more,
});

/** CREATE EXTENSION name → the bundle that provides it. PostGIS has no PGlite build. */
export const EXTENSIONS: Readonly<Record<string, ExtensionBundle>> = {
  amcheck: contrib('amcheck.tar.gz'),
  autoinc: contrib('spi.tar.gz'),
  bloom: contrib('bloom.tar.gz'),
  btree_gin: contrib('btree_gin.tar.gz'),
  btree_gist: contrib('btree_gist.tar.gz'),
  citext: contrib('citext.tar.gz'),
  cube: contrib('cube.tar.gz'),
  dict_int: contrib('dict_int.tar.gz'),
  dict_xsyn: contrib('dict_xsyn.tar.gz'),
  earthdistance: contrib('earthdistance.tar.gz', { requires: ['cube'] }),
  file_fdw: contrib('file_fdw.tar.gz'),
  fuzzystrmatch: contrib('fuzzystrmatch.tar.gz'),
  hstore: contrib('hstore.tar.gz'),
  insert_username: contrib('spi.tar.gz'),
  intarray: contrib('intarray.tar.gz'),
  isn: contrib('isn.tar.gz'),
  lo: contrib('lo.tar.gz'),
  ltree: contrib('ltree.tar.gz'),
  moddatetime: contrib('spi.tar.gz'),
  pageinspect: contrib('pageinspect.tar.gz'),
  pg_buffercache: contrib('pg_buffercache.tar.gz'),
  pg_freespacemap: contrib('pg_freespacemap.tar.gz'),
  pg_logicalinspect: contrib('pg_logicalinspect.tar.gz'),
  pg_stat_statements: contrib('pg_stat_statements.tar.gz', { preload: ['pg_stat_statements'] }),
  pg_surgery: contrib('pg_surgery.tar.gz'),
  pg_trgm: contrib('pg_trgm.tar.gz'),
  pg_uuidv7: contrib('pg_uuidv7.tar.gz', { pkg: '@electric-sql/pglite-pg_uuidv7' }),
  pg_visibility: contrib('pg_visibility.tar.gz'),
  pg_walinspect: contrib('pg_walinspect.tar.gz'),
  pgcrypto: contrib('pgcrypto.tar.gz'),
  refint: contrib('spi.tar.gz'),
  seg: contrib('seg.tar.gz'),
  tablefunc: contrib('tablefunc.tar.gz'),
  tcn: contrib('tcn.tar.gz'),
  tsm_system_rows: contrib('tsm_system_rows.tar.gz'),
  tsm_system_time: contrib('tsm_system_time.tar.gz'),
  unaccent: contrib('unaccent.tar.gz'),
  'uuid-ossp': contrib('uuid-ossp.tar.gz'),
  vector: contrib('vector.tar.gz', { pkg: '@electric-sql/pglite-pgvector' }),
};

/** Every extension name the embedded PostgreSQL can create, sorted. */
export function availablePGliteExtensions(): string[] {
  return Object.keys(EXTENSIONS).sort();
}

/**
 * The catalog name for an extension as a migration wrote it: `"uuid-ossp"`, `UUID-OSSP`, `uuid_ossp` (the
 * name PGlite's JavaScript import uses), `pg_trgm`. Undefined when the embedded PostgreSQL has no such
 * extension (e.g. postgis): the caller reports it rather than running into PostgreSQL's error.
 */
export function pgliteExtensionName(written: string): string | undefined {
  const name = written
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  if (name in EXTENSIONS) return name;
  const dashed = name.replace(/_/g, '-');
  return dashed in EXTENSIONS ? dashed : undefined;
}

/** The bundles to load for the named extensions (and what they require), each once. Unknown names are skipped. */
export function bundlesFor(names: readonly string[]): Map<string, ExtensionBundle> {
  const out = new Map<string, ExtensionBundle>();
  const add = (written: string): void => {
    const name = pgliteExtensionName(written);
    if (!name || out.has(name)) return;
    const bundle = EXTENSIONS[name];
    out.set(name, bundle);
    for (const required of bundle.requires ?? []) add(required);
  };
  for (const name of names) add(name);
  return out;
}

/**
 * The extension a failed statement lacked, from PostgreSQL's message (`extension "citext" is not
 * available`, or `could not open extension control file ".../citext.control"`), so a caller can boot again
 * with it. Undefined for any other message.
 */
export function missingExtension(message: string): string | undefined {
  return (
    message.match(/extension "([^"]+)" is not available/)?.[1] ??
    message.match(/extension control file "[^"]*\/([^"/]+)\.control"/)?.[1]
  );
}
