/**
 * `npm run fixtures:manifest`: lists every fixture of the kit in fixtures/MANIFEST.json with the
 * sha256 of its file (writeFixtureManifest, which `cnnspec fixtures manifest DIR` runs on any
 * folder). It refuses to change the hash of a fixture already listed, because a published
 * fixture never changes in place; give the changed fixture a new id instead.
 */
import { join } from 'node:path';
import { FixtureLoadError } from '../src/fixtures/FixtureLoadError.js';
import { writeFixtureManifest } from '../src/fixtures/writeFixtureManifest.js';
import { packageRoot } from '../src/files/packageRoot.js';

try {
  const written = writeFixtureManifest(join(packageRoot(), 'fixtures'), { acceptChanges: process.argv.includes('--unpublished') });
  console.log(`${written.file}: ${written.count} fixtures (${written.added.length} new, ${written.changed.length} changed)`);
} catch (error) {
  if (!(error instanceof FixtureLoadError)) throw error;
  console.error(`cannot write the manifest: ${error.message}`);
  if (error.rule.startsWith('refusing')) console.error('(--unpublished accepts the change, for fixtures that have never been published)');
  process.exit(1);
}
