/** `.headsup.yml` read with the yaml package (handed in: it loads only when a config file exists), field by field. */
import type { Node, Pair } from 'yaml';
import { emptyConfig, type ConfigIssue, type HeadsupConfig, type RuleSetting } from './config.js';

export type YamlModule = typeof import('yaml');

const SETTINGS: readonly RuleSetting[] = ['off', 'notice', 'warning', 'error'];

/** Reads a config's text; `known` is every rule id headsup has (an unknown one is a warning: a typo, or a newer headsup). */
export function parseConfig(
  text: string,
  known: ReadonlySet<string>,
  yaml: YamlModule,
): { config: HeadsupConfig; issues: ConfigIssue[] } {
  const { isMap, isScalar, LineCounter, parseDocument } = yaml;
  const config = emptyConfig();
  const issues: ConfigIssue[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (n: Node | null | undefined) => (n?.range ? lines.linePos(n.range[0]).line : undefined);
  const problem = (
    n: Node | null | undefined,
    message: string,
    severity: ConfigIssue['severity'] = 'error',
  ) => issues.push({ line: lineOf(n), message, severity });
  for (const e of doc.errors)
    issues.push({ line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0], severity: 'error' });
  if (doc.errors.length) return { config, issues };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, issues };
  if (!isMap(root)) {
    problem(root, 'the file must be a mapping (rules:, postgres:, mysql:, tables:)');
    return { config, issues };
  }
  const section = (pair: Pair, name: string, fields: Record<string, (v: Node, key: Node) => void>) => {
    if (!isMap(pair.value)) return problem(pair.value as Node, `\`${name}\` must be a mapping`);
    for (const item of pair.value.items) {
      const key = String((item.key as { value?: unknown }).value);
      const read = fields[key];
      if (!read)
        problem(item.key as Node, `\`${name}.${key}\` is not a setting (${Object.keys(fields).join(', ')})`);
      else read(item.value as Node, item.key as Node);
    }
  };
  const str = (v: Node, path: string): string | undefined => {
    if (isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number')) return String(v.value);
    problem(v, `\`${path}\` must be a string`);
    return undefined;
  };
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown }).value);
    if (key === 'rules') {
      if (!isMap(pair.value)) {
        problem(pair.value as Node, '`rules` must map rule ids to off, notice, warning or error');
        continue;
      }
      for (const item of pair.value.items) {
        const id = String((item.key as { value?: unknown }).value);
        const v = item.value as Node;
        // YAML 1.2 reads a bare `off` as a string; `false` means off too.
        const raw = isScalar(v) ? (v.value === false ? 'off' : v.value) : undefined;
        if (typeof raw !== 'string' || !(SETTINGS as readonly string[]).includes(raw)) {
          problem(v, `\`rules.${id}\` must be one of ${SETTINGS.join(', ')}`);
          continue;
        }
        if (!known.has(id))
          problem(
            item.key as Node,
            `\`${id}\` is not a rule headsup knows (\`headsup rules\` lists them)`,
            'warning',
          );
        config.rules.set(id, raw as RuleSetting);
      }
    } else if (key === 'postgres')
      section(pair, 'postgres', {
        version: (v) => (config.postgres.version = versionOf(v, 'postgres.version')),
        'lock-timeout': (v) => {
          if (isScalar(v) && typeof v.value === 'boolean') config.postgres.lockTimeout = v.value;
          else problem(v, '`postgres.lock-timeout` must be true or false');
        },
      });
    else if (key === 'mysql')
      section(pair, 'mysql', { version: (v) => (config.mysql.version = versionOf(v, 'mysql.version')) });
    else if (key === 'tables')
      section(pair, 'tables', {
        sizes: (v) => {
          if (!isMap(v)) return problem(v, '`tables.sizes` must map table names to row counts');
          for (const item of v.items) {
            const table = String((item.key as { value?: unknown }).value);
            const n = isScalar(item.value) ? item.value.value : undefined;
            if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) config.tables.sizes.set(table, n);
            else problem(item.value as Node, `\`tables.sizes.${table}\` must be a whole number of rows`);
          }
        },
        'size-query': (v) => (config.tables.sizeQuery = str(v, 'tables.size-query')),
      });
    else problem(pair.key as Node, `\`${key}\` is not a section (rules, postgres, mysql, tables)`);
  }
  return { config, issues };

  function versionOf(v: Node, path: string): string | undefined {
    const s = str(v, path);
    if (s !== undefined && !/^\d+(\.\d+){0,2}(-?mariadb)?$/i.test(s.trim())) {
      problem(v, `\`${path}\` must be a version such as 15, 8.0.36 or 10.11-MariaDB`);
      return undefined;
    }
    return s?.trim();
  }
}
