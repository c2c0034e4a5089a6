/** The GitHub Action entry (dist/index.js): everything lives in src/github; this only sets the exit status. */
import './v8-tuning.js';
import { run } from './github/run.js';
import { removeScratchOnSignals } from './git/scratch.js';

// A cancelled job sends SIGINT, then SIGTERM: git's scratch files go first.
removeScratchOnSignals();
process.exitCode = await run(process.env);
