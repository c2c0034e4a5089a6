import type { ColumnSnapshot, SchemaSnapshot, TableSnapshot } from '../../../dryrun/schema/model.js';
import type { SqlDialect } from './types.js';

/**
 * A table's name as rules compare it: quotes removed, PostgreSQL's `public.` dropped (snapshots and pg_locks
 * name public tables bare), MySQL's database qualifier dropped and case folded (one database per run).
 */
export function tableKey(name: string, dialect: SqlDialect): string {
  const parts = splitQualified(name);
  if (dialect === 'postgresql') return (parts[0] === 'public' ? parts.slice(1) : parts).join('.');
  return parts[parts.length - 1].toLowerCase();
}

/** `audit."Events"` → ['audit', 'Events']; quotes (", `) around each part removed. */
function splitQualified(name: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (quote) {
      if (ch === quote && name[i + 1] === quote) {
        cur += ch;
        i++;
      } else if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === '`') quote = ch;
    else if (ch === '.') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** `users.email` as rules compare it (MySQL and SQLite fold the column's case too). */
export function columnKey(table: string, column: string, dialect: SqlDialect): string {
  return `${tableKey(table, dialect)}.${dialect === 'postgresql' ? column : column.toLowerCase()}`;
}

/** Alembic's batch mode rebuilds a table as `_alembic_tmp_<name>` and renames it back. */
export const BATCH_PREFIX = '_alembic_tmp_';

/**
 * What rules know of the tables: which existed at the base heads (and so may be large and in use), their
 * columns there, and their sizes when given. Without the base snapshot (offline, or before it is taken), a
 * table counts as pre-existing unless the PR's own statements create it, and `inferred` says so.
 */
export class Tables {
  private readonly base?: Map<string, TableSnapshot>;
  private readonly indexes?: Map<string, string>;
  private readonly sizes: Map<string, number>;

  constructor(
    readonly dialect: SqlDialect,
    base: SchemaSnapshot | undefined,
    /** Tables the PR's statements create. */
    private readonly created: ReadonlySet<string>,
    /** Every table any statement names (to tell a table's lock from an index's without a snapshot). */
    private readonly named: ReadonlySet<string>,
    sizes?: ReadonlyMap<string, number>,
    /** `table.column` of the columns the PR's statements add. */
    private readonly added: ReadonlySet<string> = new Set(),
  ) {
    if (base) {
      this.base = new Map(base.tables.map((t) => [this.key(t.name), t]));
      this.indexes = new Map(
        base.tables.flatMap((t) =>
          [...t.indexes.map((i) => i.name), ...t.uniques.flatMap((u) => (u.name ? [u.name] : []))].map(
            (i) => [this.key(i), t.name] as const,
          ),
        ),
      );
    }
    this.sizes = new Map([...(sizes ?? [])].map(([k, v]) => [this.key(k), v]));
  }

  key(name: string): string {
    return tableKey(name, this.dialect);
  }

  /** No snapshot of the base: pre-existence is inferred from what the PR creates. */
  get inferred(): boolean {
    return !this.base;
  }

  /** Whether the table existed at the base heads. */
  preexisting(name: string): boolean {
    const k = this.key(name);
    if (k.startsWith(BATCH_PREFIX)) return false;
    return this.base ? this.base.has(k) : !this.created.has(k);
  }

  /** Whether the column existed at the base heads (without a snapshot: its table did and the PR does not add it). */
  preexistingColumn(table: string, column: string): boolean {
    if (this.base) return this.column(table, column) !== undefined;
    return this.preexisting(table) && !this.added.has(columnKey(table, column, this.dialect));
  }

  /** Whether a relation (from pg_locks) is a table rules speak of, not an index, a TOAST table or a catalog. */
  isTable(name: string): boolean {
    const k = this.key(name);
    return this.base ? this.base.has(k) || this.created.has(k) : this.named.has(k) || this.created.has(k);
  }

  table(name: string): TableSnapshot | undefined {
    return this.base?.get(this.key(name));
  }

  column(table: string, column: string): ColumnSnapshot | undefined {
    const t = this.table(table);
    const fold = this.dialect !== 'postgresql';
    return t?.columns.find((c) => (fold ? c.name.toLowerCase() === column.toLowerCase() : c.name === column));
  }

  /** The table an index that existed at the base heads belongs to. */
  indexTable(index: string): string | undefined {
    return this.indexes?.get(this.key(index));
  }

  /** Rows, when the config or a size query gave them. */
  size(name: string): number | undefined {
    return this.sizes.get(this.key(name));
  }

  /** `` `orders` `` or `` `orders` (40 M rows) ``. */
  describe(name: string): string {
    const rows = this.size(name);
    return rows === undefined ? `\`${name}\`` : `\`${name}\` (${rowsWords(rows)})`;
  }
}

/** 40_000_000 → `40 M rows`; 1_200 → `1,200 rows`. */
export function rowsWords(rows: number): string {
  if (rows >= 1e9) return `${+(rows / 1e9).toFixed(1)} G rows`;
  if (rows >= 1e6) return `${+(rows / 1e6).toFixed(1)} M rows`;
  return `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}`;
}
