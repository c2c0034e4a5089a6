/** Small readers of PostgreSQL's parse tree (libpg-query's JSON), shared by the PostgreSQL rules. */
import type {
  AlterTableCmd,
  AlterTableStmt,
  ColumnDef,
  Constraint,
  Node,
  RangeVar,
  TypeName,
} from 'libpg-query';
import type { Statement } from './types.js';

/** The statement node's body when it is of kind `K` (`stmt(s, 'IndexStmt')?.concurrent`). */
export function stmt<K extends NodeKind>(s: Statement, kind: K): NodeOf<K> | undefined {
  return s.pg ? body(s.pg, kind) : undefined;
}

type NodeKind = Node extends infer N ? (N extends Record<infer K, unknown> ? K & string : never) : never;
type NodeOf<K extends NodeKind> = Extract<Node, Record<K, unknown>>[K];

export function body<K extends NodeKind>(node: Node | undefined, kind: K): NodeOf<K> | undefined {
  return node && kind in node ? ((node as Record<string, unknown>)[kind] as NodeOf<K>) : undefined;
}

/** `audit.events`, or `events` in the search path. */
export function relationName(rv: RangeVar | undefined): string {
  if (!rv?.relname) return '';
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname;
}

/** The ALTER TABLE's commands (its `cmds`, unwrapped). */
export function alterCommands(a: AlterTableStmt | undefined): AlterTableCmd[] {
  return (a?.cmds ?? []).flatMap((c) => {
    const cmd = body(c, 'AlterTableCmd');
    return cmd ? [cmd] : [];
  });
}

/** The column definition an ADD COLUMN (or ALTER COLUMN TYPE) carries. */
export function columnDef(cmd: AlterTableCmd): ColumnDef | undefined {
  return body(cmd.def, 'ColumnDef');
}

export function constraintOf(node: Node | undefined): Constraint | undefined {
  return body(node, 'Constraint');
}

/** A column definition's constraints (NOT NULL, DEFAULT, PRIMARY KEY, REFERENCES, GENERATED …). */
export function columnConstraints(def: ColumnDef): Constraint[] {
  return (def.constraints ?? []).flatMap((c) => {
    const k = constraintOf(c);
    return k ? [k] : [];
  });
}

/** A String node's value (names in lists). */
export function str(node: Node | undefined): string | undefined {
  return body(node, 'String')?.sval;
}

const TYPE_NAMES: Record<string, string> = {
  int4: 'integer',
  int: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  float8: 'double precision',
  float4: 'real',
  bool: 'boolean',
  bpchar: 'char',
  serial4: 'serial',
  serial8: 'bigserial',
  serial2: 'smallserial',
};

/** The type's own name, lower case and short, without modifiers: `integer`, `varchar`, `timestamptz`, `mood`. */
export function baseType(t: TypeName | undefined): string {
  const names = (t?.names ?? []).map(str).filter((n): n is string => !!n);
  const own = names.filter((n, i) => !(i === 0 && names.length > 1 && n === 'pg_catalog'));
  const last = own.join('.').toLowerCase();
  return TYPE_NAMES[last] ?? last;
}

/** Integer modifiers (`varchar(50)` → [50], `numeric(10,2)` → [10, 2]); empty when none or not constant. */
export function typeMods(t: TypeName | undefined): number[] {
  return (t?.typmods ?? []).flatMap((m) => {
    const v = body(m, 'A_Const')?.ival?.ival;
    return v === undefined ? [] : [v];
  });
}

/** As the schema snapshot spells a type (`varchar(50)`, `numeric(10,2)`, `integer[]`); serials as their integer type. */
export function typeText(t: TypeName | undefined): string {
  const base = SERIALS[baseType(t)] ?? baseType(t);
  const mods = typeMods(t);
  const withMods = mods.length ? `${base}(${mods.join(',')})` : base === 'char' ? 'char(1)' : base;
  return withMods + '[]'.repeat(t?.arrayBounds?.length ?? 0);
}

/** The serial pseudo-types and the integer type each stands for. */
export const SERIALS: Record<string, string> = {
  serial: 'integer',
  bigserial: 'bigint',
  smallserial: 'smallint',
};

/** Every node under `root` (depth first), with its kind: for searching expressions. */
export function* walk(root: unknown): Generator<[string, unknown]> {
  if (Array.isArray(root)) {
    for (const x of root) yield* walk(x);
    return;
  }
  if (!root || typeof root !== 'object') return;
  for (const [k, v] of Object.entries(root)) {
    if (/^[A-Z]/.test(k)) yield [k, v];
    yield* walk(v);
  }
}

/** Names of the functions an expression calls (`gen_random_uuid`, `public.my_fn`). */
export function calledFunctions(expr: unknown): string[] {
  const out: string[] = [];
  for (const [kind, v] of walk(expr))
    if (kind === 'FuncCall') {
      const names = ((v as { funcname?: Node[] }).funcname ?? []).map(str).filter(Boolean);
      out.push(names.filter((n) => n !== 'pg_catalog').join('.'));
    }
  return out;
}

/** The string literals in an expression or statement. */
export function stringLiterals(node: unknown): string[] {
  const out: string[] = [];
  for (const [kind, v] of walk(node))
    if (kind === 'A_Const') {
      const s = (v as { sval?: { sval?: string } }).sval?.sval;
      if (s !== undefined) out.push(s);
    }
  return out;
}

/** A column a statement creates (CREATE TABLE, ADD COLUMN) or retypes (ALTER COLUMN TYPE). */
export interface NewColumn {
  table: string;
  column: string;
  type: TypeName | undefined;
  def: ColumnDef;
  /** Part of the table's primary key. */
  primaryKey: boolean;
  how: 'create' | 'add' | 'retype';
}

/** The columns the statement gives a type: what the PR chooses, as opposed to what it inherits. */
export function newColumns(s: Statement): NewColumn[] {
  const create = stmt(s, 'CreateStmt');
  if (create) {
    const table = relationName(create.relation);
    const pk = new Set<string>();
    for (const e of create.tableElts ?? []) {
      const c = constraintOf(e);
      if (c?.contype === 'CONSTR_PRIMARY') for (const k of c.keys ?? []) pk.add(str(k) ?? '');
    }
    return (create.tableElts ?? []).flatMap((e) => {
      const def = body(e, 'ColumnDef');
      if (!def?.colname) return [];
      const primaryKey =
        pk.has(def.colname) || columnConstraints(def).some((c) => c.contype === 'CONSTR_PRIMARY');
      return [{ table, column: def.colname, type: def.typeName, def, primaryKey, how: 'create' as const }];
    });
  }
  const alter = stmt(s, 'AlterTableStmt');
  if (!alter || alter.objtype !== 'OBJECT_TABLE') return [];
  const table = relationName(alter.relation);
  return alterCommands(alter).flatMap((cmd): NewColumn[] => {
    const def = columnDef(cmd);
    if (!def) return [];
    if (cmd.subtype === 'AT_AddColumn' && def.colname)
      return [
        {
          table,
          column: def.colname,
          type: def.typeName,
          def,
          primaryKey: columnConstraints(def).some((c) => c.contype === 'CONSTR_PRIMARY'),
          how: 'add',
        },
      ];
    if (cmd.subtype === 'AT_AlterColumnType' && cmd.name)
      return [{ table, column: cmd.name, type: def.typeName, def, primaryKey: false, how: 'retype' }];
    return [];
  });
}
