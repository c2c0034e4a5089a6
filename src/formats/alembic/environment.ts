/** One Alembic migration environment found in a tree. */
export interface MigrationEnvironment {
  kind: 'alembic';
  /** Stable name used in findings and JSON: the script location (or the explicit directory), repo-relative posix, '.' for the root. */
  path: string;
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
