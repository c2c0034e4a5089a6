import { closeSync, openSync, readSync } from 'node:fs';
import { constants } from 'node:buffer';

/** One scratch buffer for every read: revision files are small, so one read usually takes a whole file. */
const scratch = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * A file's bytes, like readFileSync, in three system calls (open, read, close) instead of four or five:
 * readFileSync also asks the size first and reads once more to see the end. Across thousands of small files
 * on a machine where each system call is dear, that is a third of the reading time.
 * Errors are readFileSync's (ENOENT, EISDIR, EACCES, …, and ERR_FS_FILE_TOO_LARGE past Buffer's limit).
 */
export function readFileBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    let buf = scratch; // a bigger one for a big file, dropped after it
    let size = 0;
    for (;;) {
      if (size === buf.length) {
        if (size >= constants.MAX_LENGTH)
          throw Object.assign(new RangeError(`File size is greater than ${constants.MAX_LENGTH} bytes`), {
            code: 'ERR_FS_FILE_TOO_LARGE',
          });
        const bigger = Buffer.allocUnsafeSlow(Math.min(size * 2, constants.MAX_LENGTH));
        buf.copy(bigger, 0, 0, size);
        buf = bigger;
      }
      const got = readSync(fd, buf, size, buf.length - size, null);
      if (got === 0) break;
      size += got;
      // A short read of a regular file is its end: saves the read that would return 0.
      if (size < buf.length) break;
    }
    // A copy the caller owns (small copies come from Node's shared pool, so this is cheap).
    return buf === scratch ? Buffer.from(buf.subarray(0, size)) : buf.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}
