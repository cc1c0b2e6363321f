/**
 * `npm run spec:render`: rewrites the generated blocks of the spec and the README in place.
 * `--check` only reports stale files and exits 1 if any.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { RENDERED_FILES, renderSpecText } from './specText.js';

const check = process.argv.includes('--check');
let stale = 0;
for (const file of RENDERED_FILES) {
  const text = await readFile(file, 'utf8');
  const rendered = await renderSpecText(text);
  if (rendered === text) continue;
  stale += 1;
  if (check) console.log(`stale: ${file}`);
  else {
    await writeFile(file, rendered);
    console.log(`rendered: ${file}`);
  }
}
if (check && stale > 0) process.exitCode = 1;
