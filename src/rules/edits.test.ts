import { describe, expect, it } from 'vitest';
import { shellWords } from '../../__tests__/helpers/shell-words.js';
import { alembicCommand } from './edits.js';

describe('alembicCommand', () => {
  it('names a non-default config, quoted when its path would mean more to a shell', () => {
    expect(alembicCommand(undefined)).toBe('alembic');
    expect(alembicCommand('alembic.ini')).toBe('alembic');
    expect(alembicCommand('db/alembic.ini')).toBe('alembic -c db/alembic.ini');
    const path = "my db/$(id);it's.ini";
    expect(shellWords(alembicCommand(path))).toEqual(['alembic', '-c', path]);
  });
});
