import { runCleanups } from './cleanup.js';
import { removeAllScratch } from './git/scratch.js';

/** How long a stopped run may spend undoing what it started before it exits anyway. */
const CLEANUP_BUDGET_MS = 5_000;

/** The CLI's status for an internal error (usage errors share it). */
const CRASHED = 2;

/**
 * Whatever ends a run early undoes what it started — child processes stopped, throwaway databases dropped
 * (bounded), scratch folders removed — before the process exits:
 * - Ctrl-C or a cancelled job (SIGINT, then SIGTERM): exit as the signal would have (128 + its number). A
 *   second signal while that runs exits at once. GitHub sends SIGKILL 7.5 s after SIGINT: the budget fits.
 * - an exception nothing caught: one line on stderr, then exit 2.
 * A closed stdout or stderr (`headsup check | head`, a trace piped to a pager that quit) is no reason to stop:
 * the write is lost, the run goes on and ends as usual, undoing what it started.
 */
export function cleanUpOnExit(): void {
  let stopping = false;
  // A second signal while undoing exits at once; a second error just waits for the first undo.
  const stop = (code: number, again: 'exit' | 'wait') => {
    if (stopping) {
      if (again === 'exit') process.exit(code);
      return;
    }
    stopping = true;
    void runCleanups(CLEANUP_BUDGET_MS).finally(() => {
      removeAllScratch();
      process.exit(code);
    });
  };
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.on(signal, () => stop(code, 'exit'));

  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') crash(e);
    });
  const crash = (e: unknown) => {
    try {
      process.stderr.write(
        `headsup: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
    } catch {
      // stderr is gone too: the exit status still says it
    }
    stop(CRASHED, 'wait');
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
