/**
 * A full disk without a full disk: preloaded into a process (`node --import tsx --import
 * ./test/faults/fullDisk.ts ...`), it makes every write under CNNSPEC_TEST_FULL_DIR behave like a
 * write to a file system with CNNSPEC_TEST_FULL_BYTES bytes left: a write that does not fit writes
 * what fits and then fails with ENOSPC, as a real full disk does. Written files only count; the
 * budget is shared by the whole process.
 *
 * It replaces the functions of node:fs a writer calls (writeFileSync, and writeSync on file
 * descriptors opened under the folder) and syncs the ES module exports, so that named imports
 * see the replacements too.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

const folder = process.env.CNNSPEC_TEST_FULL_DIR;
let left = Number(process.env.CNNSPEC_TEST_FULL_BYTES ?? '0');

function under(path: fs.PathOrFileDescriptor): boolean {
  if (folder === undefined || typeof path === 'number') return false;
  const full = resolve(String(path));
  const root = resolve(folder);
  return full === root || full.startsWith(root + sep);
}

function noSpace(syscall: string, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`ENOSPC: no space left on device, ${syscall} '${path}'`);
  error.code = 'ENOSPC';
  error.errno = -28;
  error.syscall = syscall;
  error.path = path;
  return error;
}

/** Takes up to `size` bytes of the budget; returns how many fit. */
function take(size: number): number {
  const fits = Math.max(0, Math.min(size, left));
  left -= fits;
  return fits;
}

if (folder !== undefined) {
  const { writeFileSync, openSync, writeSync, closeSync } = fs;
  const watched = new Set<number>();
  // node's own writeFileSync may call the exported openSync and writeSync: those writes are counted once, here.
  let inside = false;
  fs.writeFileSync = ((path: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions) => {
    if (!under(path)) return writeFileSync(path, data, options);
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const fits = take(bytes.length);
    inside = true;
    try {
      writeFileSync(path, bytes.subarray(0, fits), options);
    } finally {
      inside = false;
    }
    if (fits < bytes.length) throw noSpace('write', String(path));
  }) as typeof fs.writeFileSync;
  fs.openSync = ((path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    const fd = openSync(path, flags ?? 'r', mode);
    if (!inside && under(path as string)) watched.add(fd);
    return fd;
  }) as typeof fs.openSync;
  fs.closeSync = ((fd: number) => {
    watched.delete(fd);
    closeSync(fd);
  }) as typeof fs.closeSync;
  fs.writeSync = ((fd: number, buffer: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (!watched.has(fd)) return (writeSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
    const bytes = typeof buffer === 'string' ? Buffer.from(buffer) : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const offset = typeof buffer === 'string' || typeof rest[0] !== 'number' ? 0 : rest[0];
    const length = typeof buffer === 'string' || typeof rest[1] !== 'number' ? bytes.length - offset : rest[1];
    const position = (typeof buffer === 'string' ? rest[0] : rest[2]) as number | null | undefined;
    const fits = take(length);
    if (fits === 0 && length > 0) throw noSpace('write', `fd ${fd}`);
    return writeSync(fd, bytes, offset, fits, position ?? null);
  }) as typeof fs.writeSync;
  syncBuiltinESMExports();
}
