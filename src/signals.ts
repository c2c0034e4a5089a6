import { runCleanups } from './cleanup.js';
import { removeAllScratch } from './git/scratch.js';

/** How long a signalled run may spend undoing what it started before it exits anyway. */
const CLEANUP_BUDGET_MS = 5_000;

/**
 * On Ctrl-C or a cancelled job (SIGINT, then SIGTERM): stop child processes, drop throwaway databases
 * (bounded), remove scratch folders, then exit as the signal would have (128 + its number). A second
 * signal while that runs exits at once. GitHub sends SIGKILL 7.5 s after SIGINT: the budget fits inside.
 */
export function cleanUpOnSignals(): void {
  let stopping = false;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(code);
      stopping = true;
      void runCleanups(CLEANUP_BUDGET_MS).finally(() => {
        removeAllScratch();
        process.exit(code);
      });
    });
  }
}
