/**
 * Checks every line the Python runner sends before it is used: the runner runs inside the user's environment,
 * so its messages are data from outside, not values TypeScript can trust.
 */
import { DRIFT_KINDS, type RunnerMessage } from './protocol.js';

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

type Check = (value: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const opt =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isObject(v) && Object.entries(fields).every(([key, check]) => check(v[key]));

const direction = oneOf('upgrade', 'downgrade');
const lockRow = shape({ locktype: str, relation: nullable(str), mode: str });
const driftItem = shape({
  kind: oneOf(...DRIFT_KINDS),
  side: oneOf('models', 'database'),
  schema: opt(str),
  table: opt(str),
  column: opt(str),
  name: opt(str),
  models: opt(str),
  database: opt(str),
  detail: str,
});

/** Fields of each message type; keys the runner adds later are let through (older drivers ignore them). */
const MESSAGES: Record<RunnerMessage['t'], Record<string, Check>> = {
  hello: { python: str, executable: str, alembic: str, sqlalchemy: str },
  unavailable: { message: str },
  configured: {
    versionTable: str,
    versionTableSchema: nullable(str),
    hasTargetMetadata: bool,
    offline: bool,
  },
  engine: { requested: str, used: str, async: opt(bool), ignored: opt(arrayOf(str)) },
  begin: { revision: str, direction, file: str },
  statement: {
    sql: str,
    ms: num,
    file: opt(str),
    line: opt(num),
    locks: opt(nullable(arrayOf(lockRow))),
    autocommit: opt(bool),
    bookkeeping: opt(bool),
    timeouts: opt(shape({ lock: nullable(str), statement: nullable(str) })),
  },
  end: { revision: str, direction, ms: num },
  'offline-sql': { revision: str, sql: str },
  drift: { hasTargetMetadata: bool, heads: arrayOf(str), diffs: arrayOf(driftItem) },
  done: { ms: num },
  failed: {
    message: str,
    kind: oneOf('database', 'python', 'env', 'alembic', 'timeout'),
    file: opt(str),
    line: opt(num),
    revision: opt(str),
    sql: opt(str),
    traceback: str,
  },
};

/** Parses one line from the runner; throws ProtocolError naming what is wrong. */
export function parseRunnerMessage(line: string): RunnerMessage {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProtocolError(`not JSON: ${line.slice(0, 200)}`);
  }
  if (!isObject(value) || typeof value.t !== 'string' || !Object.hasOwn(MESSAGES, value.t)) {
    throw new ProtocolError(`unknown message: ${line.slice(0, 200)}`);
  }
  const fields = MESSAGES[value.t as RunnerMessage['t']];
  for (const [key, check] of Object.entries(fields)) {
    if (!check(value[key])) throw new ProtocolError(`message "${value.t}" has an invalid "${key}"`);
  }
  return value as unknown as RunnerMessage;
}
