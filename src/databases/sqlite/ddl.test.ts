import { describe, expect, test } from 'vitest';
import { parseCreateIndex, parseCreateTable, unquote } from './ddl.js';

describe('parseCreateTable', () => {
  test('named and unnamed constraints, column and table level', () => {
    const t = parseCreateTable(`CREATE TABLE "order items" (
      id INTEGER CONSTRAINT pk_items PRIMARY KEY AUTOINCREMENT,
      "qty" INT NOT NULL DEFAULT (1) CONSTRAINT ck_qty CHECK (qty > 0 AND qty < (10 * 10)),
      code VARCHAR(10) CONSTRAINT uq_code UNIQUE,
      owner INT CONSTRAINT fk_owner REFERENCES users (id) ON DELETE CASCADE,
      total INT GENERATED ALWAYS AS (qty * 2) STORED,
      half INT AS (qty / 2), -- a comment, with a comma
      /* CHECK (not this) */
      CHECK (code <> ''),
      CONSTRAINT [uq pair] UNIQUE (code, "qty"),
      CONSTRAINT fk_pair FOREIGN KEY (owner, qty) REFERENCES other (a, b)
    )`);
    expect(t.primaryKeyName).toBe('pk_items');
    expect(t.autoincrement).toEqual(new Set(['id']));
    expect(t.checks).toEqual([
      { name: 'ck_qty', expression: 'qty > 0 AND qty < (10 * 10)' },
      { expression: "code <> ''" },
    ]);
    expect(t.uniqueNames).toEqual(
      new Map([
        ['code', 'uq_code'],
        ['code,qty', 'uq pair'],
      ]),
    );
    expect(t.foreignKeyNames).toEqual(
      new Map([
        ['owner', 'fk_owner'],
        ['owner,qty', 'fk_pair'],
      ]),
    );
    expect(t.generated).toEqual(
      new Map([
        ['total', 'qty * 2'],
        ['half', 'qty / 2'],
      ]),
    );
  });

  test('quotes hide keywords and parentheses', () => {
    const t = parseCreateTable(
      `CREATE TABLE t (a TEXT DEFAULT 'CHECK (x)', "CHECK" INT, b TEXT CHECK (b <> ')'))`,
    );
    expect(t.checks).toEqual([{ expression: "b <> ')'" }]);
  });

  test('CREATE TABLE … AS SELECT has nothing to read', () => {
    expect(parseCreateTable('CREATE TABLE t AS SELECT 1').checks).toEqual([]);
  });
});

describe('parseCreateIndex', () => {
  test('expressions without their order or collation, and the partial predicate', () => {
    expect(
      parseCreateIndex(
        `CREATE UNIQUE INDEX ix ON t (lower(name) DESC, "b" COLLATE NOCASE, c) WHERE deleted IS NULL;`,
      ),
    ).toEqual({ keys: ['lower(name)', '"b"', 'c'], where: 'deleted IS NULL' });
    expect(parseCreateIndex('CREATE INDEX "ix on" ON "t" ("a")')).toEqual({ keys: ['"a"'] });
  });
});

test('unquote', () => {
  expect(unquote('"a""b"')).toBe('a"b');
  expect(unquote('`a`')).toBe('a');
  expect(unquote('[a b]')).toBe('a b');
  expect(unquote('plain')).toBe('plain');
});
