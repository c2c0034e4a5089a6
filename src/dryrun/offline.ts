import type { DryRunStep, Finding } from '../report/model.js';
import type { AlembicRunner } from '../formats/alembic/runner/runner.js';

export interface OfflineInput {
  environment: string;
  baseHeads: string[];
  prRevisions: ReadonlySet<string>;
  fileOf: ReadonlyMap<string, string>;
  deadline: number;
}

export interface OfflineResult {
  status: 'passed' | 'failed';
  reason?: string;
  steps: DryRunStep[];
  findings: Finding[];
}

/**
 * Alembic's rendering ends each statement with `;` and a blank line (`-- Running upgrade` comments and the
 * version-table bookkeeping between them): split there so each statement reads as one entry.
 */
export function splitOfflineSql(sql: string): string[] {
  return sql
    .split(/;\s*\n\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s && !/^(--[^\n]*\n?)+$/.test(s + '\n'))
    .map((s) => s.replace(/;$/, ''));
}

/**
 * `alembic upgrade <base heads>:heads --sql`: the SQL Alembic renders without a database, per PR revision.
 * A revision that needs a connection fails here; it is named with the reason, never skipped silently.
 */
export async function runOffline(runner: AlembicRunner, input: OfflineInput): Promise<OfflineResult> {
  const ranges = input.baseHeads.length ? input.baseHeads.map((h) => `${h}:heads`) : ['heads'];
  const outcome = await runner.run(
    { cmd: 'offline', ranges },
    { timeoutMs: Math.max(1, input.deadline - Date.now()) },
  );
  const seen = new Set<string>();
  const steps: DryRunStep[] = [];
  for (const r of outcome.steps) {
    if (!input.prRevisions.has(r.revision) || seen.has(r.revision) || r.offlineSql === undefined) continue;
    seen.add(r.revision);
    steps.push({
      revision: r.revision,
      direction: 'upgrade',
      phase: 'upgrade',
      ms: 0,
      statements: splitOfflineSql(r.offlineSql).map((sql) => ({ sql, ms: 0, locks: null })),
    });
  }
  const f = outcome.failure;
  if (!f) return { status: 'passed', steps, findings: [] };
  const file = f.file ?? (f.revision ? input.fileOf.get(f.revision) : undefined);
  const needsConnection = /connection|bind|offline|as_sql|literal/i.test(f.message);
  return {
    status: 'failed',
    reason: `offline SQL failed${f.revision ? ` at ${f.revision}` : ''}`,
    steps,
    findings: [
      {
        rule: 'dry-run-failed',
        severity: input.prRevisions.has(f.revision ?? '') ? 'error' : 'warning',
        environment: input.environment,
        ...(file ? { file, line: f.line } : {}),
        message:
          `${f.revision ? `\`${f.revision}\`` : 'Alembic'} cannot be rendered as offline SQL: ${f.message.trim()}` +
          (needsConnection
            ? ' It needs a live connection (op.get_bind() or a query): run the dry run on a database to see its SQL.'
            : ''),
        fix: {
          summary:
            'Run the dry run against a database (--database pglite, sqlite, or a postgres:// / mysql:// server URL), or make the revision render offline (check context.is_offline_mode()).',
        },
      },
    ],
  };
}
