/**
 * `HEADSUP_TRACE=1`: one line on stderr per step of a run, with the milliseconds since the process started,
 * to see where a dry run's time goes (database boot, Python start, each phase, cleanup). Silent otherwise.
 */
const on = !!process.env.HEADSUP_TRACE;

export function trace(what: string): void {
  if (on) process.stderr.write(`[headsup +${Math.round(performance.now())} ms] ${what}\n`);
}
