import { describe, expect, it } from 'vitest';
import { environmentOf, reportOf } from '../../__tests__/helpers/report.js';
import { renderMarkdown } from './markdown.js';
import { codeSpans as codeSpansOf, renderInline } from '../../__tests__/helpers/rendered.js';
import { sketchToMermaid } from './mermaid.js';

/** The code spans of one rendered Markdown line, as the reader sees them. */
const codeSpans = (line: string) => codeSpansOf(renderInline(line));

describe('renderMarkdown messages', () => {
  it('shows revision ids holding backticks exactly, in the message as in the table', () => {
    for (const id of ['a```b', 'a` b', '`x', 'x` `y']) {
      const added = [{ revision: id, downRevisions: ['aaaa'], file: 'v/b.py', line: 2, branchLabels: [] }];
      const message = `\`${id}\` revises \`aaaa\`, but base already continues from \`aaaa\` with \`cccc\`.`;
      const md = renderMarkdown(
        reportOf(
          [environmentOf(added, 'cccc')],
          [
            {
              rule: 'stale-parent',
              severity: 'error',
              environment: 'migrations',
              file: 'v/b.py',
              line: 2,
              message,
            },
          ],
        ),
      );
      const line = md.split('\n').find((l) => l.includes(' revises ') && !l.startsWith('|')) ?? '';
      expect(codeSpans(line), id).toEqual([id, 'aaaa', 'aaaa', 'cccc']);
    }
  });
});

describe('sketchToMermaid', () => {
  it('draws revisions whose escaped ids used to coincide as separate nodes', () => {
    const ids = ['1.0', '1_2e_0', '_', '_5f_'];
    const mermaid = sketchToMermaid({
      nodes: ids.map((id) => ({ id, origin: 'pr' as const, head: false })),
      edges: [],
    });
    const declared = mermaid
      .split('\n')
      .map((l) => l.match(/^ {2}(\S+)\[/)?.[1])
      .filter(Boolean);
    expect(new Set(declared).size).toBe(ids.length);
  });
});

describe('renderMarkdown when findings are cut', () => {
  it('points a comment to the job summary, and the job summary to the report JSON', () => {
    const findings = Array.from({ length: 400 }, (_, i) => ({
      rule: 'missing-parent',
      severity: 'error' as const,
      environment: 'migrations',
      file: `migrations/versions/r${i}.py`,
      line: 1,
      message: `\`r${i}\` names a parent that is not there: ${'x'.repeat(200)}`,
    }));
    const report = reportOf([environmentOf([], 'aaaa')], findings);
    const comment = renderMarkdown(report, { limit: 20_000 });
    const summary = renderMarkdown(report, { detail: 'full', limit: 20_000 });
    expect(comment).toMatch(/more errors; see the job summary\./);
    expect(summary).toMatch(/more errors; see the report JSON\./);
    expect(summary).not.toContain('see the job summary');
  });
});

describe('renderMarkdown of a skipped dry run', () => {
  it('ends the reason with one full stop, whether or not it had its own', () => {
    const added = [{ revision: 'b2', downRevisions: ['a1'], file: 'v/b2.py', line: 3, branchLabels: [] }];
    const env = environmentOf(added, 'a1', {
      dryRun: {
        status: 'skipped',
        reason: 'python3 cannot import alembic: install it, or pass --python naming one.',
        database: 'pglite',
        steps: [],
        schemaDiff: null,
      },
    });
    expect(renderMarkdown(reportOf([env], []))).toContain(
      'Dry run skipped: python3 cannot import alembic: install it, or pass --python naming one. No SQL was captured.',
    );
  });
});
