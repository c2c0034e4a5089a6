import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGraph } from '../src/commands/graph.js';

const dir = mkdtempSync(join(tmpdir(), 'headsup-graph-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('headsup graph output with hostile revision ids', () => {
  it('text and mermaid show control characters escaped, never raw', async () => {
    const hostile = 'a\u001b[2J\rb\u202ec\nerror   fake_rule';
    mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
    writeFileSync(join(dir, 'alembic.ini'), '[alembic]\nscript_location = migrations\n');
    writeFileSync(join(dir, 'migrations/env.py'), 'import alembic\n');
    writeFileSync(
      join(dir, 'migrations/versions/a.py'),
      `revision = ${JSON.stringify(hostile)}\ndown_revision = None\n`,
    );
    writeFileSync(
      join(dir, 'migrations/versions/b.py'),
      `revision = 'b'\ndown_revision = ${JSON.stringify(hostile)}\n`,
    );
    const text = await runGraph({ repo: dir, format: 'text' });
    const mermaid = await runGraph({ repo: dir, format: 'mermaid' });
    for (const out of [text, mermaid]) {
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(out.split('\n').some((l) => l.startsWith('error'))).toBe(false);
      expect(out).toContain('a\\x1b[2J\\rb\\u202ec\\nerror   fake_rule');
    }
    expect(text).toContain('heads: b');
    // JSON keeps the exact value (JSON escapes it itself).
    const json = JSON.parse(await runGraph({ repo: dir, format: 'json' }));
    expect(json.environments[0].bases).toEqual([hostile]);
  });
});
