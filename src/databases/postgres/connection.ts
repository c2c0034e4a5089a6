import type { Client, ClientConfig } from 'pg';
import { loadVendor } from '../vendor.js';
import { within } from '../timeout.js';
import type { ServerUrl } from '../server-url.js';

export const DEFAULT_PORT = 5432;

/** node-postgres settings for `database` on the URL's server (as the URL's user). */
export function clientConfig(server: ServerUrl, database: string): ClientConfig {
  const sslmode = server.params.get('sslmode');
  return {
    host: server.host,
    port: server.port ?? DEFAULT_PORT,
    user: server.user,
    password: server.password,
    database,
    // libpq's `require`, `verify-ca`, `verify-full` mean TLS; `disable`, `allow`, `prefer` (default) mean
    // none for node-postgres, which cannot fall back from one to the other.
    ssl: sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full' ? {} : undefined,
    connectionTimeoutMillis: 5_000,
    application_name: 'headsup',
  };
}

/** A connected client; an error it raises later (the server going away) never crashes the process. */
export async function connect(config: ClientConfig): Promise<Client> {
  const pg = await loadVendor('pg');
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    void client.end().catch(() => undefined);
    throw e;
  }
  return client;
}

/** Ends a client within ms, whatever the server does. */
export async function endWithin(client: Client, ms: number): Promise<void> {
  await within(client.end(), ms, 'end').catch(() => {
    // node-postgres has no destroy(); its socket does.
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  });
}

/** A quoted identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
