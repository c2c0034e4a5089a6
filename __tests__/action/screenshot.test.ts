import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { runCheck } from '../../src/pipeline.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { stalePrRepo, type PrRepo } from './repos.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`screenshot test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

/** Close enough to github.com's comment styles to judge spacing, tables, code and folding. */
const CSS = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; background: #fff; }
.comment { max-width: 860px; margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; padding: 16px; }
h2, h3 { margin: 0 0 12px; } h4 { margin: 20px 0 8px; font-size: 14px; }
code { background: #eff1f3; border-radius: 4px; padding: .2em .4em; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: #f6f8fa; border-radius: 6px; padding: 12px; overflow: auto; } pre code { background: none; padding: 0; }
table { border-collapse: collapse; display: block; overflow: auto; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
details { margin: 8px 0; } summary { cursor: pointer; }
blockquote { margin: 0; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
a { color: #0969da; text-decoration: none; } sub { color: #59636e; }
`;

let pr: PrRepo | undefined;
afterAll(() => pr?.repo.cleanup());

describe('the comment as a reviewer sees it', () => {
  it.skipIf(!hasChromium)('renders with GitHub-flavoured Markdown and reads well in a browser', async () => {
    pr = stalePrRepo();
    const report = await runCheck({
      repo: pr.repo.dir,
      base: pr.baseTip,
      head: pr.merge,
      failOn: 'error',
      dryRun: true,
    });
    const md = renderMarkdown(report, {
      fileUrl: (f, l) => `https://github.com/acme/app/blob/${pr!.prHead}/${f}${l ? `#L${l}` : ''}`,
      runUrl: 'https://github.com/acme/app/actions/runs/100',
      summaryUrl: 'https://github.com/acme/app/actions/runs/100',
      commit: pr.prHead,
      extra: ['💡 One-click fix: see the review suggestions on this commit.'],
    });
    const html = `<!doctype html><meta charset="utf-8"><style>${CSS}</style><div class="comment">${marked.parse(md, { gfm: true, async: false })}</div>`;
    // One folder, overwritten by each run: the latest screenshot to look at, not one more per run.
    const dir = join(tmpdir(), 'headsup-screenshot');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'comment.md'), md);
    writeFileSync(join(dir, 'comment.html'), html);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
      await page.setContent(html);
      // Open the folds so the screenshot shows everything.
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')),
      );
      const png = join(dir, 'comment.png');
      await page.screenshot({ path: png, fullPage: true });
      console.log(`comment screenshot: ${png}`);
      const layout = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        title: document.querySelector('h3')?.textContent,
        verdictTop: [...document.querySelectorAll('p')]
          .find((p) => p.textContent?.includes('would fork'))
          ?.getBoundingClientRect().top,
        blocks: [...document.querySelectorAll('pre code')].map((c) => c.className),
        links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      }));
      expect(layout.overflow).toBeLessThanOrEqual(0);
      expect(layout.title).toBe('headsup · migration review');
      expect(layout.verdictTop).toBeLessThan(120);
      expect(layout.blocks).toEqual(['language-diff', 'language-diff', 'language-sh', 'language-mermaid']);
      expect(layout.links.every((h) => h?.startsWith('https://github.com/acme/app/'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
