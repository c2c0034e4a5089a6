import { describe, expect, it } from 'vitest';
import { alembicMissing } from './helpers/alembic.js';
import { lineOf, stockTemplates } from './helpers/alembic-project.js';
import { checkJson, DryRunRepo, rev } from './helpers/dry-run-repo.js';
import { serverMissing } from './helpers/scratch-db.js';
import type { Report } from '../src/report/model.js';

/**
 * The SQL rules over real dry runs on MariaDB 10.11 (node-sql-parser's MariaDB grammar) and SQLite (its
 * SQLite grammar, Alembic's batch mode): each unsafe pattern once on its op.* line, a clean revision silent.
 */
const noAlembic = alembicMissing('SQL rules on MariaDB and SQLite');
const noMariaDb = noAlembic ?? (await serverMissing('mysql', 'SQL rules on MariaDB'));

/** Findings of warning or error severity, as [rule, file, line]. */
const serious = (report: Report) =>
  report.findings.filter((f) => f.severity !== 'notice').map((f) => [f.rule, f.file, f.line]);

const at = (files: Record<string, string>, id: string, text: string) => {
  const file = `migrations/versions/${id}_x.py`;
  return [file, lineOf(files[file], text)];
};

describe.skipIf(noAlembic)(
  'the SQL rules over MariaDB and SQLite dry runs (bundled CLI, real Alembic)',
  () => {
    it.skipIf(noMariaDb)(
      'MariaDB: type change, ALGORITHM=COPY, drops, renames, data changes; a clean revision silent',
      async () => {
        const { generic } = await stockTemplates('generic');
        const repo = new DryRunRepo({ template: generic, url: 'mysql+pymysql://app@db.internal/app' });
        try {
          const files = {
            ...rev(
              'm1',
              'bbbb0002',
              "op.alter_column('posts', 'title', type_=sa.Text(), existing_type=sa.String(200))",
            ),
            ...rev(
              'm2',
              'm1',
              "op.execute('ALTER TABLE users ADD COLUMN nick VARCHAR(20) AFTER id, ALGORITHM=COPY')",
            ),
            ...rev('m3', 'm2', "op.drop_column('posts', 'title')"),
            ...rev('m4', 'm3', 'op.execute("UPDATE users SET email = \'x\'")'),
            ...rev('m5', 'm4', "op.rename_table('posts', 'articles')"),
            ...rev(
              'm6',
              'm5',
              [
                "op.create_table('tags', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(50)))",
                "op.create_index('ix_tags_name', 'tags', ['name'])",
                "op.add_column('users', sa.Column('bio', sa.Text()))",
              ].join('\n'),
            ),
          };
          const { report } = await checkJson(repo.repo.dir, [
            '--base',
            'main',
            '--head',
            repo.branch('unsafe', files),
            '--database',
            'mysql://root@127.0.0.1:3306/test',
          ]);
          expect(report.environments[0].dryRun).toMatchObject({
            status: 'passed',
            engineVersion: expect.stringMatching(/MariaDB/),
          });
          expect(serious(report)).toEqual([
            ['mysql-column-type-change', ...at(files, 'm1', 'alter_column')],
            ['mysql-copy-or-lock', ...at(files, 'm2', 'ALGORITHM=COPY')],
            ['drop-column', ...at(files, 'm3', 'drop_column')],
            ['data-change-without-where', ...at(files, 'm4', 'UPDATE')],
            ['rename-table', ...at(files, 'm5', 'rename_table')],
          ]);
          // MariaDB 10.11 adds a column anywhere instantly: AFTER is no finding there.
          expect(report.findings.map((f) => f.rule)).not.toContain('mysql-add-column-not-last');
        } finally {
          repo.cleanup();
        }
      },
    );

    it('SQLite: a batch operation that recreates an existing table is flagged once; its swap is no drop', async () => {
      const { generic } = await stockTemplates('generic');
      const repo = new DryRunRepo({ template: generic, url: 'sqlite:///app.db' });
      try {
        const files = {
          ...rev(
            's1',
            'bbbb0002',
            "with op.batch_alter_table('users') as batch:\n    batch.alter_column('email', type_=sa.String(300), existing_type=sa.String(200))",
          ),
          ...rev('s2', 's1', "op.drop_table('posts')"),
          ...rev(
            's3',
            's2',
            "op.create_table('tags', sa.Column('id', sa.Integer(), primary_key=True))\nop.add_column('users', sa.Column('bio', sa.Text()))",
          ),
        };
        const { report } = await checkJson(repo.repo.dir, [
          '--base',
          'main',
          '--head',
          repo.branch('batch', files),
          '--database',
          'sqlite',
        ]);
        expect(report.environments[0].dryRun).toMatchObject({ status: 'passed' });
        expect(serious(report)).toEqual([
          ['sqlite-table-recreate', ...at(files, 's1', 'batch_alter_table')],
          ['drop-table', ...at(files, 's2', 'drop_table')],
        ]);
        // SQLAlchemy's reflection (PRAGMA …) is outside the SQLite grammar: one notice says so, nothing else.
        expect(report.findings.filter((f) => f.rule === 'sql-not-parsed')).toHaveLength(1);
      } finally {
        repo.cleanup();
      }
    });
  },
);
