/**
 * Reads a file only if it is a regular file of at most `maxBytes`, and says why not otherwise.
 * The type and size come from lstat before the file is opened, so a FIFO (whose open or read
 * would block for ever), a device, a socket or a symbolic link is never opened, and an oversized
 * file is never read. The open itself neither follows a link nor blocks, and the opened file is
 * checked again, in case it was swapped between the lstat and the open; reading stops one byte
 * past the limit, in case it grows.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { UnreadableFileError } from './UnreadableFileError.js';

function kind(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function checked(stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new UnreadableFileError(`is ${kind(stats)}, not a regular file: only regular files are read`);
  if (stats.size > maxBytes) throw new UnreadableFileError(`is ${stats.size} bytes, over the limit of ${maxBytes} bytes`);
}

// Absent where the platform has no such flag (O_NOFOLLOW and O_NONBLOCK on Windows).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function readRegularFile(path: string, maxBytes: number): Buffer {
  let before: Stats;
  try {
    before = lstatSync(path);
  } catch (error) {
    throw new UnreadableFileError(`cannot be read: ${(error as Error).message}`);
  }
  checked(before, maxBytes);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw new UnreadableFileError(`cannot be read: ${(error as Error).message}`);
  }
  try {
    const opened = fstatSync(fd);
    checked(opened, maxBytes);
    if (opened.dev !== before.dev || opened.ino !== before.ino) throw new UnreadableFileError('was replaced while being opened');
    let buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw new UnreadableFileError(`grew past the limit of ${maxBytes} bytes while being read`);
        const larger = Buffer.alloc(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(larger);
        buffer = larger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
