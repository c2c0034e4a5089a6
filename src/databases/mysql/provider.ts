import type { Connection } from 'mysql2/promise';
import type { CreateOptions, DatabaseProvider, ThrowawayDatabase } from '../types.js';
import { DatabaseUnavailable } from '../types.js';
import { keepAlive } from '../registry.js';
import { within } from '../timeout.js';
import { parseServerUrl, hostPort, type ServerUrl } from '../server-url.js';
import { NAME_LIKE, SWEEP_AFTER_MS, staleNames, throwawayName } from '../throwaway-name.js';
import type { ServerProviderOptions } from '../throwaway-name.js';
import { DEFAULT_PORT, connect, connectionOptions, endWithin, ident } from './connection.js';

/** The most a dispose() may take: connect, end the database's sessions, drop, disconnect. */
const DISPOSE_MS = 5_000;

/** MySQL error numbers that mean "you may not": ER_DBACCESS_DENIED_ERROR, ER_SPECIFIC_ACCESS_DENIED_ERROR. */
const DENIED = new Set([1044, 1227]);

/**
 * A throwaway database on the MySQL or MariaDB server of a `mysql://`/`mariadb://` URL: `headsup_…`,
 * created and dropped by the URL's user. The mark is the name (throwaway-name.ts): MySQL has no database
 * comments (MariaDB has them from 10.5), and a marker table would show in every snapshot and model diff.
 */
export class MysqlProvider implements DatabaseProvider {
  readonly name = 'mysql';
  readonly engine = 'mysql' as const;
  private readonly server: ServerUrl;
  private readonly options: ServerProviderOptions;

  constructor(url: string, options: ServerProviderOptions = {}) {
    this.server = parseServerUrl(url);
    this.options = options;
  }

  async create(opts: CreateOptions = {}): Promise<ThrowawayDatabase> {
    const where = hostPort(this.server, DEFAULT_PORT);
    const timeoutMs = opts.timeoutMs ?? 30_000;
    // No database: the URL's own is not even selected.
    const admin = await connect(connectionOptions(this.server)).catch((e: Error) => {
      throw new DatabaseUnavailable(`Cannot connect to MySQL at ${where}: ${e.message}`);
    });
    try {
      return await within(this.createWith(admin, where), timeoutMs, `no database within ${timeoutMs} ms`);
    } finally {
      await endWithin(admin, 1_000);
    }
  }

  private async createWith(admin: Connection, where: string): Promise<ThrowawayDatabase> {
    const server = this.server;
    const [versionRows] = await admin.query('SELECT VERSION() AS v, USER() AS u');
    const { v: full, u } = (versionRows as { v: string; u: string }[])[0];
    // 'root@localhost': the URL may name no user (the driver's default).
    const user = server.user ?? u.replace(/@[^@]*$/, '');
    // "10.11.19-MariaDB-0+deb12u1" → "10.11.19-MariaDB"; "8.0.36" stays.
    const engineVersion = full.match(/^\d+(?:\.\d+)*(?:-MariaDB)?/i)?.[0] ?? full;
    const product = /mariadb/i.test(full) ? 'MariaDB' : 'MySQL';
    await sweep(admin, Date.now(), this.options.sweepOlderThanMs ?? SWEEP_AFTER_MS);

    const name = throwawayName(this.options.now?.() ?? Date.now());
    let client: Connection | undefined;
    // Registered before CREATE DATABASE: a signal during create() drops it too.
    const dispose = keepAlive(async () => {
      if (client) await endWithin(client, 1_000);
      await within(drop(server, name), DISPOSE_MS, 'drop');
    });
    try {
      await admin.query(`CREATE DATABASE ${ident(name)}`);
    } catch (e) {
      await dispose();
      const err = e as Error & { errno?: number };
      if (err.errno !== undefined && DENIED.has(err.errno))
        throw new DatabaseUnavailable(
          `The ${product} user '${user}' may not create databases on ${where}, and the dry run needs one of ` +
            `its own: GRANT ALL ON \`headsup\\_%\`.* TO '${user}'@'%' (every database headsup makes is named ` +
            `headsup_…), or use a URL for a user who may create databases.`,
        );
      throw new DatabaseUnavailable(`Cannot create a database on ${product} at ${where}: ${err.message}`);
    }
    try {
      client = await connect(connectionOptions(server, name));
    } catch (e) {
      await dispose();
      throw new DatabaseUnavailable(
        `Cannot use the new database on ${product} at ${where}: ${(e as Error).message}`,
      );
    }
    const node = client;
    return {
      engine: 'mysql',
      description: `${product} ${engineVersion.replace(/-MariaDB$/i, '')} (${where})`,
      engineVersion,
      name,
      target: {
        engine: 'mysql',
        host: server.host,
        port: server.port ?? DEFAULT_PORT,
        user,
        password: server.password,
        database: name,
        defaultDriver: 'mysql+pymysql',
      },
      query: async <R>(sql: string, params?: unknown[]) => {
        const [rows] = await node.query(sql, params);
        // DDL and DML answer with a result header, not rows.
        return Array.isArray(rows) ? (rows.map((row) => ({ ...row })) as R[]) : [];
      },
      afterClient: async () => undefined,
      dispose,
    };
  }
}

/** Drops a throwaway database after ending the sessions still in it (a transaction there would block it). */
async function drop(server: ServerUrl, name: string): Promise<void> {
  const admin = await connect(connectionOptions(server));
  try {
    await admin.query('SET SESSION lock_wait_timeout = 4');
    const [rows] = await admin.query(
      'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
      [name],
    );
    for (const { id } of rows as { id: number }[]) await admin.query('KILL ?', [id]).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${ident(name)}`);
  } finally {
    await endWithin(admin, 1_000);
  }
}

/**
 * Drops the throwaway databases killed runs left on this server, once older than olderThanMs; never one
 * headsup did not name. One still locked by a session fails the lock wait and stays for the next run.
 */
async function sweep(admin: Connection, now: number, olderThanMs: number): Promise<void> {
  try {
    await admin.query('SET SESSION lock_wait_timeout = 4');
    const [rows] = await admin.query(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
      [NAME_LIKE],
    );
    const names = (rows as { name: string }[]).map((r) => r.name);
    for (const name of staleNames(names, now, olderThanMs))
      await admin.query(`DROP DATABASE IF EXISTS ${ident(name)}`).catch(() => undefined);
  } catch {
    // The sweep is housekeeping: it never stops a run.
  }
}
