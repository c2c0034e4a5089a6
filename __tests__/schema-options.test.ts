/**
 * What a snapshot leaves out: Alembic's version table (wherever env.py's version_table / version_table_schema
 * put it) and a marker table a provider writes, by a list the caller passes.
 */
import { expect, test } from 'vitest';
import { snapshot } from '../src/dryrun/schema/snapshot.js';
import { mariadbDatabase, postgresDatabase } from './helpers/databases.js';

test('PostgreSQL: the default leaves out public.alembic_version only; a list names qualified tables', async () => {
  const d = await postgresDatabase();
  try {
    await d.exec(`create schema meta;
      create table alembic_version (version_num varchar(32) primary key);
      create table meta.alembic_version (version_num varchar(32) primary key);
      create table meta.my_versions (version_num varchar(32) primary key);
      create table users (id serial primary key);`);
    expect((await snapshot(d.db)).tables.map((t) => t.name)).toEqual([
      'meta.alembic_version',
      'meta.my_versions',
      'users',
    ]);
    const s = await snapshot(d.db, { ignoreTables: ['meta.my_versions', 'users'] });
    expect(s.tables.map((t) => t.name)).toEqual(['alembic_version', 'meta.alembic_version']);
    // A left-out table's own sequence goes with it.
    expect(s.sequences).toEqual([]);
  } finally {
    await d.drop();
  }
});

test("MariaDB: a provider's marker table is left out when named", async () => {
  const d = await mariadbDatabase();
  try {
    await d.exec(`create table alembic_version (version_num varchar(32) primary key);
      create table _headsup_marker (created_at datetime);
      create table users (id int primary key);`);
    const s = await snapshot(d.db, { ignoreTables: ['alembic_version', '_headsup_marker'] });
    expect(s.tables.map((t) => t.name)).toEqual(['users']);
  } finally {
    await d.drop();
  }
});
