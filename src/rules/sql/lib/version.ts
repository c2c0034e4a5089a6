import type { SqlDialect } from './types.js';

/** The server version rules judge against, and where it comes from (said in messages that depend on it). */
export interface Version {
  parts: [number, number, number];
  mariadb: boolean;
  source: 'config' | 'dry run' | 'default';
  /** `PostgreSQL 15`, `MariaDB 10.11.6`, `MySQL 8.0`. */
  label: string;
}

/** What rules assume when neither the config nor a server says: a supported release of each. */
const DEFAULTS: Record<SqlDialect, string> = { postgresql: '16', mysql: '8.0', sqlite: '3.40' };

/** `15`, `15.4`, `18.6`, `8.0.36`, `10.11.6-MariaDB-0+deb12u1`; undefined when it holds no version. */
export function parseVersion(
  text: string,
  dialect: SqlDialect,
  source: Version['source'],
): Version | undefined {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  const parts: [number, number, number] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const mariadb = dialect === 'mysql' && /mariadb/i.test(text);
  const product =
    dialect === 'postgresql' ? 'PostgreSQL' : dialect === 'sqlite' ? 'SQLite' : mariadb ? 'MariaDB' : 'MySQL';
  const shown = [m[1], m[2], m[3]].filter((p) => p !== undefined).join('.');
  return { parts, mariadb, source, label: `${product} ${shown}` };
}

/** The config's assumed version, else the dry run's server, else the default. */
export function chooseVersion(dialect: SqlDialect, configured?: string, server?: string): Version {
  return (
    (configured !== undefined ? parseVersion(configured, dialect, 'config') : undefined) ??
    (server !== undefined ? parseVersion(server, dialect, 'dry run') : undefined) ??
    parseVersion(DEFAULTS[dialect], dialect, 'default')!
  );
}

export function atLeast(v: Version, major: number, minor = 0, patch = 0): boolean {
  const [a, b, c] = v.parts;
  return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

/** `PostgreSQL 15 (assumed by .headsup.yml)` — how a message names the version it judged by. */
export function versionWords(v: Version): string {
  const why =
    v.source === 'config' ? 'as configured' : v.source === 'dry run' ? 'the dry run’s server' : 'assumed';
  return `${v.label}, ${why}`;
}
