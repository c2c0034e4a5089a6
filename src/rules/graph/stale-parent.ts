import type { Finding } from '../../report/model.js';
import type { Rule } from './rule.js';
import { alembicCommand, downRevisionEdit, replaceParent, revisesLine } from './edits.js';
import { alembicCannotLoad, headsAbove, inHeadOrder } from './graph-queries.js';
import { mergeRevision } from './multiple-heads.js';
import type { RevisionGraph } from '../../graph/types.js';
import { someOf } from '../../report/wording.js';
import { shellArgs } from '../../report/shell.js';

/** A PR revision builds on a revision that base has already built on: the base moved on. */
export const staleParent: Rule = {
  id: 'stale-parent',
  severity: 'error',
  doc: 'A PR revision’s parent already has a child on base (the base moved on); re-parent it onto the current head.',
  check(ctx) {
    const base = ctx.base;
    if (!base) return [];
    const findings: Finding[] = [];
    const baseLabels = new Set([...base.graph.labelsOf.values()].flat());
    for (const id of ctx.prRevisions) {
      const node = ctx.merged.graph.byId.get(id);
      const parsed = node && ctx.merged.byPath.get(node.file);
      if (!node || !parsed?.downRevision) continue;
      // A revision that starts a branch label of its own branches off on purpose (`--splice --branch-label`).
      if (node.branchLabels.some((l) => !baseLabels.has(l))) continue;
      // Each parent base has moved on from; a merge revision may have several. One finding, one edit.
      const stale: { parent: string; taken: string[]; heads: string[] }[] = [];
      for (const parent of node.downRevisions) {
        // Base's children of it that still land: the PR may delete one, or change its id.
        const taken = base.graph
          .childrenOf(parent)
          .filter((c) => !ctx.prRevisions.has(c) && ctx.merged.graph.byId.has(c));
        if (!base.graph.byId.has(parent) || taken.length === 0) continue;
        // The PR may already join the two lines with a merge revision (the fix's alternative): then every
        // line from base's children meets this revision's at a common head, and nothing is stale.
        const mine = new Set(headsAbove(ctx.merged.graph, id));
        if (taken.every((t) => headsAbove(ctx.merged.graph, t).some((h) => mine.has(h)))) continue;
        const heads = headsAbove(base.graph, parent).filter((h) => ctx.merged.graph.byId.has(h));
        if (heads.length) stale.push({ parent, taken, heads });
      }
      if (!stale.length) continue;
      let parents = node.downRevisions;
      for (const { parent, heads } of stale) parents = replaceParent(parents, parent, heads[0]);
      // Two stale parents of a merge may now lead to one head, or one to the other's: keep only the tips.
      parents = withoutAncestors(ctx.merged.graph, parents, id);
      // No line to change when the value is imported: then the summary and the merge command are the fix.
      const code = downRevisionEdit(parsed.downRevision, parents);
      const edits: NonNullable<Finding['fix']>['edits'] = code ? [{ file: node.file, ...code }] : [];
      const doc = parsed.docstring;
      if (
        code &&
        doc?.revisesLine &&
        doc.revisesText !== undefined &&
        stale.some((x) => doc.revises?.includes(x.parent))
      ) {
        edits.push({
          file: node.file,
          line: doc.revisesLine,
          endLine: doc.revisesLine,
          replacement: revisesLine(doc.revisesText, parents),
          original: doc.revisesText,
        });
      }
      const sentences = stale.map(({ parent, taken, heads }) => {
        const others =
          heads.length > 1
            ? ` (base has several heads above it: ${someOf(heads)}; pick the branch you mean)`
            : '';
        return (
          `\`${id}\` revises \`${parent}\`, but base already continues from \`${parent}\` with ${someOf(taken.map((t) => `\`${t}\``))}; ` +
          `the current head of that branch on base is \`${heads[0]}\`${others}.`
        );
      });
      const value =
        parents.length === 1 ? `\`${parents[0]}\`` : `(${parents.map((p) => `\`${p}\``).join(', ')})`;
      const merge = inHeadOrder(ctx.merged.graph, [
        ...new Set([...stale.map((x) => x.heads[0]), ...headsAbove(ctx.merged.graph, id)]),
      ]);
      const cannotLoad = alembicCannotLoad(ctx.merged);
      findings.push({
        rule: this.id,
        severity: 'error',
        environment: ctx.environment,
        file: node.file,
        line: parsed.downRevision.line,
        message: sentences.join(' '),
        fix: {
          summary: `Set down_revision to ${value}, or keep it and ${mergeRevision(cannotLoad)}.`,
          ...(edits.length ? { edits } : {}),
          // Ids are shell-quoted: Alembic allows `;`, `$(…)` and quotes in them, and this line gets copied.
          ...(cannotLoad
            ? {}
            : { command: `${alembicCommand(ctx.merged.env)} merge -m "merge heads" ${shellArgs(merge)}` }),
        },
      });
    }
    return findings;
  },
};

/** `ids` without those that are ancestors of another of them (a merge of a revision and its descendant). */
function withoutAncestors(graph: RevisionGraph, ids: string[], skip: string): string[] {
  if (ids.length < 2) return ids;
  const below = (from: string, to: string) => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length)
      for (const c of graph.childrenOf(stack.pop()!)) {
        if (c === to) return true;
        if (c !== skip && !seen.has(c)) {
          seen.add(c);
          stack.push(c);
        }
      }
    return false;
  };
  return ids.filter((a) => !ids.some((b) => b !== a && below(a, b)));
}
