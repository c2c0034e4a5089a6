import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Assignment, ParsedRevisionFile, ParseProblem } from '../formats/alembic/types.js';

/**
 * The stored results, column by column: entry k is the file `paths[k]` whose content has git id `ids[k]`.
 * Columns, not a row per entry: 10,000 entries then parse as a handful of lists instead of 30,000 small
 * ones, which is most of what loading them costs.
 */
interface Columns {
  format: number;
  ids: string[];
  paths: string[];
  /** The revision id; null when the file has none. */
  revisions: (string | null)[];
  /** The line of the `revision` assignment (or 0). */
  lines: number[];
  /** down_revision: one id as a string, several (or none, `None`) as a list; null when not assigned. */
  downs: (string | string[] | null)[];
  /** What few entries have, by entry index: an id from the file name, labels, dependencies, problems. */
  rare: Record<string, Rare>;
}

type Rare = [
  fromFilename: 0 | 1,
  labels: string[] | null,
  dependsOn: string[] | null,
  problems: ParseProblem[],
];

/** One of this run's own results, or the place of one asked for and not (yet) parsed. */
interface Slot {
  path: string;
  id: string;
  result?: ParsedRevisionFile;
}

/** Shared by restored results without problems; frozen, since it is shared. */
const NO_PROBLEMS: ParseProblem[] = Object.freeze([]) as unknown as ParseProblem[];

/** A lean result's assignment: its value and the revision's line; the rest only full parses need. */
function at<T>(value: T, line: number): Assignment<T> {
  return { value, line, column: 0, endLine: line, endColumn: 0, text: '' };
}

/** Bump when the parser's output or this file's layout changes, so no run reads another version's results. */
const FORMAT = 7;
const MAX_ENTRIES = 100_000;

/**
 * Parse results by (path, git blob id). In memory it lets base and PR share the files they have in common;
 * on disk (one JSON file per repository under ~/.cache/headsup) it lets the next run skip reading and
 * parsing every unchanged revision, the way Python's __pycache__ spares Alembic recompiling them.
 * Set HEADSUP_CACHE=off to disable the disk part.
 *
 * Entries are stored in the order this run asked for them, so the next run over the same files finds each
 * one where the last was found, without a lookup; a map by content id is built only when one is elsewhere.
 */
export class ParseCache {
  private stored = noColumns();
  private byId?: Map<string, number>;
  /** Where the next lookup looks first: after the entry the last one found. */
  private next = 0;
  private readonly loading?: Promise<void>;
  /**
   * This run's own results, by content id (the listing's strings: no key to build); the same content at a
   * second path, which is rare, by path and id.
   */
  private readonly fresh = new Map<string, Slot>();
  private readonly freshElsewhere = new Map<string, Slot>();
  /** What this run asked for, in order, each once: a stored entry's index, or its own slot. */
  private readonly asked: (number | Slot)[] = [];
  /** Which stored entries are in `asked`. */
  private usedAt = new Uint8Array(0);
  private readonly file?: string;

  /**
   * Starts reading the stored results; ready() says when they are in. Made early, the read and its JSON
   * parse happen while the run waits for git's listing, which takes longer.
   */
  constructor(repoRoot?: string, version = '0') {
    if (!repoRoot || process.env.HEADSUP_CACHE === 'off') return;
    const dir =
      process.env.HEADSUP_CACHE_DIR ??
      join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'headsup');
    const id = pathHash(repoRoot);
    this.file = join(dir, `parse-${FORMAT}-${version}-${id}.json`);
    this.loading = readFile(this.file, 'utf8').then(
      (text) => {
        try {
          const stored = JSON.parse(text) as Columns;
          if (wellFormed(stored)) {
            this.stored = stored;
            this.usedAt = new Uint8Array(stored.ids.length);
          }
        } catch {
          // A damaged cache: start empty, and the next save replaces it.
        }
      },
      () => {}, // no cache yet, or an unreadable one: start empty
    );
  }

  /** Resolves once the stored results are loaded (or known to be missing); lookups before that miss. */
  ready(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }

  /** Once ready: whether nothing is stored (a first run, or the cache is off), so every file will be parsed. */
  get empty(): boolean {
    return this.stored.ids.length === 0;
  }

  private static key(path: string, contentId: string): string {
    return `${path}\0${contentId}`;
  }

  /** The result for the file at `path` whose content has id `contentId`. */
  get(path: string, contentId: string): ParsedRevisionFile | undefined {
    const { ids, paths } = this.stored;
    let k = this.next;
    if (ids[k] !== contentId || paths[k] !== path) {
      k = this.byIdOf(contentId);
      // The same content at another path: a different file to Alembic (its id may come from the name).
      if (k >= 0 && paths[k] !== path) k = -1;
    }
    if (k >= 0) {
      this.next = k + 1;
      if (!this.usedAt[k]) {
        this.usedAt[k] = 1;
        this.asked.push(k);
      }
      return this.restore(k);
    }
    // Nothing stored (a first run, or the cache off): results come in the order they are asked for, so
    // no place needs keeping, and a first tree's 10,000 misses cost no map entries.
    if (!ids.length) return this.fresh.size ? this.existingSlot(path, contentId)?.result : undefined;
    return this.slot(path, contentId).result;
  }

  /** The slot of this run's result for (path, id), if it has one. */
  private existingSlot(path: string, id: string): Slot | undefined {
    const slot = this.fresh.get(id);
    return slot === undefined || slot.path === path
      ? slot
      : this.freshElsewhere.get(ParseCache.key(path, id));
  }

  /** The slot of this run's result for (path, id), made on first ask: its place in `asked` is then. */
  private slot(path: string, id: string): Slot {
    let slot = this.existingSlot(path, id);
    if (slot === undefined) {
      slot = { path, id };
      if (this.fresh.has(id)) this.freshElsewhere.set(ParseCache.key(path, id), slot);
      else this.fresh.set(id, slot);
      this.asked.push(slot);
    }
    return slot;
  }

  private restore(k: number): ParsedRevisionFile {
    const s = this.stored;
    const line = s.lines[k];
    const rare = s.rare[k] as Rare | undefined;
    const r: ParsedRevisionFile = { file: s.paths[k], problems: rare?.[3] ?? NO_PROBLEMS, lean: true };
    const revision = s.revisions[k];
    if (revision !== null) r.revision = at(revision, line);
    const down = s.downs[k];
    if (down !== null) r.downRevision = at(typeof down === 'string' ? [down] : down, line);
    if (rare) {
      if (rare[0]) r.revisionFromFilename = true;
      if (rare[1]) r.branchLabels = at(rare[1], line);
      if (rare[2]) r.dependsOn = at(rare[2], line);
    }
    return r;
  }

  /** Only durable results: not those that depend on other files of the tree (imported constants). */
  set(path: string, contentId: string, result: ParsedRevisionFile): void {
    this.slot(path, contentId).result = result;
  }

  /**
   * When this run parsed something the file lacks: write what this run asked for, stored or parsed, in the
   * order it asked, then older entries, up to a cap. Never fails the run.
   */
  save(): void {
    if (!this.file) return;
    const s = this.stored;
    const isStored = (path: string, id: string) => {
      const k = this.byIdOf(id);
      return k >= 0 && s.paths[k] === path;
    };
    let added = false;
    for (const a of this.asked)
      if (typeof a !== 'number' && a.result && !isStored(a.path, a.id)) added = true;
    if (!added) return;
    const out = noColumns();
    const written = new Set<string>();
    const add = (id: string, path: string, write: () => void) => {
      const key = ParseCache.key(path, id);
      if (out.ids.length >= MAX_ENTRIES || written.has(key)) return;
      written.add(key);
      write();
    };
    const addStored = (k: number) => add(s.ids[k], s.paths[k], () => copyStored(s, k, out));
    for (const a of this.asked) {
      if (typeof a === 'number') addStored(a);
      else if (a.result) add(a.id, a.path, () => addFresh(out, a.id, a.result!));
    }
    for (let k = 0; k < s.ids.length; k++) if (!this.usedAt[k]) addStored(k);
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, this.file);
    } catch {
      // A read-only home or a full disk only costs speed.
    }
  }

  /** Where the entry with content id `id` is stored, or -1; the map is made on the first lookup off the order. */
  private byIdOf(id: string): number {
    this.byId ??= new Map(this.stored.ids.map((x, i) => [x, i]));
    return this.byId.get(id) ?? -1;
  }
}

function copyStored(s: Columns, k: number, out: Columns): void {
  const rare = s.rare[k] as Rare | undefined;
  if (rare) out.rare[out.ids.length] = rare;
  out.ids.push(s.ids[k]);
  out.paths.push(s.paths[k]);
  out.revisions.push(s.revisions[k]);
  out.lines.push(s.lines[k]);
  out.downs.push(s.downs[k]);
}

function noColumns(): Columns {
  return { format: FORMAT, ids: [], paths: [], revisions: [], lines: [], downs: [], rare: {} };
}

function addFresh(out: Columns, id: string, r: ParsedRevisionFile): void {
  const down = r.downRevision?.value ?? null;
  const labels = r.branchLabels?.value.length ? r.branchLabels.value : null;
  const dependsOn = r.dependsOn?.value.length ? r.dependsOn.value : null;
  if (r.revisionFromFilename || labels || dependsOn || r.problems.length)
    out.rare[out.ids.length] = [r.revisionFromFilename ? 1 : 0, labels, dependsOn, r.problems];
  out.ids.push(id);
  out.paths.push(r.file);
  out.revisions.push(r.revision?.value ?? null);
  out.lines.push(r.revision?.line ?? 0);
  // One parent, the common case, as a plain string: no list to parse and keep per entry.
  out.downs.push(down && down.length === 1 ? down[0] : down);
}

/** Columns of one length and the right kinds; anything else is a damaged file, read as empty. */
function wellFormed(c: Columns): boolean {
  if (!c || typeof c !== 'object' || c.format !== FORMAT || !Array.isArray(c.ids)) return false;
  const n = c.ids.length;
  return (
    [c.paths, c.revisions, c.lines, c.downs].every((col) => Array.isArray(col) && col.length === n) &&
    !!c.rare &&
    typeof c.rare === 'object'
  );
}

/**
 * A short name for a repository's cache file: cyrb53, a 53-bit string hash. Not security, just spread;
 * and loading node:crypto for it would cost every run a few milliseconds of start-up.
 */
function pathHash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
