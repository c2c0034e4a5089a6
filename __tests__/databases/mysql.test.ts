import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlProvider } from '../../src/databases/mysql/provider.js';
import { liveDatabases, type ThrowawayDatabase } from '../../src/databases/index.js';
import { throwawayName } from '../../src/databases/throwaway-name.js';
import { runPython } from '../helpers/python.js';
import { MYSQL_URL, mariadb, mysqlDatabaseExists } from '../helpers/servers.js';

// One throwaway database for the file; the last test of the first block disposes it.
let db: ThrowawayDatabase;
beforeAll(async () => {
  db = await new MysqlProvider(MYSQL_URL).create();
});
afterAll(async () => {
  await db?.dispose();
});

describe('a throwaway database on a MariaDB server', () => {
  it('is a new headsup_ database that Python reaches as the URL says', () => {
    expect(db.name).toMatch(/^headsup_[0-9a-z]+_[0-9a-f]{10}_[0-9a-f]{8}$/);
    expect(db.engineVersion).toMatch(/^\d+\.\d+\.\d+-MariaDB$/);
    expect(db.description).toBe(`MariaDB ${db.engineVersion.replace('-MariaDB', '')} (127.0.0.1:3306)`);
    expect(db.target).toEqual({
      engine: 'mysql',
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: undefined,
      database: db.name,
      defaultDriver: 'mysql+pymysql',
    });
  });

  it('lets pymysql write what Node then reads; nothing of headsup is inside the database', async () => {
    const run = await runPython(
      `
import sys, pymysql
conn = pymysql.connect(host='127.0.0.1', port=3306, user='root', password='', database=sys.argv[1])
cur = conn.cursor()
cur.execute("CREATE TABLE written_by_python (note varchar(20))")
cur.execute("INSERT INTO written_by_python VALUES (%s)", ("hello",))
conn.commit(); conn.close()`,
      [db.name],
    );
    expect(run.stderr).toBe('');
    expect(await db.query('SELECT note FROM written_by_python')).toEqual([{ note: 'hello' }]);
    expect(await db.query('SHOW TABLES')).toEqual([{ [`Tables_in_${db.name}`]: 'written_by_python' }]);
  });

  it('drops the database on dispose, even with a client holding a lock in it', async () => {
    const holding = runPython(
      `
import sys, time, pymysql
conn = pymysql.connect(host='127.0.0.1', port=3306, user='root', password='', database=sys.argv[1])
cur = conn.cursor()
cur.execute("BEGIN"); cur.execute("SELECT * FROM written_by_python FOR UPDATE")
time.sleep(3)
try:
    cur.execute("SELECT 1")
except pymysql.Error as e:
    print(type(e).__name__)`,
      [db.name],
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await db.dispose();
    expect(await mysqlDatabaseExists(db.name)).toBe(false);
    expect(liveDatabases()).toBe(0);
    // Its session was killed before DROP DATABASE, which would otherwise have waited for its lock.
    expect((await holding).stdout.trim()).toBe('OperationalError');
  });
});

describe('the sweep of databases left by killed runs', () => {
  it('drops a headsup-marked one over an hour old and keeps an unmarked headsup_ one', async () => {
    const old = throwawayName(Date.now() - 2 * 60 * 60 * 1000);
    const recent = throwawayName(Date.now() - 10 * 60 * 1000);
    const unmarked = `headsup_${randomBytes(4).toString('hex')}_kept`;
    for (const name of [old, recent, unmarked]) await mariadb(`CREATE DATABASE ${name}`);
    try {
      const next = await new MysqlProvider(MYSQL_URL).create();
      await next.dispose();
      expect(await mysqlDatabaseExists(old)).toBe(false);
      expect(await mysqlDatabaseExists(recent)).toBe(true);
      expect(await mysqlDatabaseExists(unmarked)).toBe(true);
    } finally {
      for (const name of [old, recent, unmarked]) await mariadb(`DROP DATABASE IF EXISTS ${name}`);
    }
  });
});

describe('a user who may not create databases', () => {
  const user = `headsup_test_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    await mariadb(`CREATE USER '${user}'@'127.0.0.1'`);
  });
  afterAll(async () => {
    await mariadb(`DROP USER IF EXISTS '${user}'@'127.0.0.1'`);
  });

  it('is refused in one sentence that says which privilege and how to grant it', async () => {
    const error = await new MysqlProvider(`mysql://${user}@127.0.0.1:3306/`).create().catch((e) => e);
    expect(error.name).toBe('DatabaseUnavailable');
    expect(error.message).toBe(
      `The MariaDB user '${user}' may not create databases on 127.0.0.1:3306, and the dry run needs one of ` +
        `its own: GRANT ALL ON \`headsup\\_%\`.* TO '${user}'@'%' (every database headsup makes is named ` +
        `headsup_…), or use a URL for a user who may create databases.`,
    );
    expect(liveDatabases()).toBe(0);
  });

  it('may once granted what the message says', async () => {
    await mariadb(`GRANT ALL ON \`headsup\\_%\`.* TO '${user}'@'127.0.0.1'`);
    const granted = await new MysqlProvider(`mysql://${user}@127.0.0.1:3306/`).create();
    await granted.query('CREATE TABLE t (id int)');
    await granted.dispose();
    expect(await mysqlDatabaseExists(granted.name)).toBe(false);
  });
});
