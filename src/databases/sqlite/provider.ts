import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { CreateOptions, DatabaseProvider, ThrowawayDatabase } from '../types.js';
import { DatabaseUnavailable } from '../types.js';
import { keepAlive } from '../registry.js';

/**
 * A throwaway SQLite database: an empty file in a temporary folder, removed with it. Node reads it with
 * node:sqlite (built in: no native module to ship), Python writes it with its own sqlite3.
 */
export class SqliteProvider implements DatabaseProvider {
  readonly name = 'sqlite';
  readonly engine = 'sqlite' as const;

  async create(_opts: CreateOptions = {}): Promise<ThrowawayDatabase> {
    const { DatabaseSync } = await import('node:sqlite');
    let dir: string;
    try {
      dir = mkdtempSync(join(tmpdir(), 'headsup-sqlite-'));
    } catch (e) {
      throw new DatabaseUnavailable(`Cannot make a temporary SQLite database: ${(e as Error).message}`);
    }
    const file = join(dir, 'throwaway.sqlite');
    let db: DatabaseSync | undefined;
    const dispose = keepAlive(async () => {
      db?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    try {
      db = new DatabaseSync(file);
    } catch (e) {
      await dispose();
      throw new DatabaseUnavailable(`Cannot make a temporary SQLite database: ${(e as Error).message}`);
    }
    const node = db;
    // Node's own SQLite: Python's sqlite3 may link another version (the runner can tell which).
    const { version } = node.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    return {
      engine: 'sqlite',
      description: `SQLite ${version} (temporary file)`,
      engineVersion: version,
      name: file,
      target: { engine: 'sqlite', database: file, defaultDriver: 'sqlite' },
      query: async <R>(sql: string, params: unknown[] = []) => {
        const statement = node.prepare(sql);
        const values = params as Parameters<typeof statement.all>;
        // Statements that return nothing (DDL, DML) are run, not read.
        if (statement.columns().length === 0) {
          statement.run(...values);
          return [];
        }
        return statement.all(...values).map((row) => ({ ...row })) as R[];
      },
      afterClient: async () => undefined,
      dispose,
    };
  }
}
