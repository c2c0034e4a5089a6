import type { Fix } from '../../report/model.js';
import type { GraphProblem } from '../../graph/types.js';
import type { Rule, RuleContext } from './rule.js';
import { graphProblemFindings } from './graph-problems.js';
import { downRevisionEdit, replaceParent } from './edits.js';
import { anchoredHeads } from './graph-queries.js';
import { someOf } from '../../report/wording.js';

/**
 * A down_revision or depends_on names a revision that is not present. Alembic cannot load the tree then
 * (`KeyError`), so the head such a chain leaves is no fork to merge: the fix is the parent, most likely the
 * head of base the PR was written on.
 */
export const missingParent: Rule = {
  id: 'missing-parent',
  severity: 'error',
  doc: 'A down_revision or depends_on names a revision that is not present; Alembic cannot load the tree. Fix: the likely intended parent (base’s head).',
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ['missing-parent', 'missing-dependency'], (p) =>
      p.kind === 'missing-parent' ? parentFix(ctx, p) : dependencyFix(p),
    ).map((f, i, all) =>
      // What it breaks, said once: no alembic command runs, and the head it leaves is not a fork.
      f.severity === 'error' && all.findIndex((g) => g.severity === 'error') === i
        ? {
            ...f,
            message: `${f.message}. Until it is fixed Alembic cannot load the revisions (\`alembic heads\` fails with a KeyError), and a head that hangs from it is no fork a merge revision could join.`,
          }
        : f,
    );
  },
};

function dependencyFix(p: GraphProblem): Fix {
  const [, missing] = p.revisions;
  return {
    summary: `Remove \`${missing}\` from depends_on, or name a revision or branch label that exists.`,
  };
}

function parentFix(ctx: RuleContext, p: GraphProblem): Fix {
  const [id, missing] = p.revisions;
  const node = ctx.merged.graph.byId.get(id);
  const parsed = node && ctx.merged.byPath.get(node.file);
  // A revision base has lost its parent (the PR deleted it): restoring that is the fix.
  if (!ctx.prRevisions.has(id))
    return { summary: `Restore \`${missing}\`, or set \`${id}\`’s down_revision to the revision before it.` };
  // Base's heads that still land, and hang from nothing missing themselves: what the PR was written on.
  const heads = ctx.base
    ? anchoredHeads(ctx.base.graph).filter((h) => ctx.merged.graph.byId.has(h) && h !== id)
    : [];
  if (heads.length !== 1 || !node || !parsed?.downRevision)
    return {
      summary: heads.length
        ? `Set down_revision to the revision \`${id}\` builds on: base has several heads (${someOf(heads.map((h) => `\`${h}\``))}).`
        : `Set down_revision to the revision \`${id}\` builds on, or restore \`${missing}\`.`,
    };
  const parents = replaceParent(node.downRevisions, missing, heads[0]);
  const edit = downRevisionEdit(parsed.downRevision, parents);
  return {
    summary: `Set down_revision to \`${heads[0]}\`, the head of base (the likely intended parent).`,
    ...(edit ? { edits: [{ file: node.file, ...edit }] } : {}),
  };
}
