import { posix } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { isSorted, linkTarget, type FileTree } from '../../git/tree.js';
import type { ConfigProblem, MigrationEnvironment } from './environment.js';
import { interpolate, parseIni, IniError, type IniDocument } from './ini.js';

/**
 * Where a repository keeps its Alembic revision files, found the way Alembic finds them.
 *
 * - `alembic.ini` `[alembic]` (and any other `.ini` section holding `script_location`, for `alembic -n`),
 *   merged with `[tool.alembic]` of a `pyproject.toml` in the same folder (ini keys win, as in 1.16+).
 * - Relative paths are taken from the config file's folder: Alembic resolves them against the working
 *   directory, and that is where people run it from. `%(here)s` is that folder too.
 * - `pkg.mod:path` resources are found by looking for the package folder in the tree (nothing is imported).
 * - Repos configuring Alembic in code: an `env.py` beside a `versions/` folder not already covered.
 * Problems (unparsable config, paths leaving the repository, unknown packages) are returned, never thrown.
 */
export interface Discovery {
  environments: MigrationEnvironment[];
  problems: ConfigProblem[];
  /**
   * Configs that are templates filled in at run time (`script_location = {alembic_dir}`): no environment,
   * and no problem either; said once where a PR adds or edits one.
   */
  templates: ConfigProblem[];
}

/** `%(here)s` stands for this absolute path: unlike any real one, so what it prefixes maps back to the repo. */
const ROOT = '/\0repo';
/** As many links in a row as a path may run through before it counts as a loop. */
const MAX_LINK_HOPS = 8;
const hereOf = (dir: string) => (dir === '.' ? ROOT : `${ROOT}/${dir}`);

export async function discoverEnvironments(tree: FileTree, explicit?: string[]): Promise<Discovery> {
  const [files, links] = await Promise.all([tree.list(), tree.links()]);
  const index = new TreeIndex(files, links);
  const problems: ConfigProblem[] = [];
  const templates: ConfigProblem[] = [];
  if (explicit?.length) {
    const environments = explicitEnvironments(index, explicit, problems).map((e) => index.realEnv(e));
    index.outsideLinks(environments, problems);
    return { environments, problems, templates };
  }

  const found: MigrationEnvironment[] = [];
  const folders = [...configFilesByFolder(index.files)];
  const configs = await Promise.all(folders.map(([dir, files]) => readConfigs(tree, dir, files)));
  for (const [views, readProblems, readTemplates] of configs) {
    problems.push(...readProblems);
    templates.push(...readTemplates);
    for (const view of views) {
      const env = environmentFrom(view, index, problems, templates);
      if (env) found.push(env);
    }
  }
  // An env.py beside versions/ is an environment configured in code, if it is Alembic's: every Alembic
  // env.py imports `alembic` (a folder of API versions beside some other env.py is not one).
  const fallbacks = envPyFallbacks(index, found);
  const texts = await Promise.all(
    fallbacks.map((e) => tree.read(join(e.path, 'env.py')).catch(() => undefined)),
  );
  fallbacks.forEach((env, k) => {
    if (texts[k]?.includes('alembic')) found.push(env);
  });
  const environments = named(dedupe(found.map((e) => index.realEnv(e))));
  index.outsideLinks(environments, problems);
  return { environments, problems, templates };
}

// ---------------------------------------------------------------------------------------------------------
// The tree, as paths

/**
 * Lookups in a sorted listing by binary search: a monorepo lists hundreds of thousands of files, and
 * discovery asks about a handful. Only a package lookup needs every folder, built then.
 */
class TreeIndex {
  private allDirs?: string[];
  readonly files: readonly string[];
  /** Symbolic links by path → the repository path they name (those leaving the repository left out). */
  private readonly links = new Map<string, string>();
  /** Links that leave the repository, by path → their text. */
  private readonly outside = new Map<string, string>();

  constructor(files: readonly string[], links: ReadonlyMap<string, string> = new Map()) {
    this.files = isSorted(files) ? files : [...files].sort();
    for (const [path, text] of links) {
      const target = linkTarget(path, text);
      if (target !== undefined) this.links.set(path, target);
      else this.outside.set(path, text);
    }
  }

  /**
   * A problem for each folder of an environment reached through a link that leaves the repository: its
   * files are not in the tree headsup reads (Alembic, on one machine, would read them), which must not
   * look like an empty history.
   */
  outsideLinks(envs: MigrationEnvironment[], problems: ConfigProblem[]): void {
    if (!this.outside.size) return;
    for (const env of envs) {
      // A script_location through such a link is already "not a folder in this tree".
      if (this.outsideLinkOn(env.path)) continue;
      for (const dir of new Set(env.versionLocations)) {
        const link = this.outsideLinkOn(dir);
        if (!link) continue;
        problems.push({
          message: `'${dir}' is reached through the link '${link}' -> '${clip(this.outside.get(link)!)}', which leaves the repository: its revision files are not read`,
          file: env.configFile ?? link,
        });
        break;
      }
    }
  }

  /** The first link along `dir` that leaves the repository. */
  private outsideLinkOn(dir: string): string | undefined {
    const parts = dir.split('/');
    for (let k = 1; k <= parts.length; k++) {
      const link = parts.slice(0, k).join('/');
      if (this.outside.has(link)) return link;
    }
    return undefined;
  }

  /**
   * `path` with every symbolic link along it replaced by what it names, as the file system resolves it:
   * git lists a link to a folder as one entry and nothing below it, so the folder's files are found at
   * its target. Unchanged when no link is on the way (or the links loop).
   */
  real(path: string): string {
    if (!this.links.size || path === '.') return path;
    let at = path;
    for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
      const parts = at.split('/');
      let k = 1;
      while (k <= parts.length && !this.links.has(parts.slice(0, k).join('/'))) k++;
      if (k > parts.length) return at;
      const target = this.links.get(parts.slice(0, k).join('/'))!;
      at = inRepo(posix.join(target, ...parts.slice(k))) ?? at;
    }
    return path;
  }

  /** An environment with its folders as real paths: where the listing has their files. */
  realEnv(env: MigrationEnvironment): MigrationEnvironment {
    if (!this.links.size) return env;
    const real = (p: string) => this.real(p);
    const out = {
      ...env,
      path: real(env.path),
      versionLocations: [...new Set(env.versionLocations.map(real))],
    };
    if (env.importPaths) out.importPaths = env.importPaths.map(real);
    return out;
  }

  has(file: string): boolean {
    if (this.links.size && file.includes('/')) file = join(this.real(dirOf(file)), nameOf(file));
    const i = this.lowerBound(file);
    return i < this.files.length && this.files[i] === file;
  }

  hasDir(dir: string): boolean {
    dir = this.real(dir);
    if (dir === '.') return true;
    const i = this.lowerBound(`${dir}/`);
    return i < this.files.length && this.files[i].startsWith(`${dir}/`);
  }

  get dirs(): readonly string[] {
    if (!this.allDirs) {
      const dirs = new Set<string>(['.']);
      for (const f of this.files) for (let d = dirOf(f); d !== '.' && !dirs.has(d); d = dirOf(d)) dirs.add(d);
      this.allDirs = [...dirs];
    }
    return this.allDirs;
  }

  private lowerBound(key: string): number {
    return lowerBound(this.files, key);
  }
}

/** A repo-relative posix path ('.' for the root), or undefined when it leaves the repository. */
function inRepo(path: string): string | undefined {
  const p = posix.normalize(path).replace(/\/+$/, '') || '.';
  return p === '..' || p.startsWith('../') || p.startsWith('/') ? undefined : p;
}

/** posix.dirname / basename for the clean repo-relative paths of a listing, without their checks (hot). */
const dirOf = (f: string) => {
  const slash = f.lastIndexOf('/');
  return slash < 0 ? '.' : f.slice(0, slash);
};
const nameOf = (f: string) => f.slice(f.lastIndexOf('/') + 1);

const join = (dir: string, name: string) => (dir === '.' ? name : `${dir}/${name}`);

// ---------------------------------------------------------------------------------------------------------
// Explicit --migrations directories

function explicitEnvironments(
  index: TreeIndex,
  dirs: string[],
  problems: ConfigProblem[],
): MigrationEnvironment[] {
  const envs: MigrationEnvironment[] = [];
  for (const raw of dirs) {
    const dir = raw.startsWith('/') ? undefined : inRepo(raw);
    if (!dir) {
      problems.push({ message: `--migrations '${raw}' is outside the repository`, file: raw });
      continue;
    }
    if (envs.some((e) => e.path === dir)) continue;
    // Pointed at a script directory (env.py + versions/): its revisions are in versions/, env.py is not one.
    const isScriptDir = index.has(join(dir, 'env.py')) && index.hasDir(join(dir, 'versions'));
    const versionLocations = [isScriptDir ? join(dir, 'versions') : dir];
    envs.push({ kind: 'alembic', path: dir, source: 'explicit', versionLocations, recursive: true });
  }
  // Explicit directories are read recursively: one inside another is read already, and twice would
  // report every finding twice.
  const within = (a: string, b: string) => b === '.' || a === b || a.startsWith(`${b}/`);
  return envs.filter(
    (e, i) =>
      !envs.some(
        (o, j) =>
          j !== i &&
          within(e.versionLocations[0], o.versionLocations[0]) &&
          (e.versionLocations[0] !== o.versionLocations[0] || j < i),
      ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Config files

interface Setting {
  value: unknown;
  file: string;
  line?: number;
  kind: 'alembic.ini' | 'pyproject.toml';
}

/** One Alembic configuration: an ini section, a [tool.alembic] table, or the two merged. */
interface ConfigView {
  dir: string;
  file: string;
  line?: number;
  /** An ini section other than [alembic] (`alembic -n NAME`). */
  section?: string;
  get(key: string): Setting | undefined;
  /** Keys only the ini can set (upstream reads path_separator with get_main_option). */
  getIni(key: string): Setting | undefined;
}

class ProblemError extends Error {
  constructor(readonly problem: ConfigProblem) {
    super(problem.message);
  }
}

function configFilesByFolder(files: readonly string[]): Map<string, string[]> {
  const byDir = new Map<string, string[]>();
  // Indexed loops over the whole listing (here and in envPyFallbacks): no iterator per file.
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    if (!f.endsWith('.ini') && !f.endsWith('pyproject.toml')) continue;
    const name = nameOf(f);
    if (!name.endsWith('.ini') && name !== 'pyproject.toml') continue;
    const dir = dirOf(f);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  return byDir;
}

const decode = (b: Buffer | undefined) => (b ?? Buffer.alloc(0)).toString('utf8');

/** The configurations of one folder: [alembic] (+ pyproject), then other sections naming a script_location. */
async function readConfigs(
  tree: FileTree,
  dir: string,
  files: string[],
): Promise<[ConfigView[], ConfigProblem[], ConfigProblem[]]> {
  const problems: ConfigProblem[] = [];
  const templates: ConfigProblem[] = [];
  const here = hereOf(dir);
  const texts = await Promise.all(files.map(async (f) => decode(await tree.read(f))));
  let toml: ConfigView | undefined;
  let main: { view: ConfigView; hasLocation: boolean; siblings: number } | undefined;
  const others: ConfigView[] = [];
  let sectionless: string | undefined;
  for (const [i, file] of files.entries()) {
    const text = texts[i];
    if (posix.basename(file) === 'pyproject.toml') {
      toml = readPyproject(file, dir, here, text, problems, templates);
      continue;
    }
    const isAlembicIni = posix.basename(file) === 'alembic.ini';
    if (!isAlembicIni && !text.includes('script_location')) continue; // tox.ini, pytest.ini, ...
    let doc: IniDocument;
    try {
      doc = parseIni(text, { here });
    } catch (e) {
      if (!(e instanceof IniError)) throw e;
      // A Jinja template (`{% if %}` lines) is no ini until it is rendered.
      if (JINJA.test(text))
        templates.push({ message: templateMessage(file, 'it is not an ini file yet'), file, line: e.line });
      else problems.push({ message: `cannot parse ${file}: ${e.message}`, file, line: e.line });
      continue;
    }
    const before = others.length;
    for (const section of doc.sections.values()) {
      const isMain = section.name === 'alembic';
      if (!isMain && !section.options.has('script_location')) continue;
      const view = iniView(doc, section.name, file, dir, section.line);
      if (isMain && isAlembicIni)
        main = { view, hasLocation: !!doc.option('alembic', 'script_location'), siblings: 0 };
      else others.push(view);
    }
    if (main && isAlembicIni) main.siblings = others.length - before;
    if (isAlembicIni && !main && others.length === before) sectionless = file;
  }
  // Since 1.16 [tool.alembic] can hold everything and alembic.ini only logging; before, [alembic] is required.
  if (sectionless && !toml)
    problems.push({
      message: `${sectionless} has no [alembic] section with script_location`,
      file: sectionless,
    });
  // [alembic] may only hold what the `-n name` sections share: not an environment by itself.
  if (main && !main.hasLocation && main.siblings > 0 && !(toml && defines(toml, 'script_location')))
    main = undefined;
  const views = others.map((v) => (toml ? merged(v, toml) : v));
  const first = main ? (toml ? merged(main.view, toml) : main.view) : toml;
  return [first ? [first, ...views] : views, problems, templates];
}

function defines(view: ConfigView, key: string): boolean {
  try {
    return view.get(key) !== undefined;
  } catch {
    return true; // present, if broken: environmentFrom reports it
  }
}

function iniView(doc: IniDocument, section: string, file: string, dir: string, line: number): ConfigView {
  const get = (key: string): Setting | undefined => {
    const opt = doc.option(section, key);
    if (!opt) return undefined;
    try {
      return { value: doc.get(section, key), file, line: opt.line || undefined, kind: 'alembic.ini' };
    } catch (e) {
      const err = e as IniError;
      throw new ProblemError({ message: `${file}: ${err.message}`, file, line: err.line });
    }
  };
  return { dir, file, line, get, getIni: get, ...(section === 'alembic' ? {} : { section }) };
}

function merged(ini: ConfigView, toml: ConfigView): ConfigView {
  return { ...ini, get: (key) => ini.get(key) ?? toml.get(key) };
}

function readPyproject(
  file: string,
  dir: string,
  here: string,
  text: string,
  problems: ConfigProblem[],
  templates: ConfigProblem[],
) {
  if (!/\btool\s*\.\s*alembic\b|^\s*\[\s*tool\s*\][\s\S]*^\s*alembic\b/m.test(text)) return undefined;
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const line = e instanceof TomlError ? e.line : undefined;
    // A Jinja template is no TOML until it is rendered.
    if (JINJA.test(text))
      templates.push({ message: templateMessage(file, 'it is not TOML yet'), file, line });
    else
      problems.push({ message: `cannot parse ${file}: ${(e as Error).message.split('\n')[0]}`, file, line });
    return undefined;
  }
  const table = (data.tool as Record<string, unknown> | undefined)?.alembic;
  if (table === undefined) return undefined;
  const header = lineOf(text, /^\s*\[\s*tool\s*\.\s*alembic\s*\]/m);
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    problems.push({ message: `${file}: [tool.alembic] must be a table`, file, line: header });
    return undefined;
  }
  const values = table as Record<string, unknown>;
  const get = (key: string): Setting | undefined => {
    if (!(key in values)) return undefined;
    const line = keyLine(text, header, key);
    const fmt = (s: unknown): unknown => {
      if (typeof s !== 'string') return s;
      try {
        return interpolate(s, (name) => (name === 'here' ? here : undefined), false);
      } catch (e) {
        throw new ProblemError({
          message: `${file}: bad value for '${key}': ${(e as Error).message}`,
          file,
          line,
        });
      }
    };
    const v = values[key];
    return { value: Array.isArray(v) ? v.map(fmt) : fmt(v), file, line, kind: 'pyproject.toml' };
  };
  return { dir, file, line: header, get, getIni: () => undefined } satisfies ConfigView;
}

function lineOf(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? text.slice(0, m.index + m[0].search(/\S/)).split('\n').length : undefined;
}

/** smol-toml keeps no positions: the first `key =` after the [tool.alembic] header is good enough. */
function keyLine(text: string, header: number | undefined, key: string): number | undefined {
  if (header === undefined) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const re = new RegExp(`^\\s*["']?${key}["']?\\s*=`);
  for (let i = header; i < lines.length && !/^\s*\[/.test(lines[i]); i++) if (re.test(lines[i])) return i + 1;
  return header;
}

// ---------------------------------------------------------------------------------------------------------
// From a config to an environment

/** Placeholders a template engine fills in: `{name}`, `{{ name }}`, `{% … %}`, `${name}`. */
const PLACEHOLDER = /\{\{.*?\}\}|\{%.*?%\}|\$\{[^}\n]*\}|\{[A-Za-z_][\w.]*\}/;
const JINJA = /\{\{.*?\}\}|\{%.*?%\}/;

const templateMessage = (file: string, what: string) =>
  `${file} looks like a template filled in at run time (${what}): not an Alembic environment, skipped`;

/**
 * Whether a location setting is a template placeholder rather than a folder: it holds one and names no
 * folder of the tree as written (a cookiecutter repository may really have a `{{cookiecutter.name}}/` folder).
 */
function placeholder(s: Setting | undefined, dir: string, index: TreeIndex): string | undefined {
  if (!s) return undefined;
  const values = Array.isArray(s.value) ? s.value : [s.value];
  for (const value of values) {
    if (typeof value !== 'string' || !PLACEHOLDER.test(value)) continue;
    const v = value.trim();
    const rel = v.startsWith(ROOT) ? inRepo(`.${v.slice(ROOT.length)}`) : inRepo(posix.join(dir, v));
    if (rel === undefined || !index.hasDir(rel)) return value.replaceAll(hereOf(dir), '%(here)s');
  }
  return undefined;
}

function environmentFrom(
  view: ConfigView,
  index: TreeIndex,
  problems: ConfigProblem[],
  templates: ConfigProblem[],
): MigrationEnvironment | undefined {
  try {
    const sl = view.get('script_location');
    for (const key of ['script_location', 'version_locations']) {
      const setting = key === 'script_location' ? sl : view.get(key);
      const shown = placeholder(setting, view.dir, index);
      if (shown === undefined) continue;
      templates.push({
        message: templateMessage(setting!.file, `${key} = ${clip(shown)}`),
        file: setting!.file,
        line: setting!.line,
      });
      return undefined;
    }
    // Flask-Migrate and the like keep an alembic.ini without script_location inside the script folder and
    // set the location in code: the env.py beside it is what finds that environment.
    if (!sl && index.has(join(view.dir, 'env.py'))) return undefined;
    if (!sl) {
      problems.push({
        message: `No 'script_location' key found in configuration (${view.file})`,
        file: view.file,
        line: view.line,
      });
      return undefined;
    }
    if (typeof sl.value !== 'string') throw problemAt(sl, `script_location must be a string`);
    const script = resolveLocation(sl.value, view.dir, index, sl, 'script_location');
    const shown = clip(sl.value.replaceAll(hereOf(view.dir), '%(here)s'));
    if (!index.hasDir(script))
      problems.push(
        problemAt(
          sl,
          `script_location '${shown}'${clip(script) === shown ? '' : ` (${clip(script)})`} is not a folder in this tree`,
        ).problem,
      );

    let versionLocations = [join(script, 'versions')];
    const vl = view.get('version_locations');
    if (vl && (typeof vl.value !== 'string' || vl.value)) {
      const parts = splitLocations(vl, view, problems);
      versionLocations = [];
      for (const part of parts) {
        try {
          const loc = resolveLocation(part, view.dir, index, vl, 'version_locations');
          if (!versionLocations.includes(loc)) versionLocations.push(loc);
        } catch (e) {
          if (!(e instanceof ProblemError)) throw e;
          problems.push(e.problem);
        }
      }
    }
    const env: MigrationEnvironment = {
      kind: 'alembic',
      path: script,
      source: sl.kind,
      configFile: sl.file,
      versionLocations,
      recursive: booleanSetting(view.get('recursive_version_locations'), 'recursive_version_locations'),
    };
    const sourceless = view.get('sourceless');
    if (booleanSetting(sourceless, 'sourceless')) {
      const compiled = compiledOnly(index, env);
      if (compiled.length)
        problems.push(
          problemAt(
            sourceless!,
            `sourceless = true, and ${compiled.length === 1 ? 'a revision is' : `${compiled.length} revisions are`} kept only as bytecode (${clip(compiled[0])}${compiled.length > 1 ? ', …' : ''}): headsup reads Python source, so ${compiled.length === 1 ? 'it is' : 'they are'} not in the graph`,
          ).problem,
        );
    }
    if (view.section) env.configSection = view.section;
    // A relative location read from the config's folder works only when Alembic runs there.
    const v = sl.value.trim();
    const relative = !v.startsWith(ROOT) && !v.startsWith('/') && !v.includes(':');
    if (relative && view.dir !== '.' && script === inRepo(posix.join(view.dir, v))) env.runFrom = view.dir;
    const importPaths = prependedPaths(view.get('prepend_sys_path'), view.dir, index);
    if (importPaths.length) env.importPaths = importPaths;
    return env;
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    problems.push(e.problem);
    return undefined;
  }
}

/**
 * `prepend_sys_path`: a list (pyproject), or paths split on spaces, commas and colons (ini, as Alembic 1.8
 * does); ones outside the repository are no concern of a static reader and are skipped.
 */
function prependedPaths(s: Setting | undefined, dir: string, index: TreeIndex): string[] {
  if (!s) return [];
  const parts = Array.isArray(s.value)
    ? s.value.filter((v): v is string => typeof v === 'string')
    : typeof s.value === 'string'
      ? s.value.split(/[\s,:]+/)
      : [];
  const out: string[] = [];
  for (const part of parts.filter(Boolean)) {
    try {
      const path = resolveLocation(part, dir, index, s, 'prepend_sys_path');
      if (!out.includes(path)) out.push(path);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
    }
  }
  return out;
}

/** A configured value as a message shows it: whole up to a line's worth, else its start. */
const clip = (value: string) =>
  value.length > 120 ? `${value.slice(0, 100)}… (${value.length} characters)` : value;

const problemAt = (s: Setting, message: string) =>
  new ProblemError({ message: `${s.file}: ${message}`, file: s.file, line: s.line });

/** ini: exactly "true" (Alembic compares the string); toml: a boolean. */
function booleanSetting(s: Setting | undefined, key: string): boolean {
  if (!s) return false;
  if (s.kind === 'alembic.ini') return s.value === 'true';
  if (typeof s.value !== 'boolean') throw problemAt(s, `boolean value expected for '${key}'`);
  return s.value;
}

/**
 * With `sourceless = true` Alembic also loads `.pyc`/`.pyo` files of its version folders, and those in
 * their `__pycache__`, that have no `.py` beside them: revisions headsup cannot read (bytecode).
 */
function compiledOnly(index: TreeIndex, env: MigrationEnvironment): string[] {
  const out: string[] = [];
  for (const loc of env.versionLocations) {
    const prefix = loc === '.' ? '' : `${loc}/`;
    for (const f of index.files) {
      if (!f.startsWith(prefix) || !/\.py[co]$/.test(f)) continue;
      const rest = f.slice(prefix.length).split('/');
      const name = rest[rest.length - 1];
      if (name.startsWith('__init__') || name.startsWith('.#')) continue;
      const inCache = rest.length === 2 && rest[0] === '__pycache__';
      if (rest.length > 1 && !inCache && !env.recursive) continue;
      // The source is there, and preferred (for `__pycache__/x.cpython-311.pyc`: an `x.*` in the folder).
      const stem = name.split('.')[0];
      if (
        inCache
          ? index.has(`${prefix}${stem}.py`) || index.has(`${prefix}${stem}.pyc`)
          : index.has(f.slice(0, -1))
      )
        continue;
      out.push(f);
    }
  }
  return out;
}

const SEPARATORS: Record<string, string> = { space: ' ', newline: '\n', os: ':', ':': ':', ';': ';' };

/**
 * `version_locations` split the way Alembic does: by `path_separator` (1.16+) or the older
 * `version_path_separator` (`os` = ':' on the posix runners we target), else on spaces and commas.
 */
function splitLocations(vl: Setting, view: ConfigView, problems: ConfigProblem[]): string[] {
  if (Array.isArray(vl.value)) {
    if (vl.value.every((v) => typeof v === 'string')) return (vl.value as string[]).filter(Boolean);
    throw problemAt(vl, 'version_locations must be a list of strings');
  }
  if (typeof vl.value !== 'string') throw problemAt(vl, 'version_locations must be a list of strings');
  if (vl.kind === 'pyproject.toml') {
    problems.push(
      problemAt(vl, 'version_locations in [tool.alembic] must be a list; read as one path').problem,
    );
    return [vl.value];
  }
  const value = vl.value;
  const sep = view.getIni('path_separator') ?? view.getIni('version_path_separator');
  if (sep) {
    const name = String(sep.value);
    let char = SEPARATORS[name];
    if (char === undefined) {
      const keyName = view.getIni('path_separator') ? 'path_separator' : 'version_path_separator';
      // The 1.8 template wrote "version_path_separator = os  # Use os.pathsep..." and ini files have no
      // inline comments: Alembic then fails. Say so, and read on with the first word when it is valid.
      problems.push(
        problemAt(
          sep,
          `'${clip(name)}' is not a valid value for ${keyName}; expected 'space', 'newline', 'os', ':', ';' (Alembic fails on it)`,
        ).problem,
      );
      char = SEPARATORS[name.split(/\s/)[0]];
    }
    if (char !== undefined)
      return value
        .split(char)
        .map((x) => x.trim())
        .filter(Boolean);
  }
  const pieces = value.split(/, *| +/);
  // `a ,b` splits into `a`, ``, `b`; Alembic makes the empty one absolute: the folder it runs in.
  if (pieces.some((p) => p === ''))
    problems.push(
      problemAt(
        vl,
        `version_locations '${clip(value)}' has an empty entry (a space before a comma, two commas in a row, or one at the end): Alembic reads the folder it runs in as a version location too, and every .py file there as a revision; headsup leaves it out`,
      ).problem,
    );
  const parts = pieces.filter(Boolean);
  if (parts.some((p) => p.includes('\n'))) {
    problems.push(
      problemAt(
        vl,
        'version_locations spans several lines but no path_separator is set: Alembic does not split on line breaks (set path_separator = newline)',
      ).problem,
    );
    return parts.flatMap((p) => p.split(/\s+/)).filter(Boolean);
  }
  return parts;
}

/** A configured location → repo-relative folder; ProblemError when it cannot be inside this repository. */
function resolveLocation(value: string, dir: string, index: TreeIndex, s: Setting, key: string): string {
  const shown = clip(value.replaceAll(hereOf(dir), '%(here)s').replaceAll(ROOT, '<repository root>'));
  const v = value.trim();
  let rel: string | undefined;
  if (!v) throw problemAt(s, `${key} is empty`);
  if (v === ROOT || v.startsWith(`${ROOT}/`)) rel = inRepo(`.${v.slice(ROOT.length)}`);
  else if (v.startsWith('/'))
    throw problemAt(s, `${key} '${shown}' is an absolute path outside the repository`);
  else if (v.includes(':')) return packageResource(v, index, s, key);
  else {
    rel = inRepo(posix.join(dir, v));
    // Alembic resolves a relative path from where it runs: the config's folder (`cd svc && alembic`), or
    // the repository root (`alembic -c svc/alembic.ini`). Where only the latter names a folder, it is run so.
    if (dir !== '.' && (rel === undefined || !index.hasDir(rel))) {
      const fromRoot = inRepo(posix.normalize(v));
      if (fromRoot !== undefined && index.hasDir(fromRoot)) rel = fromRoot;
    }
  }
  if (rel === undefined) throw problemAt(s, `${key} '${shown}' points outside the repository`);
  return rel;
}

/**
 * `pkg.sub:some/path` (Alembic: importlib.resources.files('pkg.sub') / 'some/path'). Without importing
 * anything, the package is the folder `pkg/sub` somewhere in the tree: a real package (`__init__.py`)
 * first, then the shallowest (repo root before `src/`), then by name.
 */
function packageResource(v: string, index: TreeIndex, s: Setting, key: string): string {
  const [pkg, ...rest] = v.split(':');
  const pkgPath = pkg.replaceAll('.', '/');
  const candidates = index.dirs
    .filter((d) => d === pkgPath || d.endsWith(`/${pkgPath}`))
    .sort((a, b) => {
      const init = Number(index.has(join(b, '__init__.py'))) - Number(index.has(join(a, '__init__.py')));
      return init || a.split('/').length - b.split('/').length || (a < b ? -1 : 1);
    });
  if (!pkg || !candidates.length)
    throw problemAt(s, `${key} '${clip(v)}' names package '${clip(pkg)}', which is not in the repository`);
  const rel = inRepo(posix.join(candidates[0], ...rest.filter(Boolean)));
  if (rel === undefined) throw problemAt(s, `${key} '${clip(v)}' points outside the repository`);
  return rel;
}

// ---------------------------------------------------------------------------------------------------------
// Configured in code, and duplicates

function envPyFallbacks(index: TreeIndex, found: MigrationEnvironment[]): MigrationEnvironment[] {
  const covered = new Set(found.map((e) => e.path));
  const out: MigrationEnvironment[] = [];
  const files = index.files;
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    if (!f.endsWith('env.py') || nameOf(f) !== 'env.py') continue;
    const dir = dirOf(f);
    const versions = join(dir, 'versions');
    if (!index.hasDir(versions) || covered.has(dir)) continue;
    if (found.some((e) => e.versionLocations.includes(versions))) continue;
    out.push({
      kind: 'alembic',
      path: dir,
      source: 'env.py',
      versionLocations: [versions],
      recursive: false,
    });
  }
  return out;
}

/**
 * Each environment's name: its path, with its section when not [alembic] (`mig [main]`, `mig [ws]`: one
 * env.py, several databases). Two configs naming one path and section but reading other folders are told
 * apart by their config file.
 */
function named(envs: MigrationEnvironment[]): MigrationEnvironment[] {
  const plain = (e: MigrationEnvironment) => (e.configSection ? `${e.path} [${e.configSection}]` : e.path);
  const count = new Map<string, number>();
  for (const e of envs) count.set(plain(e), (count.get(plain(e)) ?? 0) + 1);
  return envs.map((e) => {
    if (!e.configSection && count.get(e.path) === 1) return e;
    const name = plain(e);
    if (count.get(name) === 1 || !e.configFile) return { ...e, name };
    return { ...e, name: `${e.path} (${e.configFile}${e.configSection ? ` [${e.configSection}]` : ''})` };
  });
}

/** Two configs reading the same folders are one environment (e.g. alembic.ini and alembic-test.ini). */
function dedupe(envs: MigrationEnvironment[]): MigrationEnvironment[] {
  const seen = new Set<string>();
  return envs.filter((e) => {
    const key = [...new Set(e.versionLocations)].sort().join('\n');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Revision files

/** Alembic's `_only_source_rev_file`: `*.py`, not `__init__*` nor editor lock files `.#*`. */
export function isRevisionFileName(name: string): boolean {
  return isRevisionFileNameAt(name, 0);
}

/** isRevisionFileName of the name starting at `from` (no slicing: it runs for every file of a folder). */
function isRevisionFileNameAt(path: string, from: number): boolean {
  return (
    path.endsWith('.py') &&
    !path.startsWith('.#', from) &&
    !path.startsWith('__init__', from) &&
    path.indexOf('\n', from) < 0
  );
}

/**
 * The revision files of an environment in Alembic's load order, which decides ties in its upgrade order.
 *
 * Upstream 1.10+ (`Script._list_py_dir`) walks each version location top-down: a folder's files sorted,
 * then its subfolders in sorted order, only the top folder unless `recursive_version_locations`, skipping
 * `__pycache__`. 1.8.1 (Debian 12) uses a bare `os.listdir`, file-system order, no recursion at all: sorted
 * is the only reproducible choice. A file reachable from two locations loads once, from the first.
 */
export async function listRevisionFiles(tree: FileTree, env: MigrationEnvironment): Promise<string[]> {
  const files = await tree.list();
  const out: string[] = [];
  const seen = new Set<string>();
  for (const loc of env.versionLocations) {
    const prefix = loc === '.' ? '' : `${loc}/`;
    // The listing is sorted: the folder's files are one run of it, found by binary search.
    const flat: string[] = [];
    const nested: string[][] = [];
    for (let i = lowerBound(files, prefix); i < files.length && files[i].startsWith(prefix); i++) {
      const f = files[i];
      if (f.indexOf('/', prefix.length) < 0) {
        if (isRevisionFileNameAt(f, prefix.length)) flat.push(f); // the common case: kept as listed
        continue;
      }
      const parts = f.slice(prefix.length).split('/');
      if (!env.recursive || parts.slice(0, -1).some((p) => p.endsWith('__pycache__'))) continue;
      if (isRevisionFileName(parts[parts.length - 1])) nested.push(parts);
    }
    // Python sorts by code point; the listing is in UTF-16 order, which differs only past U+FFFF.
    flat.sort((a, b) => codePointCompare(a, b, prefix.length));
    const paths = nested.length
      ? [...flat.map((f) => [f.slice(prefix.length)]), ...nested]
          .sort(walkOrder)
          .map((p) => prefix + p.join('/'))
      : flat;
    if (env.versionLocations.length === 1) return paths;
    for (const path of paths) {
      if (!seen.has(path)) out.push(path);
      seen.add(path);
    }
  }
  return out;
}

/**
 * Revision-file names in subfolders of an environment's version locations that Alembic does not walk (no
 * `recursive_version_locations`): candidates for files nobody reads. `__pycache__` is skipped, as Alembic's
 * walk does.
 */
export async function nestedRevisionFiles(tree: FileTree, env: MigrationEnvironment): Promise<string[]> {
  if (env.recursive) return [];
  const files = await tree.list();
  const out: string[] = [];
  for (const loc of env.versionLocations) {
    // The repository root as a version location: its subfolders are the whole project, not revisions.
    if (loc === '.') continue;
    const prefix = `${loc}/`;
    for (let i = lowerBound(files, prefix); i < files.length && files[i].startsWith(prefix); i++) {
      const f = files[i];
      if (f.indexOf('/', prefix.length) < 0 || !isRevisionFileName(nameOf(f))) continue;
      if (!f.slice(prefix.length - 1).includes('/__pycache__/')) out.push(f);
    }
  }
  return out;
}

/** The first index of sorted `files` not below `key`. */
function lowerBound(files: readonly string[], key: string): number {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** os.walk(topdown=True) with sorted names: within a folder, its files come before its subfolders. */
function walkOrder(a: string[], b: string[]): number {
  for (let i = 0; ; i++) {
    const aFile = i === a.length - 1;
    const bFile = i === b.length - 1;
    if (aFile !== bFile) return aFile ? -1 : 1;
    if (a[i] !== b[i] || aFile) return codePointCompare(a[i], b[i]);
  }
}

/**
 * Python's str ordering: by code point (JS `<` compares UTF-16 units, which differs above U+FFFF).
 * Past the common prefix, the code points there decide; codePointAt reads a whole surrogate pair.
 * `from`: where the strings may first differ (a folder prefix they share).
 */
function codePointCompare(a: string, b: string, from = 0): number {
  const n = Math.min(a.length, b.length);
  let i = from;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  return a.codePointAt(i)! - b.codePointAt(i)!;
}
