import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Assignment, ParsedRevisionFile, ParseProblem } from '../formats/alembic/types.js';

/**
 * What the graph needs of a file, compactly: [id, line, fromFilename, down, labels, dependsOn, problems],
 * without the trailing fields that are empty (most files have no labels, dependencies or problems): a
 * smaller file, and fewer objects to parse and collect.
 */
type Lean = [
  id: string | null,
  line: number,
  fromFilename?: 0 | 1,
  down?: string[] | null,
  labels?: string[] | null,
  dependsOn?: string[] | null,
  problems?: ParseProblem[],
];

function toLean(r: ParsedRevisionFile): Lean {
  const lean: Lean = [
    r.revision?.value ?? null,
    r.revision?.line ?? 0,
    r.revisionFromFilename ? 1 : 0,
    r.downRevision?.value ?? null,
    r.branchLabels?.value ?? null,
    r.dependsOn?.value ?? null,
    r.problems,
  ];
  // Trailing fields with nothing in them go: no problems, no labels or dependencies (none and `None` read
  // the same), then a 0 flag. An empty down_revision stays: `None`, a base, is not a missing one.
  const empty = (v: unknown, k: number) =>
    k === 2 ? v === 0 : k === 3 ? v === null : v === null || (v as unknown[]).length === 0;
  while (lean.length > 2 && empty(lean[lean.length - 1], lean.length - 1)) lean.pop();
  return lean;
}

/** Shared by restored results without problems; frozen, since it is shared. */
const NO_PROBLEMS: ParseProblem[] = Object.freeze([]) as unknown as ParseProblem[];

/** One stored result: the file's path, then its lean fields. */
type Stored = [string, ...Lean];

function fromStored(s: Stored): ParsedRevisionFile {
  // Indexed, not destructured: array destructuring runs the iterator protocol, 10,000 times before the JIT.
  const line = s[2];
  const r: ParsedRevisionFile = { file: s[0], problems: s[7] ?? NO_PROBLEMS, lean: true };
  if (s[1] !== null) r.revision = at(s[1], line);
  if (s[3]) r.revisionFromFilename = true;
  if (s[4]) r.downRevision = at(s[4], line);
  if (s[5]) r.branchLabels = at(s[5], line);
  if (s[6]) r.dependsOn = at(s[6], line);
  return r;
}

/** A lean result's assignment: its value and the revision's line; the rest only full parses need. */
function at<T>(value: T, line: number): Assignment<T> {
  return { value, line, column: 0, endLine: line, endColumn: 0, text: '' };
}

/** Bump when the parser's output changes, so no run reads another version's results. */
const FORMAT = 6;
const MAX_ENTRIES = 100_000;

/**
 * Parse results by (path, git blob id). In memory it lets base and PR share the files they have in common;
 * on disk (one JSON file per repository under ~/.cache/headsup) it lets the next run skip reading and
 * parsing every unchanged revision, the way Python's __pycache__ spares Alembic recompiling them.
 * Set HEADSUP_CACHE=off to disable the disk part.
 */
export class ParseCache {
  /**
   * Stored results by content id, each with its path: the blob ids are strings the listing already has,
   * so a lookup hashes 40 characters and builds no key. The same content at a second path is a miss.
   */
  private stored = new Map<string, Stored>();
  private readonly loading?: Promise<void>;
  /** Results parsed by this run, by key(). */
  private readonly fresh = new Map<string, ParsedRevisionFile>();
  /** Content ids of the stored entries this run used (kept first when the file is over its cap). */
  private readonly used: string[] = [];
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
          const entries = JSON.parse(text) as [string, Stored][];
          if (Array.isArray(entries)) this.stored = new Map(entries);
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
    return this.stored.size === 0;
  }

  private static key(path: string, contentId: string): string {
    return `${path}\0${contentId}`;
  }

  /** The result for the file at `path` whose content has id `contentId`. */
  get(path: string, contentId: string): ParsedRevisionFile | undefined {
    const stored = this.stored.get(contentId);
    if (stored !== undefined && stored[0] === path) {
      this.used.push(contentId);
      return fromStored(stored);
    }
    return this.fresh.size ? this.fresh.get(ParseCache.key(path, contentId)) : undefined;
  }

  /** Only durable results: not those that depend on other files of the tree (imported constants). */
  set(path: string, contentId: string, result: ParsedRevisionFile): void {
    this.fresh.set(ParseCache.key(path, contentId), result);
  }

  /**
   * When this run parsed something the file lacks: write what it parsed, then the stored entries it used,
   * then older ones, up to a cap. Never fails the run.
   */
  save(): void {
    if (!this.file || !this.fresh.size) return;
    const entries: [string, Stored][] = [];
    const written = new Set<string>();
    const add = (id: string, s: Stored) => {
      const key = ParseCache.key(s[0], id);
      if (entries.length >= MAX_ENTRIES || written.has(key)) return;
      written.add(key);
      entries.push([id, s]);
    };
    let added = false;
    for (const [key, r] of this.fresh) {
      const id = key.slice(key.indexOf('\0') + 1);
      added ||= this.stored.get(id)?.[0] !== r.file;
      add(id, [r.file, ...toLean(r)]);
    }
    if (!added) return;
    for (const id of this.used) add(id, this.stored.get(id)!);
    for (const [id, s] of this.stored) add(id, s);
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(entries));
      renameSync(tmp, this.file);
    } catch {
      // A read-only home or a full disk only costs speed.
    }
  }
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
