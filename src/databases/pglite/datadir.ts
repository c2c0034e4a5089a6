/**
 * PGlite data-directory tarballs, as shipped in dist/ (zstd: 0.7 MiB for a 9 MiB tar) and as a warm base
 * may keep them. The format follows the file name: .tar, .tar.gz/.tgz, .tar.zst. Imported by the worker and
 * by scripts/build-pglite-datadir.mjs by its .ts name: node imports only.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { constants, gunzip, gzipSync, zstdCompressSync, zstdDecompress } from 'node:zlib';

// 1 MiB chunks: a third of the time of the default 16 KiB ones, which are concatenated at the end.
const CHUNKS = { chunkSize: 1 << 20 };

/** The plain tar bytes of a data-directory tarball, unpacked on libuv's thread pool. */
export async function readTarball(file: string): Promise<Uint8Array> {
  const bytes = await readFile(file);
  if (file.endsWith('.zst')) return promisify(zstdDecompress)(bytes, CHUNKS);
  if (file.endsWith('.gz') || file.endsWith('.tgz')) return promisify(gunzip)(bytes, CHUNKS);
  return bytes;
}

/** Writes tar bytes compressed as the file name says; `level` trades time for size (zstd 1–22, gzip 1–9). */
export function writeTarball(file: string, tar: Uint8Array, level?: number): void {
  let out: Uint8Array = tar;
  if (file.endsWith('.zst'))
    out = zstdCompressSync(tar, { params: { [constants.ZSTD_c_compressionLevel]: level ?? 3 } });
  else if (file.endsWith('.gz') || file.endsWith('.tgz')) out = gzipSync(tar, { level: level ?? 6 });
  writeFileSync(file, out);
}
