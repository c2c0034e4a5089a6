import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { environmentOf, reportOf } from '../../__tests__/helpers/report.js';
import { codeSpans, textOf } from '../../__tests__/helpers/rendered.js';
import { annotationText } from '../github/annotations.js';
import { validateReport } from '../github/validate-report.js';
import type { Finding, Report, Waiver } from './model.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

const FILE = 'migrations/versions/c3_x.py';
const sqlWarning: Finding = {
  rule: 'create-index-not-concurrently',
  severity: 'warning',
  environment: 'migrations',
  file: FILE,
  line: 17,
  message:
    'Building `ix_users_email` on the existing table `users` takes a SHARE lock (blocks writes) on it.',
  fix: { summary: 'Build it CONCURRENTLY, outside the migration’s transaction.' },
  statement: 'CREATE INDEX ix_users_email\n  ON users (email) -- a | pipe',
};
const waiver: Waiver = {
  rule: 'drop-column',
  environment: 'migrations',
  file: FILE,
  line: 20,
  reason: 'unused since v2.3 <b>#812</b>',
  scope: 'statement',
  suppressed: 1,
};

function report(findings: Finding[], waivers: Waiver[] = []): Report {
  const env = environmentOf(
    [{ revision: 'c3', downRevisions: ['b2'], file: FILE, line: 1, branchLabels: [] }],
    'b2',
    {
      mergedHeads: ['c3'],
    },
  );
  return reportOf([env], findings, { ok: true, ...(waivers.length ? { waivers } : {}) });
}

const tableRows = (md: string, heading: string): string[][] => {
  const section = md.split('\n\n#### ').find((s) => s.startsWith(heading)) ?? '';
  const html = marked.parse(section.replace(/^[^\n]*\n/, ''), { gfm: true, async: false });
  return [...html.matchAll(/<tr>(.*?)<\/tr>/gs)]
    .slice(1)
    .map((r) => [...r[1].matchAll(/<td>(.*?)<\/td>/gs)].map((c) => c[1]));
};

describe('SQL findings and waivers in the report', () => {
  it('the comment shows the warning, the statement and the safe alternative side by side, the rule linked', () => {
    const md = renderMarkdown(report([sqlWarning]), {
      ruleUrl: (id) => `https://github.com/o/headsup/blob/v1/docs/rules.md#${id}`,
    });
    expect(md).toContain('#### SQL warnings (1)');
    const [row] = tableRows(md, 'SQL warnings');
    expect(row).toHaveLength(3);
    // The warning's cell: the rule linked, where, what happens, the statement; the safe form beside it.
    const [head, message, statement] = row[1].split('<br>');
    expect(head).toContain(
      '<a href="https://github.com/o/headsup/blob/v1/docs/rules.md#create-index-not-concurrently"><strong>create-index-not-concurrently</strong></a>',
    );
    expect(codeSpans(head)).toEqual(['c3_x.py:17']);
    expect(textOf(message)).toContain('takes a SHARE lock');
    expect(codeSpans(statement)).toEqual(['CREATE INDEX ix_users_email ON users (email) -- a | pipe']);
    expect(textOf(row[2])).toBe('Build it CONCURRENTLY, outside the migration’s transaction.');
    expect(md).not.toContain('#### Warnings');
  });

  it('lists the waivers with their reasons, escaped', () => {
    const md = renderMarkdown(report([], [waiver, { ...waiver, reason: '', scope: 'file', line: 3 }]));
    const rows = tableRows(md, 'Waivers (2)');
    expect(rows.map((r) => textOf(r[2]))).toEqual(['unused since v2.3 <b>#\u200d812</b>', 'no reason given']);
    expect(textOf(rows[1][1])).toContain('(whole file)');
  });

  it('an error with its statement shows the SQL fenced under the message', () => {
    const md = renderMarkdown(
      report([{ ...sqlWarning, rule: 'concurrently-in-transaction', severity: 'error' }]),
    );
    expect(md).toContain('```sql\nCREATE INDEX ix_users_email\n  ON users (email) -- a | pipe\n```');
  });

  it('the terminal and the annotation carry the statement on one line, and the waivers', () => {
    const text = renderText(report([sqlWarning], [waiver]), { color: false });
    expect(text).toContain('        sql: CREATE INDEX ix_users_email ON users (email) -- a | pipe');
    expect(text).toContain(
      'waivers (1):\n  drop-column  migrations/versions/c3_x.py:20  unused since v2.3 <b>#812</b>',
    );
    expect(annotationText(sqlWarning)).toBe(
      `${sqlWarning.message}\nSQL: CREATE INDEX ix_users_email ON users (email) -- a | pipe\nFix: ${sqlWarning.fix!.summary}`,
    );
  });

  it('the fork-safe publisher keeps statements and waivers, and refuses malformed ones', () => {
    const r = JSON.parse(JSON.stringify(report([sqlWarning], [waiver])));
    const { report: valid } = validateReport(r);
    expect(valid.findings[0].statement).toBe(sqlWarning.statement);
    expect(valid.waivers).toEqual([waiver]);
    expect(() => validateReport({ ...r, waivers: [{ ...waiver, rule: '<b>' }] })).toThrow(
      /waivers\[0\]\.rule is not a rule id/,
    );
    expect(() => validateReport({ ...r, waivers: [{ ...waiver, scope: 'all' }] })).toThrow(
      /waivers\[0\]\.scope/,
    );
    expect(() => validateReport({ ...r, waivers: [{ ...waiver, extra: 1 }] })).not.toThrow();
    expect(
      validateReport({ ...r, waivers: [{ ...waiver, extra: 1 }] }).report.waivers?.[0],
    ).not.toHaveProperty('extra');
    expect(() => validateReport({ ...r, findings: [{ ...sqlWarning, statement: 7 }] })).toThrow(
      /findings\[0\]\.statement is not a string/,
    );
  });
});
