import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundled } from './helpers/bundle.js';
import { rulesMarkdown } from '../src/commands/rules.js';
import { KNOWN_RULES, RULE_CARDS } from '../src/rules/catalog.js';
import { sqlRules } from '../src/rules/sql/index.js';

const run = promisify(execFile);

/** Every `rule: '<id>'` and rule file `id = '<id>'` in the sources: the ids a finding can carry. */
function emittedIds(dir = 'src'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...emittedIds(path));
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts'))
      for (const m of readFileSync(path, 'utf8').matchAll(/\b(?:rule|id): '([a-z][a-z0-9-]+)'/g))
        out.push(m[1]);
  }
  return out;
}

describe('the rules’ documentation', () => {
  it('docs/rules.md is what the rule files generate (npm run docs)', () => {
    expect(readFileSync('docs/rules.md', 'utf8')).toBe(rulesMarkdown());
  });

  it('documents every rule id a finding can carry, once', () => {
    const ids = RULE_CARDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...new Set(emittedIds())].filter((id) => !KNOWN_RULES.has(id))).toEqual([]);
  });

  it('gives each SQL rule a file named by its id, its tests beside it, a doc line, a safe alternative and examples', () => {
    for (const r of sqlRules) {
      expect(r.id, r.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(existsSync(`src/rules/sql/${r.id}.ts`), r.id).toBe(true);
      expect(existsSync(`src/rules/sql/${r.id}.test.ts`), r.id).toBe(true);
      expect(r.doc.length, r.id).toBeGreaterThan(20);
      expect(r.doc, r.id).not.toContain('\n');
      expect(r.safe.length, r.id).toBeGreaterThan(20);
      expect(r.example.unsafe, r.id).not.toBe(r.example.safe);
    }
  });

  it('headsup rules lists them and explains one, fast and without a repository', async () => {
    const list = await run(process.execPath, [bundled('cli.js'), 'rules'], { cwd: '/' });
    for (const c of RULE_CARDS) expect(list.stdout).toContain(`  ${c.id} `);
    const one = await run(process.execPath, [bundled('cli.js'), 'rules', 'set-not-null'], { cwd: '/' });
    expect(one.stdout).toMatch(/^set-not-null \(warning; PostgreSQL\)\n/);
    expect(one.stdout).toContain("Unsafe:\n    op.alter_column('users', 'email', nullable=False)");
    expect(one.stdout).toContain('Safe:\n    op.create_check_constraint(');
    const md = await run(process.execPath, [bundled('cli.js'), 'rules', '--format', 'markdown']);
    expect(md.stdout).toBe(rulesMarkdown());
    const unknown = await run(process.execPath, [bundled('cli.js'), 'rules', 'nope']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(unknown).toMatchObject({
      code: 2,
      stderr: "headsup: no rule 'nope' (headsup rules lists them)\n",
    });
  });
});
