import { describe, expect, it } from 'vitest';
import { contextOf } from '../../../__tests__/helpers/rule-context.js';
import { cycle } from './cycle.js';
import { missingParent } from './missing-parent.js';
import { duplicateRevision } from './duplicate-revision.js';
import { branchLabelConflict } from './branch-label-conflict.js';
import { invalidRevisionId } from './invalid-revision-id.js';

const a = { id: 'a' };
const b = { id: 'b', down: 'a' };

describe('graph rules: new problems are errors, old ones notices', () => {
  it(`${missingParent.id}`, async () => {
    const [f] = missingParent.check(await contextOf([a, b], [a, b, { id: 'c', down: 'nope' }]));
    expect(f).toMatchObject({ severity: 'error', file: 'v/c.py' });
    expect(f.message).toContain('nope');
    const old = await contextOf([a, { id: 'c', down: 'nope' }], [a, { id: 'c', down: 'nope' }, b]);
    expect(missingParent.check(old)[0].severity).toBe('notice');
  });

  it(`${cycle.id}`, async () => {
    const found = cycle.check(
      await contextOf([a], [a, { id: 'x', down: ['a', 'y'] }, { id: 'y', down: 'x' }]),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].severity).toBe('error');
  });

  it(`${duplicateRevision.id}`, async () => {
    const [f] = duplicateRevision.check(await contextOf([a, b], [a, b, { ...b, path: 'v/b_copy.py' }]));
    expect(f).toMatchObject({ severity: 'error' });
    expect(f.message).toContain('b');
  });

  it(`${branchLabelConflict.id}`, async () => {
    const [f] = branchLabelConflict.check(await contextOf([a], [a, { id: 'x', labels: ['a'] }]));
    expect(f.severity).toBe('error');
  });

  it(`${invalidRevisionId.id}`, async () => {
    const long = 'x'.repeat(33);
    const found = invalidRevisionId.check(
      await contextOf([a], [a, { id: long, down: 'a' }, { id: 'bad-id', down: 'a' }]),
    );
    expect(found.map((f) => f.file).sort()).toEqual(['v/bad-id.py', `v/${long}.py`]);
  });
});
