import { posix } from 'node:path';
import type { FileTree } from '../git/tree.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import { listRevisionFiles } from '../formats/alembic/discover.js';
import { parseRevisionFile } from '../formats/alembic/parse.js';
import { moduleLoaderFor } from '../formats/alembic/module-loader.js';
import { snapshotOf, type EnvSnapshot } from './snapshot.js';
import { ParseCache } from './parse-cache.js';

/** Where `import pkg.mod` is looked up: the repo root, `src/`, and the folders above the script location. */
function importRoots(env: MigrationEnvironment): string[] {
  const roots = ['.', 'src'];
  for (let dir = posix.dirname(env.path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir))
    roots.push(dir);
  return [...new Set(roots)];
}

/**
 * Parses an environment's revision files in one tree. `touched` files (the PR's changes) are always parsed
 * afresh: their fixes need the exact statement text, which cached results do not keep.
 */
export async function loadEnvironment(
  tree: FileTree,
  env: MigrationEnvironment,
  cache: ParseCache,
  touched: ReadonlySet<string> = new Set(),
): Promise<EnvSnapshot> {
  const paths = await listRevisionFiles(tree, env);
  const loadModule = moduleLoaderFor((p) => tree.read(p), importRoots(env));
  const parsed = await Promise.all(
    paths.map(async (path) => {
      const id = await tree.contentId(path);
      const key = id ? ParseCache.key(path, id) : undefined;
      const hit = key && !touched.has(path) ? cache.get(key) : undefined;
      if (hit) return hit;
      let imported = false;
      const result = tree.read(path).then((content) =>
        parseRevisionFile(path, content ?? Buffer.alloc(0), {
          loadModule: (dotted, from) => {
            imported = true;
            return loadModule!(dotted, from);
          },
        }),
      );
      // A value taken from another module depends on this tree's version of that module: don't share it.
      if (key) cache.set(key, result, () => !imported);
      return result;
    }),
  );
  return snapshotOf(env, parsed);
}
