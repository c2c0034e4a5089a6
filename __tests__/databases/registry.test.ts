import { describe, expect, it } from 'vitest';
import { disposeAll, liveDatabases, providerFor } from '../../src/databases/index.js';
import { keepAlive } from '../../src/databases/registry.js';
import { onCleanup, runCleanups } from '../../src/cleanup.js';
import { createdAt, staleNames, throwawayName } from '../../src/databases/throwaway-name.js';
import { parseServerUrl, hostPort } from '../../src/databases/server-url.js';
import { parseDatabaseSpec } from '../../src/database-spec.js';

describe('the live registry', () => {
  it('holds a teardown until it has run once, and disposeAll runs them all', async () => {
    const ran: string[] = [];
    const a = keepAlive(async () => void ran.push('a'));
    keepAlive(async () => void ran.push('b'));
    expect(liveDatabases()).toBe(2);
    await a();
    await a();
    expect(ran).toEqual(['a']);
    expect(liveDatabases()).toBe(1);
    await disposeAll();
    expect(ran).toEqual(['a', 'b']);
    expect(liveDatabases()).toBe(0);
  });

  it('gives up on a teardown that hangs, and swallows one that throws', async () => {
    keepAlive(() => new Promise<void>(() => undefined));
    keepAlive(async () => {
      throw new Error('boom');
    });
    await disposeAll(200);
    expect(liveDatabases()).toBe(1); // the hung one is still registered: a later sweep is the safety net
  });
});

describe('cleanups on a signal', () => {
  it('run child processes first, then databases, each registered undo once', async () => {
    const order: string[] = [];
    onCleanup('databases', () => void order.push('database'));
    const off = onCleanup('processes', () => void order.push('unregistered'));
    onCleanup('processes', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('python');
    });
    off();
    await runCleanups(1_000);
    await runCleanups(1_000);
    expect(order).toEqual(['python', 'database']);
  });
});

describe('throwaway names', () => {
  it('carry their creation time and a check only headsup computes', () => {
    const when = Date.UTC(2026, 11, 7, 12, 0, 0);
    const name = throwawayName(when);
    expect(name).toMatch(/^headsup_[0-9a-z]+_[0-9a-f]{10}_[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(createdAt(name)).toBe(when);
    expect(createdAt(name.slice(0, -1) + (name.endsWith('0') ? '1' : '0'))).toBeUndefined();
    expect(createdAt('headsup_manual')).toBeUndefined();
  });

  it('are stale once older than the threshold', () => {
    const now = Date.now();
    const old = throwawayName(now - 2 * 3600_000);
    const young = throwawayName(now - 60_000);
    expect(staleNames([old, young, 'headsup_other'], now, 3600_000)).toEqual([old]);
  });
});

describe('server URLs', () => {
  it('give host, port, user, password and database, with a driver in the scheme or not', () => {
    const url = parseServerUrl('postgresql+psycopg2://me:p%40ss@db.example:6543/app?sslmode=require');
    expect(url).toMatchObject({
      host: 'db.example',
      port: 6543,
      user: 'me',
      password: 'p@ss',
      database: 'app',
    });
    expect(url.params.get('sslmode')).toBe('require');
    expect(parseServerUrl('mysql://root@[::1]/')).toMatchObject({
      host: '::1',
      port: undefined,
      database: undefined,
    });
    expect(hostPort(parseServerUrl('mysql://root@[::1]/'), 3306)).toBe('[::1]:3306');
    expect(parseServerUrl('postgres:///db?host=/var/run/postgresql').host).toBe('/var/run/postgresql');
  });
});

describe('providerFor', () => {
  it('names the provider of each kind of --database', () => {
    const name = (spec: string, dialect: 'postgresql' | 'mysql' | 'sqlite') =>
      providerFor(parseDatabaseSpec(spec), dialect).name;
    expect(name('pglite', 'postgresql')).toBe('pglite');
    expect(name('sqlite', 'sqlite')).toBe('sqlite');
    expect(name('postgres://u@h/db', 'postgresql')).toBe('postgres');
    expect(name('mariadb://u@h/', 'mysql')).toBe('mysql');
  });

  it('refuses a database of another engine than the migrations', () => {
    expect(() => providerFor(parseDatabaseSpec('pglite'), 'mysql')).toThrow(
      '--database pglite is PostgreSQL, but the migrations are written for MySQL: pass a MySQL database (or --dialect).',
    );
    expect(() => providerFor({ kind: 'none' }, 'postgresql')).toThrow(/no provider/);
  });
});
