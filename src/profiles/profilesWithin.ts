/**
 * The profiles an adapter can choose: those whose every op it implements and whose every
 * required feature it declares (or its convention leaves undefined, spec: convention.features).
 * Meeting one still depends on the tests passing (spec: conformance.profiles).
 */
import type { Adapter } from '../ops/Adapter.js';
import { resolveConvention } from '../spec/conventions.js';
import type { Profile } from './Profile.js';

export function profilesWithin(profiles: readonly Profile[], adapter: Adapter): Profile[] {
  const declared = new Set<string>([...adapter.features, ...resolveConvention(adapter.convention).undefinedFeatures]);
  return profiles.filter(
    (profile) => profile.ops.every((op) => typeof adapter[op] === 'function') && profile.features.every((feature) => declared.has(feature)),
  );
}
