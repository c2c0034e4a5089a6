/** Keeping migration text inert inside Markdown: no HTML, no closing our fences, no @-mentions. */

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

/** Inline code that survives backticks inside the value. */
export function code(s: string): string {
  const clean = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside. Mentions inside code do not notify, but stay defused for copy-paste safety. */
export function fenced(body: string, lang = ''): string {
  const longest = Math.max(2, ...(body.match(/`{3,}/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body.replace(/\r/g, '')}\n${fence}`;
}

/**
 * Message text from rules: they mark ids with `backticks`; keep those as code spans and escape the rest.
 */
export function message(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1 ? code(part.slice(1, -1)) : inline(part),
    )
    .join('');
}

/** A Mermaid node id that cannot break the diagram. */
export function mermaidId(s: string): string {
  return 'r_' + s.replace(/[^A-Za-z0-9_]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`);
}

/** A Mermaid label: quoted, with quotes and markup removed. */
export function mermaidLabel(s: string): string {
  return `"${s.replace(/["<>&`#;]/g, '_')}"`;
}
