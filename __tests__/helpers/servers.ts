import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The local servers the tests use (trust auth, root with no password). */
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = 'mysql://root@127.0.0.1:3306/';

/** Runs SQL on the local PostgreSQL as postgres, in `database`; rows as arrays of text. */
export async function psql(sql: string, database = 'postgres'): Promise<string[][]> {
  const { stdout } = await run('psql', [
    '-h',
    '127.0.0.1',
    '-U',
    'postgres',
    '-d',
    database,
    '-XAtq',
    '-F',
    '\t',
    '-c',
    sql,
  ]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
}

/** Runs SQL on the local MariaDB as root; rows as arrays of text. */
export async function mariadb(sql: string): Promise<string[][]> {
  const { stdout } = await run('mariadb', ['-uroot', '-h127.0.0.1', '-N', '-B', '-e', sql]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
}

export async function postgresDatabaseExists(name: string): Promise<boolean> {
  return (await psql(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length > 0;
}

export async function mysqlDatabaseExists(name: string): Promise<boolean> {
  return (await mariadb(`SHOW DATABASES LIKE '${name.replace(/_/g, '\\_')}'`)).length > 0;
}
