/**
 * Throwaway databases for the dry run: `providerFor()` turns `--database` into a provider, each created
 * database stays registered until disposed (`disposeAll()` for the signal path; cleanUpOnExit() in
 * src/signals.ts runs it on SIGINT/SIGTERM). Each engine's code is loaded only when asked for.
 */
import type { DatabaseSpec } from '../database-spec.js';
import { describeDatabase } from '../database-spec.js';
import { DatabaseUnavailable, type CreateOptions, type DatabaseProvider, type Engine } from './types.js';

export * from './types.js';
export { disposeAll, liveDatabases } from './registry.js';
export { availablePGliteExtensions, pgliteExtensionName, missingExtension } from './pglite/extensions.js';
export type { PGliteCreateOptions, PGliteDatabase } from './pglite/provider.js';
export type { ServerProviderOptions } from './throwaway-name.js';
export { SWEEP_AFTER_MS } from './throwaway-name.js';

const ENGINE_NAMES: Record<Engine, string> = { postgresql: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite' };

function specEngine(spec: Exclude<DatabaseSpec, { kind: 'none' }>): Engine {
  switch (spec.kind) {
    case 'sqlite':
      return 'sqlite';
    case 'pglite':
      return 'postgresql';
    case 'url':
      return spec.engine;
    case 'docker':
      return spec.engine === 'postgres' ? 'postgresql' : 'mysql';
  }
}

/**
 * The provider for `--database`, for migrations written for `dialect`. Throws DatabaseUnavailable when the
 * database is of another engine than the migrations (pass the spec's own engine to run them there anyway).
 * `none` has no database: the orchestrator renders offline SQL instead of asking.
 */
export function providerFor(spec: DatabaseSpec, dialect: Engine): DatabaseProvider {
  if (spec.kind === 'none') throw new Error('--database none has no provider');
  const engine = specEngine(spec);
  if (engine !== dialect)
    throw new DatabaseUnavailable(
      `--database ${describeDatabase(spec)} is ${ENGINE_NAMES[engine]}, but the migrations are written for ` +
        `${ENGINE_NAMES[dialect]}: pass a ${ENGINE_NAMES[dialect]} database (or --dialect).`,
    );
  const kind = spec.kind === 'url' ? (spec.engine === 'postgresql' ? 'postgres' : 'mysql') : spec.kind;
  // Each engine's module (and its driver) is imported only when a database is created.
  const lazy = (load: () => Promise<DatabaseProvider>): DatabaseProvider => ({
    name: spec.kind === 'docker' ? describeDatabase(spec) : kind,
    engine,
    create: async (opts?: CreateOptions) => (await load()).create(opts),
  });
  switch (spec.kind) {
    case 'pglite':
      return lazy(async () => new (await import('./pglite/provider.js')).PGliteProvider());
    case 'sqlite':
      return lazy(async () => new (await import('./sqlite/provider.js')).SqliteProvider());
    case 'url':
      return spec.engine === 'postgresql'
        ? lazy(async () => new (await import('./postgres/provider.js')).PostgresProvider(spec.url))
        : lazy(async () => new (await import('./mysql/provider.js')).MysqlProvider(spec.url));
    case 'docker':
      return lazy(
        async () => new (await import('./docker/provider.js')).DockerProvider(spec.engine, spec.tag),
      );
  }
}
