import { describe, expect, it } from 'vitest';
import { databaseMessage, failureFix } from './failures.js';

describe('failureFix', () => {
  it('an enum type a column needs but nobody created: create it first, drop it after', () => {
    const fix = failureFix('type "mood" does not exist', 'ALTER TABLE users ADD COLUMN mood mood');
    expect(fix).toContain("sa.Enum(…, name='mood').create(op.get_bind(), checkfirst=True)");
    expect(fix).toContain("sa.Enum(name='mood').drop(op.get_bind(), checkfirst=True)");
  });

  it('a statement PostgreSQL runs only outside a transaction: the autocommit block', () => {
    expect(
      failureFix(
        'CREATE INDEX CONCURRENTLY cannot run inside a transaction block',
        'CREATE INDEX CONCURRENTLY ix ON posts (slug)',
      ),
    ).toContain('with op.get_context().autocommit_block():');
  });

  it('a new enum value used before it is committed: add it in an autocommit block', () => {
    expect(
      failureFix(
        'unsafe use of new value "refunded" of enum type order_status HINT: New enum values must be committed before they can be used.',
        "UPDATE orders SET status = 'refunded'",
      ),
    ).toContain('autocommit_block()');
  });

  it('nothing to say about other errors', () => {
    expect(
      failureFix('relation "nosuch" does not exist', 'ALTER TABLE nosuch ADD COLUMN y int'),
    ).toBeUndefined();
    expect(failureFix('type "mood" does not exist', undefined)).toBeUndefined();
  });
});

describe('databaseMessage', () => {
  it('drops PostgreSQL’s echo of the statement and its caret, keeps DETAIL and HINT, on one line', () => {
    expect(
      databaseMessage(
        'type "mood" does not exist\nLINE 1: ALTER TABLE users ADD COLUMN mood mood\n                                          ^\n',
      ),
    ).toBe('type "mood" does not exist');
    expect(
      databaseMessage(
        'insert or update on table "posts" violates foreign key constraint "fk"\nDETAIL:  Key (author_id)=(9) is not present in table "users".\n',
      ),
    ).toBe(
      'insert or update on table "posts" violates foreign key constraint "fk" DETAIL: Key (author_id)=(9) is not present in table "users".',
    );
    expect(databaseMessage("(1054, \"Unknown column 'x' in 'field list'\")")).toBe(
      "(1054, \"Unknown column 'x' in 'field list'\")",
    );
  });
});
