import { posix } from 'node:path';
import { UsageError } from '../errors.js';
import {
  parseDatabaseSpec,
  parseDialect,
  parseSeconds,
  parseVariableName,
  type DatabaseSpec,
  type Dialect,
} from '../database-spec.js';
import type { FailOn } from '../report/model.js';

export type Mode = 'check' | 'publish' | 'radar';

/** Validated action inputs; defaults match action.yml so a missing input behaves like an empty one. */
export interface Inputs {
  token: string;
  workingDirectory: string;
  /** Migration directories relative to the working directory; undefined: discover them. */
  migrations?: string[];
  database?: DatabaseSpec;
  dialect?: Dialect;
  python: string;
  failOn: FailOn;
  comment: boolean;
  suggestions: boolean;
  config?: string;
  mode: Mode;
  allowPullRequestTarget: boolean;
  /** `dry-run: false`: the static checks only. */
  dryRun: boolean;
  /** Dry-run bounds in milliseconds (undefined: the CLI's defaults). */
  timeoutMs?: number;
  statementTimeoutMs?: number;
  /** Variables env.py may read its URL from, besides sqlalchemy.url. */
  urlVariables?: string[];
}

/** Reads one input the way the runner passes it (`INPUT_<NAME>`, dashes kept); '' when unset. */
export type InputReader = (name: string) => string;

export const envInputs =
  (env: NodeJS.ProcessEnv): InputReader =>
  (name) =>
    (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`input ${name}: '${value}' is not one of ${allowed.join(', ')}`);
}

/** The YAML 1.2 core booleans, as @actions/core accepts them. */
function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`input ${name}: '${value}' is not true or false`);
}

/** A path inside the checkout: relative, no `..`, no control characters. */
function relativePath(name: string, value: string): string {
  if (/[\0-\x1f]/.test(value)) throw new UsageError(`input ${name}: control characters in '${value}'`);
  const p = posix.normalize(value.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
  if (posix.isAbsolute(p) || p === '..' || p.startsWith('../'))
    throw new UsageError(`input ${name}: '${value}' must be a path inside the repository`);
  return p;
}

/** Newline- or comma-separated list, blanks and `#` comments dropped. */
export function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
}

/** The shared parsers speak of CLI flags (`--database: …`); say `input database: …` here. */
function asInput<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError(`input ${(e as Error).message.replace(/^--/, '')}`);
  }
}

export function readInputs(get: InputReader): Inputs {
  const token = get('token');
  if (/\s/.test(token)) throw new UsageError('input token: contains whitespace');
  const migrations = list(get('migrations')).map((m) => relativePath('migrations', m));
  const database = get('database');
  const dialect = get('dialect');
  const python = get('python') || 'python3';
  if (/[\0-\x1f]/.test(python)) throw new UsageError('input python: control characters');
  const config = get('config');
  const urlVariables = list(get('database-url-variables')).map((n) =>
    asInput(() => parseVariableName('database-url-variables', n)),
  );
  return {
    token,
    workingDirectory: relativePath('working-directory', get('working-directory') || '.'),
    migrations: migrations.length ? [...new Set(migrations)] : undefined,
    database: database ? asInput(() => parseDatabaseSpec(database)) : undefined,
    dialect: dialect ? asInput(() => parseDialect(dialect)) : undefined,
    python,
    failOn: oneOf<FailOn>('fail-on', get('fail-on'), ['error', 'warning', 'never'], 'error'),
    comment: bool('comment', get('comment'), true),
    suggestions: bool('suggestions', get('suggestions'), true),
    config: config ? relativePath('config', config) : undefined,
    mode: oneOf<Mode>('mode', get('mode'), ['check', 'publish', 'radar'], 'check'),
    allowPullRequestTarget: bool('allow-pull-request-target', get('allow-pull-request-target'), false),
    dryRun: bool('dry-run', get('dry-run'), true),
    timeoutMs: get('timeout') ? asInput(() => parseSeconds('timeout', get('timeout'))) : undefined,
    statementTimeoutMs: get('statement-timeout')
      ? asInput(() => parseSeconds('statement-timeout', get('statement-timeout')))
      : undefined,
    urlVariables: urlVariables.length ? urlVariables : undefined,
  };
}
