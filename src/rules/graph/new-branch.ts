import type { Finding } from '../../report/model.js';
import type { Rule, RuleContext } from './rule.js';

/**
 * A new branch: a new base revision starts a second, independent history; a revision with a new label
 * branches off an existing one on purpose (`--splice --branch-label`). Either way `alembic upgrade head`
 * sees one head more, which is worth a line even when intended.
 */
export const newBranch: Rule = {
  id: 'new-branch',
  severity: 'error',
  doc: 'The PR adds a new base (down_revision = None): an error without a branch label, a notice with one; a labelled branch off an existing revision is a notice too.',
  check(ctx) {
    const baseLabels = new Set([...(ctx.base?.graph.labelsOf.values() ?? [])].flat());
    const findings: Finding[] = [];
    for (const id of ctx.prRevisions) {
      const n = ctx.merged.graph.byId.get(id);
      if (!n) continue;
      const labels = n.branchLabels.filter((l) => !baseLabels.has(l)).map((l) => `\`${l}\``);
      const at = { rule: this.id, environment: ctx.environment, file: n.file, line: n.line };
      if (n.downRevisions.length === 0) {
        // A brand-new environment has no history to start beside (heads that stay apart are multiple-heads);
        // nor has a new root that a merge joins to the existing history: one head, as before.
        if (!(ctx.base?.graph.nodes.length ?? 0) || joinsExisting(ctx, n.id)) continue;
        findings.push(
          n.branchLabels.length
            ? {
                ...at,
                severity: 'notice',
                message: `\`${n.id}\` starts a new branch labelled ${n.branchLabels.map((l) => `\`${l}\``).join(', ')}.`,
              }
            : {
                ...at,
                severity: 'error',
                message: `\`${n.id}\` is a new base (its down_revision names no parent): it starts a second, unlabelled history beside the existing one, so \`alembic upgrade head\` will see two heads.`,
                fix: {
                  summary:
                    'Set down_revision to the current head, or give the new branch a branch_labels entry if a separate history is intended.',
                },
              },
        );
        continue;
      }
      // Off a revision that already goes on elsewhere: a labelled branch, begun on purpose.
      const others = n.downRevisions.some((p) => ctx.merged.graph.childrenOf(p).some((c) => c !== n.id));
      if (labels.length && others)
        findings.push({
          ...at,
          severity: 'notice',
          message: `\`${n.id}\` starts branch ${labels.join(', ')} off \`${n.downRevisions.join('`, `')}\`: \`alembic upgrade head\` now sees one head more; upgrade with \`heads\` or \`<label>@head\`.`,
        });
    }
    return findings;
  },
};

/** Whether a descendant of `root` (a PR revision) also descends from a revision base already had. */
function joinsExisting(ctx: RuleContext, root: string): boolean {
  const graph = ctx.merged.graph;
  const existing = (id: string) => ctx.base?.graph.byId.has(id) ?? false;
  const fromExisting = new Map<string, boolean>();
  // Memoised walk up a descendant's other parents: does one of them lead back to base's history?
  const reachesExisting = (id: string): boolean => {
    const known = fromExisting.get(id);
    if (known !== undefined) return known;
    fromExisting.set(id, false); // a cycle is reported elsewhere; here it only must not loop
    const node = graph.byId.get(id);
    const found = existing(id) || (node?.downRevisions.some(reachesExisting) ?? false);
    fromExisting.set(id, found);
    return found;
  };
  const seen = new Set([root]);
  const queue = [root];
  for (let id = queue.pop(); id !== undefined; id = queue.pop())
    for (const child of graph.childrenOf(id)) {
      if (seen.has(child)) continue;
      if (reachesExisting(child)) return true;
      seen.add(child);
      queue.push(child);
    }
  return false;
}
