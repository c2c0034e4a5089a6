import { resolve, join } from 'node:path';
import { inject } from 'vitest';

/** Path of a bundled entry (`cli.js`, `index.js`) in the copy global-setup built, else in dist/. */
export function bundled(entry: 'cli.js' | 'index.js'): string {
  let dir: string | undefined;
  try {
    dir = inject('bundleDir');
  } catch {
    dir = undefined;
  }
  return dir ? join(dir, entry) : resolve('dist', entry);
}
