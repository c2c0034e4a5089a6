/**
 * `.headsup.yml` at the repository root (or the file `--config` / the action's `config` input names):
 *
 *     rules:
 *       drop-column: off              # never report it
 *       missing-lock-timeout: warning # change a severity (off, notice, warning, error)
 *       create-index-not-concurrently: error   # promote a warning to an error
 *     postgres:
 *       version: "15"                 # the version production runs: rules judge by it
 *       lock-timeout: true            # the deploy sets lock_timeout outside the migrations
 *     mysql:
 *       version: "10.11-MariaDB"
 *     tables:
 *       sizes: { orders: 40000000 }   # rows, for "`orders` (40 M rows)" and for rules that weigh size
 *       size-query: SELECT relname, n_live_tup FROM pg_stat_user_tables
 *
 * Read with a YAML parser and checked field by field (parse.ts): a problem is a `config-error` finding on its
 * line, and the rest of the file still applies.
 */
import type { Finding, Severity } from '../report/model.js';
import type { SqlSettings } from '../rules/sql/engine.js';

export type RuleSetting = Severity | 'off';

export interface HeadsupConfig {
  /** The file it came from (repo-relative), when one. */
  file?: string;
  /** Per rule id: a new severity, or off. */
  rules: Map<string, RuleSetting>;
  postgres: { version?: string; lockTimeout?: boolean };
  mysql: { version?: string };
  tables: {
    sizes: Map<string, number>;
    /** A query run on the database at the base heads; its rows are (table, rows). */
    sizeQuery?: string;
  };
}

export const DEFAULT_CONFIG_FILE = '.headsup.yml';

export function emptyConfig(): HeadsupConfig {
  return { rules: new Map(), postgres: {}, mysql: {}, tables: { sizes: new Map() } };
}

export interface ConfigIssue {
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Issues as findings: `config-error` on the file's line. */
export function configFindings(file: string, issues: ConfigIssue[]): Finding[] {
  return issues.map((i) => ({
    rule: 'config-error',
    severity: i.severity,
    environment: '',
    file,
    ...(i.line ? { line: i.line } : {}),
    message: `${file}: ${i.message}`,
  }));
}

/** The config's rule settings over every finding: off drops it, a severity replaces the rule's own. */
export function applyRuleSettings(findings: Finding[], config: HeadsupConfig): Finding[] {
  if (!config.rules.size) return findings;
  return findings.flatMap((f) => {
    const setting = config.rules.get(f.rule);
    if (setting === undefined) return [f];
    if (setting === 'off') return [];
    return [{ ...f, severity: setting }];
  });
}

/**
 * Rows of the configured size query as the engine takes them: the first column names the table, the second
 * counts its rows (numbers or numeric strings, as drivers return bigint).
 */
export function tableSizesFrom(rows: readonly (readonly unknown[])[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [table, count] of rows) {
    const n = typeof count === 'string' ? Number(count) : count;
    if (typeof table === 'string' && typeof n === 'number' && Number.isFinite(n) && n >= 0) out.set(table, n);
  }
  return out;
}

/** What the SQL rules take from the config. */
export function sqlSettings(config: HeadsupConfig): SqlSettings {
  return {
    ...(config.postgres.version ? { postgresVersion: config.postgres.version } : {}),
    ...(config.mysql.version ? { mysqlVersion: config.mysql.version } : {}),
    ...(config.postgres.lockTimeout ? { lockTimeout: true } : {}),
  };
}
