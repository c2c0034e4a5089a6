import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { PostgresProvider } from '../../src/databases/postgres/provider.js';
import { MysqlProvider } from '../../src/databases/mysql/provider.js';
import {
  MYSQL_URL,
  POSTGRES_URL,
  mariadb,
  mysqlDatabaseExists,
  postgresDatabaseExists,
  psql,
} from '../helpers/servers.js';

interface Made {
  name: string;
  engine: string;
  port?: number;
}

/** Starts a child run from the sources that creates databases for the specs, and what it made. */
async function childWith(specs: string[], backdateMs = 0): Promise<{ child: ChildProcess; made: Made[] }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      './__tests__/helpers/ts-hooks.mjs',
      '__tests__/helpers/databases-child.ts',
      '--backdate-ms',
      String(backdateMs),
      ...specs,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, made: JSON.parse(line) };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function exists({ name, engine }: Made): Promise<boolean> {
  if (engine === 'postgresql') return postgresDatabaseExists(name);
  if (engine === 'mysql') return mysqlDatabaseExists(name);
  return existsSync(name);
}

describe('a run stopped by a signal', () => {
  it('drops every database it made on SIGTERM, then exits 143', async () => {
    const { child, made } = await childWith([POSTGRES_URL, MYSQL_URL, 'pglite', 'sqlite']);
    expect(made.map((m) => m.engine)).toEqual(['postgresql', 'mysql', 'postgresql', 'sqlite']);
    const pglite = made[2];
    expect(await exists(made[0])).toBe(true);
    expect(await exists(made[1])).toBe(true);
    expect(await listening(pglite.port!)).toBe(true);
    expect(await exists(made[3])).toBe(true);
    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 143, signal: null });
    expect(await exists(made[0])).toBe(false);
    expect(await exists(made[1])).toBe(false);
    expect(await listening(pglite.port!)).toBe(false);
    expect(await exists(made[3])).toBe(false);
  });

  it('leaves them on SIGKILL, and the next run on that server drops them once over an hour old', async () => {
    // The killed run's databases are dated two hours back, as if it had been killed then.
    const { child, made } = await childWith([POSTGRES_URL, MYSQL_URL], 2 * 60 * 60 * 1000);
    const exit = exited(child);
    child.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');
    try {
      expect(await exists(made[0])).toBe(true);
      expect(await exists(made[1])).toBe(true);
      for (const provider of [new PostgresProvider(POSTGRES_URL), new MysqlProvider(MYSQL_URL)]) {
        const next = await provider.create();
        await next.dispose();
      }
      expect(await exists(made[0])).toBe(false);
      expect(await exists(made[1])).toBe(false);
    } finally {
      // Should the sweep have failed, the test still leaves nothing behind (and touches nothing else).
      await psql(`DROP DATABASE IF EXISTS ${made[0].name}`);
      await mariadb(`DROP DATABASE IF EXISTS ${made[1].name}`);
    }
  });
});
