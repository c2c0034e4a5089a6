/**
 * Every rule id a finding can carry, with its card: the two rule families (graph and file checks; SQL over the
 * dry run), the dry run's own outcomes, and the notes about configuration and suppressions. `headsup rules`,
 * docs/rules.md and the config's check of rule ids read it; nothing here loads a parser.
 */
import type { Severity } from '../report/model.js';
import { rules as graphRules } from './graph/index.js';
import * as misplaced from './graph/misplaced-migration.js';
import * as templateConfig from './graph/template-config.js';
import * as unreadFiles from './graph/unread-revision-files.js';
import { sqlRules } from './sql/index.js';
import type { RuleExample, SqlDialect } from './sql/lib/types.js';

export type RuleFamily = 'graph' | 'sql' | 'dry run' | 'headsup';

export interface RuleCard {
  id: string;
  severity: Severity;
  family: RuleFamily;
  /** SQL rules: the dialects they read. */
  dialects?: readonly SqlDialect[];
  doc: string;
  safe?: string;
  example?: RuleExample;
}

/** Findings the dry run and headsup itself report (their code lives with the orchestration, not in a rule file). */
const OUTCOMES: RuleCard[] = [
  {
    id: 'dry-run-failed',
    severity: 'error',
    family: 'dry run',
    doc: 'A PR revision failed on the throwaway database (upgrading, or upgrading again after its downgrade); the database’s own message is in the finding.',
  },
  {
    id: 'downgrade-failed',
    severity: 'warning',
    family: 'dry run',
    doc: 'A PR revision’s downgrade failed on the throwaway database: a rollback in production would fail the same way.',
  },
  {
    id: 'dry-run-timeout',
    severity: 'error',
    family: 'dry run',
    doc: 'The dry run or one statement did not finish in time (--timeout, --statement-timeout): a lock wait or a long data migration.',
  },
  {
    id: 'dry-run-unavailable',
    severity: 'warning',
    family: 'dry run',
    doc: 'The dry run could not start: no database, or env.py cannot be imported in this job (install the app’s requirements).',
  },
  {
    id: 'base-replay-failed',
    severity: 'warning',
    family: 'dry run',
    doc: 'The base branch’s own history does not replay on an empty database, so the PR’s revisions were not run (not the PR’s doing).',
  },
  {
    id: 'database-url-ignored',
    severity: 'error',
    family: 'dry run',
    doc: 'env.py reached some other database than the throwaway one (it ignores sqlalchemy.url and DATABASE_URL).',
  },
  {
    id: 'extension-unavailable',
    severity: 'warning',
    family: 'dry run',
    doc: 'The migrations create a PostgreSQL extension the dry run’s database does not have.',
  },
  {
    id: 'roundtrip-mismatch',
    severity: 'warning',
    family: 'dry run',
    doc: 'After the downgrade the schema is not the base’s, or after the second upgrade not the first’s: names what was left behind, lost or not restored, on the revision at fault.',
  },
  {
    id: 'model-drift',
    severity: 'warning',
    family: 'dry run',
    doc: 'env.py’s target_metadata and the database the migrations build disagree after the PR (a notice for drift the base already had).',
  },
  {
    id: 'config-error',
    severity: 'error',
    family: 'headsup',
    doc: 'A configuration file headsup reads (alembic.ini, pyproject.toml, .headsup.yml) has a problem, on the line named.',
  },
  {
    id: 'suppression-without-reason',
    severity: 'warning',
    family: 'headsup',
    doc: 'A `headsup: ignore[rule]` comment gives no reason after the brackets; it still suppresses, but reviewers need the why.',
  },
  {
    id: 'unused-suppression',
    severity: 'notice',
    family: 'headsup',
    doc: 'A `headsup: ignore[rule]` comment suppresses nothing (the rule did not fire there, or no rule has that id).',
  },
  {
    id: 'sql-not-parsed',
    severity: 'notice',
    family: 'headsup',
    doc: 'Statements the dry run executed that the SQL parser could not read; the SQL rules skipped them.',
  },
];

export const RULE_CARDS: readonly RuleCard[] = [
  ...graphRules.map((r): RuleCard => ({ id: r.id, severity: r.severity, family: 'graph', doc: r.doc })),
  // Checks of files outside the graph, by their most severe level.
  ...(
    [
      [misplaced, 'error'],
      [unreadFiles, 'warning'],
      [templateConfig, 'notice'],
    ] as const
  ).map(([r, severity]): RuleCard => ({ id: r.id, severity, family: 'graph', doc: r.doc })),
  ...sqlRules.map((r): RuleCard => ({
    id: r.id,
    severity: r.severity,
    family: 'sql',
    dialects: r.dialects,
    doc: r.doc,
    safe: r.safe,
    example: r.example,
  })),
  ...OUTCOMES,
];

export const KNOWN_RULES: ReadonlySet<string> = new Set(RULE_CARDS.map((c) => c.id));

export function ruleCard(id: string): RuleCard | undefined {
  return RULE_CARDS.find((c) => c.id === id);
}
