/**
 * What a run must undo when a signal stops it, phase by phase: child processes first (a Python client still
 * talking to a database would hold it), then throwaway databases. Scratch folders go last, synchronously
 * (git/scratch.ts). Whoever starts such a thing registers its undo here and unregisters it once done.
 */
export type CleanupPhase = 'processes' | 'databases';

type Cleanup = () => Promise<void> | void;

const PHASES: readonly CleanupPhase[] = ['processes', 'databases'];
const registered: Record<CleanupPhase, Set<Cleanup>> = { processes: new Set(), databases: new Set() };

/** Registers an undo for the signal path; call the returned function once it is no longer needed. */
export function onCleanup(phase: CleanupPhase, fn: Cleanup): () => void {
  registered[phase].add(fn);
  return () => {
    registered[phase].delete(fn);
  };
}

/** Runs the cleanups of the given phases (all by default), in order, within budgetMs in all. Never throws. */
export async function runCleanups(budgetMs: number, phases: readonly CleanupPhase[] = PHASES): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (const phase of PHASES) {
    if (!phases.includes(phase)) continue;
    const fns = [...registered[phase]];
    registered[phase].clear();
    await settleWithin(
      fns.map(async (fn) => fn()),
      deadline - Date.now(),
    );
  }
}

/** Waits for all the promises to settle, or for ms to pass, whichever comes first. Never throws. */
export async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  if (promises.length === 0 || ms <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
