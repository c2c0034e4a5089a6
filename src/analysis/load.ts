import { posix } from 'node:path';
import { UnreadableFile, unreadable, type FileTree } from '../git/tree.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import { listRevisionFiles } from '../formats/alembic/discover.js';
import { parseRevisionFile, preloadParser, type ParseOptions } from '../formats/alembic/parse.js';
import { moduleLoaderFor } from '../formats/alembic/module-loader.js';
import { snapshotOf, type EnvSnapshot } from './snapshot.js';
import { ParseCache } from './parse-cache.js';
import type { ParsedRevisionFile } from '../formats/alembic/types.js';

const WINDOW = 256;
/** From this many files on, a tree that can stream them does: git reads while this parses. */
const STREAM = 64;

/**
 * Where `import pkg.mod` is looked up: the config's `prepend_sys_path`, the repo root, `src/`, and the folders
 * above the script location.
 */
function importRoots(env: MigrationEnvironment): string[] {
  const roots = [...(env.importPaths ?? []), '.', 'src'];
  for (let dir = posix.dirname(env.path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir))
    roots.push(dir);
  return [...new Set(roots)];
}

/**
 * Builds the parser while git lists the files, when the cache will not spare the parsing (a first run, or
 * the cache off). With results stored, that time goes to loading them instead.
 */
export function preloadParserFor(cache: ParseCache): void {
  void cache.ready().then(() => cache.empty && preloadParser());
}

/**
 * Parses an environment's revision files in one tree. `touched` files (the PR's changes) are always parsed
 * afresh and in full: their fixes need the exact statement text. The rest come from the cache, or are
 * parsed lean: what the graph needs, which is also what the cache keeps.
 */
export async function loadEnvironment(
  tree: FileTree,
  env: MigrationEnvironment,
  cache: ParseCache,
  touched: ReadonlySet<string> = new Set(),
): Promise<EnvSnapshot> {
  const paths = await listRevisionFiles(tree, env);
  const loadModule = moduleLoaderFor((p) => tree.read(p), importRoots(env));
  const files: ParsedRevisionFile[] = new Array(paths.length);
  const misses: number[] = [];
  const [ids] = await Promise.all([tree.contentIds(paths), cache.ready()]);
  for (let i = 0; i < paths.length; i++) {
    const id = ids[i];
    const hit = id && !(touched.size && touched.has(paths[i])) ? cache.get(paths[i], id) : undefined;
    if (hit) files[i] = hit;
    else misses.push(i);
  }
  // One set of options for every file: whether a parse imported something is said through `imported`.
  let imported: boolean;
  const load: ParseOptions['loadModule'] = (dotted, from) => {
    imported = true;
    return loadModule(dotted, from);
  };
  const lean: ParseOptions = { lean: true, loadModule: load };
  const full: ParseOptions = { lean: false, loadModule: load };
  let j = 0;
  let gone = false;
  for await (const contents of contentsOf(
    tree,
    misses.map((i) => paths[i]),
  )) {
    for (const content of contents) {
      const i = misses[j++];
      const path = paths[i];
      if (content instanceof UnreadableFile) {
        files[i] = {
          file: path,
          problems: [{ kind: 'unreadable', message: content.message, line: 1, column: 0 }],
        };
        continue;
      }
      // Listed but not a file on disk (a skip-worktree entry never checked out, a file turned into a
      // folder or deleted since the listing): Python does not see it, so it is no revision file.
      if (content === undefined) {
        gone = true;
        continue;
      }
      imported = false;
      const parsed = parseRevisionFile(path, content, touched.has(path) ? full : lean);
      files[i] = parsed instanceof Promise ? await parsed : parsed;
      // A value taken from another module depends on this tree's version of that module: don't share it.
      const id = ids[i];
      if (id && !imported) cache.set(path, id, files[i]);
    }
  }
  return snapshotOf(env, gone ? files.filter(Boolean) : files);
}

/**
 * The contents of `paths` in order, in batches: streamed when the tree can and there are enough of them,
 * else read in windows (the next requested before this one is parsed), which keeps memory bounded.
 * A file that cannot be read is a problem of that file, not of the run.
 */
async function* contentsOf(
  tree: FileTree,
  paths: readonly string[],
): AsyncGenerator<(Buffer | UnreadableFile | undefined)[]> {
  if (tree.readAll && paths.length >= STREAM) {
    yield* tree.readAll(paths);
    return;
  }
  const read = (path: string) => tree.read(path).catch(unreadable);
  const readWindow = (from: number) => {
    if (from >= paths.length) return undefined;
    const contents = Promise.all(paths.slice(from, from + WINDOW).map(read));
    contents.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
    return contents;
  };
  let next = readWindow(0);
  for (let from = 0; next; from += WINDOW) {
    const contents = await next;
    next = readWindow(from + WINDOW);
    yield contents;
  }
}
