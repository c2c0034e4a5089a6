import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { writeFileSync } from 'node:fs';
import { runCheck, VERSION } from './pipeline.js';
import { runGraph } from './commands/graph.js';
import { renderText } from './report/text.js';
import { renderMarkdown } from './report/markdown.js';
import { UsageError } from './errors.js';
import { parseDatabaseSpec, parseDialect } from './database-spec.js';
import type { FailOn } from './report/model.js';

const USAGE = `headsup ${VERSION}: reviews Alembic migrations against the base branch

usage:
  headsup check [--repo DIR] [--base REF] [--head REF] [--format text|markdown|json] [--output FILE]
                [--database SPEC] [--dialect postgresql|mysql|sqlite] [--python CMD]
                [--fail-on error|warning|never] [--no-dry-run] [--migrations DIR]...
  headsup graph [--repo DIR] [--ref REF] [--migrations DIR]... [--format text|json|mermaid]

exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or internal error`;

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag}: '${value}' is not one of ${allowed.join(', ')}`);
}

function parse(argv: string[], options: ParseArgsOptionsConfig) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values as Record<
      string,
      unknown
    >;
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

async function check(argv: string[]): Promise<number> {
  const v = parse(argv, {
    repo: { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string' },
    database: { type: 'string' },
    dialect: { type: 'string' },
    python: { type: 'string' },
    'fail-on': { type: 'string' },
    'no-dry-run': { type: 'boolean' },
    migrations: { type: 'string', multiple: true },
  });
  const format = oneOf(
    'format',
    v.format as string | undefined,
    ['text', 'markdown', 'json'] as const,
    'text',
  );
  const failOn = oneOf<FailOn>(
    'fail-on',
    v['fail-on'] as string | undefined,
    ['error', 'warning', 'never'],
    'error',
  );
  if (v.dialect !== undefined) parseDialect(v.dialect as string);
  const report = await runCheck({
    repo: (v.repo as string | undefined) ?? '.',
    base: v.base as string | undefined,
    head: v.head as string | undefined,
    migrations: v.migrations as string[] | undefined,
    failOn,
    dryRun: !v['no-dry-run'],
    database: v.database !== undefined ? parseDatabaseSpec(v.database as string) : undefined,
  });
  const toFile = typeof v.output === 'string';
  const body =
    format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : format === 'markdown'
        ? renderMarkdown(report)
        : renderText(report, { color: !toFile && process.stdout.isTTY === true && !process.env.NO_COLOR });
  if (toFile) writeOutput(v.output as string, body);
  else process.stdout.write(body);
  return report.ok ? 0 : 1;
}

/** --output: a path that cannot be written is the user's to fix, said in one line (the report is not lost: exit 2). */
function writeOutput(path: string, body: string): void {
  try {
    writeFileSync(path, body);
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message;
    throw new UsageError(`cannot write --output ${path}: ${reason}`);
  }
}

async function graph(argv: string[]): Promise<number> {
  const v = parse(argv, {
    repo: { type: 'string' },
    ref: { type: 'string' },
    format: { type: 'string' },
    migrations: { type: 'string', multiple: true },
  });
  const format = oneOf(
    'format',
    v.format as string | undefined,
    ['text', 'json', 'mermaid'] as const,
    'text',
  );
  const out = await runGraph({
    repo: (v.repo as string | undefined) ?? '.',
    ref: v.ref as string | undefined,
    migrations: v.migrations as string[] | undefined,
    format,
  });
  process.stdout.write(out + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // `headsup check --help` is how people ask; it is not an unknown option.
    if ((command === 'check' || command === 'graph') && rest.some((a) => a === '--help' || a === '-h')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (command === 'check') return await check(rest);
    if (command === 'graph') return await graph(rest);
    if (command === '--version' || command === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command '${command}' (expected check or graph; see headsup --help)`);
  } catch (e) {
    const err = e as Error;
    const known = err.name === 'UsageError' || err.name === 'GitError';
    process.stderr.write(`headsup: ${known ? '' : 'internal error: '}${err.message.split('\n')[0]}\n`);
    if (!known && process.env.HEADSUP_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
}

// `headsup graph | head`: a reader that stops early is no error; stop quietly with the status already set.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2));
