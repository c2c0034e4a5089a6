/** One Alembic migration environment found in a tree. */
export interface MigrationEnvironment {
  kind: 'alembic';
  /** The script location (or the explicit directory), repo-relative posix, '.' for the root. */
  path: string;
  /**
   * What findings and reports call it: the path, with the ini section when not [alembic] (`mig [main]`):
   * one script location serves several databases through `-n` sections, each its own environment. Set by
   * discovery; `environmentName` reads it.
   */
  name?: string;
  /** Where the configuration came from. */
  source: 'alembic.ini' | 'pyproject.toml' | 'env.py' | 'explicit';
  /** The config file (repo-relative) when there is one. */
  configFile?: string;
  /** Its ini section when not [alembic]: Alembic is run with `-n NAME` for it. */
  configSection?: string;
  /**
   * The folder Alembic must run in, when not the repository root: the config file's, whose relative
   * `script_location` is read from there (`cd svc && alembic`).
   */
  runFrom?: string;
  /** Directories holding revision files, repo-relative posix, in Alembic's order. */
  versionLocations: string[];
  /** `recursive_version_locations`; explicit --migrations directories are always recursive. */
  recursive: boolean;
  /**
   * `prepend_sys_path` entries (repo-relative), where revision files' imports are found first: Alembic puts
   * them on sys.path, relative to where it runs (taken to be the config file's folder).
   */
  importPaths?: string[];
}

/** A problem met while reading configuration (file and line when known). */
export interface ConfigProblem {
  message: string;
  file: string;
  line?: number;
}

/** An environment's name in findings and reports (see MigrationEnvironment.name). */
export function environmentName(env: Pick<MigrationEnvironment, 'name' | 'path'>): string {
  return env.name ?? env.path;
}
