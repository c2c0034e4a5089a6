import type { Connection, ConnectionOptions } from 'mysql2/promise';
import { loadVendor } from '../vendor.js';
import { within } from '../timeout.js';
import type { ServerUrl } from '../server-url.js';

export const DEFAULT_PORT = 3306;

/** mysql2 settings for the URL's server (as the URL's user), in `database` or in none. */
export function connectionOptions(server: ServerUrl, database?: string): ConnectionOptions {
  return {
    host: server.host,
    port: server.port ?? DEFAULT_PORT,
    user: server.user,
    password: server.password,
    database,
    connectTimeout: 5_000,
  };
}

/** A connected client; an error it raises later (the server going away) never crashes the process. */
export async function connect(options: ConnectionOptions): Promise<Connection> {
  const mysql = await loadVendor('mysql2');
  const connection = await mysql.createConnection(options);
  connection.on('error', () => undefined);
  return connection;
}

/** Ends a connection within ms, whatever the server does. */
export async function endWithin(connection: Connection, ms: number): Promise<void> {
  await within(connection.end(), ms, 'end').catch(() => connection.destroy());
}

/** A quoted identifier. */
export function ident(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}
