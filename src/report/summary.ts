import type { Report } from './model.js';
import { renderMarkdown, type MarkdownOptions } from './markdown.js';

/** GitHub caps one step's job summary at 1 MiB; leave room for anything else a workflow appends. */
export const SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The job summary: the whole report (all findings, SQL unfolded as far as it fits), measured in bytes. */
export function renderSummary(
  report: Report,
  opts: Omit<MarkdownOptions, 'detail' | 'measure' | 'limit'> & { notes?: string[] } = {},
): string {
  const { notes, ...rest } = opts;
  return renderMarkdown(report, {
    ...rest,
    title: opts.title ?? '## headsup · migration review',
    detail: 'full',
    measure: bytes,
    limit: SUMMARY_LIMIT,
    extra: [...(notes ?? []), ...(opts.extra ?? [])],
  });
}
