import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a run that lasts a second, not a server's hours; imported first, before the run has
 * allocated or compiled anything. Each was measured on 10,000-revision histories (`npm run bench`):
 *
 * - The young generation stays at its initial size (1 MiB semi-spaces) instead of doubling up to 16 MiB.
 *   Almost everything a run allocates dies young (file texts, per-file scratch); a small young generation
 *   reuses the same few pages for all of it, where a growing one touches tens of MiB of fresh memory once
 *   each. On virtual machines whose first touch of a page costs ~12 µs (seen here) that was a tenth of a run.
 * - No TurboFan: Maglev's code is fast enough for a second's work, and TurboFan's compiles cost more than
 *   they save in one, on two cores shared with git (a cold `graph` took about 15% less time and CPU).
 */
try {
  // HEADSUP_V8=default: V8 as it comes, for the benchmark's comparison.
  if (process.env.HEADSUP_V8 !== 'default') {
    setFlagsFromString('--semi-space-growth-factor=1');
    setFlagsFromString('--no-turbofan');
  }
} catch {
  // A runtime without these flags only runs a little slower.
}
