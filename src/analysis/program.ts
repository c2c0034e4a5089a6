import type { SyntaxNode } from '@lezer/common';
import { decodePythonSource, stringLiteralValue } from '../formats/alembic/python-source.js';

/**
 * A revision file as a program, for telling an edit that changes what runs from one that only changes how
 * the file reads (annotations, reformatting, quotes, comments, the order of imports).
 *
 * - `imports`: what each imported name is bound to (`sa` → `import sqlalchemy`); order does not matter.
 * - `code`: every other module-level statement, `upgrade()` and `downgrade()` included, as a normalized
 *   syntax tree: comments, layout, redundant parentheses, trailing commas, quote style and string prefixes
 *   that do not change a value, digit separators, and docstrings are left out.
 *
 * The module docstring and the assignments of Alembic's identifiers (`revision`, `down_revision`,
 * `branch_labels`, `depends_on`) are left out: their values are compared as Alembic reads them, annotation
 * or not.
 */
export interface Program {
  imports: Map<string, Set<string>>;
  code: string[];
  /** Every name the module's statements read (imports aside), annotations included: they run at import. */
  uses: Set<string>;
}

const IDENTIFIERS = new Set(['revision', 'down_revision', 'branch_labels', 'depends_on']);
const CLOSING = new Set([')', ']', '}']);
/** Where a comma before the closing bracket changes nothing. */
const TRAILING_COMMA_OK = new Set([
  'ArgList',
  'ParamList',
  'ArrayExpression',
  'DictionaryExpression',
  'SetExpression',
  'ArrayComprehensionExpression',
]);

let parser: typeof import('@lezer/python').parser | undefined;

/** The file's program, or undefined when it is not text lezer parses without errors. */
export async function programOf(content: Buffer): Promise<Program | undefined> {
  const { text, problem } = decodePythonSource(content);
  if (text === undefined || problem) return undefined;
  parser ??= (await import('@lezer/python')).parser;
  const tree = parser.parse(text);
  let broken = false;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) broken = true;
      return !broken;
    },
  });
  if (broken) return undefined;
  const program: Program = { imports: new Map(), code: [], uses: new Set() };
  let first = true;
  for (let n = tree.topNode.firstChild; n; n = n.nextSibling) {
    if (n.name === 'Comment') continue;
    const isDocstring = first && docstring(n);
    first = false;
    if (isDocstring) continue;
    if (n.name === 'ImportStatement') {
      bindings(n, text, program.imports);
      continue;
    }
    names(n, text, program.uses);
    if (!identifierAssignment(n, text)) program.code.push(normalized(n, text));
  }
  return program;
}

function names(n: SyntaxNode, text: string, into: Set<string>): void {
  const c = n.cursor();
  do if (c.name === 'VariableName') into.add(text.slice(c.from, c.to));
  while (c.next() && c.from < n.to);
}

/**
 * Whether two programs run the same: the same code, and each name it reads bound as before. An import added
 * or dropped for an annotation (`from typing import Union`) changes no name the code still reads.
 */
export function samePrograms(before: Program, after: Program): boolean {
  if (before.code.length !== after.code.length) return false;
  for (let i = 0; i < before.code.length; i++) if (before.code[i] !== after.code[i]) return false;
  const same = (a?: Set<string>, b?: Set<string>) =>
    (a?.size ?? 0) === (b?.size ?? 0) && [...(a ?? [])].every((s) => b?.has(s));
  if (!same(before.imports.get('*'), after.imports.get('*'))) return false;
  for (const name of new Set([...before.imports.keys(), ...after.imports.keys()]))
    if (after.uses.has(name) && !same(before.imports.get(name), after.imports.get(name))) return false;
  return true;
}

/** A statement that is a lone string: a docstring. */
function docstring(n: SyntaxNode): boolean {
  const only = n.name === 'ExpressionStatement' ? n.firstChild : null;
  return !!only && !only.nextSibling && (only.name === 'String' || only.name === 'ContinuedString');
}

/** `revision = …`, `down_revision: Union[…] = …`: targets that are all Alembic's identifiers. */
function identifierAssignment(n: SyntaxNode, text: string): boolean {
  if (n.name !== 'AssignStatement') return false;
  let targets = 0;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === 'AssignOp') {
      // The last `=` is followed by the value; every `x =` before it names a target.
      if (!c.nextSibling?.nextSibling) break;
      continue;
    }
    if (c.name === 'TypeDef') continue;
    if (c.name !== 'VariableName' || !IDENTIFIERS.has(text.slice(c.from, c.to))) return false;
    targets++;
  }
  return targets > 0;
}

/** The names an import binds, each to what it names. */
function bindings(n: SyntaxNode, text: string, into: Map<string, Set<string>>): void {
  const parts: { name: string; text: string }[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling)
    if (c.name !== 'Comment' && c.name !== '(' && c.name !== ')' && c.name !== ',')
      parts.push({ name: c.name, text: text.slice(c.from, c.to) });
  const bind = (name: string, source: string) => {
    const set = into.get(name) ?? new Set<string>();
    set.add(source);
    into.set(name, set);
  };
  const importAt = parts.findIndex((p) => p.name === 'import');
  if (parts[0]?.name === 'from') {
    const module = parts
      .slice(1, importAt)
      .map((p) => p.text)
      .join('');
    const names = parts.slice(importAt + 1);
    for (let i = 0; i < names.length; i++) {
      const name = names[i].text;
      const alias = names[i + 1]?.name === 'as' ? names[(i += 2)].text : name;
      bind(alias, `from ${module} import ${name}`);
    }
    return;
  }
  // import a.b, c as d: a dotted name up to `as` or the next name.
  const names = parts.slice(importAt + 1);
  for (let i = 0; i < names.length;) {
    let dotted = names[i++].text;
    while (names[i]?.name === '.') {
      dotted += `.${names[i + 1].text}`;
      i += 2;
    }
    if (names[i]?.name === 'as') {
      bind(names[i + 1].text, `import ${dotted}`);
      i += 2;
    } else bind(dotted.split('.')[0], `import ${dotted}`);
  }
}

/** A statement as a normalized tree: what Python compiles, not how it is written. */
function normalized(n: SyntaxNode, text: string): string {
  const out: string[] = [];
  const walk = (node: SyntaxNode): void => {
    const name = node.name;
    if (name === 'Comment') return;
    // `(x)` is `x`: formatters add and drop such parentheses.
    if (name === 'ParenthesizedExpression') {
      for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== '(' && c.name !== ')') walk(c);
      return;
    }
    if (name === 'String' || name === 'ContinuedString') {
      out.push(`S${JSON.stringify(stringValue(node, text))}`);
      return;
    }
    if (!node.firstChild) {
      const raw = text.slice(node.from, node.to);
      out.push(name === 'Number' && /^[\d_]+$/.test(raw) ? String(BigInt(raw.replaceAll('_', ''))) : raw);
      return;
    }
    out.push(`${name}(`);
    let firstStatement = name === 'Body';
    for (let c: SyntaxNode | null = node.firstChild; c; c = c.nextSibling) {
      if (c.name === ',' && trailing(node, c)) continue;
      // The first statement of a body that is a lone string: a docstring, which runs nothing.
      if (firstStatement && c.name !== ':' && c.name !== 'Comment') {
        firstStatement = false;
        if (docstring(c)) continue;
      }
      walk(c);
    }
    out.push(')');
  };
  walk(n);
  return out.join(' ');
}

/** A comma right before the closing bracket, where Python reads the same without it. */
function trailing(parent: SyntaxNode, comma: SyntaxNode): boolean {
  const next = comma.nextSibling;
  if (!next || !CLOSING.has(next.name)) return false;
  if (TRAILING_COMMA_OK.has(parent.name)) return true;
  // `(a, b,)` is `(a, b)`; `(a,)` is a tuple only because of its comma.
  if (parent.name === 'TupleExpression') {
    for (let c = comma.prevSibling; c; c = c.prevSibling) if (c.name === ',') return true;
  }
  return false;
}

/** A string literal's value where it is a plain str (quotes and `u`/`r` prefixes aside); else its text. */
function stringValue(node: SyntaxNode, text: string): string {
  const parts = node.name === 'ContinuedString' ? children(node) : [node];
  let value = '';
  for (const p of parts) {
    const raw = text.slice(p.from, p.to);
    const v = p.name === 'String' ? stringLiteralValue(raw) : undefined;
    if (!v) return `raw:${text.slice(node.from, node.to)}`;
    value += v.value;
  }
  return value;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}
