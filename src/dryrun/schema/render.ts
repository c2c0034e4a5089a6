/**
 * A schema diff as short lines for the PR comment and the terminal (`+` added, `-` dropped, `~` changed),
 * and the round trip's wording: what a downgrade left behind, lost or did not restore.
 */
import type { Engine } from '../../databases/types.js';
import type {
  Added,
  Changed,
  Dropped,
  FieldChange,
  ObjectKind,
  SchemaChange,
  SchemaDiff,
  SchemaObject,
} from './diff.js';
import type {
  CheckSnapshot,
  ColumnSnapshot,
  EnumSnapshot,
  ExtensionSnapshot,
  ForeignKeySnapshot,
  IndexSnapshot,
  KeySnapshot,
  SequenceSnapshot,
  TableSnapshot,
  ViewSnapshot,
} from './model.js';

export interface RenderOptions {
  /** At most this many lines; the rest is counted on a last line. */
  limit?: number;
}

/** One line per change; an added table also lists its keys, checks, foreign keys and indexes. */
export function renderDiff(d: SchemaDiff, opts: RenderOptions = {}): string[] {
  const lines = d.changes.flatMap((c) => renderChange(c, d.engine));
  const limit = opts.limit;
  if (limit === undefined || lines.length <= limit) return lines;
  const kept = lines.slice(0, Math.max(0, limit - 1));
  return [...kept, `… ${lines.length - kept.length} more`];
}

export function renderChange(c: SchemaChange, engine: Engine): string[] {
  if (c.action === 'added') {
    if (c.kind === 'table') return addedTable(c.after as TableSnapshot, engine);
    return [`+ ${describeObject(c.kind, c.parent, c.after, engine)}${positionOf(c)}`];
  }
  if (c.action === 'dropped') return [`- ${describeObject(c.kind, c.parent, c.before, engine)}`];
  return [`~ ${title(c)}: ${c.fields.map((f) => fieldChange(c.kind, f)).join(', ')}`];
}

/**
 * The round trip: `expected` is what the schema should be again (the base snapshot after the downgrade, the
 * first upgrade's after the second), `d` is diff(expected, actual). One line per difference, naming the
 * object and what went wrong, e.g. `left behind: index ix_users_email on users (email)`.
 */
export function explainMismatch(d: SchemaDiff): string[] {
  return d.changes.map((c) => {
    if (c.action === 'added') return `left behind: ${describeObject(c.kind, c.parent, c.after, d.engine)}`;
    if (c.action === 'dropped') return `lost: ${describeObject(c.kind, c.parent, c.before, d.engine)}`;
    const what = c.fields
      .map(
        (f) =>
          `${label(c.kind, f.field)}${value(c.kind, f.field, f.after)}, expected ${value(c.kind, f.field, f.before)}`,
      )
      .join('; ');
    return `not restored: ${title(c)}: ${what}`;
  });
}

/** The object as one phrase: `column users.email varchar(50) NULL`, `index ix_a on users (a)`. */
export function describeObject(
  kind: ObjectKind,
  parent: string | undefined,
  o: SchemaObject,
  engine: Engine,
): string {
  switch (kind) {
    case 'extension': {
      const x = o as ExtensionSnapshot;
      return `extension ${x.name} ${x.version}`;
    }
    case 'enum': {
      const e = o as EnumSnapshot;
      return `enum ${e.name} (${e.values.map(quote).join(', ')})`;
    }
    case 'enum value':
      return `enum value ${parent}.${quote(o as string)}`;
    case 'sequence':
      return sequence(o as SequenceSnapshot);
    case 'table':
      return `table ${(o as TableSnapshot).name}`;
    case 'column':
      return `column ${parent}.${column(o as ColumnSnapshot)}`;
    case 'primary key': {
      const k = o as KeySnapshot;
      return `primary key ${named(k.name)}on ${parent} ${list(k.columns)}`;
    }
    case 'unique': {
      const k = o as KeySnapshot;
      return `unique ${named(k.name)}on ${parent} ${list(k.columns)}`;
    }
    case 'check': {
      const k = o as CheckSnapshot;
      return `check ${named(k.name)}on ${parent} ${parenthesised(k.expression)}`;
    }
    case 'foreign key':
      return `foreign key ${named((o as ForeignKeySnapshot).name)}on ${parent} ${foreignKey(o as ForeignKeySnapshot, engine)}`;
    case 'index':
      return `${index(o as IndexSnapshot, parent)}`;
    case 'view': {
      const v = o as ViewSnapshot;
      return `${v.materialized ? 'materialized view' : 'view'} ${v.name}`;
    }
  }
}

function addedTable(t: TableSnapshot, engine: Engine): string[] {
  const cols = t.columns.map(column);
  if (t.primaryKey) cols.push(`PRIMARY KEY ${list(t.primaryKey.columns)}`);
  const lines = [`+ table ${t.name} (${cols.join(', ')})`];
  for (const u of t.uniques) lines.push(`+ ${describeObject('unique', t.name, u, engine)}`);
  for (const c of t.checks) lines.push(`+ ${describeObject('check', t.name, c, engine)}`);
  for (const f of t.foreignKeys) lines.push(`+ ${describeObject('foreign key', t.name, f, engine)}`);
  for (const i of t.indexes) lines.push(`+ ${describeObject('index', t.name, i, engine)}`);
  return lines;
}

function title(c: Changed | Added | Dropped): string {
  switch (c.kind) {
    case 'column':
    case 'enum value':
      return `${c.kind} ${c.parent}.${c.kind === 'enum value' ? quote(c.name) : c.name}`;
    case 'primary key':
      return `primary key on ${c.parent}`;
    case 'unique':
    case 'check':
    case 'foreign key':
    case 'index':
      return `${c.kind} ${c.name} on ${c.parent}`;
    default:
      return `${c.kind} ${c.name}`;
  }
}

function positionOf(c: Added): string {
  if (!c.position) return '';
  return c.position.after !== undefined
    ? ` (after ${quote(c.position.after)})`
    : ` (before ${quote(c.position.before!)})`;
}

/** `~` lines: a column's type and nullability read best bare (`varchar(50) → text`), the rest labelled. */
function fieldChange(kind: ObjectKind, f: FieldChange): string {
  return `${label(kind, f.field)}${value(kind, f.field, f.before)} → ${value(kind, f.field, f.after)}`;
}

function label(kind: ObjectKind, field: string): string {
  if (kind === 'column' && (field === 'type' || field === 'nullable')) return '';
  if (kind === 'enum' && field === 'order') return 'order ';
  return `${FIELD_LABELS[field] ?? field} `;
}

const FIELD_LABELS: Record<string, string> = {
  referencedTable: 'references',
  referencedColumns: 'referenced columns',
  onDelete: 'ON DELETE',
  onUpdate: 'ON UPDATE',
  notValid: 'not valid',
  ownedBy: 'owned by',
};

function value(kind: ObjectKind, field: string, v: unknown): string {
  if (kind === 'column' && field === 'nullable') return v ? 'NULL' : 'NOT NULL';
  if (kind === 'column' && field === 'onUpdate') return v === undefined ? 'none' : String(v);
  if (field === 'generated') {
    const g = v as ColumnSnapshot['generated'];
    return g ? `AS ${parenthesised(g.expression)} ${g.stored ? 'STORED' : 'VIRTUAL'}` : 'none';
  }
  if (field === 'order') return (v as string[]).map(quote).join(', ');
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return list(v as string[]);
  if (field === 'definition') return '…';
  return String(v);
}

function column(c: ColumnSnapshot): string {
  let s = `${c.name} ${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}`;
  if (c.default !== undefined) s += ` DEFAULT ${c.default}`;
  if (c.identity) s += ` GENERATED ${c.identity.toUpperCase()} AS IDENTITY`;
  if (c.generated)
    s += ` GENERATED ALWAYS AS ${parenthesised(c.generated.expression)} ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`;
  if (c.autoincrement) s += ' AUTOINCREMENT';
  if (c.onUpdate) s += ` ON UPDATE ${c.onUpdate}`;
  return s;
}

function foreignKey(f: ForeignKeySnapshot, engine: Engine): string {
  // The engine's default action goes unsaid: NO ACTION, and on MySQL RESTRICT (the same there).
  const quiet = (a: string): boolean => a === 'NO ACTION' || (engine === 'mysql' && a === 'RESTRICT');
  let s = `${list(f.columns)} → ${f.referencedTable} ${list(f.referencedColumns)}`;
  if (!quiet(f.onDelete)) s += ` ON DELETE ${f.onDelete}`;
  if (!quiet(f.onUpdate)) s += ` ON UPDATE ${f.onUpdate}`;
  if (f.deferrable) s += ` DEFERRABLE ${f.deferrable.toUpperCase()}`;
  if (f.notValid) s += ' NOT VALID';
  return s;
}

function index(i: IndexSnapshot, parent: string | undefined): string {
  let s = `${i.unique ? 'unique index' : 'index'} ${i.name} on ${parent}`;
  if (i.method && i.method !== 'btree') s += ` using ${i.method}`;
  s += ` ${list(i.columns)}`;
  if (i.include) s += ` include ${list(i.include)}`;
  if (i.where) s += ` where ${i.where}`;
  return s;
}

function sequence(s: SequenceSnapshot): string {
  const bits = [s.type, s.start !== undefined && s.start !== '1' ? `start ${s.start}` : undefined];
  if (s.increment !== undefined && s.increment !== '1') bits.push(`increment ${s.increment}`);
  if (s.ownedBy) bits.push(`owned by ${s.ownedBy}`);
  const more = bits.filter(Boolean).join(', ');
  return `sequence ${s.name}${more ? ` (${more})` : ''}`;
}

const list = (xs: readonly string[]): string => `(${xs.join(', ')})`;
const named = (name: string | undefined): string => (name ? `${name} ` : '');
const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;
/** An expression in one pair of parentheses, whether or not the database printed them. */
function parenthesised(e: string): string {
  return /^\(.*\)$/s.test(e) && balanced(e.slice(1, -1)) ? e : `(${e})`;
}
function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
