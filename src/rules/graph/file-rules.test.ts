import { describe, expect, it } from 'vitest';
import { contextOf } from '../../../__tests__/helpers/rule-context.js';
import { revisionFile } from '../../../__tests__/helpers/git-repo.js';
import { modifiedMigration } from './modified-migration.js';
import { deletedMigration } from './deleted-migration.js';
import { newBranch } from './new-branch.js';
import { docstringMismatch } from './docstring-mismatch.js';
import { unresolvableRevision } from './unresolvable-revision.js';
import { invalidMigration } from './invalid-migration.js';
import { baseMultipleHeads } from './base-multiple-heads.js';

const a = { id: 'a' };
const b = { id: 'b', down: 'a' };

describe('rules about the files a PR touches', () => {
  it(`${modifiedMigration.id}: an edit to a revision that exists on base is a warning`, async () => {
    const edited = { ...b, text: revisionFile(b).replace('SELECT 1', 'SELECT 2') };
    const [f] = modifiedMigration.check(await contextOf([a, b], [a, edited]));
    expect(f).toMatchObject({ severity: 'warning', file: 'v/b.py' });
    expect(modifiedMigration.check(await contextOf([a, b], [a, b]))).toEqual([]);
  });

  it(`${deletedMigration.id}: a deleted revision is an error`, async () => {
    const [f] = deletedMigration.check(await contextOf([a, b], [a]));
    expect(f).toMatchObject({ severity: 'error', file: 'v/b.py' });
  });

  it(`${newBranch.id}: an unlabelled new base is an error, a labelled one a notice`, async () => {
    expect(newBranch.check(await contextOf([a, b], [a, b, { id: 'r' }]))[0].severity).toBe('error');
    expect(newBranch.check(await contextOf([a, b], [a, b, { id: 'r', labels: ['x'] }]))[0].severity).toBe(
      'notice',
    );
    expect(newBranch.check(await contextOf(undefined, [a, b]))).toEqual([]);
  });

  it(`${newBranch.id}: a new base that a merge joins to the existing history, or a new environment, is none`, async () => {
    const joined = [a, b, { id: 'z' }, { id: 'y', down: 'z' }, { id: 'm', down: ['b', 'y'] }];
    expect(newBranch.check(await contextOf([a, b], joined))).toEqual([]);
    // Joined to another new root only: still a second history beside base's.
    const apart = [a, b, { id: 'z' }, { id: 'w' }, { id: 'm', down: ['z', 'w'] }];
    expect(
      newBranch
        .check(await contextOf([a, b], apart))
        .map((f) => f.file)
        .sort(),
    ).toEqual(['v/w.py', 'v/z.py']);
    // A brand-new environment: two roots merged, or not (the heads that stay apart are multiple-heads).
    expect(
      newBranch.check(
        await contextOf(undefined, [{ id: 'x1' }, { id: 'x2' }, { id: 'm', down: ['x1', 'x2'] }]),
      ),
    ).toEqual([]);
    expect(newBranch.check(await contextOf(undefined, [{ id: 'x1' }, { id: 'x2' }]))).toEqual([]);
  });

  it(`${newBranch.id}: a labelled branch off a revision that goes on elsewhere is a notice`, async () => {
    const [f, ...rest] = newBranch.check(
      await contextOf([a, b], [a, b, { id: 'f', down: 'a', labels: ['feature'] }]),
    );
    expect(rest).toEqual([]);
    expect([f.severity, f.message]).toEqual([
      'notice',
      '`f` starts branch `feature` off `a`: `alembic upgrade head` now sees one head more; upgrade with `heads` or `<label>@head`.',
    ]);
    // On top of the head, a label starts no branch of its own yet.
    expect(
      newBranch.check(await contextOf([a, b], [a, b, { id: 'f', down: 'b', labels: ['feature'] }])),
    ).toEqual([]);
  });

  it(`${docstringMismatch.id}: Revises disagreeing with down_revision`, async () => {
    const [f] = docstringMismatch.check(await contextOf([a], [a, { ...b, revises: 'zzz' }]));
    expect(f).toMatchObject({ severity: 'notice', line: 4 });
    expect(f.fix?.edits?.[0].replacement).toBe('Revises: a');
  });

  it(`${unresolvableRevision.id} and ${invalidMigration.id}: errors in touched files, notices elsewhere`, async () => {
    const computed = { id: 'c', text: revisionFile({ id: 'c', down: 'b' }).replace("= 'b'", '= pick()') };
    const broken = { id: 'd', text: 'def (:\n' };
    const ctx = await contextOf([a, b, broken], [a, b, broken, computed]);
    expect(unresolvableRevision.check(ctx)).toMatchObject([{ severity: 'error', file: 'v/c.py' }]);
    expect(invalidMigration.check(ctx)).toMatchObject([{ severity: 'notice', file: 'v/d.py' }]);
  });

  it(`${baseMultipleHeads.id}: once per environment`, async () => {
    const base = [a, { id: 'h1', down: 'a' }, { id: 'h2', down: 'a' }];
    expect(baseMultipleHeads.check(await contextOf(base, base))).toHaveLength(1);
  });
});
