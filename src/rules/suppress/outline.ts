/**
 * What suppressions need of a source file, whatever its language: its comments (and whether each stands
 * alone on its line), its statements' line spans, and where its header ends (file-wide suppressions live
 * above it). Python is read with a real parser (@lezer/python); SQL with a scanner that knows its quoting.
 */
import { parser } from '@lezer/python';

export interface Comment {
  /** The comment's text without its marker (`#`, `--`, `/*`). */
  text: string;
  line: number;
  /** Nothing but whitespace before it on its line. */
  standalone: boolean;
  /** Offset of its start. */
  from: number;
}

export interface Span {
  from: number;
  to: number;
  fromLine: number;
  toLine: number;
}

export interface Outline {
  comments: Comment[];
  /** Statements, nested ones included (a `with` block and the calls inside it). */
  statements: Span[];
  /** Offset where the header ends: the first `def` (Python) or the first statement (SQL). */
  headerEnd: number;
}

export type SourceLanguage = 'python' | 'sql';

export function outline(source: string, language: SourceLanguage): Outline {
  return language === 'python' ? pythonOutline(source) : sqlOutline(source);
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return starts;
}

/** 1-based line of an offset (binary search over the line starts). */
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function standaloneAt(source: string, starts: number[], offset: number): boolean {
  const start = starts[lineOf(starts, offset) - 1];
  return source.slice(start, offset).trim() === '';
}

const PY_STATEMENT = /Statement$|^(FunctionDefinition|ClassDefinition)$/;

function pythonOutline(source: string): Outline {
  const starts = lineStarts(source);
  const comments: Comment[] = [];
  const statements: Span[] = [];
  let headerEnd = source.length;
  const cursor = parser.parse(source).cursor();
  do {
    const { name, from, to } = cursor;
    if (name === 'Comment')
      comments.push({
        text: source.slice(from + 1, to),
        line: lineOf(starts, from),
        standalone: standaloneAt(source, starts, from),
        from,
      });
    else if (PY_STATEMENT.test(name)) {
      // The span ends at the statement's last character, not at the newline lezer includes.
      const end = source.slice(from, to).trimEnd().length + from;
      statements.push({
        from,
        to: end,
        fromLine: lineOf(starts, from),
        toLine: lineOf(starts, Math.max(from, end - 1)),
      });
      if (name === 'FunctionDefinition' && cursor.node.parent?.name === 'Script')
        headerEnd = Math.min(headerEnd, from);
    }
  } while (cursor.next());
  return { comments, statements, headerEnd };
}

/** SQL: `--` and block comments, statements ended by `;` outside quotes ('', "", $tag$) and comments. */
function sqlOutline(source: string): Outline {
  const starts = lineStarts(source);
  const comments: Comment[] = [];
  const statements: Span[] = [];
  let stmtStart = -1;
  const close = (end: number) => {
    if (stmtStart < 0) return;
    statements.push({
      from: stmtStart,
      to: end,
      fromLine: lineOf(starts, stmtStart),
      toLine: lineOf(starts, end - 1),
    });
    stmtStart = -1;
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '-' && source[i + 1] === '-') {
      const end = source.indexOf('\n', i);
      const to = end < 0 ? source.length : end;
      comments.push({
        text: source.slice(i + 2, to),
        line: lineOf(starts, i),
        standalone: standaloneAt(source, starts, i),
        from: i,
      });
      i = to;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const to = end < 0 ? source.length : end;
      comments.push({
        text: source.slice(i + 2, to),
        line: lineOf(starts, i),
        standalone: standaloneAt(source, starts, i),
        from: i,
      });
      i = end < 0 ? source.length : end + 2;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      if (stmtStart < 0) stmtStart = i;
      i = skipQuoted(source, i, ch);
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(source.slice(i, i + 64))) {
      if (stmtStart < 0) stmtStart = i;
      const tag = /^\$[A-Za-z_]*\$/.exec(source.slice(i, i + 64))![0];
      const end = source.indexOf(tag, i + tag.length);
      i = end < 0 ? source.length : end + tag.length;
    } else if (ch === ';') {
      close(i + 1);
      i++;
    } else {
      if (stmtStart < 0 && !/\s/.test(ch)) stmtStart = i;
      i++;
    }
  }
  close(source.length);
  return { comments, statements, headerEnd: statements[0]?.from ?? source.length };
}

/** Past a quoted run; a doubled quote is an escaped one. */
function skipQuoted(source: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < source.length) {
    if (source[i] === quote && source[i + 1] === quote) i += 2;
    else if (source[i] === quote) return i + 1;
    else i++;
  }
  return i;
}
