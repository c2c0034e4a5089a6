import { hostname } from 'node:os';
import type { Client } from 'pg';
import type { CreateOptions, DatabaseProvider, ThrowawayDatabase } from '../types.js';
import { DatabaseUnavailable } from '../types.js';
import { keepAlive } from '../registry.js';
import { within } from '../timeout.js';
import { parseServerUrl, hostPort, type ServerUrl } from '../server-url.js';
import { NAME_LIKE, SWEEP_AFTER_MS, staleNames, throwawayName } from '../throwaway-name.js';
import type { ServerProviderOptions } from '../throwaway-name.js';
import { DEFAULT_PORT, clientConfig, connect, endWithin, ident } from './connection.js';

/** The most a dispose() may take: connect, drop, disconnect. */
const DISPOSE_MS = 5_000;

/**
 * A throwaway database on the PostgreSQL server of a `postgres://` URL: `headsup_…`, created by the URL's
 * user (who then owns it), dropped afterwards. The URL's own database is only connected to.
 */
export class PostgresProvider implements DatabaseProvider {
  readonly name = 'postgres';
  readonly engine = 'postgresql' as const;
  private readonly server: ServerUrl;
  private readonly options: ServerProviderOptions;

  constructor(url: string, options: ServerProviderOptions = {}) {
    this.server = parseServerUrl(url);
    this.options = options;
  }

  async create(opts: CreateOptions = {}): Promise<ThrowawayDatabase> {
    const server = this.server;
    const where = hostPort(server, DEFAULT_PORT);
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const admin = await connect(clientConfig(server, server.database ?? 'postgres')).catch((e: Error) => {
      throw new DatabaseUnavailable(`Cannot connect to PostgreSQL at ${where}: ${e.message}`);
    });
    try {
      return await within(this.createWith(admin, where), timeoutMs, `no database within ${timeoutMs} ms`);
    } finally {
      await endWithin(admin, 1_000);
    }
  }

  private async createWith(admin: Client, where: string): Promise<ThrowawayDatabase> {
    const server = this.server;
    const now = this.options.now?.() ?? Date.now();
    const { rows } = await admin.query<{ server_version: string; num: string; user: string }>(
      `SELECT current_setting('server_version') AS server_version,
              current_setting('server_version_num') AS num, current_user AS user`,
    );
    // The URL may name no user (libpq's defaults): Python must then log in as the one the server saw.
    const user = rows[0].user;
    // "15.20 (Debian 15.20-0+deb12u1)" → "15.20"
    const version = rows[0].server_version.split(' ')[0];
    const versionNum = Number(rows[0].num);
    await sweep(admin, Date.now(), this.options.sweepOlderThanMs ?? SWEEP_AFTER_MS);

    const name = throwawayName(now);
    let client: Client | undefined;
    // Registered before CREATE DATABASE: a signal during create() drops it too.
    const dispose = keepAlive(async () => {
      if (client) await endWithin(client, 1_000);
      await within(drop(server, name, versionNum >= 130000), DISPOSE_MS, 'drop');
    });
    try {
      await admin.query(`CREATE DATABASE ${ident(name)}`);
    } catch (e) {
      await dispose();
      const err = e as Error & { code?: string };
      if (err.code === '42501')
        throw new DatabaseUnavailable(
          `The PostgreSQL user "${user}" may not create databases on ${where}, and the dry ` +
            `run needs one of its own: grant it with ALTER ROLE ${ident(user)} CREATEDB, ` +
            `or use a URL for a user who has CREATEDB.`,
        );
      throw new DatabaseUnavailable(`Cannot create a database on PostgreSQL at ${where}: ${err.message}`);
    }
    try {
      const note = `headsup throwaway, created ${new Date(now).toISOString()} by pid ${process.pid} on ${hostname()}`;
      await admin.query(`COMMENT ON DATABASE ${ident(name)} IS '${note.replace(/'/g, "''")}'`);
      client = await connect(clientConfig(server, name));
    } catch (e) {
      await dispose();
      throw new DatabaseUnavailable(
        `Cannot use the new database on PostgreSQL at ${where}: ${(e as Error).message}`,
      );
    }
    const sslmode = server.params.get('sslmode');
    const node = client;
    return {
      engine: 'postgresql',
      description: `PostgreSQL ${version} (${where})`,
      engineVersion: version,
      name,
      target: {
        engine: 'postgresql',
        host: server.host,
        port: server.port ?? DEFAULT_PORT,
        user,
        password: server.password,
        database: name,
        query: sslmode ? { sslmode } : undefined,
        defaultDriver: 'postgresql+psycopg2',
      },
      query: async <R>(sql: string, params?: unknown[]) => (await node.query(sql, params)).rows as R[],
      afterClient: async () => undefined,
      dispose,
    };
  }
}

/** Drops a throwaway database, ending its other sessions first (FORCE from PostgreSQL 13). */
async function drop(server: ServerUrl, name: string, force: boolean): Promise<void> {
  const admin = await connect(clientConfig(server, server.database ?? 'postgres'));
  try {
    await admin.query(`SET statement_timeout = '4s'`);
    if (!force)
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
    await admin.query(`DROP DATABASE IF EXISTS ${ident(name)}${force ? ' WITH (FORCE)' : ''}`);
  } finally {
    await endWithin(admin, 1_000);
  }
}

/**
 * Drops the throwaway databases killed runs left on this server, once older than olderThanMs. Never one
 * still in use (no FORCE), never one headsup did not name; a failure only leaves it for the next run.
 */
async function sweep(admin: Client, now: number, olderThanMs: number): Promise<void> {
  try {
    await admin.query(`SET statement_timeout = '4s'`);
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [NAME_LIKE],
    );
    for (const name of staleNames(
      rows.map((r) => r.datname),
      now,
      olderThanMs,
    ))
      await admin.query(`DROP DATABASE IF EXISTS ${ident(name)}`).catch(() => undefined);
    await admin.query('RESET statement_timeout');
  } catch {
    // The sweep is housekeeping: it never stops a run.
  }
}
