import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellWords } from '../../__tests__/helpers/shell-words.js';
import { shellArgs, shellQuote } from './shell.js';

describe('shellQuote', () => {
  it('leaves plain ids, labels and paths bare', () => {
    for (const s of ['9f8e7d6c5b4a', 'core@head', 'db/alembic.ini', 'v1.0_rc,2', '%x+y:z'])
      expect(shellQuote(s)).toBe(s);
  });

  it('hands the shell exactly the hostile ids, and runs nothing they hold', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headsup-shell-'));
    const ids = [
      'x;touch PWNED;',
      '$(touch PWNED2)',
      '`touch PWNED3`',
      "it's",
      "''",
      'a b\tc\nd',
      '*',
      '~root',
      '=ls',
      '^x',
      '!1',
      '"$HOME"',
      '\\',
      '',
      'ünï',
    ];
    try {
      expect(shellWords(shellArgs(ids), dir)).toEqual(ids);
      expect(['PWNED', 'PWNED2', 'PWNED3'].filter((f) => existsSync(join(dir, f)))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quotes with single quotes only, closing and reopening around a quote', () => {
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
    expect(shellQuote('a;b')).toBe("'a;b'");
  });
});
