import { GitTree } from '../git/git-tree.js';
import { startListing, WorkTree } from '../git/work-tree.js';
import type { FileTree } from '../git/tree.js';
import { repoRoot, rootAndCommits } from '../git/git.js';
import { discoverEnvironments } from '../formats/alembic/discover.js';
import { environmentName, type ConfigProblem } from '../formats/alembic/environment.js';
import { loadEnvironment, preloadParserFor } from '../analysis/load.js';
import { ParseCache } from '../analysis/parse-cache.js';
import { VERSION } from '../version.js';
import type { EnvSnapshot } from '../analysis/snapshot.js';
import { mermaidId, mermaidLabel, visible } from '../report/escape.js';
import { plural } from '../report/wording.js';
import { rowList, rowsJsonPieces } from '../report/json.js';
import { problemLine } from '../analysis/problem-lines.js';

export interface GraphOptions {
  repo: string;
  ref?: string;
  migrations?: string[];
  format: 'text' | 'json' | 'mermaid';
}

/** Opens the tree to draw: a commit when --ref is given, else the working directory (git or not). */
async function openTree(opts: GraphOptions): Promise<{ tree: FileTree; root?: string; close(): void }> {
  if (!opts.ref) {
    const listing = startListing(opts.repo);
    const root = await repoRoot(opts.repo).catch(() => undefined);
    const tree = root
      ? new WorkTree(root, 'working tree', true, listing)
      : new WorkTree(opts.repo, 'working tree', false);
    return { tree, root, close() {} };
  }
  const {
    root,
    shas: [sha],
  } = await rootAndCommits(opts.repo, [opts.ref]);
  const tree = new GitTree(root, sha, opts.ref);
  return { tree, root, close: () => tree.close() };
}

/** Config files that could not be read or that point nowhere: said, since the environments found depend on them. */
const where = (p: ConfigProblem) => (p.line ? `${p.file}:${p.line}` : p.file);

function json(snapshots: EnvSnapshot[], ref: string, config: ConfigProblem[]): Iterable<string> {
  return rowsJsonPieces({
    schemaVersion: 1,
    ref,
    configProblems: config.map((p) => ({ message: p.message, file: p.file, line: p.line ?? null })),
    environments: snapshots.map((snapshot) => ({
      path: snapshot.env.path,
      name: environmentName(snapshot.env),
      ...(snapshot.env.configFile ? { configFile: snapshot.env.configFile } : {}),
      ...(snapshot.env.configSection ? { section: snapshot.env.configSection } : {}),
      source: snapshot.env.source,
      // The nodes themselves: their fields are the row's, in its order (see RevisionNode).
      revisions: rowList(snapshot.graph.nodes, 'id'),
      heads: snapshot.graph.heads,
      bases: snapshot.graph.bases,
      branchpoints: snapshot.graph.branchPoints,
      mergepoints: snapshot.graph.mergePoints,
      order: snapshot.graph.order ?? null,
      problems: problemRows(snapshot),
    })),
  });
}

/** The graph's problems, then the files'. byPath is asked for only when the graph has some: it is a map of every file. */
function problemRows(snapshot: EnvSnapshot) {
  const { graph, files } = snapshot;
  const rows = graph.problems.map((p) => ({
    kind: p.kind as string,
    message: p.message,
    file: p.file,
    line: problemLine(p, snapshot.byPath),
  }));
  // A loop, not flatMap: 10,000 files mostly without problems would make 10,000 empty lists.
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    for (let k = 0; k < f.problems.length; k++) {
      const p = f.problems[k];
      rows.push({ kind: p.kind, message: p.message, file: f.file, line: p.line });
    }
  }
  return rows;
}

function mermaid(snapshots: EnvSnapshot[]): string {
  const out: string[] = [];
  for (const { env, graph } of snapshots) {
    out.push(`%% ${visible(environmentName(env))}`, 'graph BT');
    const heads = new Set(graph.heads);
    for (const n of graph.nodes) {
      const label = mermaidLabel(n.branchLabels.length ? `${n.id} @${n.branchLabels.join(',')}` : n.id);
      out.push(`  ${mermaidId(n.id)}${heads.has(n.id) ? `([${label}])` : `[${label}]`}`);
      for (const p of n.downRevisions) out.push(`  ${mermaidId(n.id)} --> ${mermaidId(p)}`);
      for (const d of n.dependsOn)
        if (graph.byId.has(d)) out.push(`  ${mermaidId(n.id)} -.-> ${mermaidId(d)}`);
    }
  }
  return out.join('\n');
}

function text(snapshots: EnvSnapshot[], config: ConfigProblem[]): string {
  // Ids, paths and messages come from the repository: shown printable, one line each (see visible).
  const v = visible;
  const list = (ids: readonly string[]) => ids.map(v).join(', ');
  const out = config.map((p) => `config problem: ${v(p.message)} (${v(where(p))})`);
  if (snapshots.length === 0)
    return [...out, 'No Alembic migration environment found (pass --migrations DIR to name one).'].join('\n');
  if (out.length) out.push('');
  for (const snapshot of snapshots) {
    const { env, graph, files } = snapshot;
    out.push(`${v(environmentName(env))} (${env.source}): ${plural(graph.nodes.length, 'revision')}`);
    out.push(`  heads: ${list(graph.heads) || 'none'}`);
    out.push(`  bases: ${list(graph.bases) || 'none'}`);
    if (graph.branchPoints.length) out.push(`  branch points: ${list(graph.branchPoints)}`);
    if (graph.mergePoints.length) out.push(`  merge points: ${list(graph.mergePoints)}`);
    for (const p of graph.problems)
      out.push(
        `  problem: ${v(p.message)}${p.file ? ` (${v(p.file)}:${problemLine(p, snapshot.byPath)})` : ''}`,
      );
    for (const f of files)
      for (const p of f.problems) out.push(`  problem: ${v(p.message)} (${v(f.file)}:${p.line})`);
    if (graph.order) {
      out.push('  upgrade order:');
      for (const id of graph.order) {
        const n = graph.byId.get(id)!;
        out.push(
          `    ${v(id)}${n.downRevisions.length ? ` <- ${list(n.downRevisions)}` : ' (base)'}${n.branchLabels.length ? ` [${list(n.branchLabels)}]` : ''}`,
        );
      }
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** The graph as text, JSON or Mermaid. */
export async function runGraph(opts: GraphOptions): Promise<string> {
  let out = '';
  for (const piece of await graphPieces(opts)) out += piece;
  return out;
}

/** runGraph's output in pieces, for writing as they are made (a 10,000-revision JSON is megabytes). */
export async function graphPieces(opts: GraphOptions): Promise<Iterable<string>> {
  const { tree, root, close } = await openTree(opts);
  try {
    // git lists the tree meanwhile: the cache loads and the parser is made ready while it does.
    const listing = tree.list();
    listing.catch(() => {}); // awaited, with its error, through discovery
    const cache = new ParseCache(root, VERSION);
    preloadParserFor(cache);
    const { environments, problems } = await discoverEnvironments(tree, opts.migrations);
    const snapshots: EnvSnapshot[] = [];
    for (const env of environments) {
      const snapshot = await loadEnvironment(tree, env, cache);
      snapshots.push(snapshot);
      // Most likely a typo in --migrations: say so rather than draw an empty history.
      if (env.source === 'explicit' && snapshot.files.length === 0)
        problems.push({
          message: `migrations directory '${env.path}' (--migrations) holds no revision files (is the path right?)`,
          file: env.path,
        });
    }
    cache.save();
    if (opts.format === 'json') return json(snapshots, tree.label, problems);
    if (opts.format === 'mermaid') return [mermaid(snapshots)];
    return [text(snapshots, problems)];
  } finally {
    close();
  }
}
