import type { Finding } from '../../report/model.js';
import { alembicCommand } from './edits.js';
import { alembicCannotLoad, anchoredHeads, headsAbove, headsPerBranch } from './graph-queries.js';
import type { Rule, RuleContext } from './rule.js';
import { someOf } from '../../report/wording.js';
import { shellArgs, shellQuote } from '../../report/shell.js';

/**
 * The branches the PR forks: those with more heads than on base (and more than one), by label ('' for
 * unlabelled heads). Labelled branches are meant to have a head each (`alembic upgrade core@head`), so a
 * new labelled branch is not a fork. A head that hangs from a missing revision is no fork either (see
 * anchoredHeads): missing-parent is its cause and its fix.
 */
export function forkedBranches(ctx: RuleContext): Set<string> {
  const before = ctx.base
    ? headsPerBranch(anchoredHeads(ctx.base.graph), ctx.base.graph.labelsOf)
    : new Map<string, number>();
  const after = headsPerBranch(anchoredHeads(ctx.merged.graph), ctx.merged.graph.labelsOf);
  return new Set(
    [...after].filter(([branch, n]) => n > Math.max(1, before.get(branch) ?? 0)).map(([b]) => b),
  );
}

/** What the PR forks and how: what multiple-heads reports, and what stale-parent's finding may stand for. */
export interface Fork {
  /** The heads of the forked branches, in the order `alembic heads` prints them. */
  joined: string[];
  /** Where the fork starts: the revision to blame. */
  blamed?: { file: string; line: number };
  /** "After this PR, … has 2 heads …: …". */
  heads: string;
  /** What now fails (`alembic upgrade head`). */
  fails: string;
  /** "The fork: `p` builds on `b`, which also has `c`." ('' when the fork comes from new bases only). */
  forks: string;
  /** The re-parenting half of the fix. */
  reparent: string;
  /** `alembic merge` of the joined heads; undefined when Alembic cannot load the tree (it would fail). */
  command?: string;
  /** Why there is no command. */
  noCommand?: string;
  /** Every fork is a PR revision on a parent base has moved on from: stale-parent says it, with the edit. */
  staleOnly: boolean;
}

const forks = new WeakMap<RuleContext, Fork | null>();

/** The fork the PR makes in this environment, if it makes one (worked out once per context). */
export function forkOf(ctx: RuleContext): Fork | undefined {
  let fork = forks.get(ctx);
  if (fork === undefined) forks.set(ctx, (fork = findFork(ctx) ?? null));
  return fork ?? undefined;
}

function findFork(ctx: RuleContext): Fork | undefined {
  const baseHeads = ctx.base ? anchoredHeads(ctx.base.graph) : [];
  const merged = ctx.merged.graph;
  const forked = forkedBranches(ctx);
  if (!forked.size) return undefined;
  // The merge joins the forked branches' heads only: other branches' heads stay apart, as designed.
  const branchOf = (h: string) => {
    const labels = merged.labelsOf.get(h) ?? [];
    return labels.length ? labels : [''];
  };
  const heads = anchoredHeads(merged);
  const joined = heads.filter((h) => branchOf(h).some((b) => forked.has(b)));
  const apart = heads.filter((h) => !joined.includes(h));
  // Where the fork is: the whole environment, or the branches of it that forked.
  const branches = [...forked].map((b) => (b ? `branch \`${b}\`` : 'the unlabelled branch'));
  const label = [...forked].find((b) => b !== '');
  // The command is quoted as a shell needs it (a label is repo data); Alembic's own error names it raw.
  const failsWith = (target: string) =>
    `\`alembic upgrade ${shellQuote(target)}\` would fail with "Multiple head revisions are present for given argument '${target}'".`;
  const where = apart.length ? `${branches.join(' and ')} of ${ctx.environment}` : ctx.environment;
  const baseLabels = ctx.base?.graph.labelsOf;
  const baseJoined = baseHeads.filter((h) => {
    const labels = baseLabels?.get(h) ?? [];
    return (labels.length ? labels : ['']).some((b) => forked.has(b));
  }).length;

  const newHeads = heads.filter((h) => !baseHeads.includes(h));
  const describe = (h: string) => {
    const node = merged.byId.get(h);
    const origin = ctx.prRevisions.has(h) ? `added by this PR in ${node?.file}` : 'on base';
    return `\`${h}\` (${origin})`;
  };
  // Where the fork starts: a PR revision on a parent that already has another child, or a new base in a
  // forked branch. That revision is blamed; else the first head the PR adds.
  const forks: string[] = [];
  let starts: string | undefined;
  // How the fork came about decides the fix: a base that moved on (stale-parent says more), PR revisions
  // that share a parent (chain them), or a new base.
  let staleBase = false;
  let sibling: { id: string; after: string } | undefined;
  let newBase: string | undefined;
  for (const id of ctx.prRevisions) {
    const node = merged.byId.get(id);
    if (!node) continue;
    if (!node.downRevisions.length && branchOf(id).some((b) => forked.has(b))) {
      starts ??= id;
      newBase ??= id;
    }
    for (const p of node.downRevisions) {
      const siblings = merged.childrenOf(p).filter((c) => c !== id);
      if (!ctx.prRevisions.has(p) && siblings.length > 0) {
        starts ??= id;
        if (siblings.some((c) => !ctx.prRevisions.has(c))) staleBase = true;
        else sibling ??= { id, after: siblings[0] };
        forks.push(`\`${id}\` builds on \`${p}\`, which also has ${someOf(siblings.map((s) => `\`${s}\``))}`);
      }
    }
  }
  const reparent = staleBase
    ? 'Re-parent the PR’s first revision onto the current base head (see stale-parent)'
    : sibling
      ? `Chain the PR’s revisions (for one, set \`${sibling.id}\`’s down_revision to \`${headsAbove(merged, sibling.after)[0] ?? sibling.after}\`)`
      : newBase
        ? `Give \`${newBase}\` a parent (a current head) or a branch label of its own`
        : 'Re-parent the PR revision that forks onto the head it forks from';
  const blamed = merged.byId.get(starts ?? newHeads.find((h) => ctx.prRevisions.has(h)) ?? newHeads[0]);
  const cannotLoad = alembicCannotLoad(ctx.merged);
  return {
    joined,
    blamed: blamed && { file: blamed.file, line: blamed.line },
    heads:
      `After this PR, ${where} has ${joined.length} heads (base has ${baseJoined}): ` +
      `${someOf(joined.map(describe))}.` +
      (apart.length ? ` Other branches keep their heads: ${someOf(apart.map((h) => `\`${h}\``))}.` : ''),
    // What now fails: `upgrade head`, or `upgrade <label>@head` for a labelled branch (with several heads on
    // base already, `upgrade head` failed before this PR too).
    fails:
      baseHeads.length <= 1
        ? failsWith('head')
        : label
          ? failsWith(`${label}@head`)
          : 'Alembic would apply the forked lines in no set order until a merge revision joins them.',
    forks: forks.length ? `The fork: ${someOf(forks, 5, '; ')}.` : '',
    reparent,
    // With many heads, all of them to join, Alembic's own `heads` says the same in one word. Ids are
    // shell-quoted: Alembic allows `;`, `$(…)` and quotes in them, and this line gets copied.
    ...(cannotLoad
      ? { noCommand: cannotLoad }
      : {
          command: `${alembicCommand(ctx.merged.env)} merge -m "merge heads" ${joined.length > 10 && joined.length === merged.heads.length ? 'heads' : shellArgs(joined)}`,
        }),
    staleOnly: staleBase && !sibling && !newBase,
  };
}

/** The merge alternative of a fix; with no command to offer yet, when it can be made. */
export function mergeRevision(cannotLoad: string | undefined, what = 'a merge revision'): string {
  return cannotLoad ? `add ${what} once Alembic can load the tree (${cannotLoad})` : `add ${what}`;
}

/** The landed tree has more heads than base: every `alembic upgrade head` then fails. */
export const multipleHeads: Rule = {
  id: 'multiple-heads',
  severity: 'error',
  doc: 'Merging the PR leaves a branch with more heads than base has; `alembic upgrade head` fails with "Multiple head revisions are present".',
  check(ctx) {
    const fork = forkOf(ctx);
    if (!fork) return [];
    const finding: Finding = {
      rule: this.id,
      severity: 'error',
      environment: ctx.environment,
      message: [fork.heads, fork.forks, fork.fails].filter(Boolean).join(' '),
      file: fork.blamed?.file,
      line: fork.blamed?.line,
      fix: {
        summary: `${fork.reparent}, or ${mergeRevision(fork.noCommand, 'a merge revision joining the heads')}.`,
        ...(fork.command ? { command: fork.command } : {}),
      },
    };
    return [finding];
  },
};
