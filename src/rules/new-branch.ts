import type { Rule } from './rule.js';

/** A new base revision starts a second, independent history. */
export const newBranch: Rule = {
  id: 'new-branch',
  severity: 'error',
  doc: 'The PR adds a new base (down_revision = None): an error without a branch label, a notice with one.',
  check(ctx) {
    return [...ctx.prRevisions]
      .map((id) => ctx.merged.graph.byId.get(id))
      .filter((n) => n !== undefined)
      .filter(
        (n) =>
          n.downRevisions.length === 0 &&
          // A brand-new environment may start with one base; a second root beside existing history is the problem.
          ((ctx.base?.graph.nodes.length ?? 0) > 0 || ctx.merged.graph.bases.length > 1),
      )
      .map((n) => {
        const labelled = n.branchLabels.length > 0;
        return {
          rule: this.id,
          severity: labelled ? ('notice' as const) : ('error' as const),
          environment: ctx.environment,
          file: n.file,
          line: n.line,
          message: labelled
            ? `\`${n.id}\` starts a new branch labelled ${n.branchLabels.map((l) => `\`${l}\``).join(', ')}.`
            : `\`${n.id}\` has down_revision = None: it starts a second, unlabelled history beside the existing one, so \`alembic upgrade head\` will see two heads.`,
          fix: labelled
            ? undefined
            : {
                summary:
                  'Set down_revision to the current head, or give the new branch a branch_labels entry if a separate history is intended.',
              },
        };
      });
  },
};
