/**
 * fixtures/MANIFEST.json: every fixture with the sha256 of its file. Loading checks each file
 * against it, so that a fixture that changed in place, or was corrupted or tampered with, is
 * detected. A published fixture never changes in place: a change of meaning gets a new id.
 */
import { createHash } from 'node:crypto';

export interface ManifestEntry {
  id: string;
  /** Path relative to the package root. */
  file: string;
  sha256: string;
  method: 'hand-derived' | 'exact' | 'reference';
}

export interface FixtureManifest {
  format: 'cnnspec-manifest/1';
  count: number;
  fixtures: ManifestEntry[];
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Problems of the fixture files against the manifest: unlisted, changed, or listed but missing. */
export function manifestProblems(manifest: FixtureManifest, files: { id: string; file: string; text: string }[]): string[] {
  const problems: string[] = [];
  const listed = new Map(manifest.fixtures.map((entry) => [entry.file, entry]));
  const seen = new Set<string>();
  for (const { id, file, text } of files) {
    const entry = listed.get(file);
    seen.add(file);
    if (entry === undefined) {
      problems.push(`${file}: not listed in fixtures/MANIFEST.json (a new fixture: run npm run fixtures:manifest)`);
    } else if (entry.id !== id) {
      problems.push(`${file}: MANIFEST.json lists it as ${entry.id}, the file says ${id}`);
    } else {
      const actual = sha256(text);
      if (actual !== entry.sha256) {
        problems.push(
          `${file}: sha256 ${actual.slice(0, 12)}… differs from MANIFEST.json's ${entry.sha256.slice(0, 12)}…: ` +
            'the fixture changed after it was listed (corrupted, tampered with, or edited in place; a change of meaning needs a new id)',
        );
      }
    }
  }
  for (const entry of manifest.fixtures) {
    if (!seen.has(entry.file)) problems.push(`${entry.file}: listed in MANIFEST.json but missing`);
  }
  return problems;
}
