/** The pieces of a server URL (`postgres://`, `postgresql+psycopg2://`, `mysql://`, `mariadb://` …). */
export interface ServerUrl {
  /** A host name or address (IPv6 without brackets), or a socket directory for PostgreSQL (`?host=`). */
  host: string;
  port?: number;
  user?: string;
  password?: string;
  /** The database the URL names: connected to for CREATE/DROP DATABASE only, never written to. */
  database?: string;
  params: URLSearchParams;
}

export function parseServerUrl(url: string): ServerUrl {
  const u = new URL(url);
  const decode = (s: string): string | undefined => (s ? decodeURIComponent(s) : undefined);
  const database = decode(u.pathname.replace(/^\//, ''));
  return {
    host: u.searchParams.get('host') ?? (u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost'),
    port: u.port ? Number(u.port) : undefined,
    user: decode(u.username),
    password: decode(u.password),
    database,
    params: u.searchParams,
  };
}

/** host:port for messages and descriptions; never the password. */
export function hostPort(server: ServerUrl, defaultPort: number): string {
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  return `${host}:${server.port ?? defaultPort}`;
}
