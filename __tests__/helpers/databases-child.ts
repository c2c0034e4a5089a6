// A run that creates throwaway databases and waits to be stopped: `node --import ./__tests__/helpers/ts-hooks.mjs
// __tests__/helpers/databases-child.ts [--backdate-ms N] SPEC...`. Prints one JSON line of what it made
// ({name, engine}) once all exist, then waits for a signal, handled as the CLI handles it.
import { parseArgs } from 'node:util';
import { parseDatabaseSpec } from '../../src/database-spec.js';
import { MysqlProvider } from '../../src/databases/mysql/provider.js';
import { PostgresProvider } from '../../src/databases/postgres/provider.js';
import { providerFor } from '../../src/databases/index.js';
import { cleanUpOnExit } from '../../src/signals.js';

const { values, positionals } = parseArgs({
  options: { 'backdate-ms': { type: 'string' } },
  allowPositionals: true,
});
const backdate = Number(values['backdate-ms'] ?? 0);
// Dated in the past, a database looks as old as a killed run's would to the next run's sweep.
const now = () => Date.now() - backdate;

cleanUpOnExit();
const made: { name: string; engine: string; port?: number }[] = [];
for (const text of positionals) {
  const spec = parseDatabaseSpec(text);
  const provider =
    spec.kind === 'url'
      ? spec.engine === 'postgresql'
        ? new PostgresProvider(spec.url, { now })
        : new MysqlProvider(spec.url, { now })
      : providerFor(spec, spec.kind === 'sqlite' ? 'sqlite' : 'postgresql');
  const db = await provider.create();
  made.push({ name: db.name, engine: db.engine, port: db.target.port });
}
console.log(JSON.stringify(made));
setInterval(() => undefined, 60_000);
