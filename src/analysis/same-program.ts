import { landedPath, type FileChange, type FileTree } from '../git/tree.js';

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

/**
 * The PR's edits of files that exist on base, less those after which the file lands as the same program
 * base has (line endings, a BOM, or base already made the same edit): no edit of a migration reaches a
 * database. Only edited files are read, and only when the environment has some.
 */
export async function withoutNoOpEdits(
  changes: FileChange[],
  base: FileTree,
  merged: FileTree,
): Promise<FileChange[]> {
  const edits = changes.filter((c) => c.status === 'modified');
  if (!edits.length) return changes;
  const noOps = new Set<FileChange>();
  await Promise.all(
    edits.map(async (c) => {
      const at = landedPath(c);
      const [before, after] = await Promise.all([
        base.read(at).catch(() => undefined),
        merged.read(at).catch(() => undefined),
      ]);
      if (before && after && asCompiled(before).equals(asCompiled(after))) noOps.add(c);
    }),
  );
  return noOps.size ? changes.filter((c) => !noOps.has(c)) : changes;
}
