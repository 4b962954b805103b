/**
 * The CLI's file reads, bounded as the browser's are: only regular files (a device such as
 * /dev/zero, a FIFO, a socket or a directory is refused without being read: reading /dev/zero
 * never ends, opening a FIFO waits for a writer), and at most the browser's
 * `IMPORT_LIMITS.maxFileBytes` (src/core/import/limits.ts), checked before reading and again while
 * reading in case the file grows. Outputs are checked against inputs so a report never overwrites
 * the file it was computed from.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Why a file was not read: not a regular file, or larger than the limit (bytes seen so far). */
export class InputRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'not-a-file' | 'too-large',
    readonly bytes: number,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'InputRefused';
  }
}

/**
 * Reads a regular file of at most `maxBytes` bytes. Opens without blocking (a FIFO opened for
 * reading would otherwise wait for a writer), then checks what was opened. Throws
 * {@link InputRefused}, or the file system's own error (ENOENT, EACCES …).
 */
export function readBoundedFile(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputRefused(path, 'not-a-file', 0);
    if (stats.size > maxBytes) throw new InputRefused(path, 'too-large', stats.size);
    // One byte more than allowed tells a file that grew past the limit since it was measured.
    const buffer = new Uint8Array(Math.min(maxBytes + 1, Math.max(stats.size, 64 * 1024)));
    let filled = 0;
    let grown = buffer;
    for (;;) {
      if (filled === grown.length) {
        if (grown.length > maxBytes) throw new InputRefused(path, 'too-large', filled);
        const bigger = new Uint8Array(Math.min(maxBytes + 1, grown.length * 2));
        bigger.set(grown);
        grown = bigger;
      }
      const count = readSync(fd, grown, filled, grown.length - filled, null);
      if (count === 0) break;
      filled += count;
    }
    if (filled > maxBytes) throw new InputRefused(path, 'too-large', filled);
    return grown.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/**
 * True when two paths name the same file: the same path once resolved, or (both existing) the
 * same device and inode, so a hard link or symlink to an input is caught too.
 */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const first = statSync(a);
    const second = statSync(b);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}
