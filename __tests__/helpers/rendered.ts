import { marked } from 'marked';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Inline Markdown rendered as GitHub would (GFM), to HTML. */
export function renderInline(markdown: string): string {
  return marked.parseInline(markdown, { gfm: true, async: false });
}

/** What a reader sees of rendered inline Markdown: tags dropped, entities decoded. */
export function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

/** The code spans in rendered HTML, as text. */
export function codeSpans(html: string): string[] {
  return [...html.matchAll(/<code>(.*?)<\/code>/gs)].map((m) => textOf(m[1]));
}
