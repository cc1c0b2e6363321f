/**
 * Loads the golden fixtures from fixtures/ (every `*.json` in its op folders) and
 * validates each against the format's JSON Schema; an invalid file is reported with its path,
 * the JSON path of the problem and the rule.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CnnSpecError } from './CnnSpecError.js';
import { checkBoolean, checkKnownFields } from './paramChecks.js';
import type { Fixture } from './Fixture.js';
import { packageRoot } from './packageRoot.js';
import { validateFixture } from './validateFixture.js';
import { manifestProblems, type FixtureManifest } from './fixtureManifest.js';

export interface LoadedFixture {
  fixture: Fixture;
  /**
   * Path relative to the folder that holds the fixtures folder: the package root for the
   * package's own fixtures, so that paths match fixtures/MANIFEST.json for a copy too.
   */
  file: string;
}

/** Fixture files live one level down, in a folder per op; files beside the folders are not fixtures. */
function listJson(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) =>
      readdirSync(join(dir, folder.name))
        .filter((name) => name.endsWith('.json'))
        .map((name) => join(dir, folder.name, name)),
    );
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
  const loaded = listJson(dir)
    .sort()
    .map((path) => {
      const file = relative(root, path);
      let fixture: Fixture;
      try {
        const text = readFileSync(path, 'utf8');
        texts.set(file, text);
        fixture = JSON.parse(text) as Fixture;
      } catch (error) {
        throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
      }
      const problems = validateFixture(fixture);
      if (problems.length > 0) {
        throw new Error(`${file}: not a valid fixture:\n${problems.map((p) => `  ${p.path} ${p.rule}`).join('\n')}`);
      }
      if (fixture.id !== basename(path, '.json')) throw new Error(`${file}: /id ${fixture.id} must equal the file name`);
      return { fixture, file };
    });
  if (options.manifest ?? true) {
    const manifestPath = join(dir, 'MANIFEST.json');
    let manifest: FixtureManifest;
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as FixtureManifest;
    } catch (error) {
      throw new Error(`${relative(root, manifestPath)}: cannot read the fixture manifest: ${(error as Error).message}`);
    }
    const problems = manifestProblems(
      manifest,
      loaded.map(({ fixture, file }) => ({ id: fixture.id, file, text: texts.get(file)! })),
    );
    if (problems.length > 0) {
      const shown = problems.slice(0, 10).map((p) => `  ${p}`);
      if (problems.length > 10) shown.push(`  ... and ${problems.length - 10} more`);
      throw new Error(`fixtures do not match their manifest (${problems.length} problems):\n${shown.join('\n')}`);
    }
  }
  return loaded;
}
