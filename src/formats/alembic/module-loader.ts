import { posix } from 'node:path';
import type { ParseOptions } from './parse.js';
import { decodePythonSource } from './python-source.js';

const IDENT = /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*$/;

/**
 * Maps an import to a repo file the way `sys.path` would: `pkg.mod` → `<root>/pkg/mod/__init__.py` or
 * `<root>/pkg/mod.py`, roots tried in order; `.mod` / `..pkg.mod` against `fromFile`'s package.
 */
export function moduleLoaderFor(
  read: (path: string) => Promise<Buffer | undefined>,
  roots: string[],
): NonNullable<ParseOptions['loadModule']> {
  return async (dotted, fromFile) => {
    for (const base of bases(dotted, fromFile, roots)) {
      const init = posix.join(base.path, '__init__.py');
      // A package comes before a module of the same name, as Python's FileFinder looks.
      for (const file of base.package ? [init] : [init, `${base.path}.py`]) {
        const content = await read(file).catch(() => undefined);
        if (!content) continue;
        const text = decodePythonSource(content).text;
        return text === undefined ? undefined : { file, text };
      }
    }
    return undefined;
  };
}

function bases(dotted: string, fromFile: string, roots: string[]): { path: string; package: boolean }[] {
  const dots = /^\.*/.exec(dotted)![0].length;
  const rest = dotted.slice(dots);
  const parts = rest ? rest.split('.') : [];
  if (!parts.every((p) => IDENT.test(p))) return [];
  if (dots > 0) {
    let dir = posix.dirname(fromFile);
    for (let k = 1; k < dots; k++) {
      if (dir === '.') return []; // beyond the top-level package
      dir = posix.dirname(dir);
    }
    const path = posix.normalize(posix.join(dir, ...parts));
    if (path.startsWith('..') || posix.isAbsolute(path)) return [];
    return [{ path, package: parts.length === 0 }];
  }
  if (parts.length === 0) return [];
  return roots.map((root) => ({ path: posix.normalize(posix.join(root, ...parts)), package: false }));
}
