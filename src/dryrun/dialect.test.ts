import { describe, expect, it } from 'vitest';
import type { FileTree } from '../git/tree.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import { detectDialect, engineOfUrl } from './dialect.js';

function tree(files: Record<string, string>): FileTree {
  return {
    label: 'test',
    list: async () => Object.keys(files).sort(),
    read: async (p) => (p in files ? Buffer.from(files[p]) : undefined),
    contentIds: async (ps) => ps.map(() => undefined),
    links: async () => new Map(),
  };
}

const env: MigrationEnvironment = {
  kind: 'alembic',
  path: 'migrations',
  source: 'alembic.ini',
  configFile: 'alembic.ini',
  versionLocations: ['migrations/versions'],
  recursive: false,
};

describe('which engine the migrations are written for', () => {
  it('reads sqlalchemy.url schemes', () => {
    expect(engineOfUrl('postgresql+psycopg2://u@h/db')).toBe('postgresql');
    expect(engineOfUrl('postgres://h/db')).toBe('postgresql');
    expect(engineOfUrl('mariadb+mariadbconnector://h/db')).toBe('mysql');
    expect(engineOfUrl('mysql+pymysql://h/db')).toBe('mysql');
    expect(engineOfUrl('sqlite:///app.db')).toBe('sqlite');
    expect(engineOfUrl('driver://user:pass@localhost/dbname')).toBeUndefined();
  });

  it('takes the ini section’s URL first, with interpolation', async () => {
    const t = tree({
      'alembic.ini':
        '[alembic]\nscript_location = migrations\n[main]\nsqlalchemy.url = mysql+pymysql://x/y\n',
    });
    expect(await detectDialect(t, { ...env, configSection: 'main' }, [], [])).toEqual({
      dialect: 'mysql',
      basis: 'sqlalchemy.url in alembic.ini',
    });
  });

  it('otherwise counts dialect-specific code in env.py and the revisions', async () => {
    const t = tree({
      'alembic.ini': '[alembic]\nsqlalchemy.url = driver://user:pass@localhost/dbname\n',
      'migrations/env.py': 'from alembic import context\n',
      'migrations/versions/a.py':
        "from sqlalchemy.dialects import postgresql\nop.create_index('i', 't', ['c'], postgresql_using='gin')\n",
      'migrations/versions/b.py': "op.create_table('t', mysql_engine='InnoDB')\n",
    });
    const d = await detectDialect(t, env, ['migrations/versions/a.py', 'migrations/versions/b.py'], []);
    expect(d.dialect).toBe('postgresql');
    const batch = tree({ 'migrations/env.py': 'context.configure(connection=c, render_as_batch=True)\n' });
    expect((await detectDialect(batch, { ...env, configFile: undefined }, [], [])).dialect).toBe('sqlite');
  });

  it('assumes PostgreSQL without a hint, and says so', async () => {
    const d = await detectDialect(tree({}), env, [], []);
    expect(d.dialect).toBe('postgresql');
    expect(d.basis).toMatch(/PostgreSQL assumed/);
  });
});
