import { posix } from 'node:path';
import type { FileTree } from '../git/tree.js';
import type { Engine } from '../databases/types.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import { parseIni } from '../formats/alembic/ini.js';

/** The engine an environment's migrations are written for, and how headsup knows it (said in the report). */
export interface DetectedDialect {
  dialect: Engine;
  /** e.g. "sqlalchemy.url in alembic.ini", "--dialect", "no hint found: PostgreSQL assumed". */
  basis: string;
}

const SCHEMES: [RegExp, Engine][] = [
  [/^postgres(ql)?\b/i, 'postgresql'],
  [/^(mysql|mariadb)\b/i, 'mysql'],
  [/^sqlite\b/i, 'sqlite'],
];

/** The engine a SQLAlchemy URL names (`postgresql+psycopg2://…`), if any. */
export function engineOfUrl(url: string): Engine | undefined {
  const scheme = /^([a-z0-9+]+):\/\//i.exec(url.trim())?.[1];
  if (!scheme) return undefined;
  return SCHEMES.find(([re]) => re.test(scheme))?.[1];
}

/**
 * Hints in Python source: the dialect modules a file imports and the dialect-specific keywords it passes
 * (`postgresql_using=`, `mysql_engine=`), and SQLite's batch mode. Counted, not trusted one by one.
 */
const HINTS: [RegExp, Engine][] = [
  [/\bdialects(?:\.|\s+import\s+)postgresql\b/g, 'postgresql'],
  [/\bpostgresql_\w+\s*=/g, 'postgresql'],
  [/\bpostgresql\.(?:UUID|JSONB|ARRAY|ENUM|TSVECTOR|INET|CITEXT)\b/g, 'postgresql'],
  [/\bdialects(?:\.|\s+import\s+)mysql\b/g, 'mysql'],
  [/\bmysql_\w+\s*=/g, 'mysql'],
  [/\bmariadb_\w+\s*=/g, 'mysql'],
  [/\bdialects(?:\.|\s+import\s+)sqlite\b/g, 'sqlite'],
  [/\brender_as_batch\s*=\s*True\b/g, 'sqlite'],
  [/\bsqlite:\/\//g, 'sqlite'],
  [/\bpostgres(?:ql)?(?:\+\w+)?:\/\//g, 'postgresql'],
  [/\b(?:mysql|mariadb)(?:\+\w+)?:\/\//g, 'mysql'],
];

/** Revision files read for hints beyond the PR's own: the newest few are enough and keep a long history cheap. */
const SAMPLE = 40;

export async function detectDialect(
  tree: FileTree,
  env: MigrationEnvironment,
  revisionFiles: readonly string[],
  prFiles: readonly string[],
): Promise<DetectedDialect> {
  const fromIni = await iniUrl(tree, env);
  if (fromIni) return fromIni;
  const paths = [
    `${env.path === '.' ? '' : `${env.path}/`}env.py`,
    ...prFiles,
    ...revisionFiles.slice(-SAMPLE),
  ];
  const score: Record<Engine, number> = { postgresql: 0, mysql: 0, sqlite: 0 };
  const texts = await Promise.all([...new Set(paths)].map((p) => tree.read(p).catch(() => undefined)));
  for (const buf of texts) {
    if (!buf) continue;
    const source = buf.toString('utf8');
    for (const [re, engine] of HINTS) score[engine] += source.match(re)?.length ?? 0;
  }
  const ranked = (Object.entries(score) as [Engine, number][]).sort((a, b) => b[1] - a[1]);
  if (ranked[0][1] > 0 && ranked[0][1] > ranked[1][1])
    return { dialect: ranked[0][0], basis: `${ranked[0][0]}-specific code in env.py and the revisions` };
  return {
    dialect: 'postgresql',
    basis: 'no dialect hint found in the config, env.py or revisions: PostgreSQL assumed (--dialect sets it)',
  };
}

/** `sqlalchemy.url` of the environment's ini section, unless it is the template's `driver://…` placeholder. */
async function iniUrl(tree: FileTree, env: MigrationEnvironment): Promise<DetectedDialect | undefined> {
  if (!env.configFile || !env.configFile.endsWith('.ini')) return undefined;
  const buf = await tree.read(env.configFile).catch(() => undefined);
  if (!buf) return undefined;
  try {
    const doc = parseIni(buf.toString('utf8'), { here: posix.dirname(env.configFile) });
    const url = doc.get(env.configSection ?? 'alembic', 'sqlalchemy.url');
    const engine = url ? engineOfUrl(url) : undefined;
    return engine ? { dialect: engine, basis: `sqlalchemy.url in ${env.configFile}` } : undefined;
  } catch {
    return undefined;
  }
}
