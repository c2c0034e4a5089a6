import type { Rule } from './rule.js';
import { revisesLine } from './edits.js';
import { landedPath } from '../../git/tree.js';

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The docstring's `Revision ID:` and `Revises:` are display text; when they disagree with the code, readers
 * (and reviewers of the PR) are misled.
 */
export const docstringMismatch: Rule = {
  id: 'docstring-mismatch',
  severity: 'notice',
  doc: 'The docstring’s `Revision ID:` or `Revises:` line disagrees with the code (Alembic uses the code; readers see the docstring).',
  check(ctx) {
    const files = ctx.changes
      .filter((c) => c.status !== 'deleted')
      .map((c) => ctx.merged.byPath.get(landedPath(c)));
    const ids = files
      .filter(
        (f) =>
          f?.revision &&
          !f.revisionFromFilename &&
          f.docstring?.revisionId &&
          f.docstring.revisionIdLine &&
          f.docstring.revisionId !== f.revision.value,
      )
      .map((f) => {
        const doc = f!.docstring!;
        const id = f!.revision!.value;
        const text = doc.revisionIdText ?? '';
        const at = text.indexOf('Revision ID:') + 'Revision ID:'.length;
        const replacement = text.slice(0, at) + text.slice(at).replace(/^([ \t]*)[^\s'"]*/, `$1${id}`);
        return {
          rule: this.id,
          severity: 'notice' as const,
          environment: ctx.environment,
          file: f!.file,
          line: doc.revisionIdLine,
          message: `The docstring says \`Revision ID: ${doc.revisionId}\` but revision is \`${id}\`.`,
          fix: {
            summary: 'Make the docstring match the code.',
            edits: [
              {
                file: f!.file,
                line: doc.revisionIdLine!,
                endLine: doc.revisionIdLine!,
                replacement,
                original: text,
              },
            ],
          },
        };
      });
    const revises = files
      .filter(
        (f) =>
          f?.downRevision &&
          f.docstring?.revises &&
          f.docstring.revisesLine &&
          !same(f.docstring.revises, f.downRevision.value),
      )
      .map((f) => {
        const doc = f!.docstring!;
        const ids = f!.downRevision!.value;
        return {
          rule: this.id,
          severity: 'notice' as const,
          environment: ctx.environment,
          file: f!.file,
          line: doc.revisesLine,
          message: `The docstring says \`Revises: ${doc.revises!.join(', ')}\` but down_revision is ${ids.length ? ids.map((i) => `\`${i}\``).join(', ') : 'None'}.`,
          fix: {
            summary: 'Make the docstring match the code.',
            edits: [
              {
                file: f!.file,
                line: doc.revisesLine!,
                endLine: doc.revisesLine!,
                replacement: revisesLine(doc.revisesText ?? '', ids),
                original: doc.revisesText,
              },
            ],
          },
        };
      });
    return [...ids, ...revises];
  },
};
