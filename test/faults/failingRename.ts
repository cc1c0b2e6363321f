/**
 * A rename that fails halfway through committing a set of reports: preloaded into a process
 * (`node --import tsx --import ./test/faults/failingRename.ts ...`), it makes the
 * CNNSPEC_TEST_RENAME_FAILS_AT-th rename into CNNSPEC_TEST_RENAME_DIR fail with EIO, after the
 * earlier ones went through.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, resolve } from 'node:path';

const folder = process.env.CNNSPEC_TEST_RENAME_DIR;
const failsAt = Number(process.env.CNNSPEC_TEST_RENAME_FAILS_AT ?? '1');

if (folder !== undefined) {
  const { renameSync } = fs;
  let count = 0;
  fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
    if (dirname(resolve(String(to))) === resolve(folder) && ++count === failsAt) {
      const error: NodeJS.ErrnoException = new Error(`EIO: i/o error, rename '${String(from)}' -> '${String(to)}'`);
      error.code = 'EIO';
      error.syscall = 'rename';
      throw error;
    }
    renameSync(from, to);
  }) as typeof fs.renameSync;
  syncBuiltinESMExports();
}
