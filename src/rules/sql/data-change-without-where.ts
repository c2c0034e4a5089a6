import { existing } from './lib/common.js';
import type { SqlRule } from './lib/types.js';

export const dataChangeWithoutWhere: SqlRule = {
  id: 'data-change-without-where',
  severity: 'warning',
  dialects: ['postgresql', 'mysql', 'sqlite'],
  doc: 'An UPDATE or DELETE without WHERE on a table that existed before the PR touches every production row in one statement and one transaction: long locks on each row, a burst of WAL/binlog, replicas behind.',
  safe: 'Bound it: a WHERE that selects only the rows that need it, in batches (by primary key range), outside the schema change’s transaction.',
  example: {
    unsafe: 'op.execute("UPDATE orders SET status = \'paid\'")',
    safe: "op.execute(\"UPDATE orders SET status = 'paid' WHERE status = 'new' AND id BETWEEN 1 AND 10000\")  # repeated per batch",
  },
  check(s, ctx) {
    const f = s.facts.find(
      (x) => (x.kind === 'update' || x.kind === 'delete') && !x.where && ctx.tables.preexisting(x.table),
    );
    if (f?.kind !== 'update' && f?.kind !== 'delete') return;
    return {
      message: `This ${f.kind === 'update' ? 'UPDATE' : 'DELETE'} has no WHERE: it ${f.kind === 'update' ? 'rewrites' : 'deletes'} every row of ${existing(ctx, f.table)} in one statement, holding each row’s lock until the transaction ends.`,
    };
  },
};
