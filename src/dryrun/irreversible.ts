import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type { Finding } from '../report/model.js';

/** Why a revision cannot be downgraded, read from its `downgrade()`; undefined when it does something. */
export type Irreversible = { kind: 'missing' | 'empty' | 'raises'; line: number };

/** Statements that do nothing: a docstring, `pass`, `...`. */
function isNoOp(node: SyntaxNode, source: string): boolean {
  if (node.name === 'PassStatement' || node.name === 'Comment') return true;
  if (node.name !== 'ExpressionStatement') return false;
  const expr = node.firstChild;
  // SyntaxNode objects are made on each access: compare positions, not identities.
  return (
    !!expr &&
    expr.to === node.lastChild?.to &&
    (expr.name === 'String' || expr.name === 'Ellipsis' || source.slice(expr.from, expr.to) === '...')
  );
}

/** The notice for an irreversible revision, online (with what was skipped) and offline alike. */
export function irreversibleFinding(
  revision: string,
  how: Irreversible,
  environment: string,
  file: string | undefined,
  consequence = '',
): Finding {
  const what = {
    missing: 'has no downgrade()',
    empty: 'has a downgrade() that does nothing',
    raises: 'has a downgrade() that raises',
  }[how.kind];
  return {
    rule: 'irreversible-migration',
    severity: 'notice',
    environment,
    ...(file ? { file, line: how.line } : {}),
    message: `\`${revision}\` ${what}: it cannot be rolled back${consequence}.`,
  };
}

const lineAt = (source: string, offset: number) => source.slice(0, offset).split('\n').length;

/**
 * A deliberately irreversible revision: no module-level `downgrade()`, one whose body does nothing (only a
 * docstring, `pass`, `...`), or one whose first real statement raises. Alembic's template writes `pass` into
 * both functions, so an empty downgrade is the common way to say "no way back". Read with a real Python
 * parser, never from the text.
 */
export function irreversibleDowngrade(source: string): Irreversible | undefined {
  const top = parser.parse(source).topNode;
  let def: SyntaxNode | undefined;
  for (let n = top.firstChild; n; n = n.nextSibling) {
    const fn = n.name === 'DecoratedStatement' ? n.getChild('FunctionDefinition') : n;
    if (fn?.name !== 'FunctionDefinition') continue;
    const name = fn.getChild('VariableName');
    if (name && source.slice(name.from, name.to) === 'downgrade') def = fn;
  }
  if (!def) return { kind: 'missing', line: 1 };
  const body = def.getChild('Body');
  const statements: SyntaxNode[] = [];
  for (let n = body?.firstChild; n; n = n.nextSibling)
    if (n.name !== ':' && !isNoOp(n, source)) statements.push(n);
  if (!statements.length) return { kind: 'empty', line: lineAt(source, def.from) };
  if (statements[0].name === 'RaiseStatement')
    return { kind: 'raises', line: lineAt(source, statements[0].from) };
  return undefined;
}
