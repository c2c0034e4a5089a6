import type { Rule } from './rule.js';

/** Deleting a migration strands every database that recorded it and every revision that builds on it. */
export const deletedMigration: Rule = {
  id: 'deleted-migration',
  severity: 'error',
  doc: 'A migration that exists on base was deleted; databases stamped with it can no longer upgrade or downgrade.',
  check(ctx) {
    if (!ctx.base) return [];
    return ctx.changes
      .filter((c) => c.status === 'deleted' || c.status === 'renamed')
      .map((c) => ctx.base!.byPath.get(c.oldPath ?? c.path))
      .filter((f) => f?.revision && !ctx.merged.graph.byId.has(f.revision.value))
      .map((f) => ({
        rule: this.id,
        severity: 'error' as const,
        environment: ctx.environment,
        file: f!.file,
        line: f!.revision!.line,
        message: `This PR deletes \`${f!.revision!.value}\` (${f!.file}), which exists on the base branch; databases stamped with it can no longer upgrade or downgrade.`,
        fix: { summary: 'Restore the file; to undo its effect, add a new revision that reverses it.' },
      }));
  },
};
