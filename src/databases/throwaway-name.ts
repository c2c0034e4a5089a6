import { createHash, randomBytes } from 'node:crypto';

/**
 * Names of the databases headsup creates on a server, which are also their marker: `headsup_<created>_
 * <random>_<check>`, the creation time in base-36 seconds and a check over both. Only headsup makes a name
 * whose check matches, so a later run may drop one left behind by a killed run (SIGKILL) once it is old,
 * and never touches another `headsup_*` database. Unlike a table or a comment, the mark exists from the
 * very statement that creates the database, and puts nothing inside it that a schema snapshot could see.
 */
const PREFIX = 'headsup_';

/** How the server providers sweep and date their databases. */
export interface ServerProviderOptions {
  /** Throwaway databases left by killed runs are dropped once older than this (default: one hour). */
  sweepOlderThanMs?: number;
  /** The clock that dates a new database's name (tests make one look old with it). */
  now?: () => number;
}

/** Left-over throwaway databases older than this are dropped by the next create() on that server. */
export const SWEEP_AFTER_MS = 60 * 60 * 1000;

/** The LIKE pattern that lists candidates (the check decides). */
export const NAME_LIKE = 'headsup\\_%';

function check(created: string, random: string): string {
  return createHash('sha256').update(`headsup throwaway ${created} ${random}`).digest('hex').slice(0, 8);
}

export function throwawayName(now: number = Date.now()): string {
  const created = Math.floor(now / 1000).toString(36);
  const random = randomBytes(5).toString('hex');
  return `${PREFIX}${created}_${random}_${check(created, random)}`;
}

/** When a name headsup made was created (ms since the epoch); undefined for any other name. */
export function createdAt(name: string): number | undefined {
  const m = name.match(/^headsup_([0-9a-z]{1,10})_([0-9a-f]{10})_([0-9a-f]{8})$/);
  if (!m || check(m[1], m[2]) !== m[3]) return undefined;
  return parseInt(m[1], 36) * 1000;
}

/** The names among `names` that headsup made more than `olderThanMs` ago. */
export function staleNames(names: readonly string[], now: number, olderThanMs: number): string[] {
  return names.filter((name) => {
    const created = createdAt(name);
    return created !== undefined && now - created > olderThanMs;
  });
}
