import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Scratch folders not yet removed: a run stopped by a signal removes them on its way out. */
const live = new Set<string>();

/** A new folder under the temporary folder; remove it with removeScratch. Throws where none can be made. */
export function makeScratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  live.add(dir);
  return dir;
}

export function removeScratch(dir: string): void {
  live.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** Removes every scratch folder not yet removed (a run stopped by a signal: see signals.ts). */
export function removeAllScratch(): void {
  for (const dir of [...live]) removeScratch(dir);
}
