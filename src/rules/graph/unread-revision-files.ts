import { posix } from 'node:path';
import type { Finding } from '../../report/model.js';
import type { FileChange, FileTree } from '../../git/tree.js';
import { environmentName, type MigrationEnvironment } from '../../formats/alembic/environment.js';
import { nestedRevisionFiles } from '../../formats/alembic/discover.js';
import { someOf } from '../../report/wording.js';

export const id = 'unread-revision-files';
export const doc =
  'Revision files lie in subfolders of a versions folder that no environment reads (no `recursive_version_locations`): a notice per environment; a warning on each such file the PR adds, which Alembic as configured would never run.';

/** A module-level `revision =` (or `revision: str =`): the file declares a revision. */
const DECLARES_REVISION = /^revision[ \t]*(?::[^=\n]*)?=/m;

/**
 * Revision files below an environment's version locations that no environment reads. Alembic without
 * `recursive_version_locations` reads only what it is told, so guessing them in would be wrong; but a
 * project that names its subfolders in env.py (`version_locations` set in code) would otherwise pass
 * unseen. Only the few files in such subfolders are read, and only to see whether they declare `revision`.
 */
export async function unreadRevisionFiles(opts: {
  tree: FileTree;
  environments: MigrationEnvironment[];
  /** Every revision file the landed environments read. */
  landed: ReadonlySet<string>;
  changes: FileChange[];
}): Promise<Finding[]> {
  const added = new Set(
    opts.changes.filter((c) => c.status === 'added' || c.status === 'renamed').map((c) => c.path),
  );
  const out: Finding[] = [];
  const warned = new Set<string>();
  const declares = new Map<string, Promise<boolean>>();
  const declaresRevision = (file: string) => {
    let known = declares.get(file);
    if (!known)
      declares.set(
        file,
        (known = opts.tree.read(file).then(
          (b) => !!b && DECLARES_REVISION.test(b.toString('utf8')),
          () => false,
        )),
      );
    return known;
  };
  for (const env of opts.environments) {
    const candidates = (await nestedRevisionFiles(opts.tree, env)).filter((f) => !opts.landed.has(f));
    if (!candidates.length) continue;
    const flags = await Promise.all(candidates.map(declaresRevision));
    const unread = candidates.filter((_, i) => flags[i]);
    if (!unread.length) continue;
    const name = environmentName(env);
    const locations = env.versionLocations.filter((l) => unread.some((f) => f.startsWith(`${l}/`)));
    const include = locations.map((l) => `\`--migrations ${l}\``).join(' and ');
    const fix = {
      summary:
        `If env.py names these folders in code (version_locations), check them as Alembic reads them: ${include} ` +
        '(the action’s `migrations` input) reads the folder with its subfolders. Or set ' +
        '`recursive_version_locations = true` in the Alembic config.',
    };
    for (const f of unread.filter((f) => added.has(f) && !warned.has(f))) {
      warned.add(f);
      out.push({
        rule: id,
        severity: 'warning',
        environment: name,
        file: f,
        line: 1,
        message:
          `${f} is a revision file this PR adds in ${posix.dirname(f)}, a subfolder of ${someOf(locations)} that no ` +
          `environment reads: Alembic as configured would never run it, and headsup does not check it.`,
        fix: { summary: `${fix.summary} If it belongs beside the others, move it into ${locations[0]}/.` },
      });
    }
    const quiet = unread.filter((f) => !added.has(f));
    if (!quiet.length) continue;
    const folders = [...new Set(quiet.map((f) => posix.dirname(f)))];
    out.push({
      rule: id,
      severity: 'notice',
      environment: name,
      message:
        `${quiet.length === 1 ? '1 revision file lies' : `${quiet.length} revision files lie`} in subfolders of ` +
        `${someOf(locations)} that no environment reads (${someOf(folders, 5)}): Alembic as configured never ` +
        'loads them, and headsup does not check them.',
      fix,
    });
  }
  return out;
}
