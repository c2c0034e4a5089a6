import { describe, expect, it } from 'vitest';
import { shellWords } from '../../../__tests__/helpers/shell-words.js';
import { alembicCommand } from './edits.js';

describe('alembicCommand', () => {
  it('names a non-default config, quoted when its path would mean more to a shell', () => {
    expect(alembicCommand({})).toBe('alembic');
    expect(alembicCommand({ configFile: 'alembic.ini' })).toBe('alembic');
    expect(alembicCommand({ configFile: 'db/alembic.ini' })).toBe('alembic -c db/alembic.ini');
    const path = "my db/$(id);it's.ini";
    expect(shellWords(alembicCommand({ configFile: path }))).toEqual(['alembic', '-c', path]);
  });

  it('names the ini section of an environment that is not [alembic] (`alembic -n`)', () => {
    expect(alembicCommand({ configFile: 'alembic.ini', configSection: 'db2' })).toBe('alembic -n db2');
    expect(alembicCommand({ configFile: 'svc/x.ini', runFrom: 'svc', configSection: 'a b' })).toBe(
      "cd svc && alembic -c x.ini -n 'a b'",
    );
  });

  it('runs in the config’s folder when its relative paths are read from there', () => {
    expect(alembicCommand({ configFile: 'backend/alembic.ini', runFrom: 'backend' })).toBe(
      'cd backend && alembic',
    );
    expect(alembicCommand({ configFile: 'my db/test.ini', runFrom: 'my db' })).toBe(
      "cd 'my db' && alembic -c test.ini",
    );
  });
});
