/**
 * The published conformance profiles (spec/profiles/<name>.json), read once and checked against
 * spec/schema/profile-2.schema.json (whose feature names are those of src/spec/features.ts).
 *
 * @see spec:conformance.profiles
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { packageRoot } from '../files/packageRoot.js';
import type { Profile } from './Profile.js';
import { ProfileError } from './ProfileError.js';

/** Every published profile: one per op family, then core, the default of a run. */
export const PROFILE_NAMES = ['conv', 'pool', 'dense', 'pad', 'conv-transpose', 'shape', 'core'] as const;

export type ProfileName = (typeof PROFILE_NAMES)[number];

/** The profile a run requires when none is chosen, for compatibility with earlier runs. */
export const DEFAULT_PROFILE: ProfileName = 'core';

let loaded: Profile[] | undefined;

export function loadProfiles(): Profile[] {
  if (loaded !== undefined) return loaded;
  const root = join(packageRoot(), 'spec');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(join(root, 'schema', 'profile-2.schema.json'), 'utf8')) as object,
  );
  loaded = PROFILE_NAMES.map((name) => {
    const file = `spec/profiles/${name}.json`;
    const value: unknown = JSON.parse(readFileSync(join(root, 'profiles', `${name}.json`), 'utf8'));
    if (!validate(value)) {
      const first = validate.errors?.[0];
      throw new ProfileError(
        `${file}${first?.instancePath ?? ''}`,
        first?.data,
        `${first?.message ?? 'match the schema'} (spec/schema/profile-2.schema.json)`,
      );
    }
    const profile = value as Profile;
    if (profile.name !== name) throw new ProfileError(`${file} name`, profile.name, `be ${JSON.stringify(name)}, the file's name`);
    return profile;
  });
  return loaded;
}

export function loadProfile(name: string = DEFAULT_PROFILE): Profile {
  return resolveProfiles([name])[0]!;
}

/**
 * The profiles named by `--profile` (each value a name or a comma list), in the order given,
 * without repeats; the default profile when none is named.
 *
 * @throws ProfileError for a name that is not published
 */
export function resolveProfiles(names: readonly string[], parameter = '--profile'): Profile[] {
  const wanted = [
    ...new Set(
      names
        .flatMap((text) => text.split(','))
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ),
  ];
  const profiles = loadProfiles();
  if (wanted.length === 0) return [profiles.find((profile) => profile.name === DEFAULT_PROFILE)!];
  return wanted.map((name) => {
    const profile = profiles.find((candidate) => candidate.name === name);
    if (profile === undefined)
      throw new ProfileError(parameter, name, `name a published profile: ${PROFILE_NAMES.join(', ')} (spec/profiles)`);
    return profile;
  });
}
