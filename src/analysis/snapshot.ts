import type { ParsedRevisionFile } from '../formats/alembic/types.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import type { RevisionGraph, RevisionNode } from '../graph/types.js';
import { buildGraph } from '../graph/revision-graph.js';

/** One environment as it stands in one tree: its parsed files and their graph. */
export interface EnvSnapshot {
  env: MigrationEnvironment;
  /** Parsed revision files in Alembic's load order. */
  files: ParsedRevisionFile[];
  byPath: Map<string, ParsedRevisionFile>;
  graph: RevisionGraph;
}

/** Most revisions have no labels and no dependencies: one shared, frozen empty list, not 20,000 of them. */
const NONE: string[] = Object.freeze([]) as unknown as string[];

/** Files that parsed far enough to name a revision and its parents become graph nodes; the rest are findings. */
export function nodesOf(files: ParsedRevisionFile[]): RevisionNode[] {
  const nodes: RevisionNode[] = [];
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    if (!f.revision || !f.downRevision) continue;
    nodes.push({
      id: f.revision.value,
      downRevisions: f.downRevision.value,
      dependsOn: f.dependsOn?.value ?? NONE,
      branchLabels: f.branchLabels?.value ?? NONE,
      file: f.file,
      line: f.revision.line,
    });
  }
  return nodes;
}

export function snapshotOf(env: MigrationEnvironment, files: ParsedRevisionFile[]): EnvSnapshot {
  let byPath: Map<string, ParsedRevisionFile> | undefined;
  return {
    env,
    files,
    // Only checks look files up by path; `graph` never does.
    get byPath() {
      return (byPath ??= new Map(files.map((f) => [f.file, f])));
    },
    graph: buildGraph(nodesOf(files)),
  };
}
