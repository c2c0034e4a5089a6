import type { Rule } from './rule.js';
import { landedPath } from '../../git/tree.js';
import { squashOf } from './squashed-migrations.js';

/**
 * A revision base has that the landed tree lacks strands every database that recorded it: the PR deleted
 * its file, changed its id, or moved the environment's version locations away from it.
 */
export const deletedMigration: Rule = {
  id: 'deleted-migration',
  severity: 'error',
  doc: 'A migration that exists on base is gone after the PR (deleted, its id changed, or left outside the version locations); databases stamped with it can no longer upgrade or downgrade.',
  check(ctx) {
    const base = ctx.base;
    if (!base) return [];
    const merged = ctx.merged;
    const removed = new Set(
      ctx.changes
        .filter((c) => c.status === 'deleted' || c.status === 'renamed')
        .map((c) => c.oldPath ?? c.path),
    );
    // Where each base file is after the PR (renamed, or moved by base since the fork), if still there.
    const now = new Map(ctx.changes.map((c) => [c.oldPath ?? c.path, landedPath(c)]));
    // A squash folds them in: one finding says so (squashed-migrations).
    const squashed = new Set(squashOf(ctx)?.squashed);
    return base.graph.nodes
      .filter((n) => !merged.graph.byId.has(n.id) && !squashed.has(n.id))
      .flatMap((n) => {
        const after = merged.byPath.get(now.get(n.file) ?? n.file);
        // A file that no longer parses is reported as such (invalid-migration), not twice.
        if (after?.problems.length) return [];
        const stranded = `databases stamped with \`${n.id}\` can no longer upgrade or downgrade`;
        const [message, summary] =
          removed.has(n.file) && !after
            ? [
                `This PR deletes \`${n.id}\` (${n.file}), which exists on the base branch; ${stranded}.`,
                'Restore the file; to undo its effect, add a new revision that reverses it.',
              ]
            : after
              ? [
                  `This PR changes the revision id of \`${n.id}\` in ${after.file}${after.revision ? ` to \`${after.revision.value}\`` : ''}; ${stranded}.`,
                  `Keep \`${n.id}\` as its id; put new work in a new revision.`,
                ]
              : [
                  `\`${n.id}\` (${n.file}) is no longer in a version location of ${ctx.environment} after this PR; ${stranded}.`,
                  'Move the file into the environment’s versions folder with the others (or keep the old location in version_locations).',
                ];
        return [
          {
            rule: this.id,
            severity: 'error' as const,
            environment: ctx.environment,
            file: n.file,
            line: n.line,
            message,
            fix: { summary },
          },
        ];
      });
  },
};
