import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSIONS,
  availablePGliteExtensions,
  bundlesFor,
  missingExtension,
  pgliteExtensionName,
} from '../../src/databases/pglite/extensions.js';
import { extensionFile } from '../../src/databases/pglite/assets.js';
import { PGliteProvider, type PGliteDatabase } from '../../src/databases/pglite/provider.js';

describe('the extension catalog', () => {
  it("names each extension's tarball, which holds its control file", () => {
    for (const [name, bundle] of Object.entries(EXTENSIONS)) {
      const files = execFileSync('tar', ['tzf', extensionFile(bundle)], { encoding: 'utf8' });
      expect(files, name).toContain(`share/postgresql/extension/${name}.control`);
    }
  });

  it('reads names as migrations write them', () => {
    expect(pgliteExtensionName('"uuid-ossp"')).toBe('uuid-ossp');
    expect(pgliteExtensionName('uuid_ossp')).toBe('uuid-ossp');
    expect(pgliteExtensionName('PG_TRGM')).toBe('pg_trgm');
    expect(pgliteExtensionName('postgis')).toBeUndefined();
    expect(availablePGliteExtensions()).toContain('vector');
    expect(availablePGliteExtensions()).not.toContain('postgis');
  });

  it('loads what an extension requires, and each tarball once', () => {
    expect([...bundlesFor(['earthdistance', 'moddatetime', 'autoinc', 'postgis']).keys()]).toEqual([
      'earthdistance',
      'cube',
      'moddatetime',
      'autoinc',
    ]);
  });

  it("finds the missing extension in PostgreSQL's messages", () => {
    expect(missingExtension('extension "postgis" is not available')).toBe('postgis');
    expect(
      missingExtension(
        'could not open extension control file "/x/share/postgresql/extension/citext.control"',
      ),
    ).toBe('citext');
    expect(missingExtension('relation "x" does not exist')).toBeUndefined();
  });
});

describe('every catalog extension on PGlite', () => {
  let db: PGliteDatabase;
  beforeAll(async () => {
    db = await new PGliteProvider().create({ extensions: availablePGliteExtensions() });
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('can be created', async () => {
    const failed: string[] = [];
    for (const name of availablePGliteExtensions())
      await db
        .query(`CREATE EXTENSION IF NOT EXISTS "${name}" CASCADE`)
        .catch((e: Error) => failed.push(`${name}: ${e.message}`));
    expect(failed).toEqual([]);
    const rows = await db.query<{ extname: string }>('SELECT extname FROM pg_extension');
    expect(rows.map((r) => r.extname).sort()).toEqual(['plpgsql', ...availablePGliteExtensions()].sort());
  });
});
