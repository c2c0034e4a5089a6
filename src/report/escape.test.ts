import { describe, expect, it } from 'vitest';
import { code, knownCode, mermaidId, message, visible } from './escape.js';
import { codeSpans, renderInline, textOf } from '../../__tests__/helpers/rendered.js';

const render = renderInline;

/** A rule message the way rules write them: each value wrapped by `mark`. */
const sentence = (id: string, mark: (v: string) => string) =>
  `${mark(id)} revises ${mark('aaaa')}, but base already continues from ${mark('aaaa')} with ${mark(id)}.`;
const ticked = (v: string) => `\`${v}\``;

describe('mermaidId', () => {
  it('gives distinct, valid Mermaid identifiers to distinct revisions', () => {
    // Every string up to length 3 over characters the old escape confused, plus awkward ids.
    const alphabet = ['_', '.', '2', 'e', '0', '5', 'f', 'a', '-'];
    let words = [''];
    const ids = new Set<string>([
      '1.0',
      '1_2e_0',
      'end',
      'graph',
      ' ',
      '_5f_',
      '__',
      'é',
      '😀',
      'a\nb',
      'A',
      'a',
    ]);
    for (let n = 0; n < 3; n++) {
      words = words.flatMap((w) => alphabet.map((c) => w + c));
      words.forEach((w) => ids.add(w));
    }
    const nodes = [...ids].map(mermaidId);
    expect(new Set(nodes).size).toBe(ids.size);
    for (const n of nodes) expect(n).toMatch(/^r_[A-Za-z0-9_]*$/);
    expect(mermaidId('1.0')).not.toBe(mermaidId('1_2e_0'));
  });

  it('leaves letters and digits readable', () => {
    expect(mermaidId('cccc03')).toBe('r_cccc03');
  });
});

describe('code', () => {
  it('renders any value as exactly that value in one code span', () => {
    for (const v of ['a```b', '`x', 'x`', '``', ' x ', '  ', 'a ` b', '<b>&amp;', '*x*', '\\'])
      expect(codeSpans(render(code(v)))).toEqual([v]);
  });
});

describe('message', () => {
  const tricky = ['a```b', '`x', 'x`', '``', '`a`', 'a``', ' x ', '*em*', '<b>', 'a_b_'];

  it('shows ids holding backticks exactly, as their own code spans', () => {
    for (const id of tricky) {
      const html = render(message(sentence(id, ticked)));
      expect(codeSpans(html)).toEqual([id, 'aaaa', 'aaaa', id]);
      expect(textOf(html)).toBe(sentence(id, (v) => v));
    }
  });

  it('pairs backticks by the ids it is told about when spacing alone cannot', () => {
    for (const id of ['a` b', 'a`.b', 'x` revises `y', ...tricky]) {
      const html = render(message(sentence(id, ticked), knownCode([id, 'aaaa'])));
      expect(codeSpans(html)).toEqual([id, 'aaaa', 'aaaa', id]);
      expect(textOf(html)).toBe(sentence(id, (v) => v));
    }
  });

  it('keeps backticks inside words and an unclosed one as text', () => {
    const s = 'a`b c`d and `ok` then `open';
    expect(textOf(render(message(s)))).toBe('a`b c`d and ok then `open');
    expect(codeSpans(render(message(s)))).toEqual(['ok']);
  });
});

describe('visible', () => {
  it('writes every control and bidi override as an escape, and leaves the rest alone', () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
      ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069],
    ].map((n) => String.fromCharCode(n));
    for (const c of controls) expect(visible(`a${c}b`)).toMatch(/^a\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt])b$/);
    expect(visible('x\u001b[2J\r\n\t\u202e')).toBe('x\\x1b[2J\\r\\n\\t\\u202e');
    expect(visible('héllo 😀 \\x1b ok')).toBe('héllo 😀 \\x1b ok');
  });
});
