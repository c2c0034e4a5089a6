import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A private copy of the freshly built dist/ (see below). */
    bundleDir: string;
  }
}

/**
 * Integration tests run the real bundle, as users and GitHub do. Build it once, the way CI does, then hand
 * tests a private copy: a parallel rebuild of dist/ cannot pull it out from under a running test.
 */
export default function setup(project: TestProject): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'headsup-dist-'));
  cpSync('dist', dir, { recursive: true });
  project.provide('bundleDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
