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

/**
 * On Ctrl-C or a cancelled job (SIGINT, then SIGTERM): remove the scratch folders, then stop as the signal
 * would have (128 + its number). Git's listings and blobs there can run to megabytes.
 */
export function removeScratchOnSignals(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      for (const dir of [...live]) removeScratch(dir);
      process.exit(code);
    });
  }
}
