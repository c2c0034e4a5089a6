// Measures the bundled PGlite worker as a run starts it: milliseconds from spawning the worker thread to its
// socket listening, and the process's peak RSS. `node scripts/pglite-ready.mjs [DIST] [RUNS] [EXTENSIONS,…]`
// (default dist/, 5 runs, none). Each run is a fresh process; extensions are catalog file names (citext.tar.gz).
// CPU milliseconds are the process's: on a busy machine the wall time grows, they barely do.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const [dist = 'dist', runs = '5', extensions = '', format = ''] = process.argv.slice(2);

if (process.env.PGLITE_READY_CHILD) {
  const dir = resolve(dist, 'pglite');
  const extensionFiles = Object.fromEntries(
    extensions
      .split(',')
      .filter(Boolean)
      .map((f) => [resolve(dir, 'extensions', f), []]),
  );
  const started = performance.now();
  const worker = new Worker(resolve(dir, 'worker.js'), {
    workerData: { dataDir: resolve(dir, 'datadir.tar.zst'), extensionFiles, host: '127.0.0.1' },
  });
  worker.on('message', async (m) => {
    if (m.type !== 'ready') throw new Error(JSON.stringify(m));
    const readyMs = Math.round(performance.now() - started);
    const { user, system } = process.cpuUsage();
    await worker.terminate();
    const rssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(JSON.stringify({ readyMs, cpuMs: Math.round((user + system) / 1000), rssMiB }));
  });
} else {
  const results = [];
  for (let i = 0; i < Number(runs); i++)
    results.push(
      JSON.parse(
        execFileSync(process.execPath, [import.meta.filename, dist, runs, extensions], {
          env: { ...process.env, PGLITE_READY_CHILD: '1' },
          encoding: 'utf8',
        }),
      ),
    );
  const median = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  if (format === '--json') {
    console.log(
      JSON.stringify({ readyMs: median('readyMs'), cpuMs: median('cpuMs'), rssMiB: median('rssMiB') }),
    );
    process.exit(0);
  }
  console.log(`ready ms: ${results.map((r) => r.readyMs).join(' ')} (median ${median('readyMs')})`);
  console.log(`CPU ms: ${results.map((r) => r.cpuMs).join(' ')} (median ${median('cpuMs')})`);
  console.log(`peak RSS MiB: ${results.map((r) => r.rssMiB).join(' ')} (median ${median('rssMiB')})`);
}
