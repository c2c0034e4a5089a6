import type { Rule } from './rule.js';
import { multipleHeads } from './multiple-heads.js';
import { staleParent } from './stale-parent.js';
import { baseMultipleHeads } from './base-multiple-heads.js';
import { cycle } from './cycle.js';
import { missingParent } from './missing-parent.js';
import { duplicateRevision } from './duplicate-revision.js';
import { branchLabelConflict } from './branch-label-conflict.js';
import { invalidRevisionId } from './invalid-revision-id.js';
import { modifiedMigration } from './modified-migration.js';
import { deletedMigration } from './deleted-migration.js';
import { newBranch } from './new-branch.js';
import { squashedMigrations } from './squashed-migrations.js';
import { docstringMismatch } from './docstring-mismatch.js';
import { unresolvableRevision } from './unresolvable-revision.js';
import { invalidMigration } from './invalid-migration.js';

/** Every graph and file rule, in the order their findings read best. */
export const rules: Rule[] = [
  multipleHeads,
  staleParent,
  duplicateRevision,
  missingParent,
  cycle,
  branchLabelConflict,
  invalidRevisionId,
  deletedMigration,
  squashedMigrations,
  newBranch,
  modifiedMigration,
  unresolvableRevision,
  invalidMigration,
  docstringMismatch,
  baseMultipleHeads,
];
