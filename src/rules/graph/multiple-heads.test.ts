import { describe, expect, it } from 'vitest';
import { contextOf } from '../../../__tests__/helpers/rule-context.js';
import { shellWords } from '../../../__tests__/helpers/shell-words.js';
import { multipleHeads } from './multiple-heads.js';

/** A revision whose id Python reads back exactly, in a file whose name the id does not decide. */
function hostile(id: string, down: string | null, n: number, labels: string[] = []) {
  const py = (v: string | null) => (v === null ? 'None' : JSON.stringify(v));
  const text = `revision = ${py(id)}\ndown_revision = ${py(down)}\nbranch_labels = ${labels.length ? `(${labels.map(py).join(', ')},)` : 'None'}\n`;
  return { id, down, text, path: `v/h${n}.py` };
}

const a = { id: 'a' };
const b = { id: 'b', down: 'a' };

describe(multipleHeads.id, () => {
  it('names the heads and the fork, and offers alembic merge', async () => {
    const [f] = multipleHeads.check(
      await contextOf([a, b, { id: 'c', down: 'b' }], [a, b, { id: 'c', down: 'b' }, { id: 'p', down: 'b' }]),
    );
    expect(f.severity).toBe('error');
    expect(f.file).toBe('v/p.py');
    expect(f.message).toContain('`p` builds on `b`, which also has `c`');
    expect(f.fix?.command).toBe('alembic merge -m "merge heads" c p');
  });

  it('merges only the heads of the branch it forks, not a labelled branch beside it', async () => {
    const base = [a, b, { id: 'c', down: 'b' }, { id: 'x', labels: ['audit'] }, { id: 'y', down: 'x' }];
    const [f] = multipleHeads.check(await contextOf(base, [...base, { id: 'p', down: 'b' }]));
    expect(f.fix?.command).toBe('alembic merge -m "merge heads" c p');
    expect(f.message).toMatch(
      /^After this PR, the unlabelled branch of migrations has 2 heads \(base has 1\): `c` \(on base\), `p` /,
    );
    expect(f.message).toContain('Other branches keep their heads: `y`.');
  });

  it('points at the PR revision that starts the fork, not at whichever new head comes first', async () => {
    const [f] = multipleHeads.check(
      await contextOf([a, b], [a, b, { id: 'c', down: 'b' }, { id: 'n', down: null }]),
    );
    expect(f.file).toBe('v/n.py'); // the new unlabelled base, not `c` on top of the head
  });

  it('a fork of a labelled branch is what `upgrade <label>@head` trips on', async () => {
    const base = [
      { id: 'x', labels: ['core'] },
      { id: 'y', down: 'x' },
      { id: 'f', labels: ['feat'] },
    ];
    const [f] = multipleHeads.check(await contextOf(base, [...base, { id: 'p', down: 'x' }]));
    expect(f.message).toContain('branch `core` of migrations has 2 heads (base has 1)');
    expect(f.message).toContain(
      `\`alembic upgrade core@head\` would fail with "Multiple head revisions are present for given argument 'core@head'".`,
    );
    expect(f.fix?.command).toBe('alembic merge -m "merge heads" y p');
  });

  it('does not blame the PR for heads base already had', async () => {
    const base = [a, { id: 'h1', down: 'a' }, { id: 'h2', down: 'a' }];
    expect(multipleHeads.check(await contextOf(base, [...base, { id: 'h3', down: 'h1' }]))).toEqual([]);
    expect(multipleHeads.check(await contextOf(base, [...base, { id: 'h3', down: 'a' }]))).toHaveLength(1);
  });

  it('a new environment may have one head, not two', async () => {
    expect(multipleHeads.check(await contextOf(undefined, [a, b]))).toEqual([]);
    expect(multipleHeads.check(await contextOf(undefined, [a, b, { id: 'c', down: 'a' }]))).toHaveLength(1);
  });

  it('a head that hangs from a missing revision is no fork; beside a real one, no command Alembic cannot run', async () => {
    const hanging = { id: 'c', down: 'zzz' };
    expect(multipleHeads.check(await contextOf([a, b], [a, b, hanging, { id: 'd', down: 'c' }]))).toEqual([]);
    const [f] = multipleHeads.check(
      await contextOf([a, b], [a, b, hanging, { id: 'p', down: 'b' }, { id: 'q', down: 'b' }]),
    );
    expect(f.message).toMatch(/^After this PR, migrations has 2 heads \(base has 1\): `p` .*, `q` /);
    expect(f.message).not.toContain('`c`');
    expect(f.fix?.command).toBeUndefined();
    expect(f.fix?.summary).toContain(
      'once Alembic can load the tree (a down_revision names a revision that is not there)',
    );
  });

  it('with many heads, names ten, counts the rest, and merges them with `heads`', async () => {
    const forks = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, down: 'b' }));
    const [f] = multipleHeads.check(await contextOf([a, b], [a, b, ...forks]));
    expect(f.message).toContain('has 30 heads (base has 1)');
    expect(f.message).toContain('(added by this PR in v/p9.py) and 20 more.'); // the heads: ten named
    expect(f.message).toMatch(/which also has `p0`, .* and 19 more; and 25 more\./); // the forks: five named
    expect(f.fix?.command).toBe('alembic merge -m "merge heads" heads');
  });

  it('quotes hostile ids in the merge command, so the shell hands them to alembic unchanged', async () => {
    const ids = ['x;touch /tmp/PWNED;', '$(id>/tmp/x)', "it's `here`"];
    const forks = ids.map((id, i) => hostile(id, 'b', i));
    const [f] = multipleHeads.check(await contextOf([a, b], [a, b, ...forks]));
    const command = f.fix?.command ?? '';
    expect(command).toMatch(/^alembic merge /);
    // Replace the program by the shell's own word list: nothing in the ids may run or split.
    expect(shellWords(command.replace(/^alembic /, ''))).toEqual(['merge', '-m', 'merge heads', ...ids]);
  });

  it('quotes a hostile branch label in the `upgrade <label>@head` it names', async () => {
    const base = [hostile('x', null, 0, ['co re;ls']), hostile('y', 'x', 1), hostile('f', null, 3, ['feat'])];
    const [f] = multipleHeads.check(await contextOf(base, [...base, hostile('p', 'x', 2)]));
    const upgrade = f.message.match(/`alembic upgrade ([^`]*)`/)?.[1] ?? '';
    expect(shellWords(upgrade)).toEqual(['co re;ls@head']);
    expect(f.fix?.command).toBe('alembic merge -m "merge heads" y p');
  });
});
