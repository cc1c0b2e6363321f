/**
 * A fixture folder is read defensively, whoever made it: only regular files under the size limit
 * are read (a symbolic link, a FIFO, a folder named like a fixture or an oversized file is
 * refused without being read), the manifest is checked as a document, its `count` included, and
 * every problem is a FixtureLoadError naming the file and the rule, in a bounded, printable
 * message (test/robustness/fixtureCommand.test.ts: the same on the command line). Each case works
 * on its own copy of the fixtures folder.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/fixtures/Fixture.js';
import type { FixtureManifest } from '../../src/fixtures/fixtureManifest.js';
import { FixtureLoadError } from '../../src/fixtures/FixtureLoadError.js';
import { formatFixtureJson } from '../../src/fixtures/formatFixtureJson.js';
import { loadFixtures, MAX_FIXTURE_FILE_BYTES } from '../../src/fixtures/loadFixtures.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { readRegularFile } from '../../src/files/readRegularFile.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnnspec-fixture-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }), 60_000);

const manifest = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'MANIFEST.json'), 'utf8')) as FixtureManifest;
/** A conv fixture with an output. */
const victim = manifest.fixtures.find(
  (entry) => entry.file.startsWith('fixtures/conv/') && entry.method === 'hand-derived' && !entry.id.includes('error'),
)!;

/** A fresh copy of fixtures/ as `<scratch>/<name>/fixtures`. */
function copy(name: string): string {
  const dir = join(scratch, name, 'fixtures');
  cpSync(join(packageRoot(), 'fixtures'), dir, { recursive: true });
  return dir;
}

/** The FixtureLoadError loading `dir` throws. */
function loadError(dir: string): FixtureLoadError {
  try {
    loadFixtures(dir);
  } catch (error) {
    if (error instanceof FixtureLoadError) return error;
    throw new Error(`loading ${dir} threw something other than a FixtureLoadError: ${String(error)}`);
  }
  throw new Error(`loading ${dir} succeeded`);
}

function writeManifest(dir: string, edit: (manifest: FixtureManifest) => unknown): void {
  const copied = JSON.parse(JSON.stringify(manifest)) as FixtureManifest;
  writeFileSync(join(dir, 'MANIFEST.json'), `${JSON.stringify(edit(copied) ?? copied, null, 2)}\n`);
}

describe('only regular files under the size limit are read', () => {
  it('an oversized fixture (a sparse 300 MB file) is refused by its size, before it is read', () => {
    const dir = copy('oversized');
    const path = join(dir, 'conv', 'conv.huge.json');
    writeFileSync(path, '');
    truncateSync(path, 300 * 1024 * 1024); // sparse: no disk and no time
    const error = loadError(dir);
    expect(error.file).toBe('fixtures/conv/conv.huge.json');
    expect(error.rule).toBe(`is ${300 * 1024 * 1024} bytes, over the limit of ${MAX_FIXTURE_FILE_BYTES} bytes`);
    expect(error.message).toBe(`${error.file}: ${error.rule}`);
  });

  it('an op folder that is a symbolic link is refused, even to an identical folder', () => {
    const dir = copy('linked-folder');
    const elsewhere = join(scratch, 'linked-folder', 'dense-elsewhere');
    cpSync(join(dir, 'dense'), elsewhere, { recursive: true });
    rmSync(join(dir, 'dense'), { recursive: true });
    symlinkSync(elsewhere, join(dir, 'dense'));
    const error = loadError(dir);
    expect(error.file).toBe('fixtures/dense');
    expect(error.rule).toBe('is a symbolic link: a fixtures folder holds real folders and regular files only');
  });

  it('a fixture that is a symbolic link is refused, even to an identical file', () => {
    const dir = copy('linked-file');
    const path = join(dir, victim.file.slice('fixtures/'.length));
    const elsewhere = join(scratch, 'linked-file', 'victim.json');
    cpSync(path, elsewhere);
    unlinkSync(path);
    symlinkSync(elsewhere, path);
    const error = loadError(dir);
    expect(error.file).toBe(victim.file);
    expect(error.rule).toMatch(/^is a symbolic link, not a regular file/);
  });

  it('a folder named like a fixture is refused', () => {
    const dir = copy('folder-named-json');
    mkdirSync(join(dir, 'pool', 'pool.folder.json'));
    const error = loadError(dir);
    expect(error.file).toBe('fixtures/pool/pool.folder.json');
    expect(error.rule).toMatch(/^is a folder, not a regular file/);
  });

  it('a manifest that is a symbolic link is refused', () => {
    const dir = copy('linked-manifest');
    const elsewhere = join(scratch, 'linked-manifest', 'MANIFEST.json');
    cpSync(join(dir, 'MANIFEST.json'), elsewhere);
    unlinkSync(join(dir, 'MANIFEST.json'));
    symlinkSync(elsewhere, join(dir, 'MANIFEST.json'));
    const error = loadError(dir);
    expect(error.file).toBe('fixtures/MANIFEST.json');
    expect(error.rule).toMatch(/^is a symbolic link/);
  });
});

describe('readRegularFile', () => {
  it('reads a file of exactly the limit, refuses one byte more, and refuses a FIFO without blocking', () => {
    const dir = join(scratch, 'reader');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'at-limit'), 'x'.repeat(100));
    writeFileSync(join(dir, 'over-limit'), 'x'.repeat(101));
    mkfifo(join(dir, 'pipe'));
    expect(readRegularFile(join(dir, 'at-limit'), 100).toString()).toBe('x'.repeat(100));
    expect(() => readRegularFile(join(dir, 'over-limit'), 100)).toThrow('is 101 bytes, over the limit of 100 bytes');
    expect(() => readRegularFile(join(dir, 'pipe'), 100)).toThrow('is a FIFO (named pipe), not a regular file');
    expect(() => readRegularFile(join(dir, 'missing'), 100)).toThrow(/^cannot be read: ENOENT/);
  });
});

describe("the manifest's own totals and shape are checked", () => {
  it('a fixture deleted together with its entry: the count no longer matches', () => {
    const dir = copy('deleted-with-entry');
    unlinkSync(join(dir, victim.file.slice('fixtures/'.length)));
    writeManifest(dir, (m) => void (m.fixtures = m.fixtures.filter((entry) => entry.id !== victim.id)));
    const error = loadError(dir);
    expect(error.file).toBe('fixtures/MANIFEST.json');
    expect(error.message).toContain(`/count is ${manifest.count}, but the manifest lists ${manifest.count - 1} fixtures`);
  });

  it('an entry listed twice, a malformed hash, an unknown field and a wrong format are each named', () => {
    const dir = copy('malformed-manifest');
    writeManifest(dir, (m) => {
      m.fixtures.push({ ...m.fixtures[0]! });
      m.count += 1;
      m.fixtures[1]!.sha256 = 'not-a-hash';
      return { ...m, format: 'cnnspec-manifest/2', signed: true };
    });
    const error = loadError(dir);
    expect(error.file).toBe('fixtures/MANIFEST.json');
    expect(error.message).toContain('/format must be "cnnspec-manifest/1"');
    expect(error.message).toContain('/signed is not a field of the manifest');
    expect(error.message).toContain('/fixtures/1/sha256 must be 64 lowercase hex digits');
    expect(error.message).toContain(`/fixtures/${manifest.count}/id ${manifest.fixtures[0]!.id} is listed twice`);
  });

  it('a manifest that is not an object is named, not a TypeError', () => {
    const dir = copy('manifest-null');
    writeFileSync(join(dir, 'MANIFEST.json'), 'null\n');
    expect(loadError(dir).message).toBe(
      'fixtures/MANIFEST.json: not a valid fixture manifest (1 problems):\n  / must be an object { format, count, fixtures }',
    );
  });
});

describe('messages stay bounded and printable', () => {
  it('a file name with terminal escapes is shown escaped', () => {
    const dir = copy('escape-name');
    const source = readFileSync(join(packageRoot(), victim.file), 'utf8');
    writeFileSync(join(dir, 'conv', 'conv.\u001b[2J\u001b]52;c;aGk=\u0007.json'), source);
    const error = loadError(dir);
    expect(error.message).toContain('conv.\\u001b[2J\\u001b]52;c;aGk=\\u0007.json');
    expect(error.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('a schema problem naming a huge field is cut', () => {
    const dir = copy('huge-field');
    const path = join(dir, victim.file.slice('fixtures/'.length));
    const fixture = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, formatFixtureJson({ ...fixture, ['k'.repeat(100_000)]: 1 }));
    const error = loadError(dir);
    expect(error.message.length).toBeLessThan(1000);
    expect(error.message).toMatch(/… \(\d+ characters\)$/);
  });

  it('a fixture with thousands of schema problems shows ten and counts the rest', () => {
    const dir = copy('many-problems');
    const path = join(dir, victim.file.slice('fixtures/'.length));
    const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture & { inputs: { input: { data: unknown[] } } };
    fixture.inputs.input.data = Array.from({ length: 3000 }, () => 'x');
    writeFileSync(path, formatFixtureJson(fixture));
    const error = loadError(dir);
    expect(error.file).toBe(victim.file);
    const lines = error.message.split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.at(-1)).toMatch(/^ {2}\.\.\. and \d+ more$/);
  });
});

/** mkfifo(1): node has no mkfifo of its own. */
function mkfifo(path: string): void {
  const { status } = spawnSync('mkfifo', [path]);
  if (status !== 0) throw new Error(`mkfifo ${path} failed`);
}
