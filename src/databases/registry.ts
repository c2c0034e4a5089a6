import { onCleanup, settleWithin } from '../cleanup.js';

/** Teardowns of every throwaway database that exists (or is being made) and is not yet disposed. */
const live = new Set<() => Promise<void>>();

/**
 * Registers a teardown from the moment its resource exists (a worker spawned, a database name chosen)
 * until it has run: a signal then drops what a half-finished create() made too. Returns the idempotent
 * dispose to call instead of the teardown; it never throws.
 */
export function keepAlive(teardown: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const dispose = (): Promise<void> => {
    done ??= (async () => {
      try {
        await teardown();
      } catch {
        // A teardown that failed has nothing better to do; the next run's sweep is the safety net.
      } finally {
        live.delete(dispose);
        unregister();
      }
    })();
    return done;
  };
  live.add(dispose);
  const unregister = onCleanup('databases', dispose);
  return dispose;
}

/** How many throwaway databases exist right now (for tests and diagnostics). */
export function liveDatabases(): number {
  return live.size;
}

/** Disposes every live throwaway database in parallel, within budgetMs. Never throws. */
export async function disposeAll(budgetMs = 5_000): Promise<void> {
  await settleWithin(
    [...live].map((dispose) => dispose()),
    budgetMs,
  );
}
