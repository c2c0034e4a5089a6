/**
 * PGlite (PostgreSQL 18.6 in WASM, in this process) against PostgreSQL 15 for the same DDL: SQLAlchemy cannot
 * reach PGlite without its socket server, so the PostgreSQL 15 snapshot, itself checked against SQLAlchemy's
 * inspector, is the oracle here.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { snapshot } from '../src/dryrun/schema/snapshot.js';
import { diff, equal } from '../src/dryrun/schema/diff.js';
import { explainMismatch, renderDiff } from '../src/dryrun/schema/render.js';
import type { SchemaSnapshot } from '../src/dryrun/schema/model.js';
import { pgliteDatabase, postgresDatabase, type TestDatabase } from './helpers/databases.js';
import { POSTGRES } from './schema/ddl.js';
import { POSTGRES_ROUND_TRIP as trip } from './schema/roundtrip.js';

let pglite: Awaited<ReturnType<typeof pgliteDatabase>> | undefined;
let server: TestDatabase | undefined;
let onPglite: SchemaSnapshot;
let onServer: SchemaSnapshot;

beforeAll(async () => {
  [pglite, server] = await Promise.all([pgliteDatabase(), postgresDatabase()]);
  await pglite.exec(POSTGRES);
  await server.exec(POSTGRES);
  onPglite = await snapshot(pglite.db);
  onServer = await snapshot(server.db);
});

afterAll(async () => {
  await server?.drop();
  await pglite?.drop();
});

test('PGlite and PostgreSQL 15 give the same snapshot, but for how each version prints a view', () => {
  // PostgreSQL 16+ no longer qualifies a view's columns with their table when there is one table.
  expect(renderDiff(diff(onServer, onPglite))).toEqual([
    '~ view active_users: definition … → …',
    '~ view org_sizes: definition … → …',
  ]);
  const withoutViews = (s: SchemaSnapshot): SchemaSnapshot => ({
    ...s,
    views: s.views.map((v) => ({ ...v, definition: '' })),
  });
  expect(equal(withoutViews(onServer), withoutViews(onPglite))).toBe(true);
  // PostgreSQL 18 keeps NOT NULL as constraints of its own: they must not show as checks.
  expect(onPglite.tables.flatMap((t) => t.checks.map((c) => c.name))).toEqual([
    'ck_users_email',
    'users_score_check',
  ]);
});

test('the same schema rebuilt on PGlite gives an equal snapshot', async () => {
  await pglite!.reset();
  await pglite!.exec(POSTGRES);
  expect(renderDiff(diff(onPglite, await snapshot(pglite!.db)))).toEqual([]);
});

test('the round trip on PGlite: a faithful downgrade restores the base, a faulty one is named', async () => {
  const p = pglite!;
  await p.reset();
  await p.exec(trip.base);
  const base = await snapshot(p.db);
  await p.exec(trip.upgrade);
  const up = await snapshot(p.db);
  expect(renderDiff(diff(base, up))).toEqual(trip.upgradeLines);
  await p.exec(trip.downgrade);
  expect(explainMismatch(diff(base, await snapshot(p.db)))).toEqual([]);
  await p.exec(trip.upgrade);
  expect(explainMismatch(diff(up, await snapshot(p.db)))).toEqual([]);
  await p.exec(trip.faultyDowngrade);
  // The second upgrade added the index and value again; the faulty downgrade forgets them as before.
  expect(explainMismatch(diff(base, await snapshot(p.db)))).toEqual(trip.mismatch);
});
