import type { Rule } from './rule.js';
import { revisesLine } from './edits.js';
import { landedPath } from '../git/tree.js';

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The docstring's `Revises:` is display text; when it disagrees with the code, readers are misled. */
export const docstringMismatch: Rule = {
  id: 'docstring-mismatch',
  severity: 'notice',
  doc: 'The docstring’s `Revises:` line disagrees with `down_revision` (Alembic uses the code; readers see the docstring).',
  check(ctx) {
    return ctx.changes
      .filter((c) => c.status !== 'deleted')
      .map((c) => ctx.merged.byPath.get(landedPath(c)))
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
  },
};
