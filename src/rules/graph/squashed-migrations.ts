import type { Finding } from '../../report/model.js';
import type { Rule, RuleContext } from './rule.js';
import { someOf } from '../../report/wording.js';

/** A squash: base revisions the PR deletes, folded into revisions it keeps with a rewritten history. */
export interface Squash {
  /** Base ids that still land, with other parents than on base (the squash's own files). */
  kept: string[];
  /** Their landed files. */
  files: string[];
  /** Base ids the PR deletes that lay below a kept one: what the squash folds in. */
  squashed: string[];
}

const squashes = new WeakMap<RuleContext, Squash | null>();

/**
 * The squash the PR makes, if it makes one (worked out once per context): it deletes base revisions and
 * keeps a later one under its old id (so databases at it stay valid) with a rewritten down_revision.
 */
export function squashOf(ctx: RuleContext): Squash | undefined {
  let found = squashes.get(ctx);
  if (found === undefined) squashes.set(ctx, (found = findSquash(ctx) ?? null));
  return found ?? undefined;
}

function findSquash(ctx: RuleContext): Squash | undefined {
  const base = ctx.base?.graph;
  const merged = ctx.merged.graph;
  if (!base || !ctx.changes.some((c) => c.status === 'deleted' || c.status === 'renamed')) return undefined;
  const deleted = new Set(base.nodes.filter((n) => !merged.byId.has(n.id)).map((n) => n.id));
  if (!deleted.size) return undefined;
  const kept: string[] = [];
  const squashed = new Set<string>();
  for (const n of base.nodes) {
    const now = merged.byId.get(n.id);
    if (!now || now.downRevisions.join('\0') === n.downRevisions.join('\0')) continue;
    // Every deleted revision below it, on base.
    const below: string[] = [];
    const seen = new Set<string>();
    const stack = [...n.downRevisions];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      if (deleted.has(id)) below.push(id);
      stack.push(...(base.byId.get(id)?.downRevisions ?? []));
    }
    if (!below.length) continue;
    kept.push(n.id);
    for (const id of below) squashed.add(id);
  }
  if (!kept.length) return undefined;
  return {
    kept,
    files: kept.map((id) => merged.byId.get(id)!.file),
    // In base's load order, as the deletions would have been reported.
    squashed: base.nodes.filter((n) => squashed.has(n.id)).map((n) => n.id),
  };
}

/** One finding for a squash, instead of a deleted-migration per revision it folds in. */
export const squashedMigrations: Rule = {
  id: 'squashed-migrations',
  severity: 'warning',
  doc: 'The PR squashes history: it deletes base revisions and keeps a later id with a rewritten down_revision. Databases at a kept revision are unaffected; those at an older one can no longer upgrade.',
  check(ctx) {
    const squash = squashOf(ctx);
    if (!squash) return [];
    const ids = (list: string[]) => someOf(list.map((id) => `\`${id}\``));
    const head = ctx.merged.graph.byId.get(squash.kept[0])!;
    const n = squash.squashed.length;
    const finding: Finding = {
      rule: this.id,
      severity: 'warning',
      environment: ctx.environment,
      file: head.file,
      line: head.line,
      message:
        `This PR squashes ${n === 1 ? '1 revision' : `${n} revisions`} (${ids(squash.squashed)}) into ` +
        `${someOf(squash.files)}, which keep${squash.kept.length === 1 ? 's' : ''} the id${squash.kept.length === 1 ? '' : 's'} ${ids(squash.kept)} with a new down_revision. ` +
        `Databases at ${ids(squash.kept)} (or later) are unaffected; databases at any older revision can no longer upgrade: Alembic no longer knows the revision they are at.`,
      fix: {
        summary: `Before this lands, upgrade every database to ${ids(squash.kept)} (or keep the old revisions until they are there).`,
      },
    };
    return [finding];
  },
};
