import { describe, expect, it } from 'vitest';
import { databaseMessage } from './sequence.js';

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
