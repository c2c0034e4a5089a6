/**
 * The SQL parsers, loaded only when there are statements to check: PostgreSQL's own parser (libpg-query, WASM)
 * and node-sql-parser's MySQL, MariaDB and SQLite grammars. A static-only run never pays for them (~100 ms
 * to compile the WASM, ~0.3 MB of grammar per dialect to parse).
 *
 * See src/vendored.ts for where they load from (dist/vendor/: CommonJS bundles, libpg-query's WASM beside its).
 */
import type { Node as PgNode } from 'libpg-query';
import { vendored } from '../../../vendored.js';

export type { PgNode };

/** A node of node-sql-parser's AST: plain JSON whose shape depends on the statement. */
export type MyNode = { [key: string]: unknown };

/** node-sql-parser's grammars headsup uses. */
export type MyGrammar = 'mysql' | 'mariadb' | 'sqlite';

interface PgModule {
  loadModule(): Promise<void>;
  parseSync(sql: string): { stmts?: { stmt?: PgNode }[] };
  scanSync(sql: string): { tokens?: { text?: string; start?: number; tokenName?: string }[] };
}

interface MyParserClass {
  new (): { astify(sql: string, opt: { database: string }): MyNode | MyNode[] };
}

let pg: Promise<PgModule> | undefined;

/** libpg-query, its WASM compiled once per process. */
export function postgresParser(): Promise<PgParser> {
  pg ??= vendored<PgModule>('libpg-query.cjs', 'libpg-query').then(async (m) => {
    await m.loadModule();
    return m;
  });
  return pg.then((m) => new PgParser(m));
}

/** One statement as PostgreSQL parses it, or why it does not parse. */
export type Parsed<T> = { ok: true; node: T } | { ok: false; error: string };

export class PgParser {
  constructor(private readonly m: PgModule) {}

  /** The statement's node (`{ AlterTableStmt: … }`); a text holding several statements gives the first. */
  parse(sql: string): Parsed<PgNode> {
    try {
      const stmt = this.m.parseSync(sql).stmts?.[0]?.stmt;
      return stmt ? { ok: true, node: stmt } : { ok: false, error: 'no statement' };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }

  /** Identifiers as written (the parser truncates them to 63 bytes in its tree, as the server does). */
  identifiers(sql: string): { text: string; start: number }[] {
    try {
      return (this.m.scanSync(sql).tokens ?? [])
        .filter((t) => t.tokenName === 'IDENT')
        .map((t) => ({ text: t.text ?? '', start: t.start ?? 0 }));
    } catch {
      return [];
    }
  }
}

const GRAMMARS: Record<MyGrammar, { file: string; pkg: string; database: string }> = {
  mysql: { file: 'sql-parser-mysql.cjs', pkg: 'node-sql-parser/build/mysql.js', database: 'MySQL' },
  mariadb: { file: 'sql-parser-mariadb.cjs', pkg: 'node-sql-parser/build/mariadb.js', database: 'MariaDB' },
  sqlite: { file: 'sql-parser-sqlite.cjs', pkg: 'node-sql-parser/build/sqlite.js', database: 'Sqlite' },
};

const my = new Map<MyGrammar, Promise<MyParser>>();

/** node-sql-parser with one grammar (each is a separate ~0.3 MB file; only the one asked for loads). */
export function mysqlParser(grammar: MyGrammar): Promise<MyParser> {
  let p = my.get(grammar);
  if (!p) {
    const g = GRAMMARS[grammar];
    p = vendored<{ Parser: MyParserClass }>(g.file, g.pkg).then(
      (m) => new MyParser(new m.Parser(), g.database),
    );
    my.set(grammar, p);
  }
  return p;
}

export class MyParser {
  constructor(
    private readonly parser: InstanceType<MyParserClass>,
    private readonly database: string,
  ) {}

  parse(sql: string): Parsed<MyNode> {
    try {
      const ast = this.parser.astify(sql, { database: this.database });
      const node = Array.isArray(ast) ? ast[0] : ast;
      return node ? { ok: true, node } : { ok: false, error: 'no statement' };
    } catch (e) {
      return { ok: false, error: (e as Error).message.split('\n')[0] };
    }
  }
}
