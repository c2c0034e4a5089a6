import { posix } from 'node:path';
import type { FileTree } from '../git/tree.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import type { ParsedRevisionFile } from '../formats/alembic/types.js';
import { listRevisionFiles } from '../formats/alembic/discover.js';
import { parseRevisionFile } from '../formats/alembic/parse.js';
import { moduleLoaderFor } from '../formats/alembic/module-loader.js';
import { snapshotOf, type EnvSnapshot } from './snapshot.js';

/** Parse results shared across the trees of one run: base and PR share most files, so each blob is parsed once. */
export type ParseCache = Map<string, Promise<ParsedRevisionFile>>;

/** Where `import pkg.mod` is looked up: the repo root, `src/`, and the folders above the script location. */
function importRoots(env: MigrationEnvironment): string[] {
  const roots = ['.', 'src'];
  for (let dir = posix.dirname(env.path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir))
    roots.push(dir);
  return [...new Set(roots)];
}

export async function loadEnvironment(
  tree: FileTree,
  env: MigrationEnvironment,
  cache: ParseCache,
): Promise<EnvSnapshot> {
  const paths = await listRevisionFiles(tree, env);
  const loadModule = moduleLoaderFor((p) => tree.read(p), importRoots(env));
  const parsed = await Promise.all(
    paths.map(async (path) => {
      const id = await tree.contentId(path);
      const key = id ? `${path}\0${id}` : undefined;
      const hit = key ? cache.get(key) : undefined;
      if (hit) return hit;
      let importedSomething = false;
      const result = tree.read(path).then((content) =>
        parseRevisionFile(path, content ?? Buffer.alloc(0), {
          loadModule: (dotted, from) => {
            importedSomething = true;
            return loadModule!(dotted, from);
          },
        }),
      );
      if (key) {
        cache.set(key, result);
        // A value taken from another module depends on this tree's version of that module: don't share it.
        void result.then(() => importedSomething && cache.delete(key));
      }
      return result;
    }),
  );
  return snapshotOf(env, parsed);
}
