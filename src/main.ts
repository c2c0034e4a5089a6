/** The GitHub Action entry (dist/index.js): everything lives in src/github; this only sets the exit status. */
import { run } from './github/run.js';

process.exitCode = await run(process.env);
