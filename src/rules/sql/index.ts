import type { SqlRule } from './lib/types.js';
import { concurrentlyInTransaction } from './concurrently-in-transaction.js';
import { enumValueInTransaction } from './enum-value-in-transaction.js';
import { addColumnNotNullWithoutDefault } from './add-column-not-null-without-default.js';
import { dropSchemaOrDatabase } from './drop-schema-or-database.js';
import { createIndexNotConcurrently } from './create-index-not-concurrently.js';
import { dropIndexNotConcurrently } from './drop-index-not-concurrently.js';
import { addConstraintNotValid } from './add-constraint-not-valid.js';
import { validateInSameTransaction } from './validate-in-same-transaction.js';
import { addColumnVolatileDefault } from './add-column-volatile-default.js';
import { setNotNull } from './set-not-null.js';
import { addKeyBuildsIndex } from './add-key-builds-index.js';
import { columnTypeRewrite } from './column-type-rewrite.js';
import { accessExclusiveHeld } from './access-exclusive-held.js';
import { missingLockTimeout } from './missing-lock-timeout.js';
import { blockingMaintenance } from './blocking-maintenance.js';
import { truncateTable } from './truncate-table.js';
import { dropTable } from './drop-table.js';
import { dropColumn } from './drop-column.js';
import { renameTable } from './rename-table.js';
import { renameColumn } from './rename-column.js';
import { dropNotNull } from './drop-not-null.js';
import { dataChangeWithoutWhere } from './data-change-without-where.js';
import { irreversibleMigration } from './irreversible-migration.js';
import { mysqlCopyOrLock } from './mysql-copy-or-lock.js';
import { mysqlEnumChange } from './mysql-enum-change.js';
import { mysqlColumnTypeChange } from './mysql-column-type-change.js';
import { mysqlAddColumnNotLast } from './mysql-add-column-not-last.js';
import { sqliteTableRecreate } from './sqlite-table-recreate.js';
import { identifierTooLong } from './identifier-too-long.js';
import { preferJsonb } from './prefer-jsonb.js';
import { preferTimestamptz } from './prefer-timestamptz.js';
import { preferTextOverChar } from './prefer-text-over-char.js';
import { preferIdentity } from './prefer-identity.js';
import { preferBigintPrimaryKey } from './prefer-bigint-primary-key.js';

/** Every SQL rule, in the order their findings read best: failures first, then locks and rewrites, breaking
 * changes, the dialects' own, and advice on types and names. */
export const sqlRules: SqlRule[] = [
  concurrentlyInTransaction,
  enumValueInTransaction,
  addColumnNotNullWithoutDefault,
  dropSchemaOrDatabase,
  createIndexNotConcurrently,
  dropIndexNotConcurrently,
  addConstraintNotValid,
  validateInSameTransaction,
  addColumnVolatileDefault,
  setNotNull,
  addKeyBuildsIndex,
  columnTypeRewrite,
  accessExclusiveHeld,
  missingLockTimeout,
  blockingMaintenance,
  truncateTable,
  dropTable,
  dropColumn,
  renameTable,
  renameColumn,
  dropNotNull,
  dataChangeWithoutWhere,
  irreversibleMigration,
  mysqlCopyOrLock,
  mysqlEnumChange,
  mysqlColumnTypeChange,
  mysqlAddColumnNotLast,
  sqliteTableRecreate,
  identifierTooLong,
  preferJsonb,
  preferTimestamptz,
  preferTextOverChar,
  preferIdentity,
  preferBigintPrimaryKey,
];
