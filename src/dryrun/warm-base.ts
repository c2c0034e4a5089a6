import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FileTree } from '../git/tree.js';
import type { RevisionGraph } from '../graph/types.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import { VERSION } from '../version.js';
import type { BaseState } from './sequence.js';

/**
 * A warm base: the embedded PostgreSQL's data directory right after the base replay, kept under
 * ~/.cache/headsup/pglite/, so a later run on the same base boots from it and skips the replay (most PRs of a
 * repository share a base, and replaying a long history is most of a dry run). Keyed by everything that
 * decides the replay's outcome as far as headsup can see it: the base revisions' files as the merged tree
 * has them, env.py, the config, the extensions booted, headsup's (and so PGlite's) version. Python's
 * versions are recorded beside it and checked once Python has said them.
 */
export interface WarmBase {
  key: string;
  /** The data directory tarball (zstd). */
  file: string;
  /** What the run that made it used; a hit with other versions is a miss. */
  meta?: WarmMeta;
}

export interface WarmMeta extends BaseState {
  python: string;
  alembic: string;
  sqlalchemy: string;
}

/** Warm bases kept; older ones are removed when a new one is written. */
const KEEP = 5;

export function warmBaseDir(): string | undefined {
  if (process.env.HEADSUP_CACHE === 'off') return undefined;
  const root =
    process.env.HEADSUP_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'headsup');
  return join(root, 'pglite');
}

/** The base revisions: the base heads and everything they stand on (parents and dependencies), in the merged tree. */
function baseRevisions(graph: RevisionGraph, baseHeads: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = [...baseHeads];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.byId.get(id);
    if (!node) continue;
    stack.push(...node.downRevisions, ...(graph.dependencies.get(id) ?? []));
  }
  return [...seen].sort();
}

export async function warmBaseFor(input: {
  tree: FileTree;
  env: MigrationEnvironment;
  graph: RevisionGraph;
  baseHeads: readonly string[];
  extensions: readonly string[];
}): Promise<WarmBase | undefined> {
  const dir = warmBaseDir();
  if (!dir || !input.baseHeads.length) return undefined;
  const ids = baseRevisions(input.graph, input.baseHeads);
  const files = ids.map((id) => input.graph.byId.get(id)?.file ?? `?${id}`);
  const envDir = input.env.path === '.' ? '' : `${input.env.path}/`;
  const others = [`${envDir}env.py`, ...(input.env.configFile ? [input.env.configFile] : [])];
  const hash = createHash('sha256');
  hash.update(
    `headsup ${VERSION}\0${input.env.configSection ?? ''}\0${[...input.extensions].sort().join(',')}\0`,
  );
  hash.update(`${[...input.baseHeads].sort().join(',')}\0`);
  const paths = [...files, ...others];
  const known = await input.tree.contentIds(paths);
  for (let i = 0; i < paths.length; i++) {
    // A blob id where git knows it; the bytes otherwise (a file changed in the working tree).
    const id = known[i] ?? (await digestOf(input.tree, paths[i]));
    hash.update(`${paths[i]}\0${id}\0`);
  }
  const key = hash.digest('hex').slice(0, 32);
  const file = join(dir, `${key}.tar.zst`);
  let meta: WarmMeta | undefined;
  try {
    if (existsSync(file)) meta = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as WarmMeta;
  } catch {
    meta = undefined;
  }
  return { key, file, ...(meta ? { meta } : {}) };
}

async function digestOf(tree: FileTree, path: string): Promise<string> {
  const bytes = await tree.read(path).catch(() => undefined);
  return bytes ? createHash('sha256').update(bytes).digest('hex') : 'absent';
}

/** Whether a stored warm base was made with this Python (else the replay runs again). */
export function sameVersions(
  meta: WarmMeta,
  hello: { python: string; alembic: string; sqlalchemy: string },
): boolean {
  return (
    meta.python === hello.python && meta.alembic === hello.alembic && meta.sqlalchemy === hello.sqlalchemy
  );
}

/**
 * Stores a data directory dumped by `dump` under the warm base's key: written beside, then renamed, so a
 * concurrent run never boots from half a file. Failures are the cache's, never the run's.
 */
export async function storeWarmBase(
  warm: WarmBase,
  meta: WarmMeta,
  dump: (file: string) => Promise<void>,
): Promise<boolean> {
  const dir = join(warm.file, '..');
  // The dump's compression follows its file name: keep the extension.
  const partial = join(dir, `${warm.key}.${process.pid}.partial.tar.zst`);
  try {
    mkdirSync(dir, { recursive: true });
    await dump(partial);
    writeFileSync(join(dir, `${warm.key}.json`), JSON.stringify(meta));
    renameSync(partial, warm.file);
    prune(dir);
    return true;
  } catch {
    rmSync(partial, { force: true });
    return false;
  }
}

/** A warm base that would not boot: gone, so the next run makes a good one. */
export function dropWarmBase(warm: WarmBase): void {
  rmSync(warm.file, { force: true });
  rmSync(warm.file.replace(/\.tar\.zst$/, '.json'), { force: true });
}

function prune(dir: string): void {
  const bases = readdirSync(dir)
    .filter((f) => f.endsWith('.tar.zst'))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of bases.slice(KEEP)) {
    rmSync(join(dir, f), { force: true });
    rmSync(join(dir, f.replace(/\.tar\.zst$/, '.json')), { force: true });
  }
}
