import { describe, expect, it } from 'vitest';
import { rowList, rowsJson, rowsJsonPieces } from './json.js';

describe('rowsJson', () => {
  it('is the same value as JSON.stringify gives, with each row and each scalar list on one line', () => {
    const value = {
      schemaVersion: 1,
      ref: 'main "quoted"\n',
      none: null,
      skipped: undefined,
      empty: [],
      nothing: {},
      environments: [
        {
          path: 'migrations',
          revisions: [
            { id: 'a', downRevisions: [], file: 'v/a.py', line: 3 },
            { id: 'b', downRevisions: ['a'], file: null, line: null },
          ],
          heads: ['b'],
          order: null,
          nested: [[1, 2], [{ deep: { x: 1 } }]],
        },
      ],
    };
    const text = rowsJson(value);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(text.split('\n')).toContain('      "revisions": [');
    expect(text.split('\n')).toContain('        {"id":"b","downRevisions":["a"],"file":null,"line":null}');
    expect(text.split('\n')).toContain('      "heads": ["b"],');
    expect(text.startsWith('{\n  "schemaVersion": 1,\n')).toBe(true);
    expect(rowsJson({})).toBe('{}');
    expect(rowsJson([])).toBe('[]');
  });

  it('prints a list marked as rows exactly as it would have found them', () => {
    const rows = [
      { id: 'a', downRevisions: [], file: 'v/a.py', line: 3 },
      { id: 'b"\n', downRevisions: ['a'], file: null, line: null },
      // What separates two rows, inside a value: it must stay on its line.
      { id: '},{"id":"x', downRevisions: ['},{"id":'], file: 'v/},\n{"id":"y".py', line: 1 },
      { id: '\u2028é\u0000', downRevisions: [], file: 'v/c.py', line: 2 },
    ];
    const plain = rowsJson({ revisions: rows.map((r) => ({ ...r })), none: [] });
    expect(plain.split('\n').filter((l) => l.startsWith('    {'))).toHaveLength(4);
    expect(rowsJson({ revisions: rowList(rows, 'id'), none: rowList([], 'id') })).toBe(plain);
  });

  it('comes in pieces of some hundred rows, which join to the whole', () => {
    const rows = Array.from({ length: 1300 }, (_, i) => ({
      id: `r${i}`,
      downRevisions: i ? [`r${i - 1}`] : [],
    }));
    const value = { revisions: rowList(rows, 'id'), order: rows.map((r) => r.id) };
    const pieces = [...rowsJsonPieces(value)];
    expect(pieces.join('')).toBe(rowsJson({ revisions: rows.map((r) => ({ ...r })), order: value.order }));
    expect(JSON.parse(pieces.join(''))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64 * 1024);
  });
});
