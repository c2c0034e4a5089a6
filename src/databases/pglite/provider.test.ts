import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { unsupportedNode } from './provider.js';

describe('unsupportedNode', () => {
  it('this Node runs PGlite; one without zstd in zlib (Node 20) is told what to do', () => {
    expect(unsupportedNode(zlib)).toBeUndefined();
    const { zstdDecompress: _gone, ...node20 } = zlib;
    expect(unsupportedNode(node20, '20.20.2')).toBe(
      'The embedded PostgreSQL (PGlite) needs Node 22.15 or newer (this is Node 20.20.2): run headsup with Node 24, or give it a server with --database postgres://…',
    );
  });
});
