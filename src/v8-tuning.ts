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
 *
 * - WebAssembly stays in Liftoff's code, never tiered up to TurboFan (`--liftoff-only` has the same effect but
 *   is not honoured once V8 runs; these two are): PGlite's Postgres and libpg-query's parser are large
 *   modules, and tiering their hot functions up costs a background core and up to ~550 MB for one huge
 *   function (libpg-query's grammar) in a run of seconds. Measured on the dry run's benchmark: a cold PGlite
 *   check 2.5 → 1.9 s, a warm one 1.55 → 0.95 s, peak RSS 830 → 260 MB; a check on a server (only the
 *   parser) 655 → 110 MB. A data migration over hundreds of thousands of rows on PGlite runs ~1.5× slower
 *   (TurboFan's code would pay off there): give those a server URL.
 *
 * The first two only for runs without a dry run: with PGlite and Python busy for seconds, V8's own JavaScript
 * settings measured as fast or a few percent faster (docs/benchmark.md).
 */
function staticRun(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  // The action (dist/index.js, no arguments): its inputs say; the CLI: its command and flags.
  if (argv[2] === undefined) {
    const mode = env.INPUT_MODE?.trim();
    return env['INPUT_DRY-RUN']?.trim() === 'false' || mode === 'radar' || mode === 'publish';
  }
  return argv[2] !== 'check' || argv.includes('--no-dry-run');
}

try {
  // HEADSUP_V8=default: V8 as it comes, for the benchmark's comparison.
  if (process.env.HEADSUP_V8 !== 'default') {
    setFlagsFromString('--no-wasm-tier-up');
    setFlagsFromString('--no-wasm-dynamic-tiering');
    if (staticRun(process.argv, process.env)) {
      setFlagsFromString('--semi-space-growth-factor=1');
      setFlagsFromString('--no-turbofan');
    }
  }
} catch {
  // A runtime without these flags only runs a little slower.
}
