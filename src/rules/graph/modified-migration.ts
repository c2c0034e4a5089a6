import type { Finding } from '../../report/model.js';
import type { Rule } from './rule.js';
import { landedPath, type FileChange } from '../../git/tree.js';
import { someOf } from '../../report/wording.js';
import { squashOf } from './squashed-migrations.js';

/**
 * Editing a migration that already exists on base: databases past it never run the edit. Edits that leave
 * the same bytes (line endings, a BOM) are not among the changes; edits that keep the program (annotations,
 * formatting, quotes, the order of imports: see analysis/program.ts) are told once, together, as a notice.
 * A revision moved to another file and edited counts as edited; a squash's rewritten head is the squash's.
 */
export const modifiedMigration: Rule = {
  id: 'modified-migration',
  severity: 'error',
  doc: 'A migration that exists on base was edited (in place or moved); databases already past it will never run the edit (an error when base has since deleted it: the two cannot merge). Edits that keep the program (annotations, formatting) are one notice for all.',
  check(ctx) {
    const base = ctx.base;
    if (!base) return [];
    // An edit of a file base deleted after the fork: git stops the merge there (modify/delete).
    const revived = ctx.changes
      .filter((c) => c.status === 'modified' && c.landsAt === undefined && !base.byPath.has(c.path))
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
    // Where base has each edited file (it may have renamed it since the fork, or the PR moved it).
    const before = (c: FileChange) => (c.status === 'renamed' ? c.oldPath! : landedPath(c));
    const squashed = new Set(squashOf(ctx)?.files);
    const existing = ctx.changes.filter(
      (c) =>
        (c.status === 'modified' || (c.status === 'renamed' && c.oldPath !== undefined)) &&
        base.byPath.has(before(c)) &&
        !squashed.has(landedPath(c)),
    );
    const harmless = existing.filter((c) => ctx.edits?.harmless.has(landedPath(c)));
    const edited = existing
      .filter((c) => (c.status === 'renamed' ? ctx.edits?.edited.has(landedPath(c)) : !harmless.includes(c)))
      .map((c): Finding => {
        const at = landedPath(c);
        const was = base.byPath.get(before(c))!;
        const after = ctx.merged.byPath.get(at);
        // Databases know the revision by base's id; an edit may have changed it (then it is also deleted).
        const id = was.revision?.value ?? after?.revision?.value ?? c.path;
        const now = after?.revision?.value;
        const renamed = now !== undefined && now !== id ? ` (the PR changes its id to \`${now}\`)` : '';
        const moved = c.status === 'renamed' ? `moves it from ${c.oldPath} to ${c.path} and ` : '';
        return {
          rule: this.id,
          severity: 'warning',
          environment: ctx.environment,
          file: c.path,
          line: after?.revision?.line ?? 1,
          message: `\`${id}\` already exists on the base branch and this PR ${moved}edits it${renamed}; databases already upgraded past \`${id}\` will never run the change.`,
          fix: {
            summary:
              'Put the change in a new revision on top of the current head instead of editing an applied one.',
          },
        };
      });
    if (!harmless.length) return [...revived, ...edited];
    const files = harmless.map((c) => c.path);
    const notice: Finding = {
      rule: this.id,
      severity: 'notice',
      environment: ctx.environment,
      ...(files.length === 1
        ? { file: files[0], line: ctx.merged.byPath.get(files[0])?.revision?.line }
        : {}),
      message:
        `This PR edits ${files.length === 1 ? 'a revision' : `${files.length} revisions`} that exist${files.length === 1 ? 's' : ''} on the base branch without changing what ${files.length === 1 ? 'it runs' : 'they run'}: ` +
        `the revision identifiers keep their values and upgrade()/downgrade() their code (${someOf(files, 5)}).`,
    };
    return [...revived, ...edited, notice];
  },
};
