import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteProvider } from '../../src/databases/sqlite/provider.js';
import { liveDatabases } from '../../src/databases/index.js';
import { runPython } from '../helpers/python.js';

describe('a throwaway SQLite database', () => {
  it("is a temporary file Python's sqlite3 writes, Node reads, and dispose removes", async () => {
    const db = await new SqliteProvider().create();
    try {
      expect(db.target).toEqual({ engine: 'sqlite', database: db.name, defaultDriver: 'sqlite' });
      expect(db.description).toBe(`SQLite ${db.engineVersion} (temporary file)`);
      expect(existsSync(db.name)).toBe(true);
      const run = await runPython(
        `
import sys, sqlite3
conn = sqlite3.connect(sys.argv[1])
conn.execute("CREATE TABLE written_by_python (note text)")
conn.execute("INSERT INTO written_by_python VALUES (?)", ("hello",))
conn.commit(); conn.close()`,
        [db.name],
      );
      expect(run.stderr).toBe('');
      expect(await db.query('SELECT note FROM written_by_python WHERE note = ?', ['hello'])).toEqual([
        { note: 'hello' },
      ]);
      expect(await db.query('CREATE TABLE from_node (id integer)')).toEqual([]);
      expect(await db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).toEqual([
        { name: 'from_node' },
        { name: 'written_by_python' },
      ]);
    } finally {
      await db.dispose();
    }
    expect(existsSync(dirname(db.name))).toBe(false);
    expect(liveDatabases()).toBe(0);
  });
});
