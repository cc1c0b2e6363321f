/**
 * A process that dies by SIGKILL while writing a file with writeFileAtomic, for the test that a
 * crash leaves either the old file or the new one, never half of it:
 *
 *   node --import tsx test/faults/crashMidWrite.ts <target> <when>
 *
 * It writes "old" to the target, then writes the new content and kills itself `when`:
 * `during-write` (after half of the temporary file is written) or `after-rename`.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../src/files/writeFileAtomic.js';

export const OLD_CONTENT = 'old\n';
export const NEW_CONTENT = `${'new '.repeat(250_000)}\n`;

const [script, target, when] = process.argv.slice(1);
// imported by the test for its constants, it does nothing
if (script !== undefined && import.meta.url === pathToFileURL(script).href) {
  writeFileAtomic(target!, OLD_CONTENT);
  const { writeFileSync, renameSync } = fs;
  if (when === 'during-write') {
    fs.writeFileSync = ((path: fs.PathOrFileDescriptor, content: string) => {
      writeFileSync(path, content.slice(0, content.length / 2));
      process.kill(process.pid, 'SIGKILL');
    }) as typeof fs.writeFileSync;
  } else {
    fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
      renameSync(from, to);
      process.kill(process.pid, 'SIGKILL');
    }) as typeof fs.renameSync;
  }
  syncBuiltinESMExports(); // the named imports of node:fs in writeFileAtomic now see the replacements
  writeFileAtomic(target!, NEW_CONTENT);
}
