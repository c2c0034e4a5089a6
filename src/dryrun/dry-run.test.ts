import { describe, expect, it } from 'vitest';
import type { ThrowawayDatabase } from '../databases/types.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import type { FileTree } from '../git/tree.js';
import type { RevisionGraph } from '../graph/types.js';
import { dryRunEnvironment, type DryRunParts, type DryRunSubject } from './dry-run.js';

/** The orchestration alone, its database and Python stood in for: what happens when the tree cannot be written. */
describe('dryRunEnvironment', () => {
  it('a merged tree that cannot be written: one dry-run-unavailable saying so, no Python, the database dropped', async () => {
    const files: Record<string, string> = { 'migrations/env.py': '# env\n' };
    const tree: FileTree = {
      label: 'merged',
      list: async () => Object.keys(files),
      read: async (p) => (p in files ? Buffer.from(files[p]) : undefined),
      contentIds: async (paths) => paths.map(() => undefined),
      links: async () => new Map(),
    };
    const subject: DryRunSubject = {
      env: {
        path: 'migrations',
        versionLocations: ['migrations/versions'],
      } as unknown as MigrationEnvironment,
      name: 'migrations',
      tree,
      baseHeads: ['aaaa'],
      prRevisions: new Set(['bbbb']),
      fileOf: new Map([['bbbb', 'migrations/versions/bbbb.py']]),
      revisionFiles: [],
      graph: {} as RevisionGraph,
      envChanged: false,
      checkout: () => Promise.reject(new Error('No space left on device')),
    };
    let disposed = 0;
    let runners = 0;
    const parts: DryRunParts = {
      openDatabase: async () =>
        ({
          engine: 'sqlite',
          description: 'SQLite (test)',
          engineVersion: '3',
          target: { url: 'sqlite:///x.db' },
          name: 'x.db',
          query: async () => [],
          afterClient: async () => {},
          dispose: async () => void disposed++,
        }) as unknown as ThrowawayDatabase,
      openRunner: async () => {
        runners++;
        throw new Error('not reached');
      },
    };
    const outcome = await dryRunEnvironment(
      subject,
      {
        database: { kind: 'sqlite' },
        python: 'python3',
        timeoutMs: 10_000,
        statementTimeoutMs: 1_000,
        urlVariables: ['DATABASE_URL'],
      },
      parts,
    );
    expect(outcome.dryRun.status).toBe('skipped');
    expect(outcome.findings).toEqual([
      expect.objectContaining({
        rule: 'dry-run-unavailable',
        message:
          'The dry run could not start: the tree that will land could not be written to disk: No space left on device',
      }),
    ]);
    // Not blamed on Python, never started; the database that booted meanwhile is gone.
    expect(outcome.findings[0].message).not.toContain('--python');
    expect(runners).toBe(0);
    expect(disposed).toBe(1);
  });
});
