/**
 * No Python runner outlives headsup: on Node's exit, and on SIGINT/SIGTERM/SIGHUP, every live runner is killed.
 * (A SIGKILLed Node cannot do this; the runner then notices its parent changed and exits on its own.)
 */
import type { ChildProcess } from 'node:child_process';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];

const live = new Set<ChildProcess>();
let installed = false;

function killAll(signal: NodeJS.Signals): void {
  for (const child of live) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function onExit(): void {
  killAll('SIGKILL');
}

function onSignal(signal: Signal): void {
  killAll('SIGTERM');
  // Only our listener: do what Node would have done without it (die of the signal).
  if (process.listenerCount(signal) === 1) {
    uninstall();
    process.kill(process.pid, signal);
  }
}

const handlers = new Map<Signal, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]));

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  for (const [signal, handler] of handlers) process.on(signal, handler);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', onExit);
  for (const [signal, handler] of handlers) process.off(signal, handler);
}

/** Kills `child` if Node exits or is signalled while it runs. */
export function reapOnExit(child: ChildProcess): void {
  live.add(child);
  install();
  const forget = (): void => {
    live.delete(child);
    if (live.size === 0) uninstall();
  };
  child.once('exit', forget);
  child.once('error', forget); // a spawn that failed (ENOENT) may never emit 'exit'
}
