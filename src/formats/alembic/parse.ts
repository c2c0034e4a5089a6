/**
 * Static reader for Alembic revision files: what Alembic would see in `revision`, `down_revision`,
 * `branch_labels` and `depends_on` after executing the module, without running Python.
 */
import type { parser as lezerPython } from '@lezer/python';
import type { SyntaxNode, Tree } from '@lezer/common';
import { decodePythonSource, LineIndex, reducePythonSource, stringLiteralValue } from './python-source.js';
import type { ReducedSource } from './python-source.js';
import type { Assignment, ParsedRevisionFile, ParseProblem } from './types.js';

export interface ParseOptions {
  /** Source of a module named by an import (`pkg.mod`, or relative `.consts` against `fromFile`). */
  loadModule?: (dotted: string, fromFile: string) => Promise<{ file: string; text: string } | undefined>;
  /** Let lezer parse the whole file instead of the pre-pass's reduced text (tests compare both). */
  fullParse?: boolean;
  /**
   * Only what the graph needs, as the parse cache keeps it: no docstring, statement texts, annotations or
   * quotes (those serve fixes and notices on the files a PR touches).
   */
  lean?: boolean;
}

const FIELDS = ['revision', 'down_revision', 'branch_labels', 'depends_on'] as const;
type Field = (typeof FIELDS)[number];
const LEGACY_FILE = /^[a-f0-9]+\.py$/;
/** Larger files are reported, not parsed: no revision file is this big, and a string this long nears V8's limit. */
const MAX_SOURCE = 64 * 2 ** 20;

const MAX_DEPTH = 32;

/**
 * lezer's Python grammar, loaded on the first parse: a run whose files all come from the parse cache never
 * needs it, and evaluating its tables costs about 10 ms of start-up.
 */
let parser: typeof lezerPython | undefined;

async function loadParser(): Promise<typeof lezerPython> {
  return (parser ??= (await import('@lezer/python')).parser);
}

/** Builds the parser now (its tables take milliseconds to decode), e.g. while git is still listing files. */
export function preloadParser(): void {
  loadParser().catch(() => {}); // a failure shows again, and is reported, at the first parse
}

/**
 * What Alembic would read from one revision file. A promise only when the parse must wait: for the parser's
 * first load, or for a module a value is imported from; a lean parse of a known template returns at once
 * (10,000 files need no 10,000 promises).
 */
export function parseRevisionFile(
  file: string,
  content: Buffer,
  opts: ParseOptions = {},
): ParsedRevisionFile | Promise<ParsedRevisionFile> {
  if (!parser) return loadParser().then(() => parseRevisionFile(file, content, opts));
  const result: ParsedRevisionFile = { file, problems: [] };
  if (content.length > MAX_SOURCE) {
    const size = `${(content.length / 2 ** 20).toFixed(0)} MiB`;
    const message = `too large for a revision file (${size}); not parsed`;
    result.problems.push({ kind: 'unreadable', message, line: 1, column: 0 });
    return result;
  }
  const decoded = decodePythonSource(content);
  if (decoded.problem) result.problems.push({ kind: 'encoding', ...decoded.problem });
  if (decoded.text === undefined) return result;

  const mod = analyzeModule(file, decoded.text, opts.fullParse ?? false);
  if (mod.syntaxError) {
    const at = mod.lines.at(mod.syntaxError.offset);
    result.problems.push({ kind: 'syntax', message: mod.syntaxError.message, ...at });
  }
  if (opts.lean) result.lean = true;
  else {
    const docstring = readDocstring(mod);
    if (docstring) result.docstring = docstring;
  }

  // Lean parses of a known template read their literals by the template's plan; the rest resolve.
  const fast = opts.lean ? leanFields(mod) : undefined;
  if (fast) {
    let missing = 0;
    for (let f = 0; f < FIELDS.length; f++) missing |= take(result, f, fast[f]);
    return finish(result, mod, missing);
  }
  return resolveFields(result, mod, opts);
}

async function resolveFields(
  result: ParsedRevisionFile,
  mod: Module,
  opts: ParseOptions,
): Promise<ParsedRevisionFile> {
  const resolver = new Resolver(mod, opts.loadModule, opts.lean ?? false);
  let missing = 0;
  for (let f = 0; f < FIELDS.length; f++) {
    const out = resolver.field(FIELDS[f]);
    missing |= take(result, f, out instanceof Promise ? await out : out);
  }
  return finish(result, mod, missing);
}

const MISSING_REVISION = 1;
const MISSING_DOWN = 2;

/** Puts field `f`'s outcome into the result; returns the bit that says it is missing, else 0. */
function take(result: ParsedRevisionFile, f: number, out: FieldOutcome): number {
  if (out === 'missing') return f === 0 ? MISSING_REVISION : f === 1 ? MISSING_DOWN : 0;
  if (out === 'broken') return 0;
  if (out.problem) result.problems.push(out.problem);
  if (!out.assignment) return 0;
  if (f === 0) result.revision = out.assignment as Assignment<string>;
  else if (f === 1) result.downRevision = out.assignment as Assignment<string[]>;
  else if (f === 2) result.branchLabels = out.assignment as Assignment<string[]>;
  else result.dependsOn = out.assignment as Assignment<string[]>;
  return 0;
}

function finish(result: ParsedRevisionFile, mod: Module, missing: number): ParsedRevisionFile {
  // With a syntax error lezer's recovery may have swallowed an assignment: don't claim it is missing.
  if (missing & MISSING_REVISION) {
    const base = result.file.slice(result.file.lastIndexOf('/') + 1);
    if (LEGACY_FILE.test(base)) {
      result.revision = { value: base.slice(0, -3), text: '', line: 1, column: 0, endLine: 1, endColumn: 0 };
      result.revisionFromFilename = true;
    } else if (!mod.syntaxError) {
      result.problems.push(invalid('no `revision` assignment (and the file name is not a legacy hex id)'));
    }
  }
  // Alembic stops at the missing id (a file that is no revision at all): one problem says it.
  if (missing & MISSING_DOWN && !mod.syntaxError && result.revision) {
    result.problems.push(invalid('no `down_revision` assignment (Alembic requires it; use None for a base)'));
  }
  return result;
}

function invalid(message: string, line = 1, column = 0): ParseProblem {
  return { kind: 'invalid', message, line, column };
}

// ---------------------------------------------------------------------------------------------
// Module analysis: which module-level statement binds which name. Bindings are ordered by the
// source offset of their statement (`index`), since the module runs top to bottom.

interface Span {
  from: number;
  to: number;
}

type Binding =
  /** `name = value`, or element `element` of a tuple-unpacking assignment with `arity` targets. */
  | {
      kind: 'value';
      index: number;
      stmt: SyntaxNode;
      value: SyntaxNode[];
      element?: number;
      arity: number;
      /** Quote character of the value's first string literal. */
      quote?: "'" | '"';
    }
  /** `import module as name` (attr undefined) or `from module import attr as name`. */
  | { kind: 'import'; index: number; at: Span; module: string; attr?: string }
  /** Bound in a way we do not evaluate (def, class, if-block, augmented assignment, broken syntax). */
  | { kind: 'opaque'; index: number; at: Span; reason: string; syntax?: boolean };

interface Module {
  file: string;
  /** Source text (decoded, `\n` line endings). */
  text: string;
  lines: LineIndex;
  reduced: ReducedSource;
  top: SyntaxNode;
  shape: Shape;
  /** Bindings by name in source offsets, filled on first lookup (a revision file is asked about a few names). */
  bindings: Map<string, Binding[]>;
  stars: { index: number; at: Span; module: string }[];
  syntaxError?: { offset: number; message: string };
}

const COMPOUND: Record<string, string> = {
  IfStatement: 'if',
  TryStatement: 'try',
  ForStatement: 'for',
  WhileStatement: 'while',
  WithStatement: 'with',
  MatchStatement: 'match',
};

const BOUND_BY: Record<string, string> = {
  FunctionDefinition: 'defined by `def`',
  ClassDefinition: 'defined by `class`',
  UpdateStatement: 'augmented assignment',
  DeleteStatement: 'deleted by `del`',
};

/**
 * What the tree of one reduced text says, in reduced-text offsets: the same for every file written from
 * one template (string contents and def/class blocks are not in the reduced text, and names are copied
 * verbatim), so it is worked out once per template and only mapped back to each file's offsets.
 */
interface Shape {
  tree: Tree;
  /** Offsets of lezer error nodes, and of the statements CPython's compiler would refuse. */
  errors: number[];
  /** CPython's message for the errors lezer's grammar lets through (by offset). */
  messages: Map<number, string>;
  /** Module-level bindings by name, in statement order. */
  bindings: Map<string, Binding[]>;
  stars: Module['stars'];
  /** How a lean parse reads the four fields of any file of this template; null: only the full path can. */
  lean?: LeanPlan | null;
  /** Offsets of the `from __future__ import` statements, when there are any. */
  futures?: number[];
  /** Which errors CPython's compiler finds after parsing (see Refusal): they yield to any other. */
  late?: Set<number>;
}

/** Shapes by reduced text (its key); trees are immutable, so one serves every file of a template. */
const shapes = new Map<string, Shape>();
const SHAPES = 256;
/**
 * The last few shapes found, with their keys, tried first: files of one template mostly come together,
 * and comparing two texts costs less than hashing one for the map.
 */
const recent: { key: string; shape: Shape }[] = [];
const RECENT = 4;

function cachedShape(reduced: ReducedSource): Shape {
  const key = reduced.key;
  for (let r = 0; r < recent.length; r++) if (recent[r].key === key) return recent[r].shape;
  let shape = shapes.get(key);
  if (shape) {
    shapes.delete(key); // most recently used last
  } else {
    shape = shapeOf(reduced.text, parser!.parse(reduced.text), []);
    if (shapes.size >= SHAPES) shapes.delete(shapes.keys().next().value!);
  }
  shapes.set(key, shape);
  if (recent.length >= RECENT) recent.pop();
  recent.unshift({ key, shape });
  return shape;
}

/** `extraErrors`: a lexical error the pre-pass found (the text is then the whole source). */
function shapeOf(text: string, tree: Tree, extraErrors: number[]): Shape {
  const errors: number[] = [];
  const cursor = tree.cursor();
  do if (cursor.type.isError) errors.push(cursor.from);
  while (cursor.next());
  const shape: Shape = { tree, errors, messages: new Map(), bindings: new Map(), stars: [] };
  const ctx: ShapeContext = { text, shape, errors: [...errors, ...extraErrors].sort((a, b) => a - b) };
  const futures = { first: true, past: false };
  const statement = (stmt: SyntaxNode) => {
    addStatement(ctx, stmt);
    const refused = futureError(ctx, stmt, futures);
    if (refused && !anyWithin(ctx.errors, stmt.from, stmt.to)) refuse(shape, refused);
  };
  for (let top = tree.topNode.firstChild; top; top = top.nextSibling) {
    if (top.name !== 'StatementGroup') {
      if (!isPunct(top)) statement(top);
      continue;
    }
    let empty = true; // `a;;b` and `;a` have an empty statement, which CPython refuses
    for (let stmt = top.firstChild; stmt; stmt = stmt.nextSibling) {
      if (stmt.name === ';' && empty && !anyWithin(ctx.errors, stmt.from, stmt.to)) {
        shape.errors.push(stmt.from);
        shape.messages.set(stmt.from, 'invalid syntax');
      }
      if (stmt.name !== 'Comment') empty = stmt.name === ';';
      if (!isPunct(stmt)) statement(stmt);
    }
  }
  return shape;
}

/**
 * A statement CPython refuses. `late`: its compiler does, after the whole file has parsed, so any syntax
 * error elsewhere (even further down) is the one it reports.
 */
interface Refusal {
  at: number;
  message: string;
  late?: true;
}

function refuse(shape: Shape, r: Refusal): void {
  shape.errors.push(r.at);
  shape.messages.set(r.at, r.message);
  if (r.late) (shape.late ??= new Set()).add(r.at);
}

/** What `from __future__ import` may name in CPython 3.11 (`braces` has an answer of its own). */
const FUTURE_FEATURES = new Set(
  'nested_scopes generators division absolute_import with_statement print_function unicode_literals barry_as_FLUFL generator_stop annotations'.split(
    ' ',
  ),
);

/**
 * CPython's checks of `from __future__ import`: only the docstring and other such imports may come
 * before it, and it names known features. `state` carries the statements seen so far. Records each
 * one's offset in the shape: a def or class left out of the reduced text may precede it too.
 */
function futureError(
  ctx: ShapeContext,
  stmt: SyntaxNode,
  state: { first: boolean; past: boolean },
): Refusal | undefined {
  const first = state.first;
  state.first = false;
  const kids = stmt.name === 'ImportStatement' ? children(stmt) : undefined;
  const future =
    kids?.[0]?.name === 'from' &&
    kids[1]?.name === 'VariableName' &&
    kids[2]?.name === 'import' &&
    ctx.text.slice(kids[1].from, kids[1].to) === '__future__';
  if (!future) {
    // SyntaxNodes are made on each access: compare by sibling, not identity.
    const only = stmt.name === 'ExpressionStatement' ? stmt.firstChild : null;
    const docstring =
      only && !only.nextSibling && (only.name === 'String' || only.name === 'ContinuedString');
    if (!(first && docstring)) state.past = true;
    return undefined;
  }
  (ctx.shape.futures ??= []).push(stmt.from);
  if (state.past) return { at: stmt.from, message: FUTURE_LATE, late: true };
  for (const imp of readImport(ctx.text, stmt)) {
    if (!('attr' in imp) || imp.attr === undefined || FUTURE_FEATURES.has(imp.attr)) continue;
    const at = imp.node.from;
    return {
      at,
      message: imp.attr === 'braces' ? 'not a chance' : `future feature ${imp.attr} is not defined`,
      late: true,
    };
  }
  return undefined;
}

const FUTURE_LATE = 'from __future__ imports must occur at the beginning of the file';

function analyzeModule(file: string, text: string, fullParse: boolean): Module {
  const reduced = reducePythonSource(text, !fullParse);
  const lexical = reduced.error;
  // A lexical error leaves the text unreduced (unique to the file): no point keeping its shape. Python
  // runs none of such a file; lezer reads what precedes the error, so garbage after it (a bracket bomb,
  // megabytes of unmatched quotes) costs nothing.
  const shape = lexical
    ? shapeOf(reduced.text, parser!.parse(reduced.text.slice(0, lexical.offset)), [lexical.offset])
    : fullParse
      ? shapeOf(reduced.text, parser!.parse(reduced.text), [])
      : cachedShape(reduced);
  const mod: Module = {
    file,
    text,
    lines: new LineIndex(text),
    reduced,
    top: shape.tree.topNode,
    shape,
    bindings: new Map(),
    stars: shape.stars.length
      ? shape.stars.map((s) => ({ ...s, index: reduced.toSource(s.index), at: mapSpan(reduced, s.at) }))
      : NO_STARS,
  };
  let first = -1;
  // A syntax error anywhere comes before what the compiler refuses (CPython parses the file first).
  const compiled = shape.late;
  for (const e of shape.errors) if (!compiled?.has(e) && (first < 0 || e < first)) first = e;
  if (first < 0) for (const e of shape.errors) if (first < 0 || e < first) first = e;
  let offset = first < 0 ? -1 : reduced.toSource(first);
  const parsed = first >= 0 && !compiled?.has(first); // a syntax error, not a compiler's refusal
  let late: string | undefined;
  // A def or class left out of the reduced text counts before a `from __future__ import` as well.
  if (shape.futures && reduced.blocks.length && !parsed)
    for (const f of shape.futures) {
      const at = reduced.toSource(f);
      if (reduced.blocks[0].from < at && (offset < 0 || at < offset)) [offset, late] = [at, FUTURE_LATE];
    }
  // lezer's errors on the lexical error's own line come from the cut, not from the file; the tokenizer's
  // error comes before the compiler's too.
  if (lexical && (offset < 0 || !parsed || offset >= text.lastIndexOf('\n', lexical.offset - 1) + 1))
    mod.syntaxError = lexical;
  else if (offset >= 0) {
    const message = late ?? shape.messages.get(first) ?? `invalid syntax near \`${near(text, offset)}\``;
    mod.syntaxError = { offset, message };
  }

  return mod;
}

const NO_STARS: Module['stars'] = [];

/** The module-level bindings of `name` in statement order: the template's, mapped to this file, and its def/class. */
function bindingsOf(mod: Module, name: string): Binding[] {
  const known = mod.bindings.get(name);
  if (known) return known;
  const reduced = mod.reduced;
  const list: Binding[] = [];
  for (const b of mod.shape.bindings.get(name) ?? []) {
    const index = reduced.toSource(b.index);
    list.push(b.kind === 'value' ? { ...b, index } : { ...b, index, at: mapSpan(reduced, b.at) });
  }
  let blocks = false;
  for (const block of reduced.blocks) {
    if (block.name !== name) continue;
    const at = { from: block.nameFrom, to: block.nameFrom + block.name.length };
    list.push({ kind: 'opaque', index: block.from, at, reason: `defined by \`${block.keyword}\`` });
    blocks = true;
  }
  if (blocks) list.sort((x, y) => x.index - y.index);
  // A function may rebind it through `global` whenever it is called: the value is then past knowing.
  const global = globalIn(mod.text, name);
  if (global >= 0) {
    const at = { from: global, to: global + name.length };
    list.push({
      kind: 'opaque',
      index: mod.text.length,
      at,
      reason: 'assigned by a function through `global`',
    });
  }
  mod.bindings.set(name, list);
  return list;
}

/** Where an indented `global` statement names `name` (-1 if none): module-level `global` changes nothing. */
function globalIn(text: string, name: string): number {
  if (!text.includes('global')) return -1;
  for (const m of text.matchAll(/^[ \t]+global[ \t]+([^\n#;]*)/gm)) {
    let at = m.index + m[0].length - m[1].length;
    for (const part of m[1].split(',')) {
      if (part.trim() === name) return at + part.indexOf(name);
      at += part.length + 1;
    }
  }
  return -1;
}

function mapSpan(reduced: ReducedSource, at: Span): Span {
  return { from: reduced.toSource(at.from), to: reduced.toSource(at.to, true) };
}

/** Shape analysis reads the reduced text, whose offsets are its own. */
interface ShapeContext {
  text: string;
  shape: Shape;
  /** Sorted: a broken file can have tens of thousands of error nodes, asked about per statement. */
  errors: number[];
}

/** Whether sorted `xs` holds a value in [from, to]. */
function anyWithin(xs: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length && xs[lo] <= to;
}

function addStatement(ctx: ShapeContext, stmt: SyntaxNode): void {
  const index = stmt.from;
  const text = (node: SyntaxNode) => ctx.text.slice(node.from, node.to);
  const bindTo = (written: string, binding: Binding) => {
    const name = pyName(written);
    const list = ctx.shape.bindings.get(name);
    if (list) list.push(binding);
    else ctx.shape.bindings.set(name, [binding]);
  };
  const opaque = (node: SyntaxNode, reason: string, syntax = false) =>
    bindTo(text(node), { kind: 'opaque', index, at: { from: node.from, to: node.to }, reason, syntax });
  // What lezer's grammar accepts but CPython's compiler refuses is a syntax error of the file too.
  const refused = anyWithin(ctx.errors, stmt.from, stmt.to)
    ? undefined
    : (keywordAttribute(ctx.text, stmt) ?? compileError(ctx.text, stmt));
  if (refused) refuse(ctx.shape, refused);
  const broken = !!refused || anyWithin(ctx.errors, stmt.from, stmt.to);
  // `(name := value)` anywhere in the statement binds `name` at module level, before the statement's own.
  if (ctx.text.slice(stmt.from, stmt.to).includes(':='))
    for (const walrus of namedExpressions(stmt)) opaque(walrus, 'assigned by `:=`', broken);

  switch (stmt.name) {
    case 'AssignStatement': {
      const groups = splitOn(children(stmt), 'AssignOp');
      if (groups.length < 2) return; // a bare annotation `x: int` binds nothing
      const value = groups[groups.length - 1];
      const quote = firstQuote(ctx.text, value);
      for (const group of groups.slice(0, -1)) {
        const targets = group.filter((n) => n.name !== 'TypeDef' && n.name !== ',');
        const simple = targets.every((n) => n.name === 'VariableName');
        const unpack = targets.length > 1 || group.some((n) => n.name === ',');
        for (const [k, target] of targets.entries()) {
          if (broken) for (const v of targetNames(target)) opaque(v, 'syntax error', true);
          else if (simple) {
            const element = unpack ? k : undefined;
            const binding: Binding = { kind: 'value', index, stmt, value, element, arity: targets.length };
            if (quote) binding.quote = quote;
            bindTo(text(target), binding);
          } else for (const v of targetNames(target)) opaque(v, 'assigned by unpacking');
        }
      }
      return;
    }
    case 'ImportStatement':
      for (const imp of readImport(ctx.text, stmt)) {
        const at = { from: stmt.from, to: stmt.to };
        if ('star' in imp) ctx.shape.stars.push({ index, at, module: imp.star });
        else bindTo(imp.name, { kind: 'import', index, at, module: imp.module, attr: imp.attr });
      }
      return;
    default: {
      const names: SyntaxNode[] = [];
      boundNames(ctx.text, stmt, names);
      const inner = stmt.name === 'DecoratedStatement' ? (stmt.lastChild ?? stmt) : stmt;
      const what = COMPOUND[stmt.name];
      const reason = broken
        ? 'syntax error'
        : what
          ? `assigned inside ${what === 'if' ? 'an' : 'a'} \`${what}\` block`
          : (BOUND_BY[inner.name] ?? `bound by \`${text(stmt).split(/\s/, 1)[0]}\``);
      for (const n of names) opaque(n, reason, broken);
    }
  }
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** `x.or`: lezer reads a keyword after a dot as a property name; CPython's tokenizer does not. */
function keywordAttribute(text: string, stmt: SyntaxNode): { at: number; message: string } | undefined {
  const c = stmt.cursor();
  do
    if (c.name === 'PropertyName' && KEYWORDS.has(text.slice(c.from, c.to)))
      return { at: c.from, message: 'invalid syntax' };
  while (c.next() && c.from < stmt.to);
  return undefined;
}

/**
 * CPython's compile-time checks of a module-level statement that lezer's grammar does not make: what an
 * assignment may assign to, what may be annotated, and a trailing comma in an unparenthesized import.
 */
function compileError(text: string, stmt: SyntaxNode, loop = false): Refusal | undefined {
  const kids = children(stmt).filter((k) => k.name !== 'Comment');
  const own = misplaced(text, stmt, loop);
  if (own) return { ...own, late: true };
  // The blocks of a module-level `if`/`try`/`with`/... run with the module: check their statements too.
  // A def or class nested in one runs its body later, in a scope of its own (left out, as at top level).
  if (stmt.name === 'FunctionDefinition' || stmt.name === 'ClassDefinition') return undefined;
  const isLoop = stmt.name === 'ForStatement' || stmt.name === 'WhileStatement';
  let bodies = 0;
  // A `match` keeps its blocks in its `case` clauses.
  const blocks = kids.flatMap((k) =>
    k.name === 'MatchBody'
      ? children(k).flatMap((clause) => children(clause).filter((b) => b.name === 'Body'))
      : [k],
  );
  for (const body of blocks)
    if (body.name === 'Body') {
      // A loop's first block is in the loop; its `else:` block is not.
      const inLoop = isLoop ? bodies++ === 0 || loop : loop;
      for (const inner of children(body))
        for (const one of inner.name === 'StatementGroup' ? children(inner) : [inner]) {
          const nested = isPunct(one) ? undefined : compileError(text, one, inLoop);
          if (nested) return nested;
        }
    }
  if (stmt.name === 'ImportStatement') {
    const last = kids[kids.length - 1];
    const parenthesized = kids.some((k) => k.name === '(');
    if (last?.name === ',' && !parenthesized)
      return { at: last.from, message: 'trailing comma not allowed without surrounding parentheses' };
    // `from m import a.b`: only `import a.b` takes dotted names.
    const names = kids.findIndex((k) => k.name === 'import');
    const dot = kids[0]?.name === 'from' ? kids.slice(names + 1).find((k) => k.name === '.') : undefined;
    return dot && { at: dot.from, message: 'invalid syntax' };
  }
  if (stmt.name === 'TryStatement') {
    // `except A, B:` is Python 2; Python 3 wants `except (A, B):`.
    for (let k = 0; k < kids.length; k++) {
      if (kids[k].name !== 'except') continue;
      for (let m = k + 1; m < kids.length && kids[m].name !== 'Body' && kids[m].name !== 'as'; m++)
        if (kids[m].name === ',')
          return { at: kids[m].from, message: 'multiple exception types must be parenthesized' };
    }
    return undefined;
  }
  if (stmt.name !== 'AssignStatement') return undefined;
  const groups = splitOn(kids, 'AssignOp');
  if (groups.length < 2 && !groups[0].some((k) => k.name === 'TypeDef')) return undefined;
  const targets = groups.length < 2 ? groups : groups.slice(0, -1);
  for (const [g, group] of targets.entries()) {
    const annotated = group.some((k) => k.name === 'TypeDef');
    const parts = group.filter((k) => k.name !== 'TypeDef' && k.name !== ',' && k.name !== '*');
    if (annotated) {
      if (g > 0 || targets.length > 1) return { at: group[0].from, message: 'invalid syntax' };
      if (parts.length !== 1 || group.some((k) => k.name === ','))
        return { at: group[0].from, message: 'only single target (not tuple) can be annotated' };
      let target = parts[0];
      while (target.name === 'ParenthesizedExpression') {
        const inner = children(target).filter((k) => !isPunct(k));
        if (inner.length !== 1) break;
        target = inner[0];
      }
      if (target.name !== 'VariableName' && target.name !== 'MemberExpression')
        return { at: parts[0].from, message: 'illegal target for annotation' };
      continue;
    }
    for (const part of parts) {
      const bad = unassignable(part);
      if (bad) return { at: bad.from, message: `cannot assign to ${describeTarget(bad)}` };
    }
  }
  return undefined;
}

/**
 * What CPython's compiler refuses outside a function or a loop: `return`, `yield`, `await`, `nonlocal`,
 * `break` and `continue` in a module-level statement (the blocks it runs are checked by the caller).
 */
function misplaced(
  text: string,
  stmt: SyntaxNode,
  loop: boolean,
): { at: number; message: string } | undefined {
  switch (stmt.name) {
    case 'ReturnStatement':
      return { at: stmt.from, message: "'return' outside function" };
    case 'YieldStatement':
      return { at: stmt.from, message: "'yield' outside function" };
    case 'BreakStatement':
      return loop ? undefined : { at: stmt.from, message: "'break' outside loop" };
    case 'ContinueStatement':
      return loop ? undefined : { at: stmt.from, message: "'continue' not properly in loop" };
    case 'ScopeStatement':
      return stmt.firstChild?.name === 'nonlocal'
        ? { at: stmt.from, message: 'nonlocal declaration not allowed at module level' }
        : undefined;
    case 'FunctionDefinition':
    case 'ClassDefinition':
      return undefined;
  }
  // `yield` and `await` inside the statement's expressions (not in the blocks it runs, nor in defs).
  const words = text.slice(stmt.from, stmt.to);
  return words.includes('yield') || words.includes('await') ? yieldOrAwait(stmt, false) : undefined;
}

/** A name as Python keys it: identifiers are NFKC-normalized when parsed (`ﬁrst` is `first`). */
function pyName(name: string): string {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 127) return name.normalize('NFKC');
  return name;
}

const COMPREHENSIONS = new Set([
  'ArrayComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
  'ComprehensionExpression',
]);

function yieldOrAwait(
  node: SyntaxNode,
  lambda: boolean,
  comprehension = false,
): { at: number; message: string } | undefined {
  for (let k = node.firstChild; k; k = k.nextSibling) {
    switch (k.name) {
      case 'Body':
      case 'FunctionDefinition':
      case 'ClassDefinition':
        continue;
      case 'YieldExpression':
        // `lambda: (yield)` is a generator function; `await` needs an `async def`.
        if (!lambda) return { at: k.from, message: "'yield' outside function" };
        break;
      case 'AwaitExpression':
        return {
          at: k.from,
          message: comprehension
            ? 'asynchronous comprehension outside of an asynchronous function'
            : lambda
              ? "'await' outside async function"
              : "'await' outside function",
        };
    }
    const inner = yieldOrAwait(
      k,
      lambda || k.name === 'LambdaExpression',
      comprehension || COMPREHENSIONS.has(k.name),
    );
    if (inner) return inner;
  }
  return undefined;
}

/** The first part of an assignment target that cannot be assigned to, if any. */
function unassignable(node: SyntaxNode): SyntaxNode | undefined {
  switch (node.name) {
    case 'VariableName':
    case 'MemberExpression':
      return undefined;
    case 'TupleExpression':
    case 'ArrayExpression':
    case 'ParenthesizedExpression':
      for (const k of children(node)) {
        if (isPunct(k) || k.name === '*') continue;
        const bad = unassignable(k);
        if (bad) return bad;
      }
      return undefined;
    default:
      return node;
  }
}

function describeTarget(node: SyntaxNode): string {
  if (['String', 'Number', 'None', 'Boolean', 'ContinuedString'].includes(node.name)) return 'literal';
  if (node.name === 'CallExpression') return 'function call';
  return 'expression';
}

/** Names a statement binds at module scope (not descending into def/class bodies). */
/** Where a compound statement keeps the statements it runs (a `match` keeps them in its clauses). */
const BODIES = new Set(['Body', 'MatchBody', 'MatchClause']);

function boundNames(text: string, node: SyntaxNode, out: SyntaxNode[]): void {
  const kids = children(node);
  switch (node.name) {
    case 'AssignStatement': {
      const groups = splitOn(kids, 'AssignOp');
      for (const g of groups.slice(0, -1)) for (const t of g) out.push(...targetNames(t));
      return;
    }
    case 'UpdateStatement':
    case 'DeleteStatement':
      out.push(...targetNames(kids[0]));
      if (node.name === 'DeleteStatement') for (const t of kids.slice(1)) out.push(...targetNames(t));
      return;
    case 'ImportStatement':
      for (const imp of readImport(text, node)) if ('name' in imp) out.push(imp.node);
      return;
    case 'FunctionDefinition':
    case 'ClassDefinition': {
      const name = kids.find((k) => k.name === 'VariableName');
      if (name) out.push(name);
      return;
    }
  }
  const inAt = kids.findIndex((k) => k.name === 'in');
  for (const [k, kid] of kids.entries()) {
    const prev = kids[k - 1]?.name;
    const forTarget = node.name === 'ForStatement' && k > 0 && k < inAt;
    if (prev === 'as' || forTarget) out.push(...targetNames(kid));
    else if (node.name === 'Body' || node.name === 'DecoratedStatement' || BODIES.has(kid.name)) {
      boundNames(text, kid, out);
    }
  }
}

/** The names `:=` binds within `node`. */
function namedExpressions(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = node.cursor();
  do
    if (cursor.name === 'NamedExpression' && cursor.node.firstChild?.name === 'VariableName')
      out.push(cursor.node.firstChild);
  while (cursor.next() && cursor.from < node.to);
  return out;
}

function targetNames(node: SyntaxNode | undefined): SyntaxNode[] {
  if (!node) return [];
  if (node.name === 'VariableName') return [node];
  if (
    node.name === 'TupleExpression' ||
    node.name === 'ArrayExpression' ||
    node.name === 'ParenthesizedExpression'
  ) {
    return children(node).flatMap(targetNames);
  }
  return [];
}

type Import = { name: string; node: SyntaxNode; module: string; attr?: string } | { star: string };

function readImport(source: string, stmt: SyntaxNode): Import[] {
  const src = (node: SyntaxNode) => pyName(source.slice(node.from, node.to));
  const kids = children(stmt).filter((k) => k.name !== 'Comment');
  const out: Import[] = [];
  let i = 1;
  const dotted = () => {
    let text = '';
    let first: SyntaxNode | undefined;
    while (i < kids.length && ['VariableName', '.', 'Ellipsis'].includes(kids[i].name)) {
      if (kids[i].name === 'VariableName') first ??= kids[i];
      text += src(kids[i++]);
    }
    return { text, first };
  };
  const alias = (): SyntaxNode | undefined => {
    if (kids[i]?.name !== 'as') return undefined;
    i++;
    return kids[i]?.name === 'VariableName' ? kids[i++] : undefined;
  };
  if (kids[0]?.name === 'from') {
    const from = dotted().text;
    if (kids[i]?.name !== 'import') return out;
    i++;
    while (i < kids.length) {
      const k = kids[i++];
      if (k.name === '*') out.push({ star: from });
      if (k.name !== 'VariableName') continue;
      const as = alias() ?? k;
      out.push({ name: src(as), node: as, module: from, attr: src(k) });
    }
  } else if (kids[0]?.name === 'import') {
    while (i < kids.length) {
      const d = dotted();
      if (!d.first) {
        i++;
        continue;
      }
      const as = alias();
      if (as) out.push({ name: src(as), node: as, module: d.text });
      else out.push({ name: src(d.first), node: d.first, module: src(d.first) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluation of constant expressions, across modules.

type Value =
  | { t: 'str'; v: string }
  | { t: 'none' }
  | { t: 'seq'; items: Value[] }
  | { t: 'module'; dotted: string; from: string }
  /** A number or a boolean: a constant, but never a revision id (`revision = 123`). */
  | { t: 'other'; text: string };
type ModuleValue = Extract<Value, { t: 'module' }>;

/** Where evaluation stopped: a span of `module`'s source and why (absent: not a constant). */
interface Fail {
  module: Module;
  at: Span;
  detail?: string;
}
type Result = { value: Value } | { fail: Fail };

/** `broken`: the assignment has a syntax error, which is already reported. */
type FieldOutcome =
  | { assignment: Assignment<string | string[]>; problem?: ParseProblem }
  | { assignment?: undefined; problem: ParseProblem }
  | 'missing'
  | 'broken';

/**
 * Imported modules (a constants file) are shared by many revision files: keep the last few analyzed,
 * keyed by path and checked against the text, so different trees never mix.
 */
const moduleCache = new Map<string, Module>();
const MODULE_CACHE_SIZE = 64;

class Resolver {
  private readonly loads = new Map<string, Promise<Module | undefined>>();
  private readonly stack: string[] = [];

  constructor(
    private readonly root: Module,
    private readonly loader: ParseOptions['loadModule'],
    private readonly lean: boolean,
  ) {}

  /** Synchronous for the common case (no star import, a literal value): no promise per field. */
  field(name: Field): FieldOutcome | Promise<FieldOutcome> {
    const root = this.root;
    if (root.stars.length) return this.lookup(root, name, Infinity).then((b) => this.fieldOf(name, b));
    // No star import can rebind it, so the last binding is the one.
    const list = bindingsOf(root, name);
    return this.fieldOf(name, list[list.length - 1]);
  }

  private fieldOf(name: Field, b: Binding | undefined): FieldOutcome | Promise<FieldOutcome> {
    const root = this.root;
    if (!b) return 'missing';
    if (b.kind === 'opaque') {
      if (b.syntax) return 'broken';
      const message = `cannot resolve \`${name}\` statically: ${b.reason}`;
      return { problem: { kind: 'unresolvable', message, ...root.lines.at(b.at.from) } };
    }
    const stmt = b.kind === 'value' ? span(root, b.stmt) : b.at;
    const plain = b.kind === 'value' && b.element === undefined ? literal(root, b.value) : undefined;
    if (plain) return this.outcome(name, b, stmt, { value: plain });
    return this.resolveBinding(root, b, name, stmt).then((r) => this.outcome(name, b, stmt, r));
  }

  private outcome(name: Field, b: Binding, stmt: Span, r: Result): FieldOutcome {
    const root = this.root;
    if ('fail' in r) {
      const f = r.fail.module === root ? r.fail : this.wrap(root, stmt, r.fail);
      const detail = f.detail ? ` (${f.detail})` : '';
      const message = `cannot resolve \`${name}\` value \`${short(slice(f.module, f.at))}\` statically${detail}`;
      return { problem: { kind: 'unresolvable', message, ...root.lines.at(f.at.from) } };
    }
    const lean = leanOutcome(name, r.value, root.lines.at(stmt.from));
    if (this.lean || !lean.assignment) return lean;
    const { assignment: start, problem } = lean;
    const end = root.lines.at(stmt.to);
    const text = root.text;
    const lineStart = text.lastIndexOf('\n', stmt.from - 1) + 1;
    const lineEnd = text.indexOf('\n', stmt.to);
    const assignment: Assignment<string | string[]> = {
      ...start,
      endLine: end.line,
      endColumn: end.column,
      text: slice(root, stmt),
      lines: text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd),
    };
    if (b.kind === 'value') {
      const annotation = annotationOf(root, b.stmt);
      if (annotation !== undefined) assignment.annotation = annotation;
      if (b.quote) assignment.quote = b.quote;
      const value = valueSpan(root, b);
      if (value) assignment.valueAt = { from: value.from - lineStart, to: value.to - lineStart };
    }
    return problem ? { assignment, problem } : { assignment };
  }

  private async resolveBinding(m: Module, b: Binding, name: string, ref: Span): Promise<Result> {
    const key = `${m.file}\0${name}\0${b.index}`;
    if (this.stack.includes(key)) return fail(m, ref, `import cycle through \`${name}\``);
    if (this.stack.length >= MAX_DEPTH) return fail(m, ref, 'too many nested references');
    this.stack.push(key);
    try {
      if (b.kind === 'opaque') return fail(m, b.at, b.reason);
      if (b.kind === 'import') {
        const module: ModuleValue = { t: 'module', dotted: b.module, from: m.file };
        return b.attr === undefined ? { value: module } : await this.attribute(m, ref, module, b.attr);
      }
      const r = await this.evalNodes(m, b.value, b.index);
      if ('fail' in r || b.element === undefined) return r;
      if (r.value.t !== 'seq' || r.value.items.length !== b.arity) {
        return fail(m, span(m, b.value[0]), `cannot unpack into ${b.arity} names`);
      }
      return { value: r.value.items[b.element] };
    } finally {
      this.stack.pop();
    }
  }

  /** A value group: one expression, or a bare tuple `a, b`. */
  private async evalNodes(m: Module, nodes: SyntaxNode[], before: number): Promise<Result> {
    const exprs = nodes.filter((n) => !isPunct(n));
    if (exprs.length === 1 && !nodes.some((n) => n.name === ',')) return this.eval(m, exprs[0], before);
    return this.evalItems(m, exprs, before);
  }

  private async evalItems(m: Module, exprs: SyntaxNode[], before: number): Promise<Result> {
    const items: Value[] = [];
    for (const e of exprs) {
      const r = await this.eval(m, e, before);
      if ('fail' in r) return r;
      items.push(r.value);
    }
    return { value: { t: 'seq', items } };
  }

  private async eval(m: Module, node: SyntaxNode, before: number): Promise<Result> {
    switch (node.name) {
      case 'None':
        return { value: { t: 'none' } };
      case 'Number':
      case 'Boolean':
        return { value: { t: 'other', text: src(m, node) } };
      case 'String': {
        const lit = stringLiteralValue(src(m, node));
        return lit ? { value: { t: 'str', v: lit.value } } : fail(m, span(m, node));
      }
      case 'ContinuedString': {
        let v = '';
        for (const part of children(node).filter((k) => k.name !== 'Comment')) {
          const lit = part.name === 'String' ? stringLiteralValue(src(m, part)) : undefined;
          if (!lit) return fail(m, span(m, part));
          v += lit.value;
        }
        return { value: { t: 'str', v } };
      }
      case 'ParenthesizedExpression':
        return this.evalNodes(m, children(node), before);
      case 'TupleExpression':
      case 'ArrayExpression': {
        const kids = children(node);
        if (kids.some((k) => k.name === '*')) return fail(m, span(m, node));
        return this.evalItems(
          m,
          kids.filter((k) => !isPunct(k)),
          before,
        );
      }
      case 'VariableName': {
        const name = pyName(src(m, node));
        const b = await this.lookup(m, name, before);
        const at = span(m, node);
        if (!b)
          return fail(
            m,
            at,
            `\`${name}\` is not defined at module level${m === this.root ? '' : ` in ${m.file}`}`,
          );
        return this.local(m, at, await this.resolveBinding(m, b, name, at));
      }
      case 'MemberExpression': {
        const kids = children(node);
        const at = span(m, node);
        if (kids.length !== 3 || kids[1].name !== '.' || kids[2].name !== 'PropertyName') return fail(m, at);
        const obj = await this.eval(m, kids[0], before);
        if ('fail' in obj) return obj;
        if (obj.value.t !== 'module') return fail(m, at);
        return this.local(m, at, await this.attribute(m, at, obj.value, pyName(src(m, kids[2]))));
      }
      default:
        return fail(m, span(m, node));
    }
  }

  /** `module.attr`: a name bound in the module, else a submodule. */
  private async attribute(m: Module, ref: Span, module: ModuleValue, attr: string): Promise<Result> {
    const target = await this.load(module.dotted, module.from);
    // Python cannot import a module with a syntax error: Alembic fails on the revision file that does.
    if (target?.syntaxError)
      return fail(
        m,
        ref,
        `${target.file}:${target.lines.at(target.syntaxError.offset).line} has a syntax error, so Python cannot import it`,
      );
    if (target) {
      const b = await this.lookup(target, attr, Infinity);
      if (b) return this.resolveBinding(target, b, attr, b.kind === 'value' ? span(target, b.stmt) : b.at);
    }
    const dotted = module.dotted.endsWith('.') ? module.dotted + attr : `${module.dotted}.${attr}`;
    if (await this.load(dotted, module.from)) return { value: { t: 'module', dotted, from: module.from } };
    if (target) return fail(m, ref, `\`${attr}\` is not defined in ${target.file}`);
    return fail(m, ref, this.loader ? `module \`${module.dotted}\` not found` : 'imports are not followed');
  }

  /** Failures inside another module are reported at the expression of `m` that led there. */
  private local(m: Module, at: Span, r: Result): Result {
    return 'fail' in r && r.fail.module !== m ? { fail: this.wrap(m, at, r.fail) } : r;
  }

  private wrap(m: Module, at: Span, f: Fail): Fail {
    const where = `\`${short(slice(f.module, f.at))}\` at ${f.module.file}:${f.module.lines.at(f.at.from).line}`;
    return { module: m, at, detail: f.detail ? `${where}: ${f.detail}` : `${where} is not a constant` };
  }

  /** The binding of `name` visible before the statement at `before` (the module runs top to bottom). */
  private async lookup(m: Module, name: string, before: number): Promise<Binding | undefined> {
    const list = bindingsOf(m, name);
    let found: Binding | undefined;
    for (let k = list.length - 1; k >= 0 && !found; k--) if (list[k].index < before) found = list[k];
    for (let s = m.stars.length - 1; s >= 0; s--) {
      const star = m.stars[s];
      if (star.index >= before || (found && star.index < found.index)) continue;
      const target = await this.load(star.module, m.file);
      const exported = target && (await this.exports(target, name));
      if (exported === true)
        return { kind: 'import', index: star.index, at: star.at, module: star.module, attr: name };
      if (exported) return { kind: 'opaque', index: star.index, at: star.at, reason: exported };
    }
    return found;
  }

  /**
   * Whether `from target import *` binds `name`: the names in the module's `__all__`, else its names not
   * starting with `_`. A string says why that cannot be told (an `__all__` that is no literal list).
   */
  private async exports(target: Module, name: string): Promise<boolean | string> {
    if (!bindingsOf(target, name).length) return false;
    const all = bindingsOf(target, '__all__');
    if (!all.length) return !name.startsWith('_');
    const last = all[all.length - 1];
    const r = await this.resolveBinding(
      target,
      last,
      '__all__',
      last.kind === 'value' ? span(target, last.stmt) : last.at,
    );
    if ('value' in r && r.value.t === 'seq' && r.value.items.every((i) => i.t === 'str'))
      return r.value.items.some((i) => i.t === 'str' && i.v === name);
    return `\`__all__\` of ${target.file} is not a literal list of strings: what \`import *\` binds is unknown`;
  }

  private load(dotted: string, from: string): Promise<Module | undefined> {
    const loader = this.loader;
    if (!loader) return Promise.resolve(undefined);
    const key = dotted.startsWith('.') ? `${from}\0${dotted}` : dotted;
    let p = this.loads.get(key);
    if (!p) {
      p = loader(dotted, from).then(
        (loaded) => (loaded ? cachedModule(loaded.file, loaded.text) : undefined),
        () => undefined,
      );
      this.loads.set(key, p);
    }
    return p;
  }
}

/**
 * The source span of the expression a binding takes its value from: the whole right-hand side, or for
 * `a, name = x, y` the element that lands in the name. Undefined when that element cannot be singled out.
 */
function valueSpan(m: Module, b: Extract<Binding, { kind: 'value' }>): Span | undefined {
  let exprs = b.value.filter((n) => !isPunct(n));
  if (!exprs.length) return undefined;
  if (b.element !== undefined) {
    if (exprs.length === 1 && exprs.length !== b.arity) {
      const only = exprs[0];
      if (only.name !== 'TupleExpression' && only.name !== 'ArrayExpression') return undefined;
      exprs = children(only).filter((n) => !isPunct(n));
    }
    const one = exprs.length === b.arity ? exprs[b.element] : undefined;
    return one && span(m, one);
  }
  return { from: span(m, exprs[0]).from, to: span(m, exprs[exprs.length - 1]).to };
}

/** Synchronous evaluation of plain literals (strings, None, tuples/lists of them); else undefined. */
function literal(m: Module, nodes: SyntaxNode[]): Value | undefined {
  const plan = literalPlan(nodes);
  return plan && readLiteral(m, plan);
}

/** A field's outcome as a lean parse keeps it: the value and where its statement starts. */
function leanOutcome(
  name: Field,
  v: Value,
  start: { line: number; column: number },
): Exclude<FieldOutcome, 'missing' | 'broken'> {
  const converted = convert(name, v);
  let problem: ParseProblem | undefined;
  let value: string | string[];
  if (typeof converted === 'object' && 'invalid' in converted) {
    problem = invalid(converted.invalid, start.line, start.column);
    if (!converted.fallback) return { problem };
    value = converted.fallback;
  } else value = converted;
  const { line, column } = start;
  const assignment = { value, line, column, endLine: line, endColumn: column, text: '' };
  return problem ? { assignment, problem } : { assignment };
}

// ---------------------------------------------------------------------------------------------
// Lean plans. Files written from one template differ only in their string contents (and def/class
// bodies), so when each field's last binding is a plain literal, which string literal holds which
// value is the same for all of them: worked out once, then each file just reads its own strings.

/** A literal's shape: None, a string (its span in the reduced text), or a tuple/list of such. */
type LiteralPlan =
  { t: 'none' } | { t: 'str'; from: number; to: number } | { t: 'seq'; items: LiteralPlan[] };
/** Per field (in FIELDS order): missing, or the statement's reduced offset and its literal. */
type LeanPlan = ('missing' | { stmt: number; value: LiteralPlan })[];

function leanPlanOf(shape: Shape): LeanPlan | null {
  if (shape.lean !== undefined) return shape.lean;
  let plan: LeanPlan | null = null;
  // A star import may rebind any name, and a syntax error may have swallowed one: those resolve in full.
  if (!shape.stars.length && !shape.errors.length) {
    plan = [];
    for (const name of FIELDS) {
      const list = shape.bindings.get(name);
      const b = list?.[list.length - 1];
      if (!b) {
        plan.push('missing');
        continue;
      }
      const value = b.kind === 'value' && b.element === undefined ? literalPlan(b.value) : undefined;
      if (!value || b.kind !== 'value') {
        plan = null;
        break;
      }
      plan.push({ stmt: b.stmt.from, value });
    }
  }
  shape.lean = plan;
  return plan;
}

/** The plan of what `literal` accepts: one None, string, or tuple/list of them. */
function literalPlan(nodes: SyntaxNode[]): LiteralPlan | undefined {
  const exprs = nodes.filter((n) => !isPunct(n));
  if (exprs.length !== 1 || nodes.some((n) => n.name === ',')) return undefined;
  const one = (node: SyntaxNode): LiteralPlan | undefined => {
    switch (node.name) {
      case 'None':
        return { t: 'none' };
      case 'String':
        return { t: 'str', from: node.from, to: node.to };
      case 'TupleExpression':
      case 'ArrayExpression': {
        const items: LiteralPlan[] = [];
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === '*') return undefined;
          if (isPunct(c)) continue;
          const v = one(c);
          if (!v) return undefined;
          items.push(v);
        }
        return { t: 'seq', items };
      }
      default:
        return undefined;
    }
  };
  return one(exprs[0]);
}

/**
 * The four fields of a lean parse by its template's plan; undefined when this file needs the full path
 * (no plan, a def/class named like a field, a string that is not a plain literal).
 */
function leanFields(mod: Module): FieldOutcome[] | undefined {
  const plan = leanPlanOf(mod.shape);
  if (!plan) return undefined;
  const reduced = mod.reduced;
  for (const block of reduced.blocks)
    if ((FIELDS as readonly string[]).includes(block.name)) return undefined;
  if (mod.text.includes('global')) return undefined; // see globalIn
  const out: FieldOutcome[] = [];
  for (let f = 0; f < FIELDS.length; f++) {
    const p = plan[f];
    if (p === 'missing') {
      out.push('missing');
      continue;
    }
    const value = readLiteral(mod, p.value);
    if (!value) return undefined;
    out.push(leanOutcome(FIELDS[f], value, mod.lines.at(reduced.toSource(p.stmt))));
  }
  return out;
}

/** A literal of `mod` by its plan; undefined for a string that is not a plain literal (bytes, f-string). */
function readLiteral(mod: Module, p: LiteralPlan): Value | undefined {
  if (p.t === 'none') return { t: 'none' };
  if (p.t === 'str') {
    const raw = mod.text.slice(mod.reduced.toSource(p.from), mod.reduced.toSource(p.to, true));
    const lit = stringLiteralValue(raw);
    return lit && { t: 'str', v: lit.value };
  }
  const items: Value[] = [];
  for (const item of p.items) {
    const v = readLiteral(mod, item);
    if (!v) return undefined;
    items.push(v);
  }
  return { t: 'seq', items };
}

function cachedModule(file: string, raw: string): Module {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const hit = moduleCache.get(file);
  if (hit && hit.text === text) return hit;
  const mod = analyzeModule(file, text, false);
  moduleCache.delete(file);
  moduleCache.set(file, mod);
  if (moduleCache.size > MODULE_CACHE_SIZE) moduleCache.delete(moduleCache.keys().next().value!);
  return mod;
}

/** `fallback`: what Alembic 1.8 still reads, so the graph keeps the file while the problem is reported. */
function convert(name: Field, v: Value): string | string[] | { invalid: string; fallback?: string[] } {
  const describe = (x: Value) =>
    x.t === 'str'
      ? `'${x.v}'`
      : x.t === 'none'
        ? 'None'
        : x.t === 'seq'
          ? 'a tuple'
          : x.t === 'other'
            ? x.text
            : 'a module';
  if (name === 'revision') {
    if (v.t !== 'str') return { invalid: `\`revision\` must be a string, not ${describe(v)}` };
    if (v.v === '') return { invalid: '`revision` is an empty string' };
    return v.v;
  }
  if (v.t === 'none') return [];
  if (name === 'down_revision' && v.t === 'str' && v.v === '') {
    return {
      invalid:
        '`down_revision` is an empty string: Alembic 1.8 reads it as a base, newer releases reject it; write None',
      fallback: [],
    };
  }
  const ids: string[] = [];
  const n = v.t === 'seq' ? v.items.length : 1;
  for (let k = 0; k < n; k++) {
    const item = v.t === 'seq' ? v.items[k] : v;
    if (item.t !== 'str') return { invalid: `\`${name}\` must hold strings, not ${describe(item)}` };
    if (item.v === '') return { invalid: `\`${name}\` holds an empty string` };
    ids.push(item.v);
  }
  return ids;
}

function fail(module: Module, at: Span, detail?: string): { fail: Fail } {
  return { fail: { module, at, detail } };
}

// ---------------------------------------------------------------------------------------------
// Docstring and small tree helpers. Tree offsets are in the reduced text: map them with `pos`.

function readDocstring(mod: Module): ParsedRevisionFile['docstring'] {
  let first = mod.top.firstChild;
  while (first && first.name === 'Comment') first = first.nextSibling;
  if (!first || first.name !== 'ExpressionStatement' || pos(mod, first) !== mod.reduced.firstStatement)
    return;
  const str = first.firstChild;
  if (!str || (str.name !== 'String' && str.name !== 'ContinuedString') || str.nextSibling) return;
  if (/^[^'"]*[bBfFtT]/.test(src(mod, str))) return;
  const { from, to } = span(mod, str);
  const text = mod.text;
  const start = mod.lines.at(from).line;
  const doc: NonNullable<ParsedRevisionFile['docstring']> = { line: start };
  // The docstring's lines, whole: from the start of its first line to the end of its last.
  const head = text.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = text.indexOf('\n', to);
  const last = lineEnd < 0 ? text.length : lineEnd;
  const lineOf = (at: number) => {
    const end = text.indexOf('\n', at);
    return { from: text.lastIndexOf('\n', at) + 1, to: end < 0 || end > last ? last : end };
  };
  const id = text.indexOf('Revision ID:', head);
  if (id >= 0 && id < last) {
    const line = lineOf(id);
    doc.revisionId = /^[ \t]*([^\s'"]*)/.exec(text.slice(id + 12, line.to))![1];
    doc.revisionIdLine = mod.lines.at(id).line;
    doc.revisionIdText = text.slice(line.from, line.to);
  }
  const rev = text.indexOf('Revises:', head);
  if (rev >= 0 && rev < last) {
    const line = lineOf(rev);
    const ids = text
      .slice(rev + 8, line.to)
      .replace(/("""|'''|["'])\s*$/, '')
      .split(/[\s,]+/)
      .filter(Boolean);
    doc.revises = ids.length === 1 && ids[0] === 'None' ? [] : ids;
    doc.revisesLine = mod.lines.at(rev).line;
    doc.revisesText = text.slice(line.from, line.to);
  }
  return doc;
}

function annotationOf(mod: Module, stmt: SyntaxNode): string | undefined {
  const typeDef = children(stmt).find((k) => k.name === 'TypeDef');
  return typeDef ? src(mod, typeDef).replace(/^:/, '').trim() : undefined;
}

/** Quotes are copied verbatim into the reduced text, so its tree tells them. */
function firstQuote(text: string, nodes: SyntaxNode[]): "'" | '"' | undefined {
  for (const n of nodes) {
    const c = n.cursor();
    do {
      if (c.name === 'String') return /['"]/.exec(text.slice(c.from, c.to))?.[0] as "'" | '"';
    } while (c.next() && c.from < n.to);
  }
  return undefined;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function splitOn(nodes: SyntaxNode[], sep: string): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === sep) groups.push([]);
    else if (n.name !== 'Comment') groups[groups.length - 1].push(n);
  }
  return groups;
}

function isPunct(n: SyntaxNode): boolean {
  return ['(', ')', '[', ']', ',', ';', 'Comment'].includes(n.name);
}

function pos(mod: Module, node: SyntaxNode): number {
  return mod.reduced.toSource(node.from);
}

function span(mod: Module, node: SyntaxNode): Span {
  return { from: mod.reduced.toSource(node.from), to: mod.reduced.toSource(node.to, true) };
}

function src(mod: Module, node: SyntaxNode): string {
  return slice(mod, span(mod, node));
}

function slice(mod: Module, at: Span): string {
  return mod.text.slice(at.from, at.to);
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}

function near(text: string, offset: number): string {
  const lineEnd = text.indexOf('\n', offset);
  return short(text.slice(offset, lineEnd < 0 ? undefined : lineEnd)) || 'end of line';
}
