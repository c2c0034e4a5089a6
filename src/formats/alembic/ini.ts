/**
 * A reader for .ini files that behaves like Python's `configparser.ConfigParser()` with its defaults, which
 * is what Alembic uses: `=` or `:` delimiters (the first one wins), keys lower-cased, section names
 * case-sensitive, whole-line `#`/`;` comments only (no inline comments: `key = a  # b` keeps the `# b`),
 * values continued on lines indented deeper than the key (blank lines inside kept), a `[DEFAULT]` section
 * inherited by all, strict duplicates, and `%(key)s` / `%%` interpolation done on read, up to 10 levels.
 * The line of every key is kept so problems can point at it.
 */

export class IniError extends Error {
  override name = 'IniError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

export interface IniOption {
  /** The value as written (continuation lines joined with \n), not interpolated. */
  raw: string;
  /** 1-based line of the key; 0 for defaults passed in by the caller. */
  line: number;
}

export interface IniSection {
  name: string;
  line: number;
  options: Map<string, IniOption>;
}

export const DEFAULT_SECTION = 'DEFAULT';
const MAX_INTERPOLATION_DEPTH = 10;

export class IniDocument {
  constructor(
    /** Named sections in file order (DEFAULT excluded, as in configparser). */
    readonly sections: Map<string, IniSection>,
    readonly defaults: Map<string, IniOption>,
  ) {}

  hasSection(name: string): boolean {
    return this.sections.has(name);
  }

  /** The option as written, from the section or else from DEFAULT; keys are case-insensitive. */
  option(section: string, key: string): IniOption | undefined {
    const s = this.sections.get(section);
    if (!s) return undefined;
    const k = key.toLowerCase();
    return s.options.get(k) ?? this.defaults.get(k);
  }

  /** The interpolated value (configparser's `get`), undefined when absent; IniError on bad interpolation. */
  get(section: string, key: string): string | undefined {
    const opt = this.option(section, key);
    if (!opt) return undefined;
    const lookup = (name: string) => this.option(section, name)?.raw;
    try {
      return interpolate(opt.raw, lookup, true);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new IniError(
        `bad value for '${key.toLowerCase()}' in [${section}]: ${why}`,
        opt.line || undefined,
      );
    }
  }
}

/**
 * Expands `%(name)s` and `%%` like Python: configparser's BasicInterpolation when `recursive` (substituted
 * values are expanded again), plain `str % dict` otherwise (what Alembic applies to pyproject values).
 */
export function interpolate(
  value: string,
  lookup: (name: string) => string | undefined,
  recursive: boolean,
): string {
  const expand = (text: string, depth: number): string => {
    if (depth > MAX_INTERPOLATION_DEPTH)
      throw new Error('interpolation goes deeper than 10 levels (a loop?)');
    let out = '';
    let rest = text;
    for (;;) {
      const p = rest.indexOf('%');
      if (p < 0) return out + rest;
      out += rest.slice(0, p);
      rest = rest.slice(p);
      if (rest[1] === '%') {
        out += '%';
        rest = rest.slice(2);
        continue;
      }
      const m = /^%\(([^)]+)\)s/.exec(rest);
      if (!m) throw new Error(`'%' must be followed by '%' or '(name)s', found: '${rest}'`);
      const name = m[1].toLowerCase();
      const v = lookup(recursive ? name : m[1]);
      if (v === undefined) throw new Error(`'%(${m[1]})s' refers to an option that is not defined`);
      out += recursive && v.includes('%') ? expand(v, depth + 1) : v;
      rest = rest.slice(m[0].length);
    }
  };
  return expand(value, 1);
}

const SECTION_RE = /^\[(.+)\]/; // configparser: "very permissive", greedy, not anchored at the end
const OPTION_RE = /^(.*?)\s*([=:])\s*(.*)$/;

/**
 * Parses like `ConfigParser(defaults).read_string(text)`: throws IniError (with the line) on the first
 * problem configparser would raise for: no section header, a duplicate section or key, or a line that is
 * neither (configparser collects those and raises at the end; the first one is reported).
 */
export function parseIni(text: string, defaults: Record<string, string> = {}): IniDocument {
  const sections = new Map<string, IniSection>();
  const defaultOptions = new Map<string, IniOption>(
    Object.entries(defaults).map(([k, v]) => [k.toLowerCase(), { raw: v, line: 0 }]),
  );
  const parts = new Map<IniOption, string[]>(); // value lines, joined at the end
  const seen = new Set<string>();
  let current: Map<string, IniOption> | undefined;
  let sectionName = '';
  let option: IniOption | undefined;
  let indentLevel = 0;
  let firstError: IniError | undefined;

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const isComment = /^[#;]/.test(line.trim());
    const value = isComment ? '' : line.trim();
    if (!value) {
      // Blank lines may belong to a multi-line value; comment lines never do (and do not end one).
      if (!isComment && option) parts.get(option)!.push('');
      return;
    }
    const indent = line.search(/\S/);
    if (current && option && indent > indentLevel) {
      parts.get(option)!.push(value);
      return;
    }
    indentLevel = indent;
    const header = SECTION_RE.exec(value);
    if (header) {
      sectionName = header[1];
      option = undefined;
      if (sectionName === DEFAULT_SECTION) {
        current = defaultOptions;
        return;
      }
      if (seen.has(`[${sectionName}`)) throw new IniError(`section '${sectionName}' already exists`, lineNo);
      seen.add(`[${sectionName}`);
      const s: IniSection = { name: sectionName, line: lineNo, options: new Map() };
      sections.set(sectionName, s);
      current = s.options;
      return;
    }
    if (!current) throw new IniError('file contains no section headers', lineNo);
    const m = OPTION_RE.exec(value);
    if (!m || !m[1]) {
      firstError ??= new IniError(`cannot parse line ${lineNo}: '${value}'`, lineNo);
      option = undefined;
      return;
    }
    const key = m[1].trimEnd().toLowerCase();
    if (seen.has(`${sectionName}\0${key}`))
      throw new IniError(`option '${key}' in section '${sectionName}' already exists`, lineNo);
    seen.add(`${sectionName}\0${key}`);
    option = { raw: '', line: lineNo };
    parts.set(option, [m[3]]);
    current.set(key, option);
  });
  if (firstError) throw firstError;
  for (const [opt, vals] of parts) opt.raw = vals.join('\n').trimEnd();
  return new IniDocument(sections, defaultOptions);
}
