/**
 * A schema snapshot of a throwaway database, read only through its `query` function (so it works on every
 * provider). Run between Python's steps: PGlite has one backend.
 */
import type { ThrowawayDatabase } from '../../databases/types.js';
import { introspectMysql } from '../../databases/mysql/introspector.js';
import { introspectPostgres } from '../../databases/postgres/introspector.js';
import { introspectSqlite } from '../../databases/sqlite/introspector.js';
import type { SchemaSnapshot, SnapshotOptions } from './model.js';

export function snapshot(db: ThrowawayDatabase, opts?: SnapshotOptions): Promise<SchemaSnapshot> {
  switch (db.engine) {
    case 'postgresql':
      return introspectPostgres(db, opts);
    case 'mysql':
      return introspectMysql(db, opts);
    case 'sqlite':
      return introspectSqlite(db, opts);
  }
}
