import { UsageError } from './errors.js';

/** What `--database` names: an embedded engine, a server URL, or a container image. */
export type DatabaseSpec =
  | { kind: 'none' }
  | { kind: 'sqlite' }
  | { kind: 'pglite' }
  | { kind: 'url'; engine: 'postgresql' | 'mysql'; url: string }
  | { kind: 'docker'; engine: 'postgres' | 'mysql' | 'mariadb'; tag: string };

export type Dialect = 'postgresql' | 'mysql' | 'sqlite';

export function parseDatabaseSpec(spec: string): DatabaseSpec {
  if (spec === 'none' || spec === 'sqlite' || spec === 'pglite') return { kind: spec };
  const scheme = spec.match(/^([a-z0-9+]+):\/\//i)?.[1]?.toLowerCase();
  if (scheme) {
    const base = scheme.split('+')[0];
    if (base === 'postgres' || base === 'postgresql') return { kind: 'url', engine: 'postgresql', url: spec };
    if (base === 'mysql' || base === 'mariadb') return { kind: 'url', engine: 'mysql', url: spec };
    throw new UsageError(
      `--database: unsupported URL scheme '${scheme}://' (use postgres://, postgresql://, mysql:// or mariadb://)`,
    );
  }
  const docker = spec.match(/^docker:(postgres|mysql|mariadb)(?::([\w.-]+))?$/);
  if (docker)
    return {
      kind: 'docker',
      engine: docker[1] as 'postgres' | 'mysql' | 'mariadb',
      tag: docker[2] ?? 'latest',
    };
  throw new UsageError(
    `--database: '${spec}' is not one of none, sqlite, pglite, postgres://…, mysql://…, docker:postgres:TAG, docker:mysql:TAG, docker:mariadb:TAG`,
  );
}

/** A printable name that never shows a password. */
export function describeDatabase(spec: DatabaseSpec): string {
  switch (spec.kind) {
    case 'url': {
      try {
        const u = new URL(spec.url);
        if (u.password) u.password = '***';
        return u.toString();
      } catch {
        return `${spec.engine} URL`;
      }
    }
    case 'docker':
      return `docker:${spec.engine}:${spec.tag}`;
    default:
      return spec.kind;
  }
}

export function parseDialect(value: string): Dialect {
  if (value === 'postgresql' || value === 'mysql' || value === 'sqlite') return value;
  throw new UsageError(`--dialect: '${value}' is not one of postgresql, mysql, sqlite`);
}

/** `--timeout 90` / `--statement-timeout 1.5`: seconds, positive, as milliseconds. */
export function parseSeconds(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > 86_400)
    throw new UsageError(`--${flag}: '${value}' is not a number of seconds between 0 and 86400`);
  return Math.round(n * 1000);
}

/** `--database-url-var NAME`: an environment variable name env.py may read its URL from. */
export function parseVariableName(flag: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value))
    throw new UsageError(`--${flag}: '${value}' is not an environment variable name`);
  return value;
}
