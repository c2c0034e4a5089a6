import { describe, expect, test } from 'vitest';
import { diff, equal } from './diff.js';
import { emptySnapshot, type SchemaSnapshot, type TableSnapshot } from './model.js';
import { explainMismatch, renderDiff } from './render.js';

const table = (name: string, extra: Partial<TableSnapshot> = {}): TableSnapshot => ({
  name,
  columns: [{ name: 'id', type: 'integer', nullable: false }],
  primaryKey: { name: `${name}_pkey`, columns: ['id'] },
  uniques: [],
  checks: [],
  foreignKeys: [],
  indexes: [],
  ...extra,
});

const schema = (extra: Partial<SchemaSnapshot> = {}): SchemaSnapshot => ({
  ...emptySnapshot('postgresql'),
  ...extra,
});

const users = (extra: Partial<TableSnapshot> = {}): TableSnapshot =>
  table('users', {
    columns: [
      { name: 'id', type: 'integer', nullable: false },
      { name: 'name', type: 'varchar(50)', nullable: true },
      { name: 'email', type: 'text', nullable: false },
    ],
    indexes: [{ name: 'ix_users_email', columns: ['email'], unique: true, method: 'btree' }],
    ...extra,
  });

describe('diff', () => {
  test('equal snapshots give an empty diff, whatever the key order of their objects', () => {
    const a = schema({ tables: [users()] });
    const b = schema({
      tables: [
        {
          ...users(),
          columns: users().columns.map((c) => ({ nullable: c.nullable, type: c.type, name: c.name })),
        },
      ],
    });
    expect(diff(a, b)).toEqual({ engine: 'postgresql', empty: true, changes: [] });
    expect(equal(a, b)).toBe(true);
  });

  test('an optional field left undefined equals one left out', () => {
    const a = schema({ tables: [users()] });
    const b = schema({
      tables: [
        users({ columns: users().columns.map((c) => ({ ...c, default: undefined, comment: undefined })) }),
      ],
    });
    expect(equal(a, b)).toBe(true);
  });

  test('a column added, one dropped, one changed: each with before and after', () => {
    const a = schema({ tables: [users()] });
    const b = schema({
      tables: [
        users({
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'name', type: 'text', nullable: false, default: "''::text" },
            { name: 'nickname', type: 'varchar(50)', nullable: true },
          ],
        }),
      ],
    });
    const d = diff(a, b);
    expect(d.empty).toBe(false);
    expect(d.changes).toEqual([
      {
        action: 'dropped',
        kind: 'column',
        parent: 'users',
        name: 'email',
        before: { name: 'email', type: 'text', nullable: false },
      },
      {
        action: 'changed',
        kind: 'column',
        parent: 'users',
        name: 'name',
        before: { name: 'name', type: 'varchar(50)', nullable: true },
        after: { name: 'name', type: 'text', nullable: false, default: "''::text" },
        fields: [
          { field: 'type', before: 'varchar(50)', after: 'text' },
          { field: 'nullable', before: true, after: false },
          { field: 'default', before: undefined, after: "''::text" },
        ],
      },
      {
        action: 'added',
        kind: 'column',
        parent: 'users',
        name: 'nickname',
        after: { name: 'nickname', type: 'varchar(50)', nullable: true },
      },
    ]);
  });

  test('order: extensions, enums, sequences, tables (each with its parts), views; by name within each', () => {
    const a = schema();
    const b = schema({
      extensions: [{ name: 'citext', version: '1.6' }],
      enums: [{ name: 'mood', values: ['sad', 'ok'] }],
      sequences: [{ name: 'seq_a', type: 'bigint' }],
      tables: [table('b'), table('a')],
      views: [{ name: 'v', definition: 'SELECT 1' }],
    });
    expect(diff(a, b).changes.map((c) => `${c.kind} ${c.name}`)).toEqual([
      'extension citext',
      'enum mood',
      'sequence seq_a',
      'table a',
      'table b',
      'view v',
    ]);
    // And the reverse diff drops the same objects, in the same order.
    expect(diff(b, a).changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      'dropped extension citext',
      'dropped enum mood',
      'dropped sequence seq_a',
      'dropped table a',
      'dropped table b',
      'dropped view v',
    ]);
  });

  test("an index's predicate, columns and uniqueness", () => {
    const a = schema({ tables: [users()] });
    const b = schema({
      tables: [
        users({
          indexes: [
            {
              name: 'ix_users_email',
              columns: ['lower(email)'],
              unique: false,
              method: 'btree',
              where: 'deleted_at IS NULL',
            },
          ],
        }),
      ],
    });
    expect(diff(a, b).changes).toMatchObject([
      {
        action: 'changed',
        kind: 'index',
        parent: 'users',
        name: 'ix_users_email',
        fields: [
          { field: 'columns', before: ['email'], after: ['lower(email)'] },
          { field: 'unique', before: true, after: false },
          { field: 'where', before: undefined, after: 'deleted_at IS NULL' },
        ],
      },
    ]);
  });

  test('enum values added at their place, dropped, reordered', () => {
    const a = schema({ enums: [{ name: 'mood', values: ['sad', 'ok', 'happy'] }] });
    const added = diff(
      a,
      schema({ enums: [{ name: 'mood', values: ['sad', 'ok', 'meh', 'happy', 'ecstatic'] }] }),
    );
    expect(added.changes).toEqual([
      {
        action: 'added',
        kind: 'enum value',
        parent: 'mood',
        name: 'meh',
        after: 'meh',
        position: { after: 'ok' },
      },
      {
        action: 'added',
        kind: 'enum value',
        parent: 'mood',
        name: 'ecstatic',
        after: 'ecstatic',
        position: { after: 'happy' },
      },
    ]);
    const first = diff(a, schema({ enums: [{ name: 'mood', values: ['awful', 'sad', 'ok', 'happy'] }] }));
    expect(first.changes).toMatchObject([{ name: 'awful', position: { before: 'sad' } }]);
    const dropped = diff(a, schema({ enums: [{ name: 'mood', values: ['sad', 'happy'] }] }));
    expect(dropped.changes).toEqual([
      { action: 'dropped', kind: 'enum value', parent: 'mood', name: 'ok', before: 'ok' },
    ]);
    const reordered = diff(a, schema({ enums: [{ name: 'mood', values: ['happy', 'ok', 'sad'] }] }));
    expect(reordered.changes).toMatchObject([
      {
        action: 'changed',
        kind: 'enum',
        name: 'mood',
        fields: [{ field: 'order', before: ['sad', 'ok', 'happy'], after: ['happy', 'ok', 'sad'] }],
      },
    ]);
  });

  test('unnamed constraints are told apart by what they say', () => {
    const a = schema({
      tables: [table('t', { checks: [{ expression: 'a > 0' }], uniques: [{ columns: ['a'] }] })],
    });
    const b = schema({
      tables: [table('t', { checks: [{ expression: 'a > 1' }], uniques: [{ columns: ['a'] }] })],
    });
    expect(diff(a, b).changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      'dropped check a > 0',
      'added check a > 1',
    ]);
  });

  test('foreign key actions and a primary key that gains a column', () => {
    const fk = {
      name: 'fk_orders_user',
      columns: ['user_id'],
      referencedTable: 'users',
      referencedColumns: ['id'],
      onDelete: 'NO ACTION' as const,
      onUpdate: 'NO ACTION' as const,
    };
    const a = schema({ tables: [table('orders', { foreignKeys: [fk] })] });
    const b = schema({
      tables: [
        table('orders', {
          foreignKeys: [{ ...fk, onDelete: 'CASCADE' }],
          primaryKey: { name: 'orders_pkey', columns: ['id', 'user_id'] },
        }),
      ],
    });
    expect(diff(a, b).changes).toMatchObject([
      { kind: 'primary key', fields: [{ field: 'columns', before: ['id'], after: ['id', 'user_id'] }] },
      { kind: 'foreign key', name: 'fk_orders_user', fields: [{ field: 'onDelete', before: 'NO ACTION' }] },
    ]);
  });
});

describe('render', () => {
  test('lines for columns, indexes, enum values, tables', () => {
    const a = schema({
      enums: [{ name: 'mood', values: ['sad', 'ok', 'happy'] }],
      tables: [users(), table('legacy')],
    });
    const b = schema({
      enums: [{ name: 'mood', values: ['sad', 'ok', 'meh', 'happy'] }],
      tables: [
        table('account', {
          columns: [
            { name: 'id', type: 'bigint', nullable: false, identity: 'always' },
            { name: 'nickname', type: 'varchar(50)', nullable: true },
          ],
          foreignKeys: [
            {
              name: 'fk_account_user',
              columns: ['id'],
              referencedTable: 'users',
              referencedColumns: ['id'],
              onDelete: 'CASCADE',
              onUpdate: 'NO ACTION',
            },
          ],
          indexes: [{ name: 'ix_account_nick', columns: ['nickname'], unique: false, method: 'btree' }],
        }),
        users({
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'name', type: 'text', nullable: true },
            { name: 'email', type: 'text', nullable: false },
            { name: 'nickname', type: 'varchar(50)', nullable: true, default: "'x'::character varying" },
          ],
          indexes: [
            {
              name: 'ix_users_lower',
              columns: ['lower(email)'],
              unique: true,
              method: 'gin',
              where: 'deleted_at IS NULL',
            },
          ],
        }),
      ],
    });
    expect(renderDiff(diff(a, b))).toEqual([
      "+ enum value mood.'meh' (after 'ok')",
      '+ table account (id bigint NOT NULL GENERATED ALWAYS AS IDENTITY, nickname varchar(50) NULL, PRIMARY KEY (id))',
      '+ foreign key fk_account_user on account (id) → users (id) ON DELETE CASCADE',
      '+ index ix_account_nick on account (nickname)',
      '- table legacy',
      '~ column users.name: varchar(50) → text',
      "+ column users.nickname varchar(50) NULL DEFAULT 'x'::character varying",
      '- unique index ix_users_email on users (email)',
      '+ unique index ix_users_lower on users using gin (lower(email)) where deleted_at IS NULL',
    ]);
  });

  test('changed fields are labelled, except a column type and nullability', () => {
    const a = schema({
      tables: [users({ checks: [{ name: 'ck_len', expression: '(length(name) > 0)' }] })],
      sequences: [{ name: 's', increment: '1' }],
    });
    const b = schema({
      tables: [
        users({
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'name', type: 'varchar(50)', nullable: false, default: "'anon'" },
            { name: 'email', type: 'text', nullable: false },
          ],
          checks: [{ name: 'ck_len', expression: '(length(name) > 1)' }],
          indexes: [
            { name: 'ix_users_email', columns: ['email'], unique: true, method: 'btree', where: 'a > 1' },
          ],
        }),
      ],
      sequences: [{ name: 's', increment: '5' }],
    });
    expect(renderDiff(diff(a, b))).toEqual([
      '~ sequence s: increment 1 → 5',
      "~ column users.name: NULL → NOT NULL, default none → 'anon'",
      '~ check ck_len on users: expression (length(name) > 0) → (length(name) > 1)',
      '~ index ix_users_email on users: where none → a > 1',
    ]);
  });

  test('a limit folds the rest into one counted line', () => {
    const b = schema({ tables: ['a', 'b', 'c', 'd'].map((n) => table(n)) });
    expect(renderDiff(diff(schema(), b), { limit: 3 })).toEqual([
      '+ table a (id integer NOT NULL, PRIMARY KEY (id))',
      '+ table b (id integer NOT NULL, PRIMARY KEY (id))',
      '… 2 more',
    ]);
  });

  test("MySQL's default RESTRICT goes unsaid, like NO ACTION elsewhere", () => {
    const t = table('o', {
      foreignKeys: [
        {
          name: 'fk',
          columns: ['u'],
          referencedTable: 'u',
          referencedColumns: ['id'],
          onDelete: 'RESTRICT',
          onUpdate: 'SET NULL',
        },
      ],
    });
    const lines = renderDiff(diff(emptySnapshot('mysql'), { ...emptySnapshot('mysql'), tables: [t] }));
    expect(lines[1]).toBe('+ foreign key fk on o (u) → u (id) ON UPDATE SET NULL');
  });
});

describe('round trip wording', () => {
  test('names what the downgrade left behind, lost, or did not restore', () => {
    const base = schema({
      enums: [{ name: 'mood', values: ['sad', 'ok'] }],
      tables: [users()],
    });
    const afterDowngrade = schema({
      enums: [{ name: 'mood', values: ['sad', 'ok', 'meh'] }],
      tables: [
        users({
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'name', type: 'text', nullable: true },
          ],
          indexes: [
            { name: 'ix_users_email', columns: ['email'], unique: true, method: 'btree' },
            { name: 'ix_users_name', columns: ['name'], unique: false, method: 'btree' },
          ],
        }),
      ],
    });
    expect(explainMismatch(diff(base, afterDowngrade))).toEqual([
      "left behind: enum value mood.'meh'",
      'lost: column users.email text NOT NULL',
      'not restored: column users.name: text, expected varchar(50)',
      'left behind: index ix_users_name on users (name)',
    ]);
  });
});
