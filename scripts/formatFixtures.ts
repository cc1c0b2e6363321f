/** `npm run fixtures:format`: rewrites every fixture file in its canonical text. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFixtureJson } from '../src/fixtures/formatFixtureJson.js';
import { loadFixtures } from '../src/fixtures/loadFixtures.js';
import { packageRoot } from '../src/files/packageRoot.js';

let changed = 0;
for (const { file } of loadFixtures(undefined, { manifest: false })) {
  const path = join(packageRoot(), file);
  const text = readFileSync(path, 'utf8');
  const canonical = formatFixtureJson(JSON.parse(text));
  if (canonical !== text) {
    writeFileSync(path, canonical);
    changed += 1;
  }
}
console.log(`${changed} fixture file(s) reformatted`);
