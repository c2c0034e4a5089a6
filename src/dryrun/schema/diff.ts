/**
 * The difference between two schema snapshots: what was added, dropped or changed (with the fields that
 * changed, before and after), in a fixed order: extensions, enums, sequences, tables (each followed by its
 * columns, keys, checks, foreign keys and indexes), views; by name within each. Pure: same inputs, same diff.
 */
import type { Engine } from '../../databases/types.js';
import type {
  CheckSnapshot,
  ColumnSnapshot,
  EnumSnapshot,
  ExtensionSnapshot,
  ForeignKeySnapshot,
  IndexSnapshot,
  KeySnapshot,
  SchemaSnapshot,
  SequenceSnapshot,
  TableSnapshot,
  ViewSnapshot,
} from './model.js';
import { compare } from './normalize.js';

export type ObjectKind =
  | 'extension'
  | 'enum'
  | 'enum value'
  | 'sequence'
  | 'table'
  | 'column'
  | 'primary key'
  | 'unique'
  | 'check'
  | 'foreign key'
  | 'index'
  | 'view';

/** The snapshot of one object, by kind; an enum value is its label. */
export type SchemaObject =
  | ExtensionSnapshot
  | EnumSnapshot
  | string
  | SequenceSnapshot
  | TableSnapshot
  | ColumnSnapshot
  | KeySnapshot
  | CheckSnapshot
  | ForeignKeySnapshot
  | IndexSnapshot
  | ViewSnapshot;

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

interface ChangeBase {
  kind: ObjectKind;
  /** The table a column, key, check, foreign key or index belongs to; the enum a value belongs to. */
  parent?: string;
  /** The object's name, or for an unnamed constraint what identifies it (its columns or expression). */
  name: string;
}

export interface Added extends ChangeBase {
  action: 'added';
  after: SchemaObject;
  /** Enum values: where the new value sits among the others. */
  position?: { after?: string; before?: string };
}

export interface Dropped extends ChangeBase {
  action: 'dropped';
  before: SchemaObject;
}

export interface Changed extends ChangeBase {
  action: 'changed';
  before: SchemaObject;
  after: SchemaObject;
  fields: FieldChange[];
}

export type SchemaChange = Added | Dropped | Changed;

export interface SchemaDiff {
  engine: Engine;
  /** True when the snapshots are equal. */
  empty: boolean;
  changes: SchemaChange[];
}

/** What changed from `before` to `after`. */
export function diff(before: SchemaSnapshot, after: SchemaSnapshot): SchemaDiff {
  const out: SchemaChange[] = [];
  lists(out, 'extension', undefined, before.extensions, after.extensions, (x) => x.name, ['version']);
  walk(
    out,
    'enum',
    undefined,
    before.enums,
    after.enums,
    (e) => e.name,
    (a, b) => enumValues(out, a, b),
  );
  lists(out, 'sequence', undefined, before.sequences, after.sequences, (s) => s.name, [
    'type',
    'start',
    'increment',
    'min',
    'max',
    'cycle',
    'ownedBy',
  ]);
  walk(
    out,
    'table',
    undefined,
    before.tables,
    after.tables,
    (t) => t.name,
    (a, b) => table(out, a, b),
  );
  lists(out, 'view', undefined, before.views, after.views, (v) => v.name, ['definition', 'materialized']);
  return { engine: after.engine, empty: out.length === 0, changes: out };
}

/** Whether two snapshots describe the same schema. */
export function equal(a: SchemaSnapshot, b: SchemaSnapshot): boolean {
  return diff(a, b).empty;
}

function table(out: SchemaChange[], a: TableSnapshot, b: TableSnapshot): void {
  fields(out, 'table', undefined, a.name, a, b, ['comment']);
  const p = a.name;
  lists(out, 'column', p, a.columns, b.columns, (c) => c.name, [
    'type',
    'nullable',
    'default',
    'identity',
    'generated',
    'autoincrement',
    'onUpdate',
    'comment',
  ]);
  lists(
    out,
    'primary key',
    p,
    a.primaryKey ? [a.primaryKey] : [],
    b.primaryKey ? [b.primaryKey] : [],
    () => 'primary key',
    ['name', 'columns'],
  );
  lists(out, 'unique', p, a.uniques, b.uniques, (u) => u.name ?? `(${u.columns.join(', ')})`, ['columns']);
  lists(out, 'check', p, a.checks, b.checks, (c) => c.name ?? c.expression, ['expression']);
  lists(out, 'foreign key', p, a.foreignKeys, b.foreignKeys, foreignKeyId, [
    'columns',
    'referencedTable',
    'referencedColumns',
    'onDelete',
    'onUpdate',
    'deferrable',
    'notValid',
  ]);
  lists(out, 'index', p, a.indexes, b.indexes, (i) => i.name, [
    'columns',
    'unique',
    'where',
    'method',
    'include',
  ]);
}

function foreignKeyId(f: ForeignKeySnapshot): string {
  return f.name ?? `(${f.columns.join(', ')}) → ${f.referencedTable} (${f.referencedColumns.join(', ')})`;
}

/** Values added or dropped, each with its place; a new order of the values both sides share. */
function enumValues(out: SchemaChange[], a: EnumSnapshot, b: EnumSnapshot): void {
  const had = new Set(a.values);
  const has = new Set(b.values);
  for (const v of a.values)
    if (!has.has(v)) out.push({ action: 'dropped', kind: 'enum value', parent: a.name, name: v, before: v });
  b.values.forEach((v, i) => {
    if (had.has(v)) return;
    const position =
      i > 0 ? { after: b.values[i - 1] } : b.values.length > 1 ? { before: b.values[1] } : undefined;
    out.push({
      action: 'added',
      kind: 'enum value',
      parent: b.name,
      name: v,
      after: v,
      ...(position && { position }),
    });
  });
  const keptBefore = a.values.filter((v) => has.has(v));
  const keptAfter = b.values.filter((v) => had.has(v));
  if (!same(keptBefore, keptAfter))
    out.push({
      action: 'changed',
      kind: 'enum',
      name: a.name,
      before: a,
      after: b,
      fields: [{ field: 'order', before: keptBefore, after: keptAfter }],
    });
}

/**
 * Walks a keyed list in key order: an object only before is dropped, one only after is added, and `both`
 * compares one present on both sides (so every change lands in key order, whatever its action).
 */
function walk<T extends object>(
  out: SchemaChange[],
  kind: ObjectKind,
  parent: string | undefined,
  before: T[],
  after: T[],
  id: (x: T) => string,
  both: (a: T, b: T) => void,
): void {
  const was = new Map(before.map((x) => [id(x), x]));
  const is = new Map(after.map((x) => [id(x), x]));
  const where = parent === undefined ? {} : { parent };
  for (const key of [...new Set([...was.keys(), ...is.keys()])].sort(compare)) {
    const a = was.get(key);
    const b = is.get(key);
    if (a && b) both(a, b);
    else if (a) out.push({ action: 'dropped', kind, ...where, name: key, before: a as SchemaObject });
    else if (b) out.push({ action: 'added', kind, ...where, name: key, after: b as SchemaObject });
  }
}

function lists<T extends object>(
  out: SchemaChange[],
  kind: ObjectKind,
  parent: string | undefined,
  before: T[],
  after: T[],
  id: (x: T) => string,
  keys: (keyof T & string)[],
): void {
  walk(out, kind, parent, before, after, id, (a, b) => fields(out, kind, parent, id(a), a, b, keys));
}

function fields<T extends object>(
  out: SchemaChange[],
  kind: ObjectKind,
  parent: string | undefined,
  name: string,
  a: T,
  b: T,
  keys: (keyof T & string)[],
): void {
  const changed = keys
    .filter((k) => !same(a[k], b[k]))
    .map((k) => ({ field: k, before: a[k], after: b[k] }) as FieldChange);
  if (changed.length)
    out.push({
      action: 'changed',
      kind,
      ...(parent === undefined ? {} : { parent }),
      name,
      before: a as SchemaObject,
      after: b as SchemaObject,
      fields: changed,
    });
}

/** Structural equality of snapshot values (plain data: strings, numbers, booleans, arrays, objects). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
