import { marked } from 'marked';

/** What GitHub would render from our Markdown; anything outside this list came from the content. */
const ALLOWED_TAGS = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'strong',
  'em',
  'code',
  'pre',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ul',
  'ol',
  'li',
  'br',
  'details',
  'summary',
  'sub',
  'blockquote',
  'hr',
]);

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Problems that would make rendered Markdown act on its content: unexpected tags or attributes, @mentions or
 * #references in prose, or backtick fences that escaped their code block.
 */
export function inertProblems(markdown: string): string[] {
  const html = marked.parse(markdown, { gfm: true, async: false });
  const problems: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [tag, name, attrs] = m;
    if (!ALLOWED_TAGS.has(name.toLowerCase())) problems.push(`tag ${tag}`);
    for (const a of attrs.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) {
      const ok =
        (a[1] === 'href' && /^https:\/\/github\.com\//.test(a[2])) ||
        (a[1] === 'class' && /^language-[\w-]+$/.test(a[2])) ||
        a[1] === 'align';
      if (!ok) problems.push(`attribute ${a[0]} on ${name}`);
    }
  }
  // Prose only: code spans and blocks neither notify nor link.
  const prose = decode(
    html
      .replace(/<pre>[\s\S]*?<\/pre>/g, '')
      .replace(/<code>[\s\S]*?<\/code>/g, '')
      .replace(/<[^>]+>/g, ''),
  );
  for (const m of prose.matchAll(/(^|[^\w\u200d])@[A-Za-z0-9]/g))
    problems.push(`mention ${JSON.stringify(m[0])}`);
  for (const m of prose.matchAll(/#\d/g)) problems.push(`reference ${JSON.stringify(m[0])}`);
  // A fence closed early by its content would leave the rest as prose starting with backticks, or as a
  // block without our language tag.
  for (const line of prose.split('\n'))
    if (/^\s*`{3,}/.test(line)) problems.push(`fence text in prose: ${line.slice(0, 40)}`);
  for (const m of html.matchAll(/<pre><code(?: class="language-([\w-]+)")?>/g))
    if (!['mermaid', 'diff', 'sh', 'sql', 'text', 'suggestion'].includes(m[1] ?? ''))
      problems.push(`code block without our language: ${m[0]}`);
  return problems;
}
