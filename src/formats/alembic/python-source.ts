/**
 * Lexical helpers for Python source: decoding (PEP 263), a line index, string literal values, and the
 * pre-pass that hands lezer only the module-level statements Alembic's variables can depend on.
 */
import { isAscii, isUtf8 } from 'node:buffer';

export interface SourceError {
  offset: number;
  message: string;
}

export interface DecodedSource {
  /** Decoded text with the BOM removed and line endings normalized to `\n`; undefined when undecodable. */
  text?: string;
  /** Encoding trouble; `text` may still be a lossy decoding (invalid UTF-8 without a cookie). */
  problem?: { message: string; line: number; column: number };
}

const BOM = [0xef, 0xbb, 0xbf];
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const BLANK_OR_COMMENT = /^[ \t\f]*(?:#|$)/;
/** As bytes: a string needle is encoded anew on every search. */
const CODING = Buffer.from('coding');

export function decodePythonSource(content: Buffer): DecodedSource {
  const nul = content.indexOf(0);
  if (nul >= 0) {
    const at = byteLineColumn(content, nul);
    return { problem: { message: 'binary file (contains NUL bytes)', ...at } };
  }
  const hasBom = content[0] === BOM[0] && content[1] === BOM[1] && content[2] === BOM[2];
  const bytes = hasBom ? content.subarray(3) : content;
  const cookie = codingCookie(bytes);
  const encoding = cookie ? normalizeEncoding(cookie) : 'utf-8';
  if (hasBom && encoding !== 'utf-8') {
    return {
      problem: { message: `coding cookie \`${cookie}\` conflicts with the UTF-8 BOM`, line: 1, column: 0 },
    };
  }
  if (encoding === 'latin-1') return { text: normalizeNewlines(bytes.toString('latin1')) };
  if (encoding === 'ascii') {
    const bad = bytes.findIndex((b) => b >= 0x80);
    if (bad < 0) return { text: normalizeNewlines(bytes.toString('latin1')) };
    const at = byteLineColumn(bytes, bad);
    return { problem: { message: `not valid ascii (byte 0x${bytes[bad].toString(16)})`, ...at } };
  }
  if (encoding !== 'utf-8') {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      return { problem: { message: `unknown encoding \`${cookie}\``, line: 1, column: 0 } };
    }
    try {
      return { text: normalizeNewlines(decoder.decode(bytes)) };
    } catch {
      return { problem: { message: `not valid ${cookie}`, line: 1, column: 0 } };
    }
  }
  // Validate natively first: most files are ASCII, and the exception path of a fatal decoder is slow.
  if (isAscii(bytes)) return { text: normalizeNewlines(bytes.toString('latin1')) };
  if (isUtf8(bytes)) return { text: normalizeNewlines(bytes.toString('utf8')) };
  // Python's import compiles the bytes and decodes only what it tokenizes: comments are skipped undecoded.
  const bad = invalidUtf8OutsideComments(bytes);
  if (bad < 0) return { text: normalizeNewlines(new TextDecoder('utf-8').decode(bytes)) };
  // Python refuses the file; keep a lossy decoding so the graph still sees the ids.
  const at = byteLineColumn(bytes, bad);
  return {
    text: normalizeNewlines(new TextDecoder('utf-8').decode(bytes)),
    problem: {
      message: `not valid UTF-8 (byte 0x${bytes[bad].toString(16)}) and no coding cookie`,
      ...at,
    },
  };
}

/** PEP 263: the cookie sits on line 1, or on line 2 when line 1 is blank or a comment. */
function codingCookie(bytes: Buffer): string | undefined {
  // A cookie is a comment. Line 1 holding code (most files open with their docstring) has none, and
  // rules out line 2 too: that one counts only after a blank or comment line 1.
  let i = 0;
  while (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 12) i++;
  if (i < bytes.length && bytes[i] !== 35 && bytes[i] !== 10 && bytes[i] !== 13) return undefined;
  // Fast exit without decoding anything: no "coding" in a span that covers the first two lines.
  const nl = bytes.indexOf(10);
  const nl2 = nl < 0 ? -1 : bytes.indexOf(10, nl + 1);
  const c = bytes.indexOf(CODING);
  if (c < 0 || (nl2 >= 0 && c > nl2)) return undefined;
  const head = bytes
    .subarray(0, 1024)
    .toString('latin1')
    .split(/\r\n|\r|\n/, 2);
  const first = COOKIE.exec(head[0] ?? '');
  if (first) return first[1];
  if (head.length > 1 && BLANK_OR_COMMENT.test(head[0])) return COOKIE.exec(head[1])?.[1];
  return undefined;
}

/** Python's own normalization: `latin-1*`, `iso-8859-1*`, `iso-latin-1*` and `utf-8*` prefixes. */
function normalizeEncoding(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf-8' || n.startsWith('utf-8-') || n === 'utf8') return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(n) || n === 'latin1' || n === 'l1') return 'latin-1';
  if (n === 'ascii' || n === 'us-ascii') return 'ascii';
  return n;
}

/** CRLF and lone CR are newlines to Python; `\n` only keeps lines and columns and drops the `\r`. */
function normalizeNewlines(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/**
 * The offset of the first invalid UTF-8 sequence that is not inside a comment, else -1. A small scan of
 * strings (either quote, triple or not, backslash escapes) and comments is enough: a `#` inside a string
 * starts no comment, and an invalid byte anywhere else is refused by CPython's tokenizer.
 */
function invalidUtf8OutsideComments(b: Buffer): number {
  const n = b.length;
  let quote = 0; // the open string's quote, 0 outside strings
  let triple = false;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c >= 0x80) {
      const len = utf8Length(b, i);
      if (len < 0) return i;
      i += len;
    } else if (quote) {
      if (c === BACKSLASH) i += 2;
      else if (c === quote && (!triple || (b[i + 1] === quote && b[i + 2] === quote))) {
        i += triple ? 3 : 1;
        quote = 0;
      } else {
        if ((c === NL || c === 13) && !triple) quote = 0; // unterminated: the lexer reports it
        i++;
      }
    } else if (c === HASH) {
      while (i < n && b[i] !== NL && b[i] !== 13) i++;
    } else if (c === 34 || c === 39) {
      triple = b[i + 1] === c && b[i + 2] === c;
      quote = c;
      i += triple ? 3 : 1;
    } else i++;
  }
  return -1;
}

/** The length of the valid UTF-8 sequence at `i` (a lead byte of 0x80 or more), else -1. */
function utf8Length(b: Buffer, i: number): number {
  const c = b[i];
  const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
  if (need < 0) return -1;
  for (let k = 1; k <= need; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return -1;
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
  const d = b[i + 1];
  if (
    (c === 0xe0 && d < 0xa0) ||
    (c === 0xed && d > 0x9f) ||
    (c === 0xf0 && d < 0x90) ||
    (c === 0xf4 && d > 0x8f)
  )
    return -1;
  return need + 1;
}

function byteLineColumn(b: Buffer, offset: number): { line: number; column: number } {
  // CRLF and a lone CR end a line too, as for Python.
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = b[i];
    if (c === 10 || (c === 13 && b[i + 1] !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start };
}

/**
 * Offset → 1-based line / 0-based column. Lookups that move forward (a lean parse asks for its few
 * statements in file order) count newlines from the last one; a lookup behind it builds the index of
 * every line start once.
 */
export class LineIndex {
  private starts: number[] | undefined;
  /** The last forward lookup: its line and where that line starts. */
  private line = 1;
  private lineStart = 0;
  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    if (this.starts === undefined && offset >= this.lineStart) {
      const text = this.text;
      let line = this.line;
      let start = this.lineStart;
      for (let nl = text.indexOf('\n', start); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
        line++;
        start = nl + 1;
      }
      this.line = line;
      this.lineStart = start;
      return { line, column: offset - start };
    }
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Value of a plain or implicitly-concatenated-part string literal; undefined for bytes/f/t-strings. */
export function stringLiteralValue(raw: string): { value: string; quote: "'" | '"' } | undefined {
  // Char codes, no case-folded or repeated strings: this runs for every literal a lean parse reads.
  let p = 0;
  while (p < raw.length && raw.charCodeAt(p) !== DQUOTE && raw.charCodeAt(p) !== SQUOTE) p++;
  // The prefix: none, r or u, in either case (b, f and t make no plain str).
  const raw0 = p === 1 ? raw.charCodeAt(0) | 0x20 : 0;
  if (p > 1 || (p === 1 && raw0 !== CH_R && raw0 !== CH_U)) return undefined;
  const quote = raw.charCodeAt(p);
  const triple = raw.charCodeAt(p + 1) === quote && raw.charCodeAt(p + 2) === quote;
  const q = triple ? 3 : 1;
  const n = raw.length;
  if (n < p + 2 * q) return undefined;
  for (let k = 1; k <= q; k++) if (raw.charCodeAt(n - k) !== quote) return undefined;
  const body = raw.slice(p + q, n - q);
  const quoteChar = quote === DQUOTE ? '"' : "'";
  if (raw0 === CH_R) return { value: body, quote: quoteChar };
  const value = unescape(body);
  return value === undefined ? undefined : { value, quote: quoteChar };
}

const DQUOTE = 34;
const SQUOTE = 39;

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function unescape(body: string): string | undefined {
  if (body.indexOf('\\') < 0) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCodePoint(parseInt(m, 8));
      i += m.length - 1;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return undefined;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (e === 'N')
      return undefined; // needs the Unicode name table
    else out += '\\' + (e ?? '');
  }
  return out;
}

export interface DroppedBlock {
  keyword: 'def' | 'class';
  name: string;
  /** Source offset of the name after `def`/`class`. */
  nameFrom: number;
  /** Source offset of the statement (its first decorator when decorated). */
  from: number;
}

export interface ReducedSource {
  /** What lezer parses: the module-level statements Alembic's variables can depend on. */
  readonly text: string;
  /**
   * The same before the touches lezer's grammar needs (see forLezer), which `text` is made from when first
   * read: equal for every file of one template, so what its parse is found by without making `text`.
   */
  readonly key: string;
  /** Maps an offset of `text` back to the source; `end` picks the earlier piece at a seam. */
  toSource(offset: number, end?: boolean): number;
  /** Module-level def/class statements left out; they only bind their names. */
  blocks: DroppedBlock[];
  /** Source offset of the module's first statement (for the docstring), -1 when there is none. */
  firstStatement: number;
  /** First lexical error (unterminated string, unbalanced bracket); nothing is left out then. */
  error?: SourceError;
}

/** A growable list of offsets, reused across calls so the per-line, per-string work allocates nothing. */
class IntList {
  data = new Int32Array(256);
  size = 0;
  push(x: number): void {
    if (this.size === this.data.length) {
      const bigger = new Int32Array(this.size * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = x;
  }
  pop(): number | undefined {
    return this.size ? this.data[--this.size] : undefined;
  }
}

/*
 * Why a pre-pass: lezer's Python grammar costs ~10 µs per statement and as much again per few
 * hundred bytes of whitespace, so parsing whole revision files (or files with blanked bodies) is
 * far slower than Alembic. The lexer below finds module-level statements; lezer then sees only the
 * ones that are not def/class blocks, without string contents, so files of one template share one parse.
 * Offsets map back to the source exactly.
 */
export function reducePythonSource(text: string, reduce = true): ReducedSource {
  let count: number;
  stringRanges.size = 0;
  continuations.size = 0;
  stringContents = stringRanges;
  insideFormat = 0;
  try {
    count = splitStatements(text);
  } catch (e) {
    if (e instanceof LexError) return new Reduction(text, -1, { offset: e.offset, message: e.message });
    throw e;
  } finally {
    stringContents = undefined;
  }
  const first = count ? statementPool[0].from : -1;
  const reduction = new Reduction(text, first);
  if (reduce) reduction.build(text, statementPool, count);
  return reduction;
}

/**
 * A float with a trailing dot (`5.`, `1_0.`) is one token to CPython; lezer's grammar reads `5` and a member
 * access with no name. The dot becomes a space: the same length, the same syntax. String contents are
 * already left out of the reduced text, so only code is touched.
 */
const TRAILING_DOT = /(?<![\w.])(\d[\d_]*)\.(?!\w)/g;
function forLezer(text: string): string {
  return text.replace(TRAILING_DOT, '$1 ');
}

/** Where each piece starts, in the reduced text then in the source, in pairs. */
const NO_STARTS: number[] = [];

/** A reduced text and its offset map; without build() it is the identity (the whole source). */
class Reduction implements ReducedSource {
  blocks: DroppedBlock[] = [];
  /** Piece starts in pairs: [reduced, source, reduced, source, …]; a plain array, which costs less to make than typed ones. */
  private starts = NO_STARTS;
  private lezerText?: string;
  /** Whether build() made the key (form feeds may then be left in it). */
  private built = false;

  constructor(
    public key: string,
    readonly firstStatement: number,
    readonly error?: SourceError,
  ) {}

  get text(): string {
    // lezer's grammar has no form feed; CPython reads it as whitespace there (same length: offsets stay).
    const k = this.key;
    return (this.lezerText ??= forLezer(this.built && k.includes('\f') ? k.replaceAll('\f', ' ') : k));
  }

  build(text: string, statements: readonly Statement[], count: number): void {
    const starts = pieceStarts;
    starts.size = 0;
    let out = '';
    // String contents are left out too (`'abc'` reads `''`): lezer's tree does not depend on them, and
    // without them files written from one template reduce to the same text, so one parse serves them all.
    const strings = stringRanges.data;
    const nStrings = stringRanges.size;
    let si = 0;
    // Backslash continuations become two spaces: the same offsets, and one physical line for lezer, whose
    // tokenizer mishandles a continuation onto a comment or a blank line (CPython joins those fine).
    const joins = continuations.data;
    const nJoins = continuations.size;
    let ji = 0;
    const piece = (from: number, to: number) => {
      while (si < nStrings && strings[si] < from) si += 2;
      while (ji < nJoins && joins[ji] < from) ji++;
      let at = from;
      let open = false; // whether the segment starting at `at` has its map entry
      for (;;) {
        const string = si < nStrings && strings[si + 1] <= to ? strings[si] : Infinity;
        const join = ji < nJoins && joins[ji] + 2 <= to ? joins[ji] : Infinity;
        if (string === Infinity && join === Infinity) break;
        if (!open) {
          starts.push(out.length);
          starts.push(at);
          open = true;
        }
        if (join < string) {
          out += text.slice(at, join) + '  ';
          at = join + 2;
          ji++;
          continue;
        }
        if (strings[si + 1] !== strings[si]) {
          out += text.slice(at, string);
          at = strings[si + 1];
          open = false;
        }
        si += 2;
      }
      if (!open) {
        starts.push(out.length);
        starts.push(at);
      }
      out += text.slice(at, to);
    };
    for (let k = 0; k < count; k++) {
      const s = statements[k];
      if (s.kind === 'decorator') {
        let d = k;
        while (statements[d].kind === 'decorator' && d + 1 < count) d++;
        const target = statements[d];
        if (target.kind === 'block' && target.hasBody) {
          this.blocks.push({ ...target.block!, from: s.from });
          k = d;
          continue;
        }
      } else if (s.kind === 'block' && s.hasBody) {
        this.blocks.push({ ...s.block!, from: s.from });
        continue;
      }
      if (out.length) out += '\n';
      piece(s.from, s.end);
    }
    this.key = out;
    this.built = true;
    // An exact-size plain array: a growing one, or a typed one, costs more to make.
    const exact: number[] = new Array(starts.size);
    for (let k = 0; k < starts.size; k++) exact[k] = starts.data[k];
    this.starts = exact;
  }

  toSource(offset: number, end = false): number {
    const starts = this.starts;
    let lo = 0;
    let hi = (starts.length >> 1) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (end ? starts[2 * mid] < offset : starts[2 * mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return hi < 0 ? offset : starts[2 * lo + 1] + (offset - starts[2 * lo]);
  }
}

interface Statement {
  kind: 'block' | 'decorator' | 'other';
  /** Source offsets; `end` is before the newline of the statement's last non-blank logical line. */
  from: number;
  end: number;
  /** def/class: whether a body follows (a missing one is a syntax error left for lezer). */
  hasBody?: boolean;
  block?: Omit<DroppedBlock, 'from'>;
}

/**
 * The statements splitStatements found, reused from file to file: they live only until build() has read
 * them, within one synchronous reducePythonSource call, so a file allocates none.
 */
const statementPool: Statement[] = [];
const pieceStarts = new IntList();

/**
 * Module-level statements: a line at column 0 plus the indented lines that follow it. They are written to
 * statementPool; returns how many.
 */
function splitStatements(text: string): number {
  const n = text.length;
  let count = 0;
  let cur: Statement | undefined;
  // CPython's indentation rules, checked as its tokenizer does (the whole file, def bodies included):
  // the open block levels of the current module-level statement, and whether the last line opened one.
  const levels = indents;
  const altLevels = altIndents;
  levels.size = 0;
  altLevels.size = 0;
  let opened = false;
  let decorator = -1; // the column of a decorator on the line before, which its def must share
  let i = 0;
  while (i < n) {
    let j = i;
    let c = text.charCodeAt(j);
    // Columns as CPython counts them: a tab to the next multiple of 8, a form feed back to 0.
    // `alt` counts a tab as 1: where the two disagree on the order of two lines, the indentation depends on
    // the tab size, which CPython refuses (TabError).
    let col = 0;
    let alt = 0;
    while (c === SPACE || c === TAB || c === FF) {
      col = c === SPACE ? col + 1 : c === TAB ? (col & ~7) + 8 : 0;
      alt = c === FF ? 0 : alt + 1;
      c = text.charCodeAt(++j);
    }
    if (j >= n) break;
    if (c === NL) {
      i = j + 1;
      continue;
    }
    if (c === HASH) {
      const nl = text.indexOf('\n', j);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (col < decorator) throw new LexError(j, 'unexpected unindent');
    decorator = c === AT ? col : -1;
    if (col > 0) {
      // An indentation error stops CPython's tokenizer: nothing of the file runs.
      const top = levels.size ? levels.data[levels.size - 1] : 0;
      const altTop = altLevels.size ? altLevels.data[altLevels.size - 1] : 0;
      if (!cur) throw new LexError(j, 'unexpected indent');
      if (opened) {
        if (col <= top) throw new LexError(j, 'expected an indented block');
        if (alt <= altTop) throw new LexError(j, TAB_ERROR);
        if (levels.size >= MAX_INDENT) throw new LexError(j, 'too many levels of indentation');
        levels.push(col);
        altLevels.push(alt);
      } else if (col > top) throw new LexError(j, 'unexpected indent');
      else if (col < top) {
        while (levels.size && levels.data[levels.size - 1] > col) {
          levels.size--;
          altLevels.size--;
        }
        if ((levels.size ? levels.data[levels.size - 1] : 0) !== col)
          throw new LexError(j, 'unindent does not match any outer indentation level');
        if ((altLevels.size ? altLevels.data[altLevels.size - 1] : 0) !== alt)
          throw new LexError(j, TAB_ERROR);
      } else if (alt !== altTop) throw new LexError(j, TAB_ERROR);
      const stop = scanLine(text, j, false);
      opened = lastColon;
      cur.end = stop;
      if (cur.kind === 'block') cur.hasBody = true;
      i = stop + 1;
      continue;
    }
    // A header with no body (`def f():` then a line at column 0) is left for lezer to report.
    levels.size = 0;
    altLevels.size = 0;
    cur = statementPool[count] ??= { kind: 'other', from: 0, end: 0 };
    classify(text, j, cur);
    const stop = scanLine(text, j, cur.kind === 'block');
    cur.end = stop;
    opened = lastColon;
    if (cur.kind === 'block') {
      // `def f(): pass` has its body on the header line.
      cur.hasBody = headerColon >= 0 && !/^[ \t\f]*(#.*)?$/.test(text.slice(headerColon + 1, stop));
    }
    // A decorator is left out with its def; a bare `@` would then go unseen.
    if (cur.kind === 'decorator' && /^[ \t\f]*(#.*)?$/.test(text.slice(j + 1, stop)))
      throw new LexError(j, 'invalid syntax');
    count++;
    i = stop + 1;
  }
  return count;
}

/** Fills `s` with what the statement starting at `j` is. */
function classify(text: string, j: number, s: Statement): void {
  s.kind = 'other';
  s.from = s.end = j;
  s.hasBody = undefined;
  s.block = undefined;
  if (text.charCodeAt(j) === AT) {
    s.kind = 'decorator';
    return;
  }
  // Keywords compared in place: most statements are assignments, and slicing each one's first word costs.
  let k = j;
  let keyword: 'def' | 'class' | undefined;
  // Plain assignments, not [k, keyword] = […]: that makes an array per statement.
  if (isWord(text, j, 'def')) {
    k = j + 3;
    keyword = 'def';
  } else if (isWord(text, j, 'class')) {
    k = j + 5;
    keyword = 'class';
  } else if (isWord(text, j, 'async')) {
    const d = skipBlank(text, j + 5);
    if (isWord(text, d, 'def')) {
      k = d + 3;
      keyword = 'def';
    }
  }
  if (keyword) {
    const nameFrom = skipBlank(text, k);
    const name = text.slice(nameFrom, identEnd(text, nameFrom));
    if (name) {
      s.kind = 'block';
      s.block = { keyword, name, nameFrom };
    }
  }
}

/** Whether the name starting at `at` is exactly `word`. */
function isWord(text: string, at: number, word: string): boolean {
  return text.startsWith(word, at) && !isIdentChar(text.charCodeAt(at + word.length));
}

function identEnd(text: string, i: number): number {
  if (i < text.length && isDigit(text.charCodeAt(i))) return i;
  while (i < text.length && isIdentChar(text.charCodeAt(i))) i++;
  return i;
}

function skipBlank(text: string, i: number): number {
  while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) i++;
  return i;
}

const NL = 10;
const SPACE = 32;
const TAB = 9;
const FF = 12;
const HASH = 35;
const AT = 64;
const BACKSLASH = 92;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;

/** Character classes for the scanning loop; 0 = nothing to do. */
const K_NL = 1;
const K_HASH = 2;
const K_BACKSLASH = 3;
const K_QUOTE = 4;
const K_OPEN = 5;
const K_CLOSE = 6;
const K_COLON = 7;
const CLASS = new Uint8Array(128);
CLASS[NL] = K_NL;
CLASS[HASH] = K_HASH;
CLASS[BACKSLASH] = K_BACKSLASH;
CLASS[34] = CLASS[39] = K_QUOTE;
CLASS[40] = CLASS[91] = CLASS[LBRACE] = K_OPEN;
CLASS[41] = CLASS[93] = CLASS[RBRACE] = K_CLOSE;
CLASS[COLON] = K_COLON;

class LexError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c >= 128;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Set by scanLine: with `header`, the first `:` outside brackets (else -1); always, whether the line ends in `:`. */
let headerColon = -1;
let lastColon = false;

/**
 * Scans one logical line (strings, comments, brackets, backslash continuations); returns the offset of
 * the newline ending it, or the text length. It runs for every line of every file, so it allocates nothing.
 */
function scanLine(text: string, start: number, header: boolean): number {
  const n = text.length;
  const stack = brackets;
  stack.size = 0;
  let colon = -1;
  let comment = -1; // where a comment starts on the last physical line
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? CLASS[c] : 0;
    if (k === 0) {
      i++;
      continue;
    }
    switch (k) {
      case K_NL:
        if (!stack.size) return endLine(text, i, colon, comment);
        comment = -1;
        i++;
        break;
      case K_HASH: {
        const nl = text.indexOf('\n', i);
        comment = i;
        i = nl < 0 ? n : nl;
        break;
      }
      case K_BACKSLASH:
        // A continuation needs a line to continue onto: at the end of the file CPython finds none.
        if (i + 1 >= n || (i + 2 >= n && text.charCodeAt(i + 1) === NL))
          throw new LexError(i, 'unexpected EOF while parsing');
        if (text.charCodeAt(i + 1) !== NL) i++;
        else {
          if (stringContents) continuations.push(i);
          i += 2;
        }
        break;
      case K_QUOTE:
        i = skipString(text, i);
        break;
      case K_OPEN:
        // CPython's tokenizer stops at 200 (MAXLEVEL); so does this, before a bracket bomb costs the parser.
        if (stack.size >= MAX_NESTING) throw new LexError(i, 'too many nested parentheses');
        stack.push(i++);
        break;
      case K_CLOSE:
        checkCloser(text, stack, i++);
        break;
      case K_COLON:
        if (header && colon < 0 && !stack.size) colon = i;
        i++;
        break;
    }
  }
  if (stack.size) {
    const open = stack.data[stack.size - 1];
    throw new LexError(open, `'${text[open]}' was never closed`);
  }
  return endLine(text, n, colon, comment);
}

/** Records what the logical line ending at `end` says about itself, and returns `end`. */
function endLine(text: string, end: number, colon: number, comment: number): number {
  headerColon = colon;
  let last = (comment >= 0 ? comment : end) - 1;
  for (
    let c = text.charCodeAt(last);
    c === SPACE || c === TAB || c === FF || c === 13;
    c = text.charCodeAt(--last)
  );
  lastColon = text.charCodeAt(last) === COLON;
  return end;
}

const MAX_NESTING = 200;

/** Offsets of the open brackets of the line being scanned (lines never nest). */
const brackets = new IntList();
/** Columns of the open indented blocks while splitting statements (reused: the split allocates nothing per line). */
const indents = new IntList();
const altIndents = new IntList();
const TAB_ERROR = 'inconsistent use of tabs and spaces in indentation';
/** CPython's tokenizer (MAXINDENT 100, counting column 0) refuses a block nested deeper than this. */
const MAX_INDENT = 99;

function checkCloser(text: string, stack: IntList, i: number): void {
  const open = stack.pop();
  if (open === undefined) throw new LexError(i, `unmatched '${text[i]}'`);
  // ( ) are 40 41; [ ] and { } are two apart (91 93, 123 125).
  const o = text.charCodeAt(open);
  if ((o === 40 ? 41 : o + 2) !== text.charCodeAt(i)) {
    throw new LexError(
      i,
      `closing parenthesis '${text[i]}' does not match opening parenthesis '${text[open]}'`,
    );
  }
}

/** Set by stringPrefix: where the literal starts (its prefix letters, else the quote), and whether it is raw. */
let prefixStart = 0;
let prefixRaw = false;

/**
 * The string's prefix is the letters just before its quote, when they are not part of a longer name:
 * r u b f t, or two of them as br rb fr rf tr rt. Returns whether it is an f- or t-string.
 * Char codes only: this runs for every string of every file.
 */
function stringPrefix(text: string, q: number): boolean {
  if (q >= 2 && prefixFree(text, q - 2)) {
    const a = text.charCodeAt(q - 2) | 0x20; // ASCII letters only ever map onto a-z
    const b = text.charCodeAt(q - 1) | 0x20;
    const two =
      (a === CH_B && b === CH_R) ||
      (a === CH_R && (b === CH_B || b === CH_F || b === CH_T)) ||
      ((a === CH_F || a === CH_T) && b === CH_R);
    if (two) {
      prefixStart = q - 2;
      prefixRaw = true; // every two-letter prefix has an r
      return a === CH_F || a === CH_T || b === CH_F || b === CH_T;
    }
  }
  if (q >= 1 && prefixFree(text, q - 1)) {
    const a = text.charCodeAt(q - 1) | 0x20;
    if (a === CH_R || a === CH_U || a === CH_B || a === CH_F || a === CH_T) {
      prefixStart = q - 1;
      prefixRaw = a === CH_R;
      return a === CH_F || a === CH_T;
    }
  }
  prefixStart = q;
  prefixRaw = false;
  return false;
}

/** A prefix starting at s is one when no name character runs into it. */
function prefixFree(text: string, s: number): boolean {
  return s === 0 || !isIdentChar(text.charCodeAt(s - 1));
}

const CH_UPPER_N = 78;
const CH_B = 98;
const CH_F = 102;
const CH_R = 114;
const CH_T = 116;
const CH_U = 117;

/**
 * Content ranges (source offsets, in pairs) of the plain string literals the lexer passes, while
 * reducePythonSource collects them. Strings nested in f-string replacement fields are not collected.
 */
let stringContents: IntList | undefined;
/** What stringContents points to while reducing: one list, reused (consumed before the call returns). */
const stringRanges = new IntList();
/** Offsets of the backslashes of line continuations outside strings, collected while reducing. */
const continuations = new IntList();
let insideFormat = 0;

/** Returns the offset after the string literal whose opening quote is at `q`. */
function skipString(text: string, q: number): number {
  const format = stringPrefix(text, q);
  const start = prefixStart;
  const raw = prefixRaw;
  if (format) insideFormat++;
  try {
    const end = stringEnd(text, q, start, format, raw);
    // A string glued to the next one (`'a''b'`) keeps its text: emptied, the two would read `''''`.
    const quote = text.charCodeAt(q);
    if (stringContents && !format && insideFormat === 0 && text.charCodeAt(end) !== quote) {
      const quoteLen = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote ? 3 : 1;
      stringContents.push(q + quoteLen);
      stringContents.push(end - quoteLen);
    }
    return end;
  } finally {
    if (format) insideFormat--;
  }
}

function stringEnd(text: string, q: number, start: number, format: boolean, raw = false): number {
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  const n = text.length;
  let i = q + (triple ? 3 : 1);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      const d = text.charCodeAt(i + 1);
      // In an f-string a backslash does not escape a brace: `\{x}` is a backslash and a field.
      if (format && d === LBRACE) i++;
      // `\N{EM DASH}` names a character: its braces are no field (a raw string has no such escape).
      else if (format && !raw && d === CH_UPPER_N && text.charCodeAt(i + 2) === LBRACE) {
        const close = text.indexOf('}', i + 3);
        i = close < 0 ? n : close + 1;
      } else i += 2;
    } else if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
      i++;
    } else if (c === NL && !triple) break;
    else if (format && c === LBRACE) {
      if (text.charCodeAt(i + 1) === LBRACE) i += 2;
      else i = skipReplacementField(text, i + 1, start, triple);
    } else i++;
  }
  throw unterminated(start, triple);
}

function unterminated(start: number, triple: boolean): LexError {
  return new LexError(
    start,
    triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal',
  );
}

/** Skips an f-string `{expr!r:spec}` field from just after its `{`; returns the offset after `}`. */
function skipReplacementField(text: string, from: number, stringStart: number, triple: boolean): number {
  const n = text.length;
  let depth = 0;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL && !triple && depth === 0) break;
    if (c === 34 || c === 39) i = skipString(text, i);
    else if (c === 40 || c === 91 || c === LBRACE) {
      depth++;
      i++;
    } else if (c === 41 || c === 93 || c === RBRACE) {
      if (depth === 0 && c === RBRACE) return i + 1;
      depth--;
      i++;
    } else if (c === COLON && depth === 0) {
      // Format spec: literal text with nested fields; quotes are not special here.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === RBRACE) return i + 1;
        if (d === LBRACE) i = skipReplacementField(text, i + 1, stringStart, triple);
        else if (d === NL && !triple) break;
        else i++;
      }
      break;
    } else i++;
  }
  throw unterminated(stringStart, triple);
}
