/** Small readers of node-sql-parser's tree (MySQL, MariaDB, SQLite), shared by the rules of those dialects. */
import type { MyNode } from './parsers.js';
import type { Statement } from './types.js';

export function obj(x: unknown): MyNode | undefined {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as MyNode) : undefined;
}

export function list(x: unknown): MyNode[] {
  return Array.isArray(x) ? x.flatMap((e) => (obj(e) ? [e as MyNode] : [])) : [];
}

export function text(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** The statement's tree when it is of this `type` (`alter`, `create`, `drop`, `update`, …). */
export function myStmt(s: Statement, type: string): MyNode | undefined {
  return s.my && s.my.type === type ? s.my : undefined;
}

/** `{ db, table }` → `table` (one database per run: the qualifier does not matter). */
export function tableName(ref: unknown): string {
  return text(obj(ref)?.table) ?? '';
}

/** The table an ALTER, CREATE TABLE, UPDATE or INSERT names first. */
export function firstTable(node: MyNode): string {
  const t = node.table;
  return Array.isArray(t) ? tableName(t[0]) : tableName(t);
}

/** A column reference's name (`{ column: 'email' }`, or `{ column: { expr: { value } } }`). */
export function columnName(ref: unknown): string {
  const c = obj(ref)?.column;
  if (typeof c === 'string') return c;
  return text(obj(obj(c)?.expr)?.value) ?? '';
}

/** An ALTER TABLE's clauses (ADD, MODIFY, CHANGE, DROP, ALGORITHM=, LOCK=, …). */
export function alterClauses(node: MyNode): MyNode[] {
  return list(node.expr);
}

/** A column definition's type as MySQL prints it in lower case: `varchar(300)`, `enum('a','b')`, `int`. */
export function columnType(definition: unknown): string {
  const d = obj(definition);
  if (!d) return '';
  const name = (text(d.dataType) ?? '').toLowerCase();
  if (name === 'enum' || name === 'set')
    return `${name}(${enumValues(d)
      .map((v) => `'${v}'`)
      .join(',')})`;
  const len = d.length;
  const scale = d.scale;
  if (typeof len === 'number')
    return typeof scale === 'number' ? `${name}(${len},${scale})` : `${name}(${len})`;
  return name;
}

/** An ENUM/SET definition's values, in order. */
export function enumValues(definition: unknown): string[] {
  return list(obj(obj(definition)?.expr)?.value).flatMap((v) => {
    const s = v.value;
    return typeof s === 'string' ? [s] : [];
  });
}

/** `NOT NULL` → false, `NULL` → true, unsaid → undefined. */
export function nullable(clause: MyNode): boolean | undefined {
  const n = text(obj(clause.nullable)?.type);
  return n === 'not null' ? false : n === 'null' ? true : undefined;
}
