/** Phrases the rules share, so every finding says locks, tables and versions the same way. */
import { lockEvidence, lockOn, lockWords } from './locks.js';
import type { AlterTableStmt } from 'libpg-query';
import { alterClauses, firstTable, myStmt } from './my.js';
import type { MyNode } from './parsers.js';
import { relationName, stmt } from './pg.js';
import { BATCH_PREFIX } from './tables.js';
import type { HeldLock, LockMode, RuleContext, Statement } from './types.js';

/** `line 12` of the statement (or nothing offline, where statements carry no line of their own). */
export function lineWords(s: Statement): string {
  return s.raw.line ? `line ${s.raw.line}` : 'an earlier statement';
}

function resolve(s: Statement, ctx: RuleContext, table: string, needs: LockMode): HeldLock {
  return lockOn(s, table, (t) => ctx.tables.key(t)) ?? { table, mode: needs, how: 'inferred', by: s };
}

/**
 * What the statement holds on `table`: `takes a SHARE lock (blocks writes) on `t`` (`on it` when the sentence
 * named the table already), or the lock an earlier statement of its transaction took. Falls back to the mode
 * the statement needs when no trace covers it. `lockNote` says how headsup knows.
 */
export function lockPhrase(
  s: Statement,
  ctx: RuleContext,
  table: string,
  needs: LockMode,
  it = false,
): string {
  const l = resolve(s, ctx, table, needs);
  const on = it ? 'it' : `\`${table}\``;
  if (l.by !== s) return `runs under the ${lockWords(l.mode)} that ${lineWords(l.by)} took on ${on}`;
  const words = lockWords(l.mode);
  return `takes ${/^[AEIOU]/.test(words) ? 'an' : 'a'} ${words} on ${on}`;
}

/** ` The lock was traced on the throwaway database: held 20 ms there, …` — one sentence, with its leading space. */
export function lockNote(s: Statement, ctx: RuleContext, table: string, needs: LockMode): string {
  return ` ${lockEvidence(resolve(s, ctx, table, needs), ctx.mode)}`;
}

/** `the existing table `orders` (40 M rows)`: one that existed at the base heads (or that the PR does not create). */
export function existing(ctx: RuleContext, table: string): string {
  return `the existing table ${ctx.tables.describe(table)}`;
}

export function quoteList(items: readonly string[]): string {
  const q = items.map((i) => `\`${i}\``);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** Whether `table` is being rebuilt by Alembic's batch mode in this step (create `_alembic_tmp_<table>`, copy, drop, rename). */
export function batchRebuilds(s: Statement, ctx: RuleContext, table: string): boolean {
  const tmp = ctx.tables.key(BATCH_PREFIX + table);
  return ctx.statements.some(
    (x) =>
      x.step === s.step && x.facts.some((f) => f.kind === 'create-table' && ctx.tables.key(f.table) === tmp),
  );
}

/** The ALTER TABLE of a table that existed before the PR (PostgreSQL's tree), with its name; else undefined. */
export function alterOfExisting(
  s: Statement,
  ctx: RuleContext,
): { alter: AlterTableStmt; table: string } | undefined {
  const alter = stmt(s, 'AlterTableStmt');
  const table = relationName(alter?.relation);
  return alter && ctx.tables.preexisting(table) ? { alter, table } : undefined;
}

/** The ALTER TABLE of a table that existed before the PR (node-sql-parser's tree), with its name. */
export function myAlterOfExisting(
  s: Statement,
  ctx: RuleContext,
): { alter: MyNode; clauses: MyNode[]; table: string } | undefined {
  const alter = myStmt(s, 'alter');
  const table = alter ? firstTable(alter) : '';
  return alter && ctx.tables.preexisting(table) ? { alter, clauses: alterClauses(alter), table } : undefined;
}
