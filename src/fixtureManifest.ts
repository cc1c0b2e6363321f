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

const METHODS: readonly string[] = ['hand-derived', 'exact', 'reference'] satisfies ManifestEntry['method'][];

/**
 * Problems of a parsed manifest as a document, before any file is compared with it: its format,
 * the shape of every entry, no file or id listed twice, and its own total, `count`, equal to the
 * number of entries (so that a fixture removed together with its entry does not go unnoticed).
 */
export function manifestShapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['/ must be an object { format, count, fixtures }'];
  const manifest = value as Record<string, unknown>;
  const problems: string[] = [];
  if (manifest.format !== 'cnnspec-manifest/1') problems.push(`/format must be "cnnspec-manifest/1", not ${JSON.stringify(manifest.format)?.slice(0, 80)}`);
  for (const key of Object.keys(manifest)) {
    if (!['format', 'count', 'fixtures'].includes(key)) problems.push(`/${key.slice(0, 80)} is not a field of the manifest (format, count, fixtures)`);
  }
  if (!Array.isArray(manifest.fixtures)) return [...problems, '/fixtures must be an array of entries { id, file, sha256, method }'];
  const entries: unknown[] = manifest.fixtures;
  if (manifest.count !== entries.length) {
    problems.push(`/count is ${JSON.stringify(manifest.count)?.slice(0, 80)}, but the manifest lists ${entries.length} fixtures: entries were added or removed without updating the count`);
  }
  const files = new Set<string>();
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    const at = `/fixtures/${index}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at} must be an object { id, file, sha256, method }`);
      return;
    }
    const { id, file, sha256: hash, method, ...rest } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') problems.push(`${at}/id must be a non-empty string`);
    else if (ids.has(id)) problems.push(`${at}/id ${id.slice(0, 200)} is listed twice`);
    else ids.add(id);
    if (typeof file !== 'string' || file === '') problems.push(`${at}/file must be a non-empty string`);
    else if (files.has(file)) problems.push(`${at}/file ${file.slice(0, 200)} is listed twice`);
    else files.add(file);
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) problems.push(`${at}/sha256 must be 64 lowercase hex digits`);
    if (typeof method !== 'string' || !METHODS.includes(method)) problems.push(`${at}/method must be one of ${METHODS.join(', ')}`);
    for (const key of Object.keys(rest)) problems.push(`${at}/${key.slice(0, 80)} is not a field of an entry (id, file, sha256, method)`);
  });
  return problems;
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
