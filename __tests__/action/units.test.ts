import { describe, expect, it } from 'vitest';
import { deflateRawSync, crc32 } from 'node:zlib';
import { envInputs, readInputs } from '../../src/github/inputs.js';
import { formatMarker, groupKey, newerRun, parseMarker, type Marker } from '../../src/github/marker.js';
import { commentableLines } from '../../src/github/pr-files.js';
import { unzip } from '../../src/github/unzip.js';
import { validateReport } from '../../src/github/validate-report.js';
import { findOverlaps, migrationPathFilter } from '../../src/github/radar.js';
import { pickAnnotations } from '../../src/github/annotations.js';
import { parseEvent } from '../../src/github/event.js';
import { COMMENT_LIMIT, renderMarkdown, renderResolved } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { renderSummary, SUMMARY_LIMIT } from '../../src/report/summary.js';
import type { Finding, Report } from '../../src/report/model.js';
import { zip } from './harness.js';
import { inertProblems } from './inert.js';

const SHA = 'a'.repeat(40);

function report(over: Partial<Report> = {}): Report {
  const findings = over.findings ?? [];
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    schemaVersion: 1,
    tool: { name: 'headsup', version: '0.1.0' },
    ok: counts.error === 0,
    failOn: 'error',
    base: { ref: 'main', sha: 'b'.repeat(40) },
    head: { ref: 'HEAD', sha: SHA },
    environments: [
      {
        kind: 'alembic',
        path: 'migrations',
        source: 'alembic.ini',
        baseHeads: ['bbbb02'],
        mergedHeads: ['dddd04'],
        added: [
          {
            revision: 'dddd04',
            downRevisions: ['bbbb02'],
            file: 'migrations/versions/d.py',
            line: 16,
            branchLabels: [],
          },
        ],
        modified: [],
        deleted: [],
        revisionCount: 3,
        dryRun: {
          status: 'skipped',
          reason: 'dry run disabled (--no-dry-run)',
          database: 'none',
          steps: [],
          schemaDiff: null,
        },
        sketch: {
          nodes: [
            { id: 'dddd04', origin: 'pr', head: true },
            { id: 'bbbb02', origin: 'base', head: false },
          ],
          edges: [{ from: 'bbbb02', to: 'dddd04' }],
        },
      },
    ],
    counts,
    ...over,
    findings,
  };
}

const finding = (
  severity: Finding['severity'],
  rule: string,
  message: string,
  extra: Partial<Finding> = {},
): Finding => ({
  rule,
  severity,
  message,
  environment: 'migrations',
  file: 'migrations/versions/d.py',
  line: 16,
  ...extra,
});

describe('inputs', () => {
  it('reads INPUT_* as the runner names them (dashes kept) and applies the action.yml defaults', () => {
    const inputs = readInputs(
      envInputs({
        'INPUT_FAIL-ON': 'warning',
        INPUT_MIGRATIONS: 'db/a,\n db/b \n# comment\n',
        INPUT_TOKEN: 't',
      }),
    );
    expect(inputs).toMatchObject({
      failOn: 'warning',
      migrations: ['db/a', 'db/b'],
      comment: true,
      suggestions: true,
      mode: 'check',
      workingDirectory: '.',
      python: 'python3',
      allowPullRequestTarget: false,
    });
    expect(readInputs(() => '').migrations).toBeUndefined();
  });

  it('rejects what it cannot honour, naming the input', () => {
    const bad = (name: string, value: string) => () => readInputs((n) => (n === name ? value : ''));
    expect(bad('fail-on', 'sometimes')).toThrow(
      /input fail-on: 'sometimes' is not one of error, warning, never/,
    );
    expect(bad('mode', 'deploy')).toThrow(/input mode/);
    expect(bad('comment', 'yes')).toThrow(/input comment: 'yes' is not true or false/);
    expect(bad('migrations', '../outside')).toThrow(/inside the repository/);
    expect(bad('migrations', '/abs')).toThrow(/inside the repository/);
    expect(bad('working-directory', 'a/../../b')).toThrow(/working-directory/);
    expect(bad('database', 'oracle://x')).toThrow(/^input database: unsupported URL scheme/);
    expect(bad('dialect', 'oracle')).toThrow(/^input dialect:/);
    expect(bad('token', 'a b')).toThrow(/token/);
    expect(readInputs((n) => (n === 'database' ? 'none' : '')).database).toEqual({ kind: 'none' });
  });
});

describe('events', () => {
  it('pull_request from a fork, push of a new branch, workflow_run without PRs', () => {
    const pr = parseEvent('pull_request', {
      pull_request: {
        number: 3,
        base: { sha: SHA, ref: 'main', repo: { full_name: 'acme/app' } },
        head: { sha: SHA, ref: 'x', repo: { full_name: 'eve/app' } },
      },
    });
    expect(pr).toMatchObject({ kind: 'pull_request', fork: true, target: false, number: 3 });
    const push = parseEvent('push', {
      before: '0'.repeat(40),
      after: SHA,
      ref: 'refs/heads/main',
      repository: { default_branch: 'main' },
    });
    expect(push).toMatchObject({ kind: 'push', before: null, onDefaultBranch: true });
    const run = parseEvent('workflow_run', {
      workflow_run: {
        id: 9,
        head_sha: SHA,
        event: 'pull_request',
        pull_requests: [],
        head_repository: { full_name: 'eve/app' },
        head_branch: 'x',
      },
    });
    expect(run).toMatchObject({ kind: 'workflow_run', pullRequests: [], headRepo: 'eve/app' });
    expect(() => parseEvent('pull_request', { pull_request: { number: 'x' } })).toThrow(/event payload/);
    expect(() => parseEvent('merge_group', { merge_group: { base_sha: 'nope' } })).toThrow(
      /merge_group.base_sha is not a commit sha/,
    );
  });
});

describe('markers', () => {
  const m: Marker = { kind: 'comment', key: 'default', sha: SHA, run: 12, attempt: 2, state: 'findings' };
  it('round-trips on the first line only', () => {
    expect(parseMarker(`${formatMarker(m)}\nbody`)).toEqual(m);
    expect(parseMarker(`hello\n${formatMarker(m)}`)).toBeUndefined();
    expect(parseMarker(formatMarker(m).replace('run=12', 'run=x'))).toBeUndefined();
  });
  it('orders runs by id, then attempt', () => {
    expect(newerRun({ run: 12, attempt: 1 }, { run: 11, attempt: 5 })).toBe(true);
    expect(newerRun({ run: 12, attempt: 2 }, { run: 12, attempt: 1 })).toBe(true);
    expect(newerRun({ run: 12, attempt: 1 }, { run: 12, attempt: 1 })).toBe(false);
  });
  it('keys environment groups stably', () => {
    expect(groupKey(undefined)).toBe('default');
    expect(groupKey(['b', 'a'])).toBe(groupKey(['a', 'b']));
    expect(groupKey(['a'])).not.toBe(groupKey(['b']));
    expect(groupKey(['a'])).toMatch(/^g-[0-9a-f]{8}$/);
  });
});

describe('diff lines, zip, annotations, radar', () => {
  it('finds the right-side lines of a patch', () => {
    const patch = '@@ -1,3 +1,4 @@\n a\n-b\n+c\n+d\n e\n@@ -20,2 +21,2 @@\n x\n+y';
    expect([...commentableLines(patch)]).toEqual([1, 2, 3, 4, 21, 22]);
    expect(commentableLines(undefined).size).toBe(0);
  });

  it('unzips stored and deflated entries, and refuses corrupt or oversized archives', () => {
    const stored = zip({ 'headsup-report.json': '{"a":1}', 'dir/': '' });
    expect(unzip(stored).get('headsup-report.json')?.toString()).toBe('{"a":1}');
    // Deflate the entry in place of the stored one.
    const data = Buffer.from('x'.repeat(5000));
    const deflated = deflateRawSync(data);
    const z = zip({ 'r.json': deflated });
    const cd = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    z.writeUInt16LE(8, 8);
    z.writeUInt16LE(8, cd + 10);
    z.writeUInt32LE(crc32(data) >>> 0, cd + 16);
    z.writeUInt32LE(data.length, cd + 24);
    expect(unzip(z).get('r.json')?.equals(data)).toBe(true);
    const corrupt = Buffer.from(stored);
    corrupt[30 + 'headsup-report.json'.length + 2] ^= 0xff;
    expect(() => unzip(corrupt)).toThrow(/CRC mismatch/);
    expect(() =>
      unzip(zip({ a: 'x', b: 'y' }), { maxEntries: 1, maxEntryBytes: 10, maxTotalBytes: 10 }),
    ).toThrow(/2 entries/);
    expect(() => unzip(z, { maxEntries: 5, maxEntryBytes: 100, maxTotalBytes: 1000 })).toThrow(/limit 100/);
    expect(() => unzip(Buffer.from('not a zip at all, not even close'))).toThrow(
      /no end of central directory/,
    );
  });

  it('annotates conflicts first, at most 10 per level', () => {
    const many = Array.from({ length: 15 }, (_, i) => finding('error', 'invalid-revision-id', `bad ${i}`));
    const picked = pickAnnotations([...many, finding('error', 'stale-parent', 'stale')]);
    expect(picked.error).toHaveLength(10);
    expect(picked.error[0].rule).toBe('stale-parent');
  });

  it('finds PRs that share a parent, ignoring parents inside the same PR', () => {
    const overlaps = findOverlaps([
      {
        number: 1,
        headSha: SHA,
        capped: false,
        revisions: [
          { id: 'a1', parents: ['base'], file: 'v/a1.py' },
          { id: 'a2', parents: ['a1'], file: 'v/a2.py' },
        ],
      },
      {
        number: 2,
        headSha: SHA,
        capped: false,
        revisions: [{ id: 'b1', parents: ['base'], file: 'v/b1.py' }],
      },
      {
        number: 3,
        headSha: SHA,
        capped: false,
        revisions: [{ id: 'c1', parents: ['other'], file: 'v/c1.py' }],
      },
    ]);
    expect([...overlaps.keys()].sort()).toEqual([1, 2]);
    expect(overlaps.get(1)).toEqual([
      {
        parent: 'base',
        revision: { id: 'a1', parents: ['base'], file: 'v/a1.py' },
        others: [{ number: 2, revision: 'b1' }],
      },
    ]);
    const isMigration = migrationPathFilter('.', ['db']);
    expect(isMigration('db/versions/x.py')).toBe(true);
    expect(isMigration('dbx/x.py')).toBe(false);
    expect(migrationPathFilter('.')('alembic/versions/x.py')).toBe(true);
    expect(migrationPathFilter('.')('app/models.py')).toBe(false);
  });
});

describe('untrusted report validation', () => {
  const valid = () =>
    JSON.parse(
      JSON.stringify(
        report({
          findings: [
            finding('error', 'stale-parent', 'x', {
              fix: { summary: 's', edits: [{ file: 'f', line: 1, endLine: 1, replacement: 'r' }] },
            }),
          ],
        }),
      ),
    );
  it('accepts a real report and drops unknown fields', () => {
    const input = { ...valid(), extra: 'x', github: { event: 'pull_request', pullRequest: 3, headSha: SHA } };
    input.findings[0].__proto__polluted = true;
    const { report: r, info } = validateReport(input);
    expect(r.findings[0]).toEqual(valid().findings[0]);
    expect(r).not.toHaveProperty('extra');
    expect(info).toEqual({ event: 'pull_request', pullRequest: 3, headSha: SHA });
  });
  it('refuses reports whose verdict disagrees with their findings, or with bad fields', () => {
    const cases: [string, (r: ReturnType<typeof valid>) => void, RegExp][] = [
      ['counts', (r) => (r.counts.error = 0), /\$\.counts\.error says 0/],
      ['ok', (r) => (r.ok = true), /\$\.ok disagrees/],
      ['sha', (r) => (r.head.sha = 'zz'), /\$\.head\.sha is not a commit sha/],
      ['severity', (r) => (r.findings[0].severity = 'fatal'), /severity is not one of/],
      ['long', (r) => (r.findings[0].message = 'x'.repeat(30_000)), /longer than 20000/],
      ['rule', (r) => (r.findings[0].rule = '<b>'), /is not a rule id/],
      ['edit', (r) => (r.findings[0].fix.edits[0].endLine = 0), /endLine/],
      ['schema', (r) => (r.schemaVersion = 2), /schemaVersion/],
      ['env', (r) => (r.environments = [{}]), /environments\[0\]\.\w+ is not/],
    ];
    for (const [name, mutate, error] of cases) {
      const r = valid();
      mutate(r);
      expect(() => validateReport(r), name).toThrow(error);
    }
  });
});

describe('markdown layout and limits', () => {
  it('shows the dry run honestly: a skipped run says why and shows no SQL', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('⏭️ Dry run skipped: dry run disabled (--no-dry-run). No SQL was captured.');
    expect(md).not.toContain('```sql');
    expect(md).toContain('| `dddd04` | `bbbb02` |');
  });

  it('folds SQL per revision with timings, lines and locks on tables that existed, when the dry run captured it', () => {
    const r = report();
    r.environments[0].dryRun = {
      status: 'passed',
      mode: 'online',
      database: 'pglite',
      engine: 'PostgreSQL 18.6 (PGlite, embedded)',
      baseReplay: { revisions: 2, statements: 5, ms: 1200, ok: true },
      phases: { upgrade: { ok: true, ms: 12 }, downgrade: { ok: true, ms: 4 } },
      steps: [
        {
          revision: 'dddd04',
          direction: 'upgrade',
          phase: 'upgrade',
          ms: 12,
          statements: [
            {
              sql: 'ALTER TABLE users ADD COLUMN x int',
              ms: 3,
              file: 'migrations/versions/dddd04_rev.py',
              line: 22,
              locks: [
                { relation: 'users', mode: 'AccessExclusiveLock', preexisting: true },
                { relation: 'fresh', mode: 'AccessExclusiveLock', preexisting: false },
              ],
            },
            { sql: "UPDATE alembic_version SET version_num='dddd04'", ms: 1, locks: [], bookkeeping: true },
          ],
        },
        {
          revision: 'dddd04',
          direction: 'downgrade',
          phase: 'downgrade',
          ms: 4,
          statements: [{ sql: 'ALTER TABLE users DROP COLUMN x', ms: 2, locks: [] }],
        },
      ],
      schemaDiff: [
        {
          action: 'added',
          kind: 'column',
          parent: 'users',
          name: 'x',
          text: '+ column users.x integer NULL',
        },
      ],
    };
    const md = renderMarkdown(r);
    expect(md).toContain(
      '<details><summary>✅ <code>dddd04</code> · revises <code>bbbb02</code> · up ✓ 1 statement 12 ms · down ✓ 1 statement 4 ms · 🔒 ACCESS EXCLUSIVE on users</summary>',
    );
    expect(md).toContain(
      '```sql\nALTER TABLE users ADD COLUMN x int;\n-- 3 ms · migrations/versions/dddd04_rev.py:22 · ACCESS EXCLUSIVE on users (blocks reads and writes)\n```',
    );
    expect(md).not.toContain('alembic_version');
    expect(md).toContain(
      '🧪 dry run on PostgreSQL 18.6 (PGlite, embedded) · base replayed: 2 revisions in 1.2 s · up ✓ 12 ms · down ✓ 4 ms',
    );
    expect(md).toContain('**Schema diff**\n\n```diff\n+ column users.x integer NULL\n```');
    expect(inertProblems(md)).toEqual([]);
  });

  it('cuts a huge report to the comment limit, keeping verdict and errors, and the summary to 1 MiB of bytes', () => {
    const findings = [
      ...Array.from({ length: 300 }, (_, i) =>
        finding('error', 'stale-parent', `revision ${i} ${'é🙂'.repeat(1500)}`),
      ),
      ...Array.from({ length: 3000 }, (_, i) =>
        finding('warning', 'modified-migration', `w${i} ${'ü'.repeat(400)}`),
      ),
    ];
    const r = report({ findings });
    r.environments[0].dryRun = {
      status: 'failed',
      database: 'pglite',
      reason: 'boom',
      steps: [
        {
          revision: 'dddd04',
          direction: 'upgrade',
          phase: 'upgrade',
          ms: 1,
          statements: Array.from({ length: 200 }, () => ({
            sql: `SELECT '${'🙂'.repeat(5000)}'`,
            ms: 1,
            locks: [],
          })),
        },
      ],
      schemaDiff: null,
    };
    const md = renderMarkdown(r, { summaryUrl: 'https://github.com/acme/app/actions/runs/1' });
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md.split('\n')[2]).toMatch(
      /^❌ \*\*This PR would fork the migration graph\.\*\* 300 errors, 3000 warnings\.$/,
    );
    expect(md).toContain('#### Errors (300)');
    expect(md).toMatch(/and \d+ more errors; see the job summary/);
    expect(md).toContain(
      "shortened to fit GitHub's size limit; the [job summary](https://github.com/acme/app/actions/runs/1)",
    );
    expect(inertProblems(md)).toEqual([]);
    const summary = renderSummary(r);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(summary.split('\n')[2]).toMatch(/^❌/);
    expect(renderResolved(report()).length).toBeLessThan(COMMENT_LIMIT);
  });

  it("lists as many of a huge PR's revisions as fit, then says how many more (without a dry run)", () => {
    const r = report();
    const added = Array.from({ length: 5000 }, (_, i) => ({
      revision: `h${String(i).padStart(11, '0')}`,
      downRevisions: [i ? `h${String(i - 1).padStart(11, '0')}` : 'bbbb02'],
      file: `migrations/versions/h${i}_huge.py`,
      line: 6,
      branchLabels: [],
    }));
    r.environments[0].added = added;
    const started = performance.now();
    const md = renderMarkdown(r, { summaryUrl: 'https://github.com/acme/app/actions/runs/1' });
    const ms = performance.now() - started;
    console.log(`5,000-revision comment rendered in ${ms.toFixed(0)} ms`); // printed, not asserted
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const rows = md.split('\n').filter((l) => l.startsWith('| `h'));
    const more = /…and (\d+) more revisions; see the job summary/.exec(md);
    expect(rows.length).toBeGreaterThan(100);
    expect(Number(more?.[1])).toBe(5000 - rows.length);
    // The job summary has room for all of them.
    const summary = renderSummary(r);
    expect(summary.split('\n').filter((l) => l.startsWith('| `h'))).toHaveLength(5000);
    // The terminal lists the first 50, so the findings below are not buried.
    const text = renderText(r, { color: false });
    expect(text.split('\n').filter((l) => l.startsWith('  + h'))).toHaveLength(50);
    expect(text).toContain('… and 4950 more new revisions (--format json lists every one)');
  });

  it('in the terminal, environments the PR leaves alone take a line each, or one line when there are many', () => {
    const withUntouched = (n: number) => {
      const r = report();
      const touched = r.environments[0];
      const alone = Array.from({ length: n }, (_, i) => ({
        ...touched,
        path: `svc${i}/migrations`,
        baseHeads: ['e1'],
        mergedHeads: ['e1'],
        added: [],
      }));
      r.environments = [touched, ...alone];
      return renderText(r, { color: false });
    };
    const few = withUntouched(3);
    expect(few).toContain('svc2/migrations (alembic.ini): 3 revisions; heads: e1; unchanged by this PR');
    expect(few).toContain('+ dddd04');
    const many = withUntouched(11);
    expect(many).not.toContain('svc2/migrations');
    expect(many).toContain('11 other environments unchanged by this PR (--format json lists them)');
    expect(many).toContain('+ dddd04');
  });

  it('keeps hostile text inert in every section', () => {
    const evil =
      '@octocat <img src=x onerror=alert(1)> ``` | #12 [x](javascript:alert(1)) <details> https://evil.example';
    const r = report({
      findings: [
        finding('error', 'stale-parent', `\`${evil}\` revises \`${evil}\``, {
          file: `v/${evil}.py`,
          fix: {
            summary: evil,
            edits: [{ file: evil, line: 1, endLine: 1, replacement: evil, original: evil }],
            command: evil,
          },
        }),
        finding('warning', 'modified-migration', evil, { file: evil }),
      ],
    });
    r.base.ref = evil;
    r.environments[0].path = evil;
    r.environments[0].added[0].revision = evil;
    r.environments[0].mergedHeads = [evil];
    r.environments[0].sketch.nodes.push({ id: evil, origin: 'pr', head: true });
    r.environments[0].dryRun = {
      status: 'failed',
      database: evil,
      engine: evil,
      reason: evil,
      steps: [
        {
          revision: evil,
          direction: 'upgrade',
          phase: 'upgrade',
          ms: 1,
          statements: [
            {
              sql: evil,
              ms: 1,
              file: evil,
              line: 1,
              locks: [{ relation: evil, mode: evil, preexisting: true }],
            },
          ],
          error: evil,
        },
      ],
      schemaDiff: [
        {
          action: 'changed',
          kind: evil,
          parent: evil,
          name: evil,
          text: evil,
          fields: [{ field: evil, before: evil, after: evil }],
        },
      ],
    };
    for (const md of [
      renderMarkdown(r, { fileUrl: (f) => `https://github.com/acme/app/blob/x/${encodeURIComponent(f)}` }),
      renderSummary(r),
    ])
      expect(inertProblems(md)).toEqual([]);
  });
});
