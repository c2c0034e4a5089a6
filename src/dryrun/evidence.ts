import type { ThrowawayDatabase } from '../databases/types.js';
import type { DryRunStep, Finding, SchemaDiffEntry } from '../report/model.js';
import {
  diff,
  explainMismatch,
  renderChange,
  snapshot,
  type SchemaChange,
  type SchemaDiff,
  type SchemaSnapshot,
} from './schema/index.js';

/**
 * `HEADSUP_DRY_RUN_EVIDENCE=off` runs the migrations without snapshots and lock probes: only for the
 * benchmark, which measures what they cost (never the default).
 */
export const EVIDENCE = process.env.HEADSUP_DRY_RUN_EVIDENCE !== 'off';

/**
 * What the dry run proves about the schema: snapshots at the base heads, after the PR's revisions, after the
 * downgrade and after the second upgrade (read from Node between Python's commands), the diff a reviewer
 * reads, and whether the round trip came back where it started.
 */
export class SchemaEvidence {
  private readonly shots: Partial<Record<'base' | 'upgrade' | 'downgrade' | 'reupgrade', SchemaSnapshot>> =
    {};

  constructor(
    private readonly db: ThrowawayDatabase,
    /** The version table (schema-qualified where env.py puts it elsewhere): not part of the schema. */
    private ignoreTables: string[] = ['alembic_version'],
  ) {}

  setVersionTable(table: { name: string; schema: string | null } | undefined): void {
    if (table) this.ignoreTables = [table.schema ? `${table.schema}.${table.name}` : table.name];
  }

  /** Takes the snapshot of this moment; a snapshot that fails leaves the evidence without it (never the run). */
  async take(at: 'base' | 'upgrade' | 'downgrade' | 'reupgrade'): Promise<void> {
    if (!EVIDENCE) return;
    try {
      this.shots[at] = await snapshot(this.db, { ignoreTables: this.ignoreTables });
    } catch {
      // A catalog the introspector does not know: the dry run's other results still stand.
    }
  }

  /** A snapshot taken earlier (a warm base's). */
  set(at: 'base', shot: SchemaSnapshot): void {
    this.shots[at] = shot;
  }

  get base(): SchemaSnapshot | undefined {
    return this.shots.base;
  }

  /** The PR's change to the schema (base heads → after its revisions), for the report. */
  schemaDiff(): SchemaDiffEntry[] | null {
    const { base, upgrade } = this.shots;
    if (!base || !upgrade) return null;
    const d = diff(base, upgrade);
    return d.changes.map((c) => entryOf(c, d));
  }

  /**
   * `roundtrip-mismatch` findings: after the downgrade the schema must equal the base's, after the second
   * upgrade the first upgrade's. Each difference is blamed on the PR revision whose own statements name the
   * object (its downgrade forgot it), else on the newest PR revision (the first to be downgraded).
   */
  roundTrip(input: {
    environment: string;
    steps: DryRunStep[];
    newest?: string;
    fileOf: ReadonlyMap<string, string>;
  }): Finding[] {
    const findings: Finding[] = [];
    const { base, upgrade, downgrade, reupgrade } = this.shots;
    const check = (
      expected: SchemaSnapshot | undefined,
      actual: SchemaSnapshot | undefined,
      when: string,
    ) => {
      if (!expected || !actual) return;
      const d = diff(expected, actual);
      if (d.empty) return;
      const byRevision = new Map<string, SchemaChange[]>();
      for (const c of d.changes) {
        const blamed = blame(c, input.steps) ?? input.newest;
        if (!blamed) continue;
        byRevision.set(blamed, [...(byRevision.get(blamed) ?? []), c]);
      }
      for (const [revision, changes] of byRevision) {
        const lines = explainMismatch({ ...d, changes, empty: false });
        const file = input.fileOf.get(revision);
        findings.push({
          rule: 'roundtrip-mismatch',
          severity: 'warning',
          environment: input.environment,
          ...(file ? { file, line: downgradeLine(input.steps, revision) } : {}),
          message:
            `${when}, the schema is not what it was: ${lines.join('; ')}. ` +
            `\`${revision}\`'s downgrade() does not undo its upgrade() exactly, so a rollback leaves the database in a state no revision describes.`,
          fix: {
            summary: `Make \`${revision}\`'s downgrade() reverse every change its upgrade() makes (or make it raise, if the revision is meant to be irreversible).`,
          },
        });
      }
    };
    check(base, downgrade, 'After the downgrade to the base heads');
    // A second upgrade that differs from the first only matters when the downgrade looked faithful.
    if (!findings.length) check(upgrade, reupgrade, 'After upgrading again');
    return findings;
  }
}

function entryOf(c: SchemaChange, d: SchemaDiff): SchemaDiffEntry {
  const entry: SchemaDiffEntry = {
    action: c.action,
    kind: c.kind,
    name: c.name,
    text: renderChange(c, d.engine).join('\n'),
  };
  if (c.parent !== undefined) entry.parent = c.parent;
  if (c.action === 'changed')
    entry.fields = c.fields.map((f) => ({ field: f.field, before: show(f.before), after: show(f.after) }));
  return entry;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

/** The PR revision whose upgrade statements name the object (a table, an index, a type, a column). */
function blame(c: SchemaChange, steps: DryRunStep[]): string | undefined {
  const names = [c.name, c.parent]
    .filter((n): n is string => !!n)
    .map((n) => n.split('.').pop()!.toLowerCase());
  const ups = steps.filter((s) => s.phase === 'upgrade');
  for (let i = ups.length - 1; i >= 0; i--) {
    const sql = ups[i].statements.map((s) => s.sql.toLowerCase()).join('\n');
    if (names.every((n) => sql.includes(n))) return ups[i].revision;
  }
  return undefined;
}

/** The line of the revision's first downgrade statement, where a reviewer looks for what is missing. */
function downgradeLine(steps: DryRunStep[], revision: string): number | undefined {
  const down = steps.find((s) => s.revision === revision && s.phase === 'downgrade');
  return down?.statements.find((s) => s.line !== undefined)?.line;
}
