/**
 * PR branches for the SQL rules' end-to-end tests (PGlite and PostgreSQL 15 run the same ones): a clean,
 * additive PR, and one PR holding a revision per unsafe pattern, each of which must be flagged exactly once,
 * on its op.* line. Most rules do not stop the dry run, so one run covers them all.
 */
import { expect } from 'vitest';
import { lineOf, revisionFile } from './alembic-project.js';
import type { Finding, Report } from '../../src/report/model.js';

/** Base history beyond DryRunRepo's users and posts: an index and a table the PR will drop. */
export const BASE_FILES: Record<string, string> = {
  'migrations/versions/cccc0000_audit.py': revisionFile(
    'cccc0000',
    'bbbb0002',
    [
      "op.create_index('ix_posts_author', 'posts', ['author_id'])",
      "op.create_table('audit', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('note', sa.Text()), sa.Column('legacy', sa.Text()))",
    ].join('\n'),
    "op.drop_table('audit')\nop.drop_index('ix_posts_author', 'posts')",
  ),
};

const path = (id: string) => `migrations/versions/${id}_x.py`;

/** A chain of revisions after the base head, one per body; each downgrade is `pass` (no round trip). */
function chain(bodies: [string, string][]): Record<string, string> {
  const files: Record<string, string> = {};
  let down = 'cccc0000';
  for (const [id, body] of bodies) {
    files[path(id)] = revisionFile(id, down, body);
    down = id;
  }
  return files;
}

/** Create a table, add a nullable column, a concurrent index on an existing table, an index on the new one. */
export const CLEAN = chain([
  [
    'c1',
    [
      "op.create_table('tags', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(50)))",
      "op.create_index('ix_tags_name', 'tags', ['name'])",
      "op.add_column('users', sa.Column('nickname', sa.String(50), nullable=True))",
    ].join('\n'),
  ],
  [
    'c2',
    [
      'with op.get_context().autocommit_block():',
      "    op.create_index('ix_users_nickname', 'users', ['nickname'], postgresql_concurrently=True)",
    ].join('\n'),
  ],
]);

/** One unsafe pattern per revision: [revision, body, rule, the text of the line it must be flagged on]. */
const UNSAFE_CASES: [string, string, string, string][] = [
  [
    'u01',
    "op.create_index('ix_posts_title', 'posts', ['title'])",
    'create-index-not-concurrently',
    'ix_posts_title',
  ],
  [
    'u02',
    "op.create_check_constraint('ck_posts_title', 'posts', \"title <> ''\")",
    'add-constraint-not-valid',
    'ck_posts_title',
  ],
  [
    'u03',
    "op.alter_column('users', 'email', existing_type=sa.String(200), nullable=True)",
    'drop-not-null',
    "'email'",
  ],
  [
    'u04',
    "op.add_column('posts', sa.Column('views', sa.Integer(), nullable=False))",
    'add-column-not-null-without-default',
    "'views'",
  ],
  [
    'u05',
    "op.add_column('posts', sa.Column('uid', sa.Text(), server_default=sa.text('gen_random_uuid()::text')))",
    'add-column-volatile-default',
    "'uid'",
  ],
  [
    'u06',
    "op.alter_column('posts', 'title', existing_type=sa.String(200), nullable=False)",
    'set-not-null',
    "'title'",
  ],
  [
    'u07',
    "op.create_unique_constraint('uq_users_email', 'users', ['email'])",
    'add-key-builds-index',
    'uq_users_email',
  ],
  [
    'u08',
    "op.alter_column('posts', 'author_id', type_=sa.BigInteger(), existing_type=sa.Integer())",
    'column-type-rewrite',
    'BigInteger',
  ],
  [
    'u09',
    "op.add_column('users', sa.Column('plan', sa.Text()))\nop.execute(\"UPDATE users SET plan = 'free' WHERE plan IS NULL\")",
    'access-exclusive-held',
    'UPDATE users',
  ],
  [
    'u10',
    "op.drop_index('ix_posts_author', table_name='posts')",
    'drop-index-not-concurrently',
    'ix_posts_author',
  ],
  [
    'u11',
    "op.create_table('events', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('payload', sa.JSON()), sa.Column('at', sa.DateTime()), sa.Column('code', sa.CHAR(2)))",
    'prefer-jsonb',
    "'events'",
  ],
  ['u12', "op.execute('CREATE TABLE counters (n BIGSERIAL)')", 'prefer-identity', 'counters'],
  [
    'u13',
    // SQLAlchemy refuses a long name itself; raw SQL is where PostgreSQL truncates one silently.
    `op.execute('CREATE INDEX ix_${'events_at_'.repeat(7)} ON events (at)')`,
    'identifier-too-long',
    'ix_events_at',
  ],
  ['u14', "op.execute('REINDEX TABLE posts')", 'blocking-maintenance', 'REINDEX'],
  ['u15', "op.execute('TRUNCATE audit')", 'truncate-table', 'TRUNCATE'],
  ['u16', "op.execute('DELETE FROM posts')", 'data-change-without-where', 'DELETE'],
  ['u17', "op.alter_column('users', 'email', new_column_name='mail')", 'rename-column', 'new_column_name'],
  ['u18', "op.drop_column('audit', 'legacy')", 'drop-column', 'legacy'],
  ['u19', "op.rename_table('posts', 'articles')", 'rename-table', 'articles'],
  ['u20', "op.drop_table('audit')", 'drop-table', 'drop_table'],
];

/** Patterns that ride along with the cases above, on their lines: [revision, rule, line text]. */
const ALSO: [string, string, string][] = [
  ['u11', 'prefer-timestamptz', "'events'"],
  ['u11', 'prefer-text-over-char', "'events'"],
  ['u11', 'prefer-bigint-primary-key', "'events'"],
];

export const UNSAFE = chain(UNSAFE_CASES.map(([id, body]) => [id, body]));

/** Suppressions added to the unsafe branch: one with a reason, one without, one that suppresses nothing. */
export function withSuppressions(files: Record<string, string>): Record<string, string> {
  const out = { ...files };
  const edit = (id: string, from: string, to: string) => (out[path(id)] = out[path(id)].replace(from, to));
  edit(
    'u15',
    "    op.execute('TRUNCATE audit')",
    "    # headsup: ignore[truncate-table] audit is rebuilt nightly from the log\n    op.execute('TRUNCATE audit')",
  );
  edit(
    'u16',
    "op.execute('DELETE FROM posts')",
    "op.execute('DELETE FROM posts')  # headsup: ignore[data-change-without-where]",
  );
  edit(
    'u18',
    "    op.drop_column('audit', 'legacy')",
    "    # headsup: ignore[drop-table] wrong rule here\n    op.drop_column('audit', 'legacy')",
  );
  return out;
}

export interface Expected {
  rule: string;
  file: string;
  line: number;
}

/** Where each rule must be flagged, once. */
export function expectedFindings(files: Record<string, string>): Expected[] {
  const at = (id: string, rule: string, text: string): Expected => ({
    rule,
    file: path(id),
    line: lineOf(files[path(id)], text),
  });
  return [
    ...UNSAFE_CASES.map(([id, , rule, text]) => at(id, rule, text)),
    ...ALSO.map(([id, rule, text]) => at(id, rule, text)),
  ];
}

const SQL_RULE_SEVERITIES = new Set(['error', 'warning']);

/**
 * Each expected rule is reported exactly once, at its place; and no other SQL rule warns or errs (notices:
 * missing-lock-timeout on each ACCESS EXCLUSIVE transaction, irreversible revisions, are allowed).
 */
export function expectEachOnce(report: Report, expected: Expected[], sqlRuleIds: ReadonlySet<string>): void {
  const found = report.findings.filter((f) => sqlRuleIds.has(f.rule));
  for (const e of expected) {
    const same = found.filter((f) => f.rule === e.rule);
    expect(
      same.map((f) => `${f.file}:${f.line}`),
      `${e.rule} at ${e.file}:${e.line}`,
    ).toEqual([`${e.file}:${e.line}`]);
  }
  const wanted = new Set(expected.map((e) => e.rule));
  const extra = found.filter((f: Finding) => !wanted.has(f.rule) && SQL_RULE_SEVERITIES.has(f.severity));
  expect(extra.map((f) => `${f.rule} ${f.file}:${f.line}: ${f.message}`)).toEqual([]);
}
