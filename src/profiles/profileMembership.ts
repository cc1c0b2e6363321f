/**
 * Which tests a profile holds and which of them it requires (spec: conformance.profiles): a test
 * belongs to a profile when every adapter method it calls is one of the profile's ops, and the
 * profile requires it when, besides, every feature it needs is one of the profile's features.
 */
import type { AdapterOp } from '../ops/Adapter.js';
import type { Profile } from './Profile.js';

/** What membership looks at: the methods a test calls and the features it needs. */
export interface ProfileCandidate {
  ops: readonly AdapterOp[];
  features: readonly string[];
}

export function belongsTo(profile: Pick<Profile, 'ops'>, test: ProfileCandidate): boolean {
  return test.ops.length > 0 && test.ops.every((op) => profile.ops.includes(op));
}

export function requiredBy(profile: Pick<Profile, 'ops' | 'features'>, test: ProfileCandidate): boolean {
  return belongsTo(profile, test) && test.features.every((feature) => (profile.features as readonly string[]).includes(feature));
}

/** The profiles, of those given, that the test belongs to, by name. */
export function profilesOf(profiles: readonly Profile[], test: ProfileCandidate): string[] {
  return profiles.filter((profile) => belongsTo(profile, test)).map((profile) => profile.name);
}

/** Every clause the profile's tests check, sorted: the `clauses` a profile file publishes. */
export function clausesOf(profile: Pick<Profile, 'ops'>, tests: readonly (ProfileCandidate & { spec: readonly string[] })[]): string[] {
  return [...new Set(tests.filter((test) => belongsTo(profile, test)).flatMap((test) => test.spec))].sort();
}
