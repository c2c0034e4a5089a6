import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { programOf, samePrograms } from './program.js';
import { PYTHON, alembicMissing } from '../../__tests__/helpers/alembic.js';

const BASE = `"""add users

Revision ID: aaaa01
Revises:
Create Date: 2026-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'aaaa01'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'users',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=50)),
        sa.PrimaryKeyConstraint('id')
    )
    op.execute(sa.text("UPDATE users SET name = 'x' WHERE id = :id").bindparams(id=1_000))


def downgrade():
    op.drop_table('users')
`;

/** Edits that change how the file reads, not what it runs. */
const HARMLESS: Record<string, (s: string) => string> = {
  annotations: (s) =>
    s
      .replace("revision = 'aaaa01'", "revision: str = 'aaaa01'")
      .replace('depends_on = None', 'depends_on: str | tuple[str, ...] | None = None')
      .replace('from alembic import op', 'from typing import Sequence, Union\n\nfrom alembic import op'),
  'black: double quotes, magic trailing commas, one argument a line': (s) =>
    s
      .replace(/'(users|id|name)'/g, '"$1"')
      .replace('sa.PrimaryKeyConstraint("id")\n    )', 'sa.PrimaryKeyConstraint("id"),\n    )')
      .replace('sa.String(length=50))', 'sa.String(\n            length=50,\n        ),\n    )'),
  'comments and blank lines': (s) =>
    s.replace('def upgrade():\n', '# upgrade\n\n\ndef upgrade():  # note\n    # the table\n'),
  'imports re-ordered': (s) =>
    s.replace(
      'from alembic import op\nimport sqlalchemy as sa',
      'import sqlalchemy as sa\nfrom alembic import op',
    ),
  'a docstring in upgrade, redundant parentheses, digits': (s) =>
    s
      .replace('def upgrade():\n', 'def upgrade():\n    """Create the users table."""\n')
      .replace("op.drop_table('users')", "op.drop_table(('users'))")
      .replace('1_000', '1000'),
  'the module docstring': (s) => s.replace('add users', 'Add the users table'),
};

/** Edits that change what runs. */
const REAL: Record<string, (s: string) => string> = {
  'a string in upgrade()': (s) => s.replace("SET name = 'x'", "SET name = 'y'"),
  'an argument': (s) => s.replace('nullable=False', 'nullable=True'),
  'a statement added to downgrade()': (s) =>
    s.replace("    op.drop_table('users')", "    op.drop_table('users')\n    op.execute('SELECT 1')"),
  'an import the code reads': (s) => s.replace('import sqlalchemy as sa', 'import sqlalchemy.types as sa'),
  'a module-level helper': (s) => s.replace('def upgrade():', "TABLE = 'users'\n\n\ndef upgrade():"),
  'a one-element tuple': (s) => s.replace("op.drop_table('users')", "op.drop_table(('users',))"),
};

const program = async (s: string) => (await programOf(Buffer.from(s)))!;

describe('the program of a revision file', () => {
  it.each(Object.entries(HARMLESS))('%s keeps it', async (_, edit) => {
    expect(edit(BASE)).not.toBe(BASE);
    expect(samePrograms(await program(BASE), await program(edit(BASE)))).toBe(true);
  });

  it.each(Object.entries(REAL))('%s changes it', async (_, edit) => {
    expect(edit(BASE)).not.toBe(BASE);
    expect(samePrograms(await program(BASE), await program(edit(BASE)))).toBe(false);
  });

  it('a file lezer cannot parse has none: no edit of it is called harmless', async () => {
    expect(await programOf(Buffer.from('def upgrade(:\n    pass\n'))).toBeUndefined();
  });

  // CPython's own view of upgrade() and downgrade() (their AST, docstrings aside) as the oracle.
  it.skipIf(!!alembicMissing('program oracle'))(
    'agrees with CPython’s AST of upgrade() and downgrade() on every edit above',
    async () => {
      const cases = [...Object.entries(HARMLESS), ...Object.entries(REAL)].filter(
        ([name]) => !/import|module|annotations/.test(name),
      );
      const script = `
import ast, json, sys
def body(src):
    out = []
    for n in ast.parse(src).body:
        if isinstance(n, ast.FunctionDef):
            if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant) and isinstance(n.body[0].value.value, str):
                n.body = n.body[1:]
            out.append(ast.dump(n))
    return out
pairs = json.load(sys.stdin)
print(json.dumps([body(a) == body(b) for a, b in pairs]))
`;
      const pairs = cases.map(([, edit]) => [BASE, edit(BASE)]);
      const python = JSON.parse(
        execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(pairs), encoding: 'utf8' }),
      ) as boolean[];
      for (const [k, [name, edit]] of cases.entries())
        expect(samePrograms(await program(BASE), await program(edit(BASE))), name).toBe(python[k]);
    },
  );
});
