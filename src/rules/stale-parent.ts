import type { Finding } from '../report/model.js';
import type { Rule } from './rule.js';
import { alembicCommand, downRevisionEdit, replaceParent, revisesLine } from './edits.js';
import { headsAbove } from './graph-queries.js';
import { someOf } from '../report/wording.js';
import { shellArgs } from '../report/shell.js';

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
      for (const parent of node.downRevisions) {
        const taken = base.graph.childrenOf(parent).filter((c) => !ctx.prRevisions.has(c));
        if (!base.graph.byId.has(parent) || taken.length === 0) continue;
        // The PR may already join the two lines with a merge revision (the fix's alternative): then every
        // line from base's children meets this revision's at a common head, and nothing is stale.
        const mine = new Set(headsAbove(ctx.merged.graph, id));
        if (taken.every((t) => headsAbove(ctx.merged.graph, t).some((h) => mine.has(h)))) continue;
        const heads = headsAbove(base.graph, parent);
        const target = heads[0];
        if (!target) continue;
        const parents = replaceParent(node.downRevisions, parent, target);
        // No line to change when the value is imported: then the summary and the merge command are the fix.
        const code = downRevisionEdit(parsed.downRevision, parents);
        const edits: NonNullable<Finding['fix']>['edits'] = code ? [{ file: node.file, ...code }] : [];
        const doc = parsed.docstring;
        if (code && doc?.revisesLine && doc.revisesText !== undefined && doc.revises?.includes(parent)) {
          const ids = replaceParent(doc.revises, parent, target);
          edits.push({
            file: node.file,
            line: doc.revisesLine,
            endLine: doc.revisesLine,
            replacement: revisesLine(doc.revisesText, ids),
            original: doc.revisesText,
          });
        }
        const others =
          heads.length > 1
            ? ` (base has several heads above it: ${someOf(heads)}; pick the branch you mean)`
            : '';
        findings.push({
          rule: this.id,
          severity: 'error',
          environment: ctx.environment,
          file: node.file,
          line: parsed.downRevision.line,
          message:
            `\`${id}\` revises \`${parent}\`, but base already continues from \`${parent}\` with ${someOf(taken.map((t) => `\`${t}\``))}; ` +
            `the current head of that branch on base is \`${target}\`${others}.`,
          fix: {
            summary: `Set down_revision to \`${target}\`, or keep it and add a merge revision.`,
            ...(edits.length ? { edits } : {}),
            // Ids are shell-quoted: Alembic allows `;`, `$(…)` and quotes in them, and this line gets copied.
            command: `${alembicCommand(ctx.merged.env.configFile)} merge -m "merge heads" ${shellArgs([target, ...headsAbove(ctx.merged.graph, id)])}`,
          },
        });
      }
    }
    return findings;
  },
};
