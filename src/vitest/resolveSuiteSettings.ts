/**
 * Turns `registerConformanceSuite`'s options and the `CNNSPEC_*` environment variables into the
 * settings of one suite, with the defaults of `cnnspec run`. The environment wins over the
 * options, so that the replay command printed with a failure selects that failure alone.
 */
import { resolve } from 'node:path';
import type { ExpectationsFile } from '../runner/Expectations.js';
import { ExpectationsError, loadExpectations, validateExpectations } from '../runner/loadExpectations.js';
import { DEFAULT_CALL_TIMEOUT_MS, DEFAULT_MAX_ELEMENTS, DEFAULT_NUM_RUNS, DEFAULT_SEED } from '../runner/runDefaults.js';
import type { ConformanceSuiteOptions } from './ConformanceSuiteOptions.js';
import { SuiteOptionError } from './SuiteOptionError.js';
import { PROFILE_NAMES, resolveProfiles } from '../profiles/loadProfiles.js';
import { ProfileError } from '../profiles/ProfileError.js';
import { FixtureLoadError } from '../fixtures/FixtureLoadError.js';
import { FixtureFolderError, loadFixtureFolders, type FixtureSet } from '../fixtures/loadFixtureFolder.js';

export { DEFAULT_CALL_TIMEOUT_MS, DEFAULT_MAX_ELEMENTS, DEFAULT_NUM_RUNS, DEFAULT_SEED };
/** A property runs dozens of cases and then shrinks: vitest's 5 s are too short. */
export const DEFAULT_TEST_TIMEOUT_MS = 300_000;

export interface SuiteSettings {
  name: string;
  seed: number;
  numRuns: number;
  only?: string[];
  /** The profiles the suite requires, as named (validated); empty for the default. */
  profiles: string[];
  /** fast-check path of one counterexample of the one property `only` selects. */
  path?: string;
  properties: boolean;
  fixtures: boolean;
  builtinFixtures: boolean;
  /** The folders of `fixtureFolders`, loaded. */
  fixtureSets: FixtureSet[];
  maxElements: number;
  timeoutMs: number;
  testTimeoutMs: number;
  expectations?: { file: string; content: ExpectationsFile };
  strictExpectations: boolean;
}

export type Environment = Readonly<Record<string, string | undefined>>;

const OPTION_NAMES: readonly (keyof ConformanceSuiteOptions)[] = [
  'name',
  'seed',
  'numRuns',
  'only',
  'profile',
  'properties',
  'fixtures',
  'fixtureFolders',
  'builtinFixtures',
  'maxElements',
  'timeoutMs',
  'testTimeoutMs',
  'expectations',
  'strictExpectations',
];

export function resolveSuiteSettings(adapterName: string, options: ConformanceSuiteOptions, env: Environment): SuiteSettings {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new SuiteOptionError('options', options, 'be an object of options (see ConformanceSuiteOptions)');
  }
  for (const [key, value] of Object.entries(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) {
      throw new SuiteOptionError(`options.${key}`, value, `not be set: known options are ${OPTION_NAMES.join(', ')}`);
    }
  }
  const name = options.name ?? `cnnspec conformance: ${adapterName}`;
  if (typeof name !== 'string' || name.trim() === '') throw new SuiteOptionError('name', name, 'be a non-empty string');

  const seed = fromEnvironment(env, 'CNNSPEC_SEED', integerText) ?? options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new SuiteOptionError('seed', seed, 'be an integer');
  const numRunsFromEnvironment = fromEnvironment(env, 'CNNSPEC_NUM_RUNS', integerText);
  const numRuns =
    numRunsFromEnvironment === undefined
      ? positiveInteger('numRuns', options.numRuns ?? DEFAULT_NUM_RUNS)
      : positiveInteger('CNNSPEC_NUM_RUNS', numRunsFromEnvironment);
  const maxElements = positiveInteger('maxElements', options.maxElements ?? DEFAULT_MAX_ELEMENTS);
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
  const testTimeoutMs = positiveInteger('testTimeoutMs', options.testTimeoutMs ?? DEFAULT_TEST_TIMEOUT_MS);
  const properties = boolean('properties', options.properties ?? true);
  const fixtures = boolean('fixtures', options.fixtures ?? true);
  if (!properties && !fixtures)
    throw new SuiteOptionError('properties', properties, 'be true when fixtures is false: the suite would hold no test');
  const strictExpectations = boolean('strictExpectations', options.strictExpectations ?? false);
  const builtinFixtures = boolean('builtinFixtures', options.builtinFixtures ?? true);
  const fixtureSets = fixtureFolders(options.fixtureFolders);

  const only =
    fromEnvironment(env, 'CNNSPEC_ONLY', (text) =>
      text
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ) ?? onlyOption(options.only);
  const profiles = profileOption(options.profile);
  const path = fromEnvironment(env, 'CNNSPEC_PATH', (text) => text);
  if (path !== undefined) {
    if (!/^\d+(:\d+)*$/.test(path))
      throw new SuiteOptionError('CNNSPEC_PATH', path, 'be a fast-check path such as 3:0:1, as printed in a replay command');
    if (only?.length !== 1 || only[0]!.endsWith('*')) {
      throw new SuiteOptionError(
        'CNNSPEC_ONLY',
        only,
        'name exactly one property when CNNSPEC_PATH is set: a path replays a counterexample of one property',
      );
    }
  }
  const expectations = options.expectations === undefined ? undefined : resolveExpectations(options.expectations);
  return {
    name,
    seed,
    numRuns,
    ...(only === undefined ? {} : { only }),
    profiles,
    ...(path === undefined ? {} : { path }),
    properties,
    fixtures,
    builtinFixtures,
    fixtureSets,
    maxElements,
    timeoutMs,
    testTimeoutMs,
    ...(expectations === undefined ? {} : { expectations }),
    strictExpectations,
  };
}

/** A variable's parsed value; unset and empty (`CNNSPEC_SEED= npx vitest`) both mean not given. */
function fromEnvironment<T>(env: Environment, variable: string, parse: (text: string, variable: string) => T): T | undefined {
  const text = env[variable];
  return text === undefined || text.trim() === '' ? undefined : parse(text.trim(), variable);
}

function integerText(text: string, variable: string): number {
  if (!/^-?\d+$/.test(text)) throw new SuiteOptionError(variable, text, 'be an integer');
  return Number(text);
}

function positiveInteger(parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new SuiteOptionError(parameter, value, 'be a positive integer');
  return value;
}

function boolean(parameter: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new SuiteOptionError(parameter, value, 'be true or false');
  return value;
}

function onlyOption(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id.trim() === '')) {
    throw new SuiteOptionError('only', value, 'be a test id or glob, or an array of them (picomatch globs; ! excludes)');
  }
  return ids.map((id: string) => id.trim());
}

/** The `profile` option as names, each a published profile. */
function profileOption(value: unknown): string[] {
  if (value === undefined) return [];
  const names = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
    throw new SuiteOptionError('profile', value, `be a profile name or an array of them: ${PROFILE_NAMES.join(', ')}`);
  }
  try {
    return resolveProfiles(names as string[], 'profile').map((profile) => profile.name);
  } catch (error) {
    if (error instanceof ProfileError) throw new SuiteOptionError('profile', error.value, error.rule);
    throw error;
  }
}

/** The folders of the fixtureFolders option, loaded by the rules of `cnnspec run --fixtures`. */
function fixtureFolders(value: unknown): FixtureSet[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((folder) => typeof folder !== 'string' || folder.trim() === '')) {
    throw new SuiteOptionError('fixtureFolders', value, 'be an array of folders of fixtures (DIR or NAME=DIR)');
  }
  try {
    return loadFixtureFolders(value as string[]);
  } catch (error) {
    if (error instanceof FixtureFolderError || error instanceof FixtureLoadError)
      throw new SuiteOptionError('fixtureFolders', value, `name folders of fixtures that pass their checks: ${error.message}`);
    throw error;
  }
}

function resolveExpectations(value: unknown): { file: string; content: ExpectationsFile } {
  if (typeof value === 'string') return { file: value, content: loadExpectations(resolve(value)) };
  try {
    return { file: '(inline)', content: validateExpectations(value, 'the expectations option') };
  } catch (error) {
    if (!(error instanceof ExpectationsError) || error.path === undefined) throw error;
    // The same rules as for a file, named as options: /entries/0/match is expectations.entries[0].match.
    const parameter = `expectations${error.path.replace(/\/(\d+)/g, '[$1]').replace(/\/([^/[]+)/g, '.$1')}`;
    const at = error.path
      .split('/')
      .slice(1)
      .reduce<unknown>((part, key) => (part as Record<string, unknown> | undefined)?.[key], value);
    throw new SuiteOptionError(parameter, at, error.rule!);
  }
}
