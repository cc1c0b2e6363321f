/**
 * Loads the golden fixtures from fixtures/ (every `*.json` in its op folders) and
 * validates each against the format's JSON Schema; an invalid file is reported with its path,
 * the JSON path of the problem and the rule.
 *
 * The folder may come from anyone (a copy, a user's own fixtures), so it is read defensively:
 * op folders must be real folders and fixtures regular files of at most MAX_FIXTURE_FILE_BYTES,
 * checked before anything is opened (a symbolic link, a FIFO or an oversized file is refused
 * without being read), and the manifest must be well formed, with a count that matches its
 * entries. Every problem is a FixtureLoadError naming the file and the rule.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CnnSpecError } from './CnnSpecError.js';
import { checkBoolean, checkKnownFields } from './paramChecks.js';
import type { Fixture } from './Fixture.js';
import { FixtureLoadError } from './FixtureLoadError.js';
import { packageRoot } from './packageRoot.js';
import { readRegularFile } from './readRegularFile.js';
import { UnreadableFileError } from './UnreadableFileError.js';
import { validateFixture } from './validateFixture.js';
import { manifestProblems, manifestShapeProblems, type FixtureManifest } from './fixtureManifest.js';

export interface LoadedFixture {
  fixture: Fixture;
  /**
   * Path relative to the folder that holds the fixtures folder: the package root for the
   * package's own fixtures, so that paths match fixtures/MANIFEST.json for a copy too.
   */
  file: string;
}

/**
 * The largest fixture or manifest file read, far above any fixture of the kit (a few KB) and its
 * manifest (tens of KB), yet small enough that reading and parsing one costs little memory.
 */
export const MAX_FIXTURE_FILE_BYTES = 8 * 1024 * 1024;

/** How many problems of one file or manifest a message shows, and how much of each; the rest are counted. */
const SHOWN_PROBLEMS = 10;
const SHOWN_PROBLEM_CHARS = 300;

function listProblems(problems: readonly string[]): string {
  const cut = (p: string): string => (p.length > SHOWN_PROBLEM_CHARS ? `${p.slice(0, SHOWN_PROBLEM_CHARS)}… (${p.length} characters)` : p);
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  ${cut(p)}`);
  if (problems.length > SHOWN_PROBLEMS) shown.push(`  ... and ${problems.length - SHOWN_PROBLEMS} more`);
  return shown.join('\n');
}

/**
 * Fixture files live one level down, in a folder per op; files beside the folders are not
 * fixtures. A symbolic link in the folder is refused rather than followed: it could lead to an
 * op folder anywhere, whose files the manifest's paths would not name.
 */
function listJson(dir: string, root: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) {
      throw new FixtureLoadError(relative(root, join(dir, entry.name)), 'is a symbolic link: a fixtures folder holds real folders and regular files only');
    }
    if (!entry.isDirectory()) continue;
    for (const file of readdirSync(join(dir, entry.name), { withFileTypes: true })) {
      if (file.name.endsWith('.json')) files.push(join(dir, entry.name, file.name));
    }
  }
  return files;
}

/** A file's text, or a FixtureLoadError saying why it is not read. */
function readText(path: string, file: string): string {
  try {
    return readRegularFile(path, MAX_FIXTURE_FILE_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new FixtureLoadError(file, error.message);
    throw error;
  }
}

export interface LoadOptions {
  /** Check every file against fixtures/MANIFEST.json in `dir`. @defaultValue true */
  manifest?: boolean;
}

/** Refuses a `dir` that is not a folder and options that are not { manifest?: boolean }, before reading anything. */
function checkArguments(dir: unknown, options: unknown): void {
  const op = 'loadFixtures';
  let isFolder = false;
  try {
    isFolder = typeof dir === 'string' && dir !== '' && statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new CnnSpecError({ code: 'E_PARAM_RANGE', op, clause: 'error.typed', parameter: 'dir', value: dir, rule: 'be the path of an existing folder of fixtures' });
  }
  const record = checkKnownFields({ op, clause: 'error.typed' }, 'options', options, ['manifest']);
  if (record.manifest !== undefined) checkBoolean({ op, clause: 'error.typed' }, 'options.manifest', record.manifest);
}

export function loadFixtures(dir = join(packageRoot(), 'fixtures'), options: LoadOptions = {}): LoadedFixture[] {
  checkArguments(dir, options);
  const root = dirname(resolve(dir));
  const texts = new Map<string, string>();
  const loaded = listJson(dir, root)
    .sort()
    .map((path) => {
      const file = relative(root, path);
      const text = readText(path, file);
      texts.set(file, text);
      let fixture: Fixture;
      try {
        fixture = JSON.parse(text) as Fixture;
      } catch (error) {
        throw new FixtureLoadError(file, `not valid JSON: ${(error as Error).message}`);
      }
      const problems = validateFixture(fixture);
      if (problems.length > 0) {
        throw new FixtureLoadError(file, `not a valid fixture:\n${listProblems(problems.map((p) => `${p.path} ${p.rule}`))}`);
      }
      if (fixture.id !== basename(path, '.json')) throw new FixtureLoadError(file, `/id ${String(fixture.id).slice(0, 200)} must equal the file name`);
      return { fixture, file };
    });
  if (options.manifest ?? true) {
    const manifestFile = relative(root, join(dir, 'MANIFEST.json'));
    let text: string;
    try {
      text = readText(join(dir, 'MANIFEST.json'), manifestFile);
    } catch (error) {
      if (error instanceof FixtureLoadError) throw new FixtureLoadError(manifestFile, `the fixture manifest ${error.rule}`);
      throw error;
    }
    let manifest: unknown;
    try {
      manifest = JSON.parse(text);
    } catch (error) {
      throw new FixtureLoadError(manifestFile, `cannot read the fixture manifest: ${(error as Error).message}`);
    }
    const shape = manifestShapeProblems(manifest);
    if (shape.length > 0) {
      throw new FixtureLoadError(manifestFile, `not a valid fixture manifest (${shape.length} problems):\n${listProblems(shape)}`);
    }
    const problems = manifestProblems(
      manifest as FixtureManifest,
      loaded.map(({ fixture, file }) => ({ id: fixture.id, file, text: texts.get(file)! })),
    );
    if (problems.length > 0) {
      throw new FixtureLoadError(
        manifestFile,
        'every fixture file must match its manifest entry',
        `fixtures do not match their manifest (${problems.length} problems):\n${listProblems(problems)}`,
      );
    }
  }
  return loaded;
}
