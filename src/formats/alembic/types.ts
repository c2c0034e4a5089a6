/** Output of the static parser for one Alembic revision file. */

/** Where a module-level assignment sits in its file (1-based lines, 0-based columns), for suggestions. */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Assignment<T> extends SourceSpan {
  value: T;
  /** The statement's full source text, e.g. `down_revision: Union[str, None] = 'abc'`. */
  text: string;
  /**
   * The whole source lines the statement spans (`line`..`endLine`, joined by `\n`): a fix replaces whole
   * lines (a GitHub suggestion does), so it must keep what shares them (`revision = 'a'; ` before, a comment
   * after). Absent on lean parses.
   */
  lines?: string;
  /**
   * Where in `lines` the expression that gives the value is: what a fix replaces, so targets, annotation,
   * chained names and the rest of the line stay. Absent when the value comes from elsewhere (an import).
   */
  valueAt?: { from: number; to: number };
  /** Annotation text when annotated (`Union[str, None]`), else undefined. */
  annotation?: string;
  /** Quote character used by the first string literal of the value, if any. */
  quote?: "'" | '"';
}

export interface ParseProblem {
  /**
   * unresolvable: a value we could not evaluate statically; syntax: the file does not parse; invalid: parsed,
   * but not an Alembic revision; encoding: its bytes are not Python source text; unreadable: not read at all
   * (permissions, I/O, size).
   */
  kind: 'syntax' | 'unresolvable' | 'invalid' | 'encoding' | 'unreadable';
  message: string;
  line: number;
  column: number;
}

export interface ParsedRevisionFile {
  /** Repo-relative posix path. */
  file: string;
  /** Revision id; from `revision = ...` or, for legacy files, the file name. Undefined when unknown. */
  revision?: Assignment<string>;
  /** True when the id came from a legacy file name rather than an assignment. */
  revisionFromFilename?: boolean;
  /** `down_revision`: [] means a base (None / empty tuple). Undefined when missing or unresolvable. */
  downRevision?: Assignment<string[]>;
  branchLabels?: Assignment<string[]>;
  dependsOn?: Assignment<string[]>;
  docstring?: {
    line: number;
    revisionId?: string;
    /** 1-based line of the `Revision ID:` line, and its text, for suggestions. */
    revisionIdLine?: number;
    revisionIdText?: string;
    /** Ids listed on the `Revises:` line ([] for `Revises:` with nothing or "None"). */
    revises?: string[];
    /** 1-based line of the `Revises:` line, for suggestions. */
    revisesLine?: number;
    revisesText?: string;
  };
  problems: ParseProblem[];
  /**
   * Set on results restored from the parse cache, and on lean parses of files a PR does not touch: values,
   * lines and problems are exact, but statement texts, annotations and the docstring are absent. Files a PR
   * touches are always parsed in full.
   */
  lean?: true;
}
