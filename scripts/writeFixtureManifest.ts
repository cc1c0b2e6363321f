/**
 * `npm run fixtures:manifest`: lists every fixture in fixtures/MANIFEST.json with the sha256 of
 * its file, and their number as `count`. It refuses to change the hash of a fixture already
 * listed, because a published fixture never changes in place; give the changed fixture a new id
 * instead. Fixtures are read by the loader's rules (regular files under the size limit only).
 */
import { join } from 'node:path';
import { sha256, type FixtureManifest } from '../src/fixtures/fixtureManifest.js';
import { FixtureLoadError } from '../src/fixtures/FixtureLoadError.js';
import { loadFixtures, MAX_FIXTURE_FILE_BYTES } from '../src/fixtures/loadFixtures.js';
import { packageRoot } from '../src/files/packageRoot.js';
import { readRegularFile } from '../src/files/readRegularFile.js';
import { writeFileAtomic } from '../src/runner/writeFileAtomic.js';

const path = join(packageRoot(), 'fixtures', 'MANIFEST.json');
let previous: FixtureManifest = { format: 'cnnspec-manifest/1', count: 0, fixtures: [] };
try {
  const parsed = JSON.parse(readRegularFile(path, MAX_FIXTURE_FILE_BYTES).toString('utf8')) as FixtureManifest;
  if (Array.isArray(parsed.fixtures)) previous = parsed;
} catch {
  // no manifest yet, or none worth keeping
}
let loaded;
try {
  loaded = loadFixtures(undefined, { manifest: false });
} catch (error) {
  if (!(error instanceof FixtureLoadError)) throw error;
  console.error(`cannot list the fixtures: ${error.message}`);
  process.exit(1);
}
const before = new Map(previous.fixtures.map((entry) => [entry.id, entry]));
const fixtures = loaded.map(({ fixture, file }) => ({
  id: fixture.id,
  file,
  sha256: sha256(readRegularFile(join(packageRoot(), file), MAX_FIXTURE_FILE_BYTES)),
  method: fixture.provenance.method,
}));
const changed = fixtures.filter((entry) => before.has(entry.id) && before.get(entry.id)!.sha256 !== entry.sha256);
if (changed.length > 0 && !process.argv.includes('--unpublished')) {
  console.error(`refusing to change listed fixtures in place (give them new ids): ${changed.map((entry) => entry.id).join(', ')}`);
  console.error('(--unpublished accepts the change, for fixtures that have never been published)');
  process.exit(1);
}
const manifest: FixtureManifest = { format: 'cnnspec-manifest/1', count: fixtures.length, fixtures: fixtures.sort((a, b) => a.id.localeCompare(b.id)) };
writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`fixtures/MANIFEST.json: ${fixtures.length} fixtures (${fixtures.filter((entry) => !before.has(entry.id)).length} new, ${changed.length} changed)`);
