/**
 * kysely over a ThrowawayDatabase: kysely's own adapter, query compiler and introspector for the engine,
 * with a driver whose only connection is `db.query`. Every provider (PGlite in a worker, pg, mysql2,
 * node:sqlite) then reads through the one function it promises, and nothing here opens a connection of its own.
 * The snapshots do not use it (kysely's introspection cost most of a snapshot's time: see the introspectors);
 * the tests do, as the cross-check of the snapshots' tables and columns, and a kysely migration format can.
 */
import {
  Kysely,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { ThrowawayDatabase } from '../../databases/types.js';

class QueryConnection implements DatabaseConnection {
  constructor(private readonly db: ThrowawayDatabase) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: await this.db.query<R>(compiled.sql, [...compiled.parameters]) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported over ThrowawayDatabase.query');
  }
}

/** One shared "connection": the provider serialises queries itself (PGlite has a single backend anyway). */
class QueryDriver implements Driver {
  readonly #connection: QueryConnection;
  constructor(db: ThrowawayDatabase) {
    this.#connection = new QueryConnection(db);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  // Snapshots only read; a transaction here would hold locks between Python's steps for nothing.
  async beginTransaction(): Promise<void> {
    throw new Error('transactions are not supported over ThrowawayDatabase.query');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

class QueryDialect implements Dialect {
  constructor(private readonly db: ThrowawayDatabase) {}
  createDriver(): Driver {
    return new QueryDriver(this.db);
  }
  createAdapter(): DialectAdapter {
    const engine = this.db.engine;
    return engine === 'postgresql'
      ? new PostgresAdapter()
      : engine === 'mysql'
        ? new MysqlAdapter()
        : new SqliteAdapter();
  }
  createQueryCompiler(): QueryCompiler {
    const engine = this.db.engine;
    return engine === 'postgresql'
      ? new PostgresQueryCompiler()
      : engine === 'mysql'
        ? new MysqlQueryCompiler()
        : new SqliteQueryCompiler();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(kysely: Kysely<any>): DatabaseIntrospector {
    const engine = this.db.engine;
    return engine === 'postgresql'
      ? new PostgresIntrospector(kysely)
      : engine === 'mysql'
        ? new MysqlIntrospector(kysely)
        : new SqliteIntrospector(kysely);
  }
}

/** A kysely instance whose every query goes through `db.query`. Nothing to destroy. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function kyselyOver(db: ThrowawayDatabase): Kysely<any> {
  return new Kysely({ dialect: new QueryDialect(db) });
}
