import { parseRevisionFile } from '../../src/formats/alembic/parse.js';
import type { MigrationEnvironment } from '../../src/formats/alembic/environment.js';
import type { FileChange } from '../../src/git/tree.js';
import { snapshotOf } from '../../src/analysis/snapshot.js';
import type { RuleContext } from '../../src/rules/graph/rule.js';
import { revisionFile, type RevisionSpec } from './git-repo.js';

const env: MigrationEnvironment = {
  kind: 'alembic',
  path: 'migrations',
  source: 'alembic.ini',
  configFile: 'alembic.ini',
  versionLocations: ['v'],
  recursive: false,
};

/** Files named v/<id>.py unless given a path; a spec may carry its own text. */
type Spec = RevisionSpec & { text?: string; path?: string };

async function parseAll(specs: Spec[]) {
  const files = specs.map((s) => ({ path: s.path ?? `v/${s.id}.py`, text: s.text ?? revisionFile(s) }));
  const parsed = await Promise.all(files.map((f) => parseRevisionFile(f.path, Buffer.from(f.text))));
  return { files, parsed };
}

/** A rule context from revision specs on base and after the PR; the PR's changes are derived from the texts. */
export async function contextOf(baseSpecs: Spec[] | undefined, mergedSpecs: Spec[]): Promise<RuleContext> {
  const b = baseSpecs ? await parseAll(baseSpecs) : undefined;
  const m = await parseAll(mergedSpecs);
  const base = b ? snapshotOf(env, b.parsed) : undefined;
  const merged = snapshotOf(env, m.parsed);
  const before = new Map((b?.files ?? []).map((f) => [f.path, f.text]));
  const after = new Map(m.files.map((f) => [f.path, f.text]));
  const changes: FileChange[] = [];
  for (const [path, text] of after) {
    if (!before.has(path)) changes.push({ status: 'added', path });
    else if (before.get(path) !== text) changes.push({ status: 'modified', path });
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push({ status: 'deleted', path });
  return {
    environment: 'migrations',
    base,
    merged,
    changes,
    prRevisions: new Set(merged.graph.nodes.map((n) => n.id).filter((id) => !base?.graph.byId.has(id))),
  };
}
