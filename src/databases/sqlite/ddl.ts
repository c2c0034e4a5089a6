/**
 * What SQLite keeps only in a table's or index's CREATE text: constraint names, CHECK expressions, generated
 * column expressions, AUTOINCREMENT, index expressions and partial-index predicates. A small scanner (quotes,
 * comments, parentheses), not a SQL parser: it splits the definition into its items and reads their keywords.
 */

interface Token {
  text: string;
  start: number;
  end: number;
  /** Parenthesis depth before the token. */
  depth: number;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === '`' || ch === "'" || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      i++;
      while (i < sql.length) {
        if (sql[i] === close) {
          if (close !== ']' && sql[i + 1] === close) i += 2;
          else break;
        } else i++;
      }
      i++;
    } else if (/[\w$]/.test(ch)) {
      while (i < sql.length && /[\w$]/.test(sql[i])) i++;
    } else i++;
    const text = sql.slice(start, i);
    if (text === ')') depth--;
    tokens.push({ text, start, end: i, depth });
    if (text === '(') depth++;
  }
  return tokens;
}

/** `"a""b"`, `` `a` ``, `[a]` → the bare name. */
export function unquote(name: string): string {
  const q = name[0];
  if (q === '"' || q === '`')
    return name
      .slice(1, -1)
      .split(q + q)
      .join(q);
  if (q === '[') return name.slice(1, -1);
  return name;
}

const upper = (t: Token | undefined): string => t?.text.toUpperCase() ?? '';

/** The index of the `)` closing the `(` at `open`. */
function closing(tokens: Token[], open: number): number {
  for (let j = open + 1; j < tokens.length; j++)
    if (tokens[j].text === ')' && tokens[j].depth === tokens[open].depth) return j;
  return tokens.length - 1;
}

/** The items of the parenthesised list opening at `open`, split at its own commas. */
function items(tokens: Token[], open: number): Token[][] {
  const end = closing(tokens, open);
  const out: Token[][] = [[]];
  for (let j = open + 1; j < end; j++) {
    if (tokens[j].text === ',' && tokens[j].depth === tokens[open].depth + 1) out.push([]);
    else out[out.length - 1].push(tokens[j]);
  }
  return out.filter((item) => item.length > 0);
}

const source = (sql: string, from: Token, to: Token): string => sql.slice(from.start, to.end);

export interface ParsedTable {
  primaryKeyName?: string;
  /** Table- and column-level CHECKs, in the order written. */
  checks: { name?: string; expression: string }[];
  /** UNIQUE constraints' names by their columns (`a,b`). */
  uniqueNames: Map<string, string>;
  /** FOREIGN KEY / REFERENCES constraints' names by their columns (`a,b`). */
  foreignKeyNames: Map<string, string>;
  generated: Map<string, string>;
  autoincrement: Set<string>;
}

export function parseCreateTable(sql: string): ParsedTable {
  const parsed: ParsedTable = {
    checks: [],
    uniqueNames: new Map(),
    foreignKeyNames: new Map(),
    generated: new Map(),
    autoincrement: new Set(),
  };
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.text === '(');
  if (open < 0) return parsed; // CREATE TABLE … AS SELECT
  for (const item of items(tokens, open)) {
    const head = upper(item[0]);
    const isTableConstraint = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'].includes(head);
    const column = isTableConstraint ? undefined : unquote(item[0].text);
    constraints(sql, item, isTableConstraint ? 0 : 1, column, parsed);
  }
  return parsed;
}

/** Reads the constraints in one item from `from` on; `column` when the item is a column definition. */
function constraints(
  sql: string,
  item: Token[],
  from: number,
  column: string | undefined,
  parsed: ParsedTable,
): void {
  const top = item[0].depth;
  let name: string | undefined;
  const listAt = (open: number): string[] => items(item, open).map((part) => unquote(part[0].text));
  const inside = (k: number): string => {
    const end = closing(item, k);
    return end > k + 1 ? source(sql, item[k + 1], item[end - 1]) : '';
  };
  for (let k = from; k < item.length; k++) {
    const t = item[k];
    if (t.depth !== top) continue;
    const word = upper(t);
    if (word === 'CONSTRAINT') {
      name = unquote(item[++k]?.text ?? '');
      continue;
    }
    if (word === 'CHECK' && item[k + 1]?.text === '(') {
      parsed.checks.push({ ...(name !== undefined && { name }), expression: inside(k + 1) });
      k = closing(item, k + 1);
    } else if (word === 'PRIMARY') {
      if (name !== undefined) parsed.primaryKeyName = name;
    } else if (word === 'UNIQUE') {
      const cols = column !== undefined ? [column] : item[k + 1]?.text === '(' ? listAt(k + 1) : [];
      if (name !== undefined) parsed.uniqueNames.set(cols.join(','), name);
    } else if (word === 'FOREIGN' && upper(item[k + 1]) === 'KEY' && item[k + 2]?.text === '(') {
      if (name !== undefined) parsed.foreignKeyNames.set(listAt(k + 2).join(','), name);
      k = closing(item, k + 2);
    } else if (word === 'REFERENCES' && column !== undefined) {
      if (name !== undefined) parsed.foreignKeyNames.set(column, name);
    } else if (word === 'AS' && item[k + 1]?.text === '(' && column !== undefined) {
      parsed.generated.set(column, inside(k + 1));
      k = closing(item, k + 1);
    } else if (word === 'AUTOINCREMENT' && column !== undefined) {
      parsed.autoincrement.add(column);
    } else if (t.text === '(') {
      k = closing(item, k);
      continue;
    } else continue;
    name = undefined;
  }
}

export interface ParsedIndex {
  /** Each key's text as written, without its ASC/DESC and COLLATE (those come from the pragmas). */
  keys: string[];
  where?: string;
}

export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => t.depth === 0 && upper(t) === 'ON');
  const open = tokens.findIndex((t, j) => j > on && t.text === '(');
  if (on < 0 || open < 0) return { keys: [] };
  const keys = items(tokens, open).map((item) => {
    let last = item.length - 1;
    if (['ASC', 'DESC'].includes(upper(item[last])) && last > 0) last--;
    if (last > 1 && upper(item[last - 1]) === 'COLLATE') last -= 2;
    return source(sql, item[0], item[last]);
  });
  const end = closing(tokens, open);
  const where = tokens.findIndex((t, j) => j > end && t.depth === 0 && upper(t) === 'WHERE');
  if (where < 0 || where + 1 >= tokens.length) return { keys };
  let last = tokens.length - 1;
  if (tokens[last].text === ';') last--;
  return { keys, where: source(sql, tokens[where + 1], tokens[last]) };
}
