/**
 * What a statement does, in the same words for every dialect: the rules that apply everywhere (drops, renames,
 * data changes without WHERE) read these instead of two parse trees.
 */
import type { Node } from 'libpg-query';
import { alterCommands, body, relationName, str, walk } from './pg.js';
import { alterClauses, columnName, firstTable, list, nullable, obj, tableName, text } from './my.js';
import type { MyNode, PgNode } from './parsers.js';

export type Fact =
  | { kind: 'create-table'; table: string }
  | { kind: 'drop-table'; table: string }
  | { kind: 'add-column'; table: string; column: string }
  | { kind: 'drop-column'; table: string; column: string }
  | { kind: 'rename-table'; table: string; to: string }
  | { kind: 'rename-column'; table: string; column: string; to: string }
  /** `explicit`: the statement says DROP NOT NULL; otherwise a MySQL MODIFY … NULL (it was NOT NULL or not). */
  | { kind: 'drop-not-null'; table: string; column: string; explicit: boolean }
  | { kind: 'drop-schema' | 'drop-database'; name: string }
  | { kind: 'update' | 'delete'; table: string; where: boolean };

/** A statement's facts, and every table it names (for telling tables from indexes in lock traces). */
export interface Facts {
  facts: Fact[];
  tables: string[];
}

const qualified = (node: Node | undefined): string => {
  const items = body(node, 'List')?.items ?? [];
  return items.map(str).filter(Boolean).join('.');
};

export function pgFacts(node: PgNode): Facts {
  const facts: Fact[] = [];
  const create = body(node, 'CreateStmt');
  if (create) facts.push({ kind: 'create-table', table: relationName(create.relation) });
  const createAs = body(node, 'CreateTableAsStmt');
  if (createAs && createAs.objtype === 'OBJECT_TABLE')
    facts.push({ kind: 'create-table', table: relationName(createAs.into?.rel) });
  const drop = body(node, 'DropStmt');
  if (drop?.removeType === 'OBJECT_TABLE')
    for (const o of drop.objects ?? []) facts.push({ kind: 'drop-table', table: qualified(o) });
  if (drop?.removeType === 'OBJECT_SCHEMA')
    for (const o of drop.objects ?? []) facts.push({ kind: 'drop-schema', name: str(o) ?? '' });
  const dropdb = body(node, 'DropdbStmt');
  if (dropdb) facts.push({ kind: 'drop-database', name: dropdb.dbname ?? '' });
  const alter = body(node, 'AlterTableStmt');
  if (alter?.objtype === 'OBJECT_TABLE') {
    const table = relationName(alter.relation);
    for (const cmd of alterCommands(alter)) {
      if (cmd.subtype === 'AT_DropColumn') facts.push({ kind: 'drop-column', table, column: cmd.name ?? '' });
      const added = cmd.subtype === 'AT_AddColumn' ? body(cmd.def, 'ColumnDef')?.colname : undefined;
      if (added) facts.push({ kind: 'add-column', table, column: added });
      if (cmd.subtype === 'AT_DropNotNull')
        facts.push({ kind: 'drop-not-null', table, column: cmd.name ?? '', explicit: true });
    }
  }
  const rename = body(node, 'RenameStmt');
  if (rename?.renameType === 'OBJECT_TABLE')
    facts.push({ kind: 'rename-table', table: relationName(rename.relation), to: rename.newname ?? '' });
  if (rename?.renameType === 'OBJECT_COLUMN' && rename.relationType === 'OBJECT_TABLE')
    facts.push({
      kind: 'rename-column',
      table: relationName(rename.relation),
      column: rename.subname ?? '',
      to: rename.newname ?? '',
    });
  const update = body(node, 'UpdateStmt');
  if (update)
    facts.push({ kind: 'update', table: relationName(update.relation), where: !!update.whereClause });
  const del = body(node, 'DeleteStmt');
  if (del) facts.push({ kind: 'delete', table: relationName(del.relation), where: !!del.whereClause });
  const tables = new Set<string>();
  for (const [kind, v] of walk(node)) if (kind === 'RangeVar') tables.add(relationName(v as never));
  for (const f of facts) if ('table' in f) tables.add(f.table);
  tables.delete('');
  return { facts, tables: [...tables] };
}

export function myFacts(node: MyNode): Facts {
  const facts: Fact[] = [];
  const tables = new Set<string>();
  const type = text(node.type);
  const keyword = text(node.keyword)?.toLowerCase();
  if (type === 'create' && keyword === 'table') facts.push({ kind: 'create-table', table: firstTable(node) });
  if (type === 'create' && keyword === 'index') tables.add(firstTable(node));
  if (type === 'drop' && keyword === 'table')
    for (const n of list(node.name)) facts.push({ kind: 'drop-table', table: tableName(n) });
  if (type === 'drop' && (keyword === 'database' || keyword === 'schema'))
    facts.push({
      kind: 'drop-database',
      name: typeof node.name === 'string' ? node.name : (text(obj(node.name)?.table) ?? ''),
    });
  if (type === 'alter') {
    const table = firstTable(node);
    tables.add(table);
    for (const c of alterClauses(node)) {
      const action = text(c.action);
      const resource = text(c.resource);
      if (action === 'add' && resource === 'column')
        facts.push({ kind: 'add-column', table, column: columnName(c.column) });
      if (action === 'drop' && resource === 'column')
        facts.push({ kind: 'drop-column', table, column: columnName(c.column) });
      if (action === 'rename' && resource === 'table')
        facts.push({ kind: 'rename-table', table, to: text(c.table) ?? '' });
      if (action === 'rename' && resource === 'column')
        facts.push({
          kind: 'rename-column',
          table,
          column: columnName(c.old_column),
          to: columnName(c.column),
        });
      if (action === 'change' && columnName(c.old_column) !== columnName(c.column))
        facts.push({
          kind: 'rename-column',
          table,
          column: columnName(c.old_column),
          to: columnName(c.column),
        });
      if ((action === 'modify' || action === 'change') && nullable(c) === true)
        facts.push({ kind: 'drop-not-null', table, column: columnName(c.column), explicit: false });
    }
  }
  if (type === 'rename')
    for (const pair of Array.isArray(node.table) ? node.table : [])
      if (Array.isArray(pair) && pair.length === 2)
        facts.push({ kind: 'rename-table', table: tableName(pair[0]), to: tableName(pair[1]) });
  if (type === 'update')
    facts.push({
      kind: 'update',
      table: firstTable(node),
      where: node.where !== null && node.where !== undefined,
    });
  if (type === 'delete') {
    const from = list(node.from)[0] ?? list(node.table)[0];
    facts.push({
      kind: 'delete',
      table: tableName(from),
      where: node.where !== null && node.where !== undefined,
    });
  }
  if (type === 'insert') tables.add(firstTable(node));
  for (const f of facts) if ('table' in f) tables.add(f.table);
  tables.delete('');
  return { facts, tables: [...tables] };
}
