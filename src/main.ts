/** The GitHub Action entry (dist/index.js): everything lives in src/github; this only sets the exit status. */
import './v8-tuning.js';
import { run } from './github/run.js';
import { cleanUpOnExit } from './signals.js';

// A cancelled job sends SIGINT, then SIGTERM: what the run started is undone before it exits.
cleanUpOnExit();
process.exitCode = await run(process.env);
