/**
 * JSON indented like `JSON.stringify(value, null, 2)`, except that each row of a list (an object whose
 * fields are all scalars or lists of scalars: one revision, one problem) sits on one line, as does each
 * list of scalars. A 10,000-revision graph then reads one revision per line, at half the size and faster.
 */
export function rowsJson(value: unknown): string {
  let out = '';
  for (const piece of rowsJsonPieces(value)) out += piece;
  return out;
}

/** Rows of a marked list per piece: some tens of KiB of text, never one string of the whole list. */
const ROWS_PER_PIECE = 512;

/**
 * rowsJson's text in pieces, to be written as they come: a 10,000-revision list is never one string of
 * megabytes (and its copies), which costs more to make than to write (see v8-tuning.ts).
 */
export function* rowsJsonPieces(value: unknown, indent = ''): Generator<string> {
  if (!value || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const first = knownRows.get(value);
    if (first !== undefined) {
      if (!value.length) {
        yield '[]';
        return;
      }
      // One native stringify per slice of rows, then a line break before each row. `},{"<first key>":`
      // only ever occurs between rows: inside a string every `"` is escaped, and rows hold no objects.
      const key = JSON.stringify(first);
      for (let k = 0; k < value.length; k += ROWS_PER_PIECE) {
        const flat = JSON.stringify(value.slice(k, k + ROWS_PER_PIECE));
        const rows = flat.slice(1, -1).replaceAll(`},{${key}:`, `},\n${inner}{${key}:`);
        yield `${k ? ',\n' : '[\n'}${inner}${rows}`;
      }
      yield `\n${indent}]`;
      return;
    }
    if (value.every(scalar)) {
      yield JSON.stringify(value);
      return;
    }
  }
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((v: unknown) => [undefined, v])
    : Object.entries(value).filter(([, v]) => v !== undefined);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (!entries.length) {
    yield `${open}${close}`;
    return;
  }
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i];
    yield `${i ? ',\n' : `${open}\n`}${inner}${k === undefined ? '' : `${JSON.stringify(k)}: `}`;
    if (k === undefined && isRow(v)) yield JSON.stringify(v);
    else yield* rowsJsonPieces(v, inner);
  }
  yield `\n${indent}${close}`;
}

/** Lists marked by rowList, with the first field of their rows. */
const knownRows = new WeakMap<unknown[], string>();

/**
 * Marks a list whose items are all rows by construction (10,000 revisions), each with `firstKey` as its
 * first field: printed without checking each.
 */
export function rowList<T>(items: T[], firstKey: string): T[] {
  knownRows.set(items, firstKey);
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
