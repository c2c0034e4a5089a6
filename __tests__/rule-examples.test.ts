import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alembicMissing } from './helpers/alembic.js';
import { revisionFile, stockTemplates } from './helpers/alembic-project.js';
import { checkJson, DryRunRepo } from './helpers/dry-run-repo.js';
import { serverMissing } from './helpers/scratch-db.js';
import { sqlRules } from '../src/rules/sql/index.js';

/**
 * The rules' documented examples (`headsup rules <id>`, docs/rules.md), run as a PR's revisions on the embedded
 * PostgreSQL with the real Alembic: each unsafe example draws its rule, and each safe rewrite — the fix
 * headsup suggests — runs and does not. A snippet's "# next revision" comments split it into revisions.
 */
const missing = alembicMissing('the rules’ examples on PGlite');

/** What the examples stand on: the tables and columns they name, as an app would have them. */
const BASE = revisionFile(
  'cccc0000',
  'bbbb0002',
  [
    "op.add_column('users', sa.Column('name', sa.Text()))",
    "op.add_column('users', sa.Column('legacy_flag', sa.Boolean()))",
    "status = sa.Enum('new', 'paid', name='order_status')",
    "op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('user_id', sa.Integer()), sa.Column('total', sa.Integer()), sa.Column('status', status), sa.Column('refunded_at', sa.DateTime(timezone=True)), sa.Column('note', sa.Text()))",
    "op.create_index('ix_orders_legacy', 'orders', ['note'])",
    "op.create_table('customers', sa.Column('id', sa.Integer(), primary_key=True))",
    "op.create_table('legacy_sessions', sa.Column('id', sa.Integer(), primary_key=True))",
    "op.create_table('audit_log', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('created_at', sa.DateTime(timezone=True)))",
    "op.create_table('events', sa.Column('id', sa.BigInteger(), sa.Identity(), primary_key=True))",
    "op.create_table('countries', sa.Column('id', sa.Integer(), primary_key=True))",
    "op.create_table('customer_subscription_billing_events', sa.Column('id', sa.BigInteger(), sa.Identity(), primary_key=True), sa.Column('customer_subscription_id', sa.Integer()), sa.Column('created_at', sa.DateTime(timezone=True)))",
    "op.execute('CREATE SCHEMA reporting')",
    "op.create_table('daily_totals', sa.Column('id', sa.Integer(), primary_key=True), schema='reporting')",
  ].join('\n'),
);

/** Rules whose safe form is a matter of timing (ship the code first, then do it): the rule still fires then. */
const TIMING = new Set(['drop-table', 'drop-column', 'drop-not-null']);

/**
 * Patterns PostgreSQL itself refuses in a transaction: online, the dry run fails on that line, and the failure
 * carries the same fix (offline, with no database to refuse them, the rule reports them).
 */
const REFUSED = new Set(['concurrently-in-transaction', 'enum-value-in-transaction']);

/** The example's revisions: split where a comment says the rest goes in a later one. */
function revisions(snippet: string): string[] {
  const parts: string[][] = [[]];
  for (const line of snippet.split('\n')) {
    if (/^#.*\b(revision|the one after)\b/i.test(line.trim())) parts.push([]);
    parts[parts.length - 1].push(line);
  }
  // A body of comments alone is no Python function body.
  return parts.map((p) => `from sqlalchemy.dialects import postgresql\n${p.join('\n')}\npass`);
}

function branchFiles(tag: string, snippet: string): Record<string, string> {
  const files: Record<string, string> = {};
  let down = 'cccc0000';
  revisions(snippet).forEach((body, i) => {
    const id = `${tag}${i}`;
    files[`migrations/versions/${id}_x.py`] = revisionFile(id, down, body);
    down = id;
  });
  return files;
}

/** One engine's examples: a repository whose base the examples stand on, and each example run as a PR. */
function examples(
  title: string,
  rules: typeof sqlRules,
  opts: {
    url: string;
    base: string;
    files?: Record<string, string>;
    database?: string[];
    skip?: () => string | undefined;
  },
): void {
  describe(title, () => {
    let repo: DryRunRepo;
    const cache = mkdtempSync(join(tmpdir(), 'headsup-examples-cache-'));
    const run = (branch: string) =>
      checkJson(repo.repo.dir, ['--base', 'main', '--head', branch, ...(opts.database ?? [])], {
        HEADSUP_CACHE: 'on',
        HEADSUP_CACHE_DIR: cache,
      });

    beforeAll(async () => {
      if (opts.skip?.()) return;
      const { generic } = await stockTemplates('generic');
      repo = new DryRunRepo({
        template: generic,
        url: opts.url,
        baseFiles: { 'migrations/versions/cccc0000_base.py': opts.base, ...opts.files },
      });
    });
    afterAll(() => {
      repo?.cleanup();
      rmSync(cache, { recursive: true, force: true });
    });

    for (const [i, rule] of rules.entries())
      it(`${rule.id}: the unsafe example draws it; the safe one runs${TIMING.has(rule.id) ? '' : ' and does not'}`, async (t) => {
        const why = opts.skip?.();
        if (why) return t.skip(why);
        const unsafe = await run(repo.branch(`u-${rule.id}`, branchFiles(`u${i}r`, rule.example.unsafe)));
        const failedU = unsafe.report.findings.filter((f) => f.rule === 'dry-run-failed');
        if (REFUSED.has(rule.id)) {
          expect(failedU).toHaveLength(1);
          expect(failedU[0].fix?.summary).toContain('with op.get_context().autocommit_block():');
        } else {
          expect(failedU.map((f) => f.message)).toEqual([]);
          expect(unsafe.report.findings.map((f) => f.rule)).toContain(rule.id);
        }

        const safe = await run(repo.branch(`s-${rule.id}`, branchFiles(`s${i}r`, rule.example.safe)));
        const failedS = safe.report.findings.filter((f) => f.rule === 'dry-run-failed');
        expect(failedS.map((f) => f.message)).toEqual([]);
        expect(safe.report.environments[0].dryRun.status).toBe('passed');
        if (!TIMING.has(rule.id)) expect(safe.report.findings.map((f) => f.rule)).not.toContain(rule.id);
      });
  });
}

describe.skipIf(missing)('the rules’ examples, run (real Alembic)', async () => {
  examples(
    'PostgreSQL rules on PGlite',
    // irreversible-migration's example is a downgrade(), not an upgrade.
    sqlRules.filter((r) => r.dialects.includes('postgresql') && r.id !== 'irreversible-migration'),
    { url: 'postgresql://app@db/app', base: BASE },
  );

  const noMaria = await serverMissing('mysql', 'the MySQL rules’ examples on MariaDB');
  examples(
    'MySQL rules on MariaDB 10.11',
    sqlRules.filter((r) => r.dialects.includes('mysql') && !r.dialects.includes('postgresql')),
    {
      url: 'mysql+pymysql://app@db/app',
      database: ['--database', 'mysql://root@127.0.0.1:3306/test'],
      // Production on MySQL 8.0.20: before 8.0.29, ADD COLUMN anywhere but last copies the table.
      files: { '.headsup.yml': 'mysql:\n  version: "8.0.20"\n' },
      base: revisionFile(
        'cccc0000',
        'bbbb0002',
        "op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('total', sa.Integer()), sa.Column('status', sa.Enum('new', 'paid', name='status')), sa.Column('note', sa.String(100)))",
      ),
      skip: () => noMaria,
    },
  );

  examples(
    'SQLite rules on SQLite',
    sqlRules.filter((r) => r.dialects.length === 1 && r.dialects[0] === 'sqlite'),
    {
      url: 'sqlite:///app.db',
      base: revisionFile(
        'cccc0000',
        'bbbb0002',
        "op.create_table('events', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('payload', sa.String(50)))",
      ),
    },
  );
});
