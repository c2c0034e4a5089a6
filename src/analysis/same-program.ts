import { landedPath, type FileChange, type FileTree } from '../git/tree.js';
import type { ParsedRevisionFile } from '../formats/alembic/types.js';
import type { EnvSnapshot } from './snapshot.js';
import { programOf, samePrograms } from './program.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The source as Python compiles it, byte for byte: CRLF and lone CR read as LF (also inside strings) and a
 * UTF-8 BOM is dropped, so an editor that only converts line endings or adds a BOM changes nothing Alembic
 * runs.
 */
function asCompiled(b: Buffer): Buffer {
  const body = b.subarray(0, 3).equals(BOM) ? b.subarray(3) : b;
  if (!body.includes(13)) return body;
  return Buffer.from(body.toString('latin1').replace(/\r\n?/g, '\n'), 'latin1');
}

/** The PR's edits of revision files base has, sorted by what they do to the program Alembic runs. */
export interface Edits {
  /** The changes, less edits after which the file is byte for byte what Python compiled before. */
  changes: FileChange[];
  /** Landed paths of edits that keep the program: identifiers' values, and the code (see program.ts). */
  harmless: ReadonlySet<string>;
  /** Landed paths of edits that change what runs (a moved file's included). */
  edited: ReadonlySet<string>;
}

/**
 * The PR's edits of files that exist on base (in place, or moved: a rename), sorted: those after which the
 * file lands as the same bytes Python compiled (line endings, a BOM, or base already made the same edit) are
 * no edit at all; those that keep the program are harmless; the rest change what runs. Only edited files
 * are read and parsed, and only when the environment has some.
 */
export async function sortEdits(
  changes: FileChange[],
  trees: { base: FileTree; merged: FileTree },
  snapshots: { base?: EnvSnapshot; merged: EnvSnapshot },
): Promise<Edits> {
  const harmless = new Set<string>();
  const edited = new Set<string>();
  const edits = changes.filter((c) => c.status === 'modified' || c.status === 'renamed');
  if (!edits.length) return { changes, harmless, edited };
  const noOps = new Set<FileChange>();
  const froms = edits.map((c) => (c.status === 'renamed' ? c.oldPath! : landedPath(c)));
  // The same blob on both sides needs no reading: a folder of 10,000 revisions moved is 10,000 moves.
  const [fromIds, atIds] = await Promise.all([
    trees.base.contentIds(froms),
    trees.merged.contentIds(edits.map(landedPath)),
  ]);
  await Promise.all(
    edits.map(async (c, k) => {
      const at = landedPath(c);
      const from = froms[k];
      if (fromIds[k] !== undefined && fromIds[k] === atIds[k]) {
        if (c.status === 'modified') noOps.add(c);
        return;
      }
      const [before, after] = await Promise.all([
        trees.base.read(from).catch(() => undefined),
        trees.merged.read(at).catch(() => undefined),
      ]);
      if (before && after && asCompiled(before).equals(asCompiled(after))) {
        // A move that changes no byte is a move; an edit that changes none is nothing.
        if (c.status === 'modified') noOps.add(c);
        return;
      }
      const parsed = [snapshots.base?.byPath.get(from), snapshots.merged.byPath.get(at)] as const;
      if (before && after && sameIdentifiers(...parsed)) {
        const [a, b] = await Promise.all([programOf(before), programOf(after)]);
        if (a && b && samePrograms(a, b)) {
          harmless.add(at);
          return;
        }
      }
      edited.add(at);
    }),
  );
  return { changes: noOps.size ? changes.filter((c) => !noOps.has(c)) : changes, harmless, edited };
}

/** Both parsed, without problems, and with the same revision identifiers as Alembic reads them. */
function sameIdentifiers(a?: ParsedRevisionFile, b?: ParsedRevisionFile): boolean {
  if (!a || !b || a.problems.length || b.problems.length) return false;
  const same = (x?: { value: string | string[] }, y?: { value: string | string[] }) =>
    JSON.stringify(x?.value) === JSON.stringify(y?.value);
  return (
    same(a.revision, b.revision) &&
    same(a.downRevision, b.downRevision) &&
    same(a.branchLabels, b.branchLabels) &&
    same(a.dependsOn, b.dependsOn)
  );
}
