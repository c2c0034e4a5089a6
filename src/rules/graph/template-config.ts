import type { ConfigProblem } from '../../formats/alembic/environment.js';
import type { FileChange } from '../../git/tree.js';
import type { Finding } from '../../report/model.js';

export const id = 'template-config';
export const doc =
  'A config the PR adds or edits is a template filled in at run time (`script_location = {alembic_dir}`): skipped, not an environment.';

/**
 * Template configs are no environment and no config problem: one notice for each the PR adds or edits, so
 * the reader knows it was looked at; one already on base is skipped without a word in every later report.
 */
export function templateConfigFindings(templates: ConfigProblem[], changes: FileChange[]): Finding[] {
  const touched = new Set(changes.filter((c) => c.status !== 'deleted').map((c) => c.path));
  const seen = new Set<string>();
  return templates
    .filter((t) => touched.has(t.file) && !seen.has(t.file) && seen.add(t.file))
    .map((t) => ({
      rule: id,
      severity: 'notice',
      environment: '',
      file: t.file,
      line: t.line,
      message: `${t.message}.`,
    }));
}
