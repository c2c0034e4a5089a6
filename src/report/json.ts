/**
 * JSON indented like `JSON.stringify(value, null, 2)`, except that each row of a list (an object whose
 * fields are all scalars or lists of scalars: one revision, one problem) sits on one line, as does each
 * list of scalars. A 10,000-revision graph then reads one revision per line, at half the size and faster.
 */
export function rowsJson(value: unknown, indent = ''): string {
  if (!value || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  let items: string[];
  if (Array.isArray(value)) {
    if (knownRows.has(value)) items = value.map((v: unknown) => inner + JSON.stringify(v));
    else if (value.every(scalar)) return JSON.stringify(value);
    else items = value.map((v: unknown) => inner + (isRow(v) ? JSON.stringify(v) : rowsJson(v, inner)));
  } else {
    items = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${rowsJson(v, inner)}`);
  }
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return items.length ? `${open}\n${items.join(',\n')}\n${indent}${close}` : `${open}${close}`;
}

const knownRows = new WeakSet<unknown[]>();

/** Marks a list whose items are all rows by construction (10,000 revisions): printed without checking each. */
export function rowList<T>(items: T[]): T[] {
  knownRows.add(items);
  return items;
}

const scalar = (v: unknown) => v === null || typeof v !== 'object';

function isRow(v: unknown): boolean {
  return (
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.values(v).every((f) => scalar(f) || (Array.isArray(f) && f.every(scalar)))
  );
}
