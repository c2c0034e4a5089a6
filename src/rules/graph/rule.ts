import type { FileChange } from '../../git/tree.js';
import type { EnvSnapshot } from '../../analysis/snapshot.js';
import type { Finding, Severity } from '../../report/model.js';

/** What a rule sees of one environment: the base, the tree that will land (base ∪ PR), and the PR's changes. */
export interface RuleContext {
  environment: string;
  /** Undefined when the environment does not exist on base. */
  base?: EnvSnapshot;
  merged: EnvSnapshot;
  /** Changes of the PR to this environment's revision files. */
  changes: FileChange[];
  /** Revision ids that the PR introduces (in merged, not in base). */
  prRevisions: Set<string>;
  /**
   * What the PR's edits of existing revisions do (see analysis/same-program.ts): by landed path, those that
   * keep the program and those that change what runs. Absent: every in-place edit changes what runs.
   */
  edits?: { harmless: ReadonlySet<string>; edited: ReadonlySet<string> };
}

export interface Rule {
  id: string;
  /** The most severe level this rule reports at. */
  severity: Severity;
  /** One line for the docs and the report's legend. */
  doc: string;
  check(ctx: RuleContext): Finding[];
}
