import type { Rule } from './rule.js';
import { landedPath } from '../git/tree.js';

/**
 * Editing a migration that already exists on base: databases past it never run the edit. Edits that leave
 * the same program (line endings, a BOM) are not among the changes (see analysis/same-program.ts).
 */
export const modifiedMigration: Rule = {
  id: 'modified-migration',
  severity: 'error',
  doc: 'A migration that exists on base was edited; databases already past it will never run the edit (an error when base has since deleted it: the two cannot merge).',
  check(ctx) {
    if (!ctx.base) return [];
    // An edit of a file base deleted after the fork: git stops the merge there (modify/delete).
    const revived = ctx.changes
      .filter((c) => c.status === 'modified' && c.landsAt === undefined && !ctx.base!.byPath.has(c.path))
      .map((c) => {
        const id = ctx.merged.byPath.get(c.path)?.revision?.value;
        return {
          rule: this.id,
          severity: 'error' as const,
          environment: ctx.environment,
          file: c.path,
          line: ctx.merged.byPath.get(c.path)?.revision?.line ?? 1,
          message: `This PR edits ${id ? `\`${id}\` (${c.path})` : c.path}, which base has deleted since the PR branched off: git cannot merge the two (a modify/delete conflict), and the checks here assume the PR's version lands.`,
          fix: {
            summary:
              'Update the branch from base and decide: drop the edit (the revision is gone on base), or restore the file on base first.',
          },
        };
      });
    const edited = ctx.changes
      .filter((c) => c.status === 'modified' && ctx.base!.byPath.has(landedPath(c)))
      .map((c) => {
        // Where base has the file now (it may have renamed it since the fork), and where it lands.
        const at = landedPath(c);
        const before = ctx.base!.byPath.get(at)!;
        const after = ctx.merged.byPath.get(at);
        // Databases know the revision by base's id; an edit may have changed it (then it is also deleted).
        const id = before.revision?.value ?? after?.revision?.value ?? c.path;
        const now = after?.revision?.value;
        const renamed = now !== undefined && now !== id ? ` (the PR changes its id to \`${now}\`)` : '';
        return {
          rule: this.id,
          severity: 'warning' as const,
          environment: ctx.environment,
          file: c.path,
          line: after?.revision?.line ?? 1,
          message: `\`${id}\` already exists on the base branch and this PR edits it${renamed}; databases already upgraded past \`${id}\` will never run the change.`,
          fix: {
            summary:
              'Put the change in a new revision on top of the current head instead of editing an applied one.',
          },
        };
      });
    return [...revived, ...edited];
  },
};
