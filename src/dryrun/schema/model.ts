/**
 * A schema snapshot: what a throwaway database holds, in one shape for every engine (and, later, every
 * migration format). Built to be compared: names and texts as the database reports them (no OIDs, no
 * positions that change when the same schema is rebuilt), lists in a fixed order, optional fields left out
 * when they do not apply, so two snapshots of the same schema serialise to the same JSON.
 */
import type { Engine } from '../../databases/types.js';

export interface SchemaSnapshot {
  engine: Engine;
  /** By name. PostgreSQL names outside `public` are qualified (`audit.events`). */
  tables: TableSnapshot[];
  views: ViewSnapshot[];
  /** PostgreSQL only. */
  enums: EnumSnapshot[];
  /** PostgreSQL (identity columns' own sequences excluded: they belong to the column) and MariaDB. */
  sequences: SequenceSnapshot[];
  /** PostgreSQL only. */
  extensions: ExtensionSnapshot[];
}

export interface TableSnapshot {
  name: string;
  /** In the table's column order. */
  columns: ColumnSnapshot[];
  primaryKey?: KeySnapshot;
  /** Unique constraints (PostgreSQL, SQLite). MySQL has only unique indexes: they are in `indexes`. */
  uniques: KeySnapshot[];
  checks: CheckSnapshot[];
  foreignKeys: ForeignKeySnapshot[];
  /** Indexes that do not back a primary key or unique constraint. */
  indexes: IndexSnapshot[];
  comment?: string;
}

export interface ColumnSnapshot {
  name: string;
  /** As the database names it, lower case, shortened where PostgreSQL spells it long (`varchar(50)`, `timestamptz`). */
  type: string;
  nullable: boolean;
  /** The default's SQL as the database prints it; absent when none. */
  default?: string;
  /** PostgreSQL identity columns. */
  identity?: 'always' | 'by default';
  /** Generated (computed) columns: the expression and whether it is stored. */
  generated?: { expression: string; stored: boolean };
  /** MySQL AUTO_INCREMENT, SQLite AUTOINCREMENT. (PostgreSQL's serial shows as its nextval default.) */
  autoincrement?: true;
  /** MySQL `ON UPDATE …`. */
  onUpdate?: string;
  comment?: string;
}

export interface KeySnapshot {
  /** Absent where the database keeps no name (SQLite constraints written without CONSTRAINT). */
  name?: string;
  columns: string[];
}

export interface CheckSnapshot {
  name?: string;
  expression: string;
}

/** ON DELETE / ON UPDATE as SQL spells them. */
export type ReferentialAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKeySnapshot {
  name?: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  /** PostgreSQL/SQLite: present only when deferrable. */
  deferrable?: 'initially immediate' | 'initially deferred';
  /** PostgreSQL: added NOT VALID and not validated since. */
  notValid?: true;
}

export interface IndexSnapshot {
  name: string;
  /** Each key: a column name or an expression, then ` DESC`, ` NULLS FIRST`, an operator class or a MySQL prefix `(10)` when not the default. */
  columns: string[];
  unique: boolean;
  /** A partial index's predicate. */
  where?: string;
  /** Access method when the engine has several (PostgreSQL `btree`, `gin`…; MySQL `btree`, `hash`, `fulltext`…). */
  method?: string;
  /** PostgreSQL INCLUDE columns. */
  include?: string[];
}

export interface ViewSnapshot {
  name: string;
  /** The definition as the database prints it, whitespace collapsed. */
  definition: string;
  materialized?: true;
}

export interface EnumSnapshot {
  name: string;
  /** In sort order: the order values compare in. */
  values: string[];
}

export interface SequenceSnapshot {
  name: string;
  type?: string;
  /** Numbers as text: sequence bounds exceed what a JavaScript number holds exactly. */
  start?: string;
  increment?: string;
  min?: string;
  max?: string;
  cycle?: boolean;
  /** `table.column` of a sequence owned by a column (serial). */
  ownedBy?: string;
}

export interface ExtensionSnapshot {
  name: string;
  version: string;
}

export interface SnapshotOptions {
  /**
   * Tables to leave out, by their snapshot name (qualified outside PostgreSQL's `public`): Alembic's version
   * table (wherever env.py puts it) and any marker table a provider writes. Default: `['alembic_version']`.
   */
  ignoreTables?: string[];
}

/** An empty snapshot of an engine, to build on. */
export function emptySnapshot(engine: Engine): SchemaSnapshot {
  return { engine, tables: [], views: [], enums: [], sequences: [], extensions: [] };
}

export const DEFAULT_IGNORED_TABLES: readonly string[] = ['alembic_version'];
