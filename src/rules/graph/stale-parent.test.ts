import { describe, expect, it } from 'vitest';
import { contextOf } from '../../../__tests__/helpers/rule-context.js';
import { shellWords } from '../../../__tests__/helpers/shell-words.js';
import { staleParent } from './stale-parent.js';

const a = { id: 'a' };
const b = { id: 'b', down: 'a' };

describe(staleParent.id, () => {
  it('points at the current head of the branch on base, keeping the style', async () => {
    const ctx = await contextOf(
      [a, b, { id: 'c', down: 'b' }, { id: 'c2', down: 'c' }],
      [
        a,
        b,
        { id: 'c', down: 'b' },
        { id: 'c2', down: 'c' },
        { id: 'p', down: 'b', style: 'old', quote: '"' },
      ],
    );
    const [f] = staleParent.check(ctx);
    expect(f.fix?.edits?.[0]).toMatchObject({
      file: 'v/p.py',
      original: 'down_revision = "b"',
      replacement: 'down_revision = "c2"',
    });
    expect(f.fix?.edits?.[1]).toMatchObject({ original: 'Revises: b', replacement: 'Revises: c2' });
  });

  it('replaces only the stale parent of a merge revision', async () => {
    const base = [a, b, { id: 'x', down: 'a' }, { id: 'c', down: 'b' }];
    const ctx = await contextOf(base, [...base, { id: 'm', down: ['b', 'x'] }]);
    const [f] = staleParent.check(ctx);
    expect(f.fix?.edits?.[0].replacement).toBe("down_revision: Union[str, Sequence[str], None] = ('c', 'x')");
  });

  it('is silent once the PR joins the two lines with a merge revision (the fix’s alternative)', async () => {
    const base = [a, b, { id: 'c', down: 'b' }];
    const pr = { id: 'p', down: 'b' };
    expect(staleParent.check(await contextOf(base, [...base, pr]))).toHaveLength(1);
    expect(staleParent.check(await contextOf(base, [...base, pr, { id: 'm', down: ['c', 'p'] }]))).toEqual(
      [],
    );
    // A merge with something else does not count.
    const other = { id: 'o', down: 'a' };
    expect(
      staleParent.check(
        await contextOf([...base, other], [...base, other, pr, { id: 'm', down: ['o', 'p'] }]),
      ),
    ).toHaveLength(1);
  });

  it('leaves a revision that starts a new labelled branch on purpose (`--splice --branch-label`) to new-branch', async () => {
    const base = [a, b, { id: 'c', down: 'b' }];
    expect(
      staleParent.check(await contextOf(base, [...base, { id: 'f', down: 'b', labels: ['feature'] }])),
    ).toEqual([]);
  });

  it('is silent when the parent is still the head, or when the other child is the PR’s own', async () => {
    expect(staleParent.check(await contextOf([a, b], [a, b, { id: 'p', down: 'b' }]))).toEqual([]);
    expect(
      staleParent.check(await contextOf([a, b], [a, b, { id: 'p', down: 'b' }, { id: 'q', down: 'b' }])),
    ).toEqual([]);
  });

  it('quotes the ids of its merge command', async () => {
    const hostile = (id: string, down: string, n: number) => ({
      id,
      down,
      path: `v/h${n}.py`,
      text: `revision = ${JSON.stringify(id)}\ndown_revision = ${JSON.stringify(down)}\n`,
    });
    const taken = hostile('c;reboot', 'b', 0);
    const [f] = staleParent.check(await contextOf([a, b, taken], [a, b, taken, hostile('$(id)', 'b', 1)]));
    const command = f.fix?.command ?? '';
    expect(shellWords(command.replace(/^alembic /, ''))).toEqual([
      'merge',
      '-m',
      'merge heads',
      'c;reboot',
      '$(id)',
    ]);
  });
});
