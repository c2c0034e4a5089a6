/**
 * Throwaway databases: one interface, one folder per engine (as kysely's dialects). A provider makes a
 * database that nobody else uses, hands Python the pieces to reach it, lets Node query it between Python's
 * steps, and always drops it.
 */

export type Engine = 'postgresql' | 'mysql' | 'sqlite';

/**
 * Where the Alembic runner points every engine the user's env.py creates. The pieces of a URL rather than
 * one URL, so the runner keeps the user's driver (psycopg2, psycopg 3, asyncpg, pymysql, mysqlclient, …)
 * and only swaps host, port, credentials and database.
 */
export interface ConnectTarget {
  engine: Engine;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  /** The database name on a server; the file path for SQLite. */
  database: string;
  /** Extra URL query parameters the runner adds (e.g. `sslmode=disable` for PGlite's socket). */
  query?: Record<string, string>;
  /** The SQLAlchemy driver to use when the user's own URL names another backend (or none). */
  defaultDriver: string;
}

/** One relation lock a statement held, as `pg_locks` shows it. */
export interface LockRow {
  locktype: string;
  /** `relation::regclass::text`, or a bare OID for a relation dropped since. */
  relation: string | null;
  mode: string;
}

export interface ThrowawayDatabase {
  engine: Engine;
  /** For the report: e.g. "PostgreSQL 18.6 (PGlite, embedded)", "MariaDB 10.11.6 (127.0.0.1:3306)". */
  description: string;
  /** The server's own version string, e.g. "18.6", "15.19", "10.11.6-MariaDB", "3.45.1". */
  engineVersion: string;
  /** For the runner. */
  target: ConnectTarget;
  /** The created database's name (server engines) or file (SQLite), for messages. */
  name: string;
  /**
   * Runs SQL from Node on the throwaway database, only between Python's steps (PGlite has one backend).
   * Rows as plain objects.
   */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * After a Python client has gone: reset what it may have left on a shared backend (PGlite: `DISCARD ALL`).
   * A no-op for engines where each client has its own session.
   */
  afterClient(): Promise<void>;
  /**
   * Drops the database and releases everything (sockets, workers, temp files). Idempotent, never throws,
   * bounded in time. Called after success, failure, timeout and on SIGINT/SIGTERM.
   */
  dispose(): Promise<void>;
}

export interface CreateOptions {
  /** Extensions the migrations may ask for (PGlite loads only what it is given at boot). */
  extensions?: string[];
  /** Milliseconds allowed to create the database (boot, connect, CREATE DATABASE). */
  timeoutMs?: number;
}

/** A problem that stops a dry run before it starts and is not the PR's fault (no server, no permission). */
export class DatabaseUnavailable extends Error {
  override name = 'DatabaseUnavailable';
}

export interface DatabaseProvider {
  /** e.g. "pglite", "postgres", "mysql", "sqlite", "docker:postgres:16". */
  readonly name: string;
  readonly engine: Engine;
  /** Throws DatabaseUnavailable with one clear sentence when it cannot. */
  create(opts?: CreateOptions): Promise<ThrowawayDatabase>;
}
