import { crc32, inflateRawSync } from 'node:zlib';

/** Limits for archives we did not make: a report is small; anything bigger is refused, not unpacked. */
export interface UnzipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: UnzipLimits = {
  maxEntries: 64,
  maxEntryBytes: 32 << 20,
  maxTotalBytes: 64 << 20,
};

/**
 * The files of a zip archive (stored or deflated entries, no ZIP64, no encryption), read from the central
 * directory with sizes and CRCs checked. GitHub serves workflow artifacts in this format.
 */
export function unzip(zip: Buffer, limits: UnzipLimits = DEFAULT_LIMITS): Map<string, Buffer> {
  const fail = (why: string): never => {
    throw new Error(`artifact is not a usable zip: ${why}`);
  };
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) fail(`${count} entries (limit ${limits.maxEntries})`);
  if (cdOffset + cdSize > eocd) fail('central directory out of bounds');
  const files = new Map<string, Buffer>();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || zip.readUInt32LE(p) !== 0x02014b50) fail('bad central directory entry');
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const packed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (flags & 1) fail(`${name} is encrypted`);
    if (packed === 0xffffffff || size === 0xffffffff) fail('ZIP64 is not supported');
    if (size > limits.maxEntryBytes) fail(`${name} is ${size} bytes (limit ${limits.maxEntryBytes})`);
    total += size;
    if (total > limits.maxTotalBytes) fail(`more than ${limits.maxTotalBytes} bytes in total`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50)
      fail(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + packed > zip.length) fail(`${name} runs past the end`);
    const raw = zip.subarray(start, start + packed);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
      } catch (e) {
        return fail(`${name}: ${(e as Error).message}`);
      }
    } else return fail(`${name} uses compression method ${method}`);
    if (data.length !== size) fail(`${name}: size mismatch`);
    if (crc32(data) >>> 0 !== crc) fail(`${name}: CRC mismatch`);
    files.set(name, data);
  }
  return files;
}
