/**
 * Tampered fixtures are detected on load, each with an error that names the file and the rule:
 * a number changed in place (hash mismatch against fixtures/MANIFEST.json), a truncated file
 * (the JSON parse position), a schema violation (the JSON path and the schema keyword), a
 * fixture the manifest does not list, and a listed fixture that is gone. Each case works on its
 * own copy of the fixtures folder.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/fixtures/Fixture.js';
import type { FixtureManifest } from '../../src/fixtures/fixtureManifest.js';
import { formatFixtureJson } from '../../src/fixtures/formatFixtureJson.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { packageRoot } from '../../src/files/packageRoot.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnnspec-integrity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const manifest = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'MANIFEST.json'), 'utf8')) as FixtureManifest;
/** A conv fixture with an output, whose data the cases damage. */
const victim = manifest.fixtures.find(
  (entry) => entry.file.startsWith('fixtures/conv/') && entry.method === 'hand-derived' && !entry.id.includes('error'),
)!;

/** A fresh copy of fixtures/ as `<scratch>/<name>/fixtures`, and the path of the victim in it. */
function copy(name: string): { dir: string; victimPath: string } {
  const dir = join(scratch, name, 'fixtures');
  cpSync(join(packageRoot(), 'fixtures'), dir, { recursive: true });
  return { dir, victimPath: join(dir, victim.file.slice('fixtures/'.length)) };
}

/** The message of the error loading `dir` throws. */
function loadError(dir: string): string {
  try {
    loadFixtures(dir);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`loading ${dir} succeeded`);
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a copy of the fixtures', () => {
  it('loads like the original, with the paths of the manifest', () => {
    const { dir } = copy('untouched');
    const loaded = loadFixtures(dir);
    expect(loaded.map((f) => f.file)).toEqual(loadFixtures().map((f) => f.file));
    expect(loaded.length).toBe(manifest.count);
  });
});

describe('tampering is detected', () => {
  it('(a) a number changed without updating the manifest: the file and the hash mismatch', () => {
    const { dir, victimPath } = copy('changed-number');
    const fixture = JSON.parse(readFileSync(victimPath, 'utf8')) as Fixture & { inputs: { input: { data: number[] } } };
    fixture.inputs.input.data[0] = (fixture.inputs.input.data[0] as number) + 1;
    writeFileSync(victimPath, formatFixtureJson(fixture)); // still canonical and schema-valid: only the hash can tell
    expect(loadError(dir)).toMatch(
      new RegExp(
        `${escaped(victim.file)}: sha256 [0-9a-f]{12}… differs from fixtures/MANIFEST.json's ${victim.sha256.slice(0, 12)}…: the fixture changed after it was listed`,
      ),
    );
  });

  it('(b) a truncated file: the file, "not valid JSON" and the parse position', () => {
    const { dir, victimPath } = copy('truncated');
    const text = readFileSync(victimPath, 'utf8');
    writeFileSync(victimPath, text.slice(0, Math.floor(text.length / 2)));
    expect(loadError(dir)).toMatch(new RegExp(`^${escaped(victim.file)}: not valid JSON: .* at position \\d+`));
  });

  it('(c) a value of the wrong type: the file, the JSON path and the schema keyword', () => {
    const { dir, victimPath } = copy('wrong-type');
    const fixture = JSON.parse(readFileSync(victimPath, 'utf8')) as { inputs: { input: { shape: unknown[] } } };
    fixture.inputs.input.shape[0] = '1';
    writeFileSync(victimPath, formatFixtureJson(fixture));
    expect(loadError(dir)).toMatch(
      new RegExp(`^${escaped(victim.file)}: not a valid fixture:\\n {2}/inputs/input/shape/0 must be integer \\(type\\)`),
    );
  });

  it('(c) an unknown field: the file, the JSON path and the schema keyword', () => {
    const { dir, victimPath } = copy('unknown-field');
    const fixture = JSON.parse(readFileSync(victimPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(victimPath, formatFixtureJson({ ...fixture, colour: 'red' }));
    expect(loadError(dir)).toMatch(
      new RegExp(
        `^${escaped(victim.file)}: not a valid fixture:\\n {2}/ must NOT have additional properties "colour" \\(additionalProperties\\)`,
      ),
    );
  });

  it('(d) a fixture the manifest does not list: the file and "not listed"', () => {
    const { dir, victimPath } = copy('unlisted');
    const fixture = JSON.parse(readFileSync(victimPath, 'utf8')) as Fixture;
    const id = `${fixture.id}-copy`;
    writeFileSync(victimPath.replace(`${fixture.id}.json`, `${id}.json`), formatFixtureJson({ ...fixture, id }));
    expect(loadError(dir)).toContain(`${victim.file.replace(`${victim.id}.json`, `${id}.json`)}: not listed in fixtures/MANIFEST.json`);
  });

  it('(e) a listed fixture that is gone: the file and "listed but missing"', () => {
    const { dir, victimPath } = copy('removed');
    unlinkSync(victimPath);
    expect(loadError(dir)).toContain(`${victim.file}: listed in fixtures/MANIFEST.json but missing`);
  });
});
