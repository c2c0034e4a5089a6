import { describe, expect, it } from 'vitest';
import { irreversibleDowngrade } from './irreversible.js';

const file = (downgrade: string) =>
  `"""x"""\nfrom alembic import op\n\nrevision = 'a'\ndown_revision = None\n\n\ndef upgrade():\n    op.add_column('t', None)\n\n\n${downgrade}\n`;

describe('irreversible downgrade, read from the parsed source', () => {
  it('an empty downgrade (pass, a docstring, ..., comments) cannot roll back', () => {
    expect(irreversibleDowngrade(file('def downgrade():\n    pass'))).toEqual({ kind: 'empty', line: 12 });
    expect(
      irreversibleDowngrade(file('def downgrade() -> None:\n    """No way back."""\n    # sorry\n    ...')),
    ).toMatchObject({ kind: 'empty' });
  });

  it('a downgrade whose first statement raises', () => {
    expect(
      irreversibleDowngrade(
        file('def downgrade():\n    """Irreversible."""\n    raise NotImplementedError("no")'),
      ),
    ).toEqual({ kind: 'raises', line: 14 });
  });

  it('a missing downgrade', () => {
    expect(irreversibleDowngrade(`revision = 'a'\ndown_revision = None\ndef upgrade():\n    pass\n`)).toEqual(
      {
        kind: 'missing',
        line: 1,
      },
    );
  });

  it('a downgrade that does something is reversible, even with a raise later on', () => {
    expect(irreversibleDowngrade(file("def downgrade():\n    op.drop_column('t', 'x')"))).toBeUndefined();
    expect(
      irreversibleDowngrade(
        file(
          "def downgrade():\n    if op.get_context().as_sql:\n        raise RuntimeError()\n    op.drop_column('t', 'x')",
        ),
      ),
    ).toBeUndefined();
  });

  it('a nested function named downgrade is not the module one', () => {
    expect(
      irreversibleDowngrade(
        `def upgrade():\n    def downgrade():\n        pass\n    op.execute('x')\n\ndef downgrade():\n    op.execute('y')\n`,
      ),
    ).toBeUndefined();
  });
});
