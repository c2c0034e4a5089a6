/**
 * Keeping migration text inert: inside Markdown no HTML, no closing our fences, no @-mentions; on a terminal no
 * control characters.
 */

const ZWJ = '\u200d';

/** Break @mentions and #references-to-teams without changing what a reader sees. */
export function defuseMentions(s: string): string {
  return s.replace(/@(?=[A-Za-z0-9])/g, `@${ZWJ}`);
}

/** Text for inline Markdown: HTML-escaped, Markdown punctuation neutralised, mentions defused. */
export function inline(s: string): string {
  const html = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return defuseMentions(html.replace(/([\\`*_[\]|~])/g, '\\$1')).replace(/\r?\n/g, ' ');
}

/**
 * Inline code that survives backticks inside the value: the fence outgrows the longest backtick run, and a
 * space pads content that starts or ends with a backtick, or with a space on both ends (CommonMark strips
 * one such pair).
 */
export function code(s: string): string {
  const clean = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  const spaced = clean.startsWith(' ') && clean.endsWith(' ') && clean.trim() !== '';
  const pad = clean.startsWith('`') || clean.endsWith('`') || spaced ? ' ' : '';
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside. Mentions inside code do not notify, but stay defused for copy-paste safety. */
export function fenced(body: string, lang = ''): string {
  const longest = Math.max(2, ...(body.match(/`{3,}/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body.replace(/\r/g, '')}\n${fence}`;
}

/** Values rules wrap in backticks that the renderer knows (revision ids), with their lengths longest first. */
export interface KnownCode {
  values: ReadonlySet<string>;
  lengths: readonly number[];
}

export function knownCode(values: Iterable<string>): KnownCode {
  const set = new Set(values);
  return { values: set, lengths: [...new Set([...set].map((v) => v.length))].sort((a, b) => b - a) };
}

const NO_KNOWN_CODE = knownCode([]);

/** Whether position `i` is outside any word: the string's edge, or a character neither a word character nor a backtick. */
function edge(s: string, i: number): boolean {
  return i < 0 || i >= s.length || /[^\w`]/.test(s[i]);
}

/**
 * Where the code span opened by the backtick at `open` closes, or -1. Rules write `${id}` without escaping,
 * so an id may hold backticks: a known value wins, else the first backtick that ends a word closes.
 */
function spanEnd(s: string, open: number, known: KnownCode): number {
  for (const n of known.lengths) {
    const close = open + 1 + n;
    if (s[close] === '`' && edge(s, close + 1) && known.values.has(s.slice(open + 1, close))) return close;
  }
  for (let j = s.indexOf('`', open + 2); j >= 0; j = s.indexOf('`', j + 1)) if (edge(s, j + 1)) return j;
  return -1;
}

/**
 * Message text from rules: they mark ids with `backticks`; keep those as code spans and pass the rest through
 * `text`. A backtick inside a word is no delimiter, so an id like a```b stays one span.
 */
export function message(
  s: string,
  known: KnownCode = NO_KNOWN_CODE,
  text: (s: string) => string = inline,
): string {
  let out = '';
  let from = 0;
  for (let i = s.indexOf('`'); i >= 0; i = s.indexOf('`', i + 1)) {
    if (!edge(s, i - 1)) continue;
    const close = spanEnd(s, i, known);
    // No closer after this opener means none after any later one either: the rest is text.
    if (close < 0) break;
    out += text(s.slice(from, i)) + code(s.slice(i + 1, close));
    from = close + 1;
    i = close;
  }
  return out + text(s.slice(from));
}

/**
 * A Mermaid node id that cannot break the diagram, one per revision: letters and digits stand for themselves
 * and every other UTF-16 unit, `_` included, becomes `_<hex>_`, so the encoding reads back unambiguously.
 */
export function mermaidId(s: string): string {
  return 'r_' + s.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`);
}

/** A Mermaid label: quoted, with quotes and markup removed. */
export function mermaidLabel(s: string): string {
  return `"${visible(s).replace(/["<>&`#;]/g, '_')}"`;
}

/** C0 controls (newline included), DEL, C1 controls and the bidi embeddings, overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Repository text for a terminal: controls shown as `\x1b`, `\n`, `\u202e`, so a value cannot move the
 * cursor, recolour, forge a report line or reorder what is shown.
 */
export function visible(s: string): string {
  return s.replace(UNPRINTABLE, (c) => {
    const n = c.charCodeAt(0);
    return NAMED[c] ?? (n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16)}`);
  });
}
