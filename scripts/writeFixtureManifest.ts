/**
 * `npm run fixtures:manifest`: lists every fixture in fixtures/MANIFEST.json with the sha256 of
 * its file. It refuses to change the hash of a fixture already listed, because a published
 * fixture never changes in place; give the changed fixture a new id instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256, type FixtureManifest } from '../src/fixtureManifest.js';
import { loadFixtures } from '../src/loadFixtures.js';
import { packageRoot } from '../src/packageRoot.js';

const path = join(packageRoot(), 'fixtures', 'MANIFEST.json');
let previous: FixtureManifest = { format: 'cnnspec-manifest/1', count: 0, fixtures: [] };
try {
  previous = JSON.parse(readFileSync(path, 'utf8')) as FixtureManifest;
} catch {
  // no manifest yet
}
const before = new Map(previous.fixtures.map((entry) => [entry.id, entry]));
const fixtures = loadFixtures(undefined, { manifest: false }).map(({ fixture, file }) => ({
  id: fixture.id,
  file,
  sha256: sha256(readFileSync(join(packageRoot(), file))),
  method: fixture.provenance.method,
}));
const changed = fixtures.filter((entry) => before.has(entry.id) && before.get(entry.id)!.sha256 !== entry.sha256);
if (changed.length > 0 && !process.argv.includes('--unpublished')) {
  console.error(`refusing to change listed fixtures in place (give them new ids): ${changed.map((entry) => entry.id).join(', ')}`);
  console.error('(--unpublished accepts the change, for fixtures that have never been published)');
  process.exit(1);
}
const manifest: FixtureManifest = { format: 'cnnspec-manifest/1', count: fixtures.length, fixtures: fixtures.sort((a, b) => a.id.localeCompare(b.id)) };
writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`fixtures/MANIFEST.json: ${fixtures.length} fixtures (${fixtures.filter((entry) => !before.has(entry.id)).length} new, ${changed.length} changed)`);
