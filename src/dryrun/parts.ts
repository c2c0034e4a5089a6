import { providerFor } from '../databases/index.js';
import { startRunner } from '../formats/alembic/runner/runner.js';
import type { DryRunParts } from './dry-run.js';

/** The real parts: throwaway databases from --database, and the Alembic runner in the user's Python. */
export const realParts: DryRunParts = {
  openDatabase: (spec, engine, opts) => providerFor(spec, engine).create(opts),
  openRunner: (python, config) => startRunner({ python, config }),
};
