import { describe, expect, it } from 'vitest';
import { environmentOf, reportOf } from '../../__tests__/helpers/report.js';
import { renderText } from './text.js';

/** Everything a hostile repository could slip into a value: screen control, a forged line, bidi reordering. */
const PAYLOAD = '\u001b[2J\u001b[32m\r\n\terror   fake_rule  forged\u0007\u007f\u009b\u202e\u2066';
const hostile = (field: string) => `${field}${PAYLOAD}`;

/** Every repository- or command-line-provided value of a report, each tagged with its field's name. */
function hostileReport() {
  const added = [
    {
      revision: hostile('rev'),
      downRevisions: [hostile('down')],
      file: hostile('file'),
      line: 3,
      branchLabels: [hostile('label')],
    },
  ];
  const env = environmentOf(added, hostile('basehead'), {
    path: hostile('envpath'),
    source: hostile('source'),
    modified: [hostile('modified')],
    deleted: [hostile('deleted')],
    dryRun: { status: 'skipped', reason: hostile('reason'), database: 'none', steps: [], schemaDiff: null },
  });
  return reportOf(
    [env],
    [
      {
        rule: 'stale-parent',
        severity: 'error',
        environment: env.path,
        file: hostile('findingfile'),
        line: 9,
        message: hostile('message'),
        fix: {
          summary: hostile('summary'),
          edits: [
            {
              file: hostile('editfile'),
              line: 9,
              endLine: 10,
              original: `${hostile('original1')}\n${hostile('original2')}`,
              replacement: hostile('replacement'),
            },
          ],
          command: hostile('command'),
        },
      },
    ],
    {
      base: { ref: hostile('baseref'), sha: null },
      head: { ref: hostile('headref'), sha: null },
      hints: [hostile('hint')],
    },
  );
}

const FIELDS = ['rev', 'down', 'file', 'basehead', 'envpath', 'source', 'modified', 'deleted', 'reason'];
const FINDING_FIELDS = ['findingfile', 'message', 'summary', 'editfile'];
const OWN_COLOUR = /\u001b\[(?:0|1|2|31|32|33|36)m/g;
const ESCAPED = '\\x1b[2J\\x1b[32m\\r\\n\\terror   fake_rule  forged\\x07\\x7f\\x9b\\u202e\\u2066';
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('renderText with hostile repository values', () => {
  const report = hostileReport();
  const plain = renderText(report, { color: false });
  const coloured = renderText(report, { color: true });

  it('prints no control character but its own line breaks', () => {
    expect(plain.split('\n').filter((l) => CONTROL.test(l))).toEqual([]);
    // Colour adds only headsup's own codes around the same text.
    expect(coloured.replace(OWN_COLOUR, '')).toBe(plain);
  });

  it('shows each value on its own line with the controls escaped', () => {
    for (const field of [...FIELDS, ...FINDING_FIELDS, 'baseref', 'headref', 'hint', 'command'])
      expect(plain, field).toContain(`${field}${ESCAPED}`);
    expect(plain.split('\n').filter((l) => /^\s*error\s+fake_rule/.test(l))).toEqual([]);
  });

  it('keeps the line breaks of an edit’s code, one diff line each, escaping the rest', () => {
    const lines = plain.split('\n').map((l) => l.trim());
    // The code's own line break splits the payload: both halves are diff lines, controls escaped.
    const [first, second] = ESCAPED.split('\\n');
    for (const [sign, field] of [
      ['-', 'original1'],
      ['-', 'original2'],
      ['+', 'replacement'],
    ]) {
      const at = lines.indexOf(`${sign} ${field}${first}`);
      expect(at, field).toBeGreaterThan(0);
      expect(lines[at + 1]).toBe(`${sign} ${second}`);
    }
  });

  it('leaves ordinary values as they were', () => {
    const calm = reportOf(
      [
        environmentOf(
          [{ revision: 'b2', downRevisions: ['a1'], file: 'v/b2.py', line: 3, branchLabels: [] }],
          'a1',
        ),
      ],
      [],
    );
    expect(renderText(calm, { color: false })).toContain('  + b2  revises a1  v/b2.py:3');
  });
});

describe('renderText of a dry run', () => {
  it('lays out multi-line SQL, a schema diff entry of several lines and a step error line by line', () => {
    const env = environmentOf(
      [{ revision: 'b2', downRevisions: ['a1'], file: 'v/b2.py', line: 3, branchLabels: [] }],
      'a1',
      {
        dryRun: {
          status: 'failed',
          mode: 'online',
          database: 'pglite',
          engine: 'PostgreSQL 18.6 (PGlite, embedded)',
          steps: [
            {
              revision: 'b2',
              direction: 'upgrade',
              phase: 'upgrade',
              ms: 5,
              statements: [
                {
                  sql: 'CREATE TABLE audit (\n\tid BIGINT NOT NULL\n)',
                  ms: 2,
                  file: 'v/b2.py',
                  line: 9,
                  locks: [],
                },
              ],
              error: 'type "mood" does not exist\nLINE 1: ALTER TABLE users ADD COLUMN mood mood',
            },
          ],
          schemaDiff: [
            {
              action: 'added',
              kind: 'table',
              name: 'audit',
              text: '+ table audit (id bigint NOT NULL)\n+ index ix_audit on audit (id)',
            },
          ],
        },
      },
    );
    const lines = renderText(reportOf([env], []), { color: false, showSql: true }).split('\n');
    for (const line of [
      '      + table audit (id bigint NOT NULL)',
      '      + index ix_audit on audit (id)',
      '      CREATE TABLE audit (',
      // SQLAlchemy's tabs in CREATE TABLE are layout: spaces.
      '          id BIGINT NOT NULL',
      '      );',
      '      -- failed: type "mood" does not exist',
    ])
      expect(lines).toContain(line);
  });
});
