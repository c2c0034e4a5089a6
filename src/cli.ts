import './v8-tuning.js';
import { cleanUpOnExit } from './signals.js';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { runCheck, VERSION } from './pipeline.js';
import { graphPieces } from './commands/graph.js';
import { ruleText, rulesJson, rulesMarkdown, rulesText } from './commands/rules.js';
import { renderText } from './report/text.js';
import { renderMarkdown } from './report/markdown.js';
import { UsageError } from './errors.js';
import { NoMergeBaseError, repoRoot } from './git/git.js';
import { parseDatabaseSpec, parseDialect, parseSeconds, parseVariableName } from './database-spec.js';
import type { FailOn } from './report/model.js';

const USAGE = `headsup ${VERSION}: reviews Alembic migrations against the base branch

usage:
  headsup check [--repo DIR] [--base REF] [--head REF] [--format text|markdown|json] [--output FILE]
                [--database SPEC] [--dialect postgresql|mysql|sqlite] [--python CMD]
                [--fail-on error|warning|never] [--no-dry-run] [--show-sql] [--migrations DIR]...
                [--timeout SECONDS] [--statement-timeout SECONDS] [--database-url-var NAME]...
                [--config FILE]
  headsup graph [--repo DIR] [--ref REF] [--migrations DIR]... [--format text|json|mermaid]
  headsup rules [ID] [--format text|markdown|json]

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
    'show-sql': { type: 'boolean' },
    timeout: { type: 'string' },
    'statement-timeout': { type: 'string' },
    'database-url-var': { type: 'string', multiple: true },
    migrations: { type: 'string', multiple: true },
    config: { type: 'string' },
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
  const dialect = v.dialect !== undefined ? parseDialect(v.dialect as string) : undefined;
  const urlVariables = (v['database-url-var'] as string[] | undefined)?.map((n) =>
    parseVariableName('database-url-var', n),
  );
  const repo = (v.repo as string | undefined) ?? '.';
  const [base, head] = [v.base as string | undefined, v.head as string | undefined];
  const report = await runCheck({
    repo,
    base,
    head,
    migrations: await repoRelative(v.migrations as string[] | undefined, () => repoRoot(repo)),
    failOn,
    dryRun: !v['no-dry-run'],
    database: v.database !== undefined ? parseDatabaseSpec(v.database as string) : undefined,
    dialect,
    python: v.python as string | undefined,
    timeoutMs: v.timeout !== undefined ? parseSeconds('timeout', v.timeout as string) : undefined,
    statementTimeoutMs:
      v['statement-timeout'] !== undefined
        ? parseSeconds('statement-timeout', v['statement-timeout'] as string)
        : undefined,
    urlVariables: urlVariables?.length ? urlVariables : undefined,
    config: v.config as string | undefined,
  }).catch((e: unknown) => {
    // The pipeline compares shas; name the refs as they were typed (no --head: the working tree's HEAD).
    throw e instanceof NoMergeBaseError ? e.naming(base, head ?? 'HEAD') : e;
  });
  const toFile = typeof v.output === 'string';
  const body =
    format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : format === 'markdown'
        ? renderMarkdown(report)
        : renderText(report, {
            color: !toFile && process.stdout.isTTY === true && !process.env.NO_COLOR,
            showSql: v['show-sql'] === true,
          });
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

/**
 * --migrations as the repo-relative paths discovery takes. A relative path is read from the repository root,
 * wherever headsup runs (the documented contract); an absolute path, or one that leaves the root and comes
 * back (`../repo/db`), works when it lands inside. One that leaves the repository is a usage error, as the
 * action's `migrations` input is.
 */
async function repoRelative(
  dirs: string[] | undefined,
  root: () => Promise<string>,
): Promise<string[] | undefined> {
  if (!dirs?.length) return dirs;
  const top = await root();
  return dirs.map((raw) => {
    const abs = resolve(top, raw);
    // A path through a symbolic link (a logical $PWD) still names a place in the repository.
    const rel = within(top, abs) ?? within(realExisting(top), realExisting(abs));
    if (rel === undefined) throw new UsageError(`--migrations '${raw}' is outside the repository ${top}`);
    return rel;
  });
}

/** `path` relative to `root` in posix form ('.' for the root itself), or undefined when it leaves root. */
function within(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel === '' ? '.' : rel.split(sep).join('/');
}

/** The real path of `path`'s deepest existing ancestor, with the rest appended (a folder may exist only in a commit). */
function realExisting(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realExisting(parent), path.slice(parent.length));
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
  const repo = (v.repo as string | undefined) ?? '.';
  const pieces = await graphPieces({
    repo,
    ref: v.ref as string | undefined,
    // Outside git, graph reads the folder itself, so that is the root.
    migrations: await repoRelative(v.migrations as string[] | undefined, () =>
      repoRoot(repo).catch(() => resolve(repo)),
    ),
    format,
  });
  for (const piece of pieces) process.stdout.write(piece);
  process.stdout.write('\n');
  return 0;
}

/** `headsup rules [ID]`: the rule cards, read without touching git or a parser. */
function rules(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { format: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const format = oneOf('format', parsed.values.format, ['text', 'markdown', 'json'] as const, 'text');
  const [id, ...extra] = parsed.positionals;
  if (extra.length)
    throw new UsageError(`rules takes one rule id at most (got ${parsed.positionals.join(' ')})`);
  if (id !== undefined && format !== 'text')
    throw new UsageError('--format applies to the list (headsup rules)');
  process.stdout.write(
    id !== undefined
      ? ruleText(id)
      : format === 'markdown'
        ? rulesMarkdown()
        : format === 'json'
          ? rulesJson()
          : rulesText(),
  );
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // `headsup check --help` is how people ask; it is not an unknown option.
    if (
      (command === 'check' || command === 'graph' || command === 'rules') &&
      rest.some((a) => a === '--help' || a === '-h')
    ) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (command === 'check') return await check(rest);
    if (command === 'graph') return await graph(rest);
    if (command === 'rules') return rules(rest);
    if (command === '--version' || command === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command '${command}' (expected check, graph or rules; see headsup --help)`);
  } catch (e) {
    const err = e as Error;
    const known = err.name === 'UsageError' || err.name === 'GitError';
    process.stderr.write(`headsup: ${known ? '' : 'internal error: '}${err.message.split('\n')[0]}\n`);
    if (!known && process.env.HEADSUP_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
}

// `headsup graph | head`: a reader that stops early is no error; stop quietly with the status already set.
// (cleanUpOnExit() takes any other stdout error.) `check` writes only once its dry run is undone.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
cleanUpOnExit();
process.exitCode = await main(process.argv.slice(2));
// Exit as soon as stdout has taken everything: tearing down a heap that held 10,000 revisions costs more
// than the rest of a warm run's ending, and nothing else is left to do.
process.stdout.write('', () => process.exit());
