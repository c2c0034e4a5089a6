import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { ConnectTarget } from '../../src/databases/types.js';

const run = promisify(execFile);

/**
 * Uniquely named `headsup_<random>` databases on the local servers, for tests that run real migrations.
 * Tests create them in beforeAll and drop them in afterAll; nothing else on the servers is written.
 */
export interface ScratchDb {
  name: string;
  target: ConnectTarget;
  /** Rows of a query, each a list of text values. */
  rows(sql: string): Promise<string[][]>;
  drop(): Promise<void>;
}

const PG = ['-h', '127.0.0.1', '-p', '5432', '-U', 'postgres', '-X', '-q', '-v', 'ON_ERROR_STOP=1'];
const MARIADB = ['-h', '127.0.0.1', '-P', '3306', '-u', 'root', '-N', '-B'];

function uniqueName(): string {
  return `headsup_${randomBytes(6).toString('hex')}`;
}

async function psql(database: string, sql: string): Promise<string[][]> {
  const { stdout } = await run('psql', [...PG, '-d', database, '-At', '-F', '\t', '-c', sql]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
}

async function mariadb(database: string | undefined, sql: string): Promise<string[][]> {
  const { stdout } = await run('mariadb', [...MARIADB, ...(database ? [database] : []), '-e', sql]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
}

/** Why the local server cannot be used (said once on the console), or undefined when it can. */
export async function serverMissing(
  engine: 'postgresql' | 'mysql',
  suite: string,
): Promise<string | undefined> {
  try {
    if (engine === 'postgresql') await psql('postgres', 'select 1');
    else await mariadb(undefined, 'select 1');
    return undefined;
  } catch (err) {
    const why = `no ${engine} server at 127.0.0.1 (${(err as Error).message.split('\n')[0]})`;
    console.log(`skipping ${suite}: ${why}`);
    return why;
  }
}

export async function scratchPostgres(): Promise<ScratchDb> {
  const name = uniqueName();
  await psql('postgres', `CREATE DATABASE ${name}`);
  return {
    name,
    target: {
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: name,
      defaultDriver: 'psycopg2',
    },
    rows: (sql) => psql(name, sql),
    drop: async () => {
      await psql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function scratchMariaDb(): Promise<ScratchDb> {
  const name = uniqueName();
  await mariadb(undefined, `CREATE DATABASE ${name}`);
  return {
    name,
    target: {
      engine: 'mysql',
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      database: name,
      defaultDriver: 'pymysql',
    },
    rows: (sql) => mariadb(name, sql),
    drop: async () => {
      await mariadb(undefined, `DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/** The `headsup_*` databases on the local PostgreSQL: a test compares them before and after its runs. */
export function headsupDatabasesOnPostgres(): string[] {
  return execFileSync(
    'psql',
    [
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-Atc',
      "SELECT datname FROM pg_database WHERE datname LIKE 'headsup%'",
    ],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter(Boolean);
}

/** The `headsup_*` databases on the local MariaDB. */
export function headsupDatabasesOnMariaDb(): string[] {
  return execFileSync(
    'mariadb',
    ['-h', '127.0.0.1', '-u', 'root', '-N', '-e', "SHOW DATABASES LIKE 'headsup%'"],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean);
}
