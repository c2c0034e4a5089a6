/**
 * The round trip's comparison on real engines: after the downgrade the schema must equal the base snapshot,
 * after the second upgrade it must equal the first; a downgrade that forgets something is named for what it
 * left behind or did not restore.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { snapshot } from '../src/dryrun/schema/snapshot.js';
import { diff, equal } from '../src/dryrun/schema/diff.js';
import { explainMismatch, renderDiff } from '../src/dryrun/schema/render.js';
import { mariadbDatabase, postgresDatabase, sqliteDatabase, type TestDatabase } from './helpers/databases.js';
import {
  MARIADB_ROUND_TRIP,
  POSTGRES_ROUND_TRIP,
  SQLITE_ROUND_TRIP,
  type RoundTrip,
} from './schema/roundtrip.js';

const CASES: [string, () => Promise<TestDatabase>, RoundTrip][] = [
  ['PostgreSQL 15', postgresDatabase, POSTGRES_ROUND_TRIP],
  ['MariaDB 10.11', mariadbDatabase, MARIADB_ROUND_TRIP],
  ['SQLite', sqliteDatabase, SQLITE_ROUND_TRIP],
];

for (const [engine, make, trip] of CASES) {
  describe(`round trip on ${engine}`, () => {
    const made: TestDatabase[] = [];
    afterEach(async () => {
      for (const d of made.splice(0)) await d.drop();
    });

    test('a faithful downgrade restores the base; the second upgrade equals the first', async () => {
      const d = await make();
      made.push(d);
      await d.exec(trip.base);
      const base = await snapshot(d.db);
      await d.exec(trip.upgrade);
      const up = await snapshot(d.db);
      expect(renderDiff(diff(base, up))).toEqual(trip.upgradeLines);
      await d.exec(trip.downgrade);
      const down = await snapshot(d.db);
      expect(explainMismatch(diff(base, down))).toEqual([]);
      expect(equal(base, down)).toBe(true);
      await d.exec(trip.upgrade);
      expect(explainMismatch(diff(up, await snapshot(d.db)))).toEqual([]);
    });

    test('a faulty downgrade is named for what it left behind and did not restore', async () => {
      const d = await make();
      made.push(d);
      await d.exec(trip.base);
      const base = await snapshot(d.db);
      await d.exec(trip.upgrade);
      await d.exec(trip.faultyDowngrade);
      expect(explainMismatch(diff(base, await snapshot(d.db)))).toEqual(trip.mismatch);
    });
  });
}
