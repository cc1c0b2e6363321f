/**
 * For each published profile, whether the adapter meets it (spec: conformance.profiles): every
 * test of the suite that belongs to the profile ran, none failed or ended in error (under strict
 * expectations, none passed unexpectedly), and none the profile requires was unsupported for
 * something the adapter lacks (one that does not apply under its convention is no mark against it). A known
 * deviation (expected-fail) does not stand in the way, as it does not in the run's verdict.
 */
import type { ProfileVerdict, ReportResult } from '../report/model/Report.js';
import type { Profile } from './Profile.js';
import { belongsTo, requiredBy, type ProfileCandidate } from './profileMembership.js';

/** How many tests of the suite each profile holds and requires. */
export interface ProfileTotals {
  name: string;
  tests: number;
  required: number;
}

export function profileTotals(profiles: readonly Profile[], suite: readonly ProfileCandidate[]): ProfileTotals[] {
  return profiles.map((profile) => ({
    name: profile.name,
    tests: suite.filter((test) => belongsTo(profile, test)).length,
    required: suite.filter((test) => requiredBy(profile, test)).length,
  }));
}

export function profileVerdicts(
  profiles: readonly Profile[],
  totals: readonly ProfileTotals[],
  results: readonly ReportResult[],
  run: { incomplete: boolean; strictExpectations: boolean },
): ProfileVerdict[] {
  // A merged report may name a profile this version no longer publishes: it is left out.
  const known = totals.filter((total) => profiles.some((profile) => profile.name === total.name));
  return known.map(({ name, tests, required }) => {
    const profile = profiles.find((candidate) => candidate.name === name)!;
    const own = results.filter((result) => result.profiles?.includes(name) === true);
    const count = (status: ReportResult['status']): number => own.filter((result) => result.status === status).length;
    const failing = count('fail') + count('error') + (run.strictExpectations ? count('unexpected-pass') : 0);
    const unsupported = own.filter(
      (result) => result.status === 'unsupported' && result.notApplicable !== true && everyFeatureIn(profile, result),
    ).length;
    const reasons = [
      ...(tests === 0 ? ['no test of the suite belongs to it'] : []),
      ...(own.length < tests
        ? [
            `${tests - own.length} of its ${tests} tests did not run (${run.incomplete ? 'the run was interrupted' : 'left out by the selection or shard'})`,
          ]
        : []),
      ...(failing > 0 ? [`${failing} of its tests failed`] : []),
      ...(unsupported > 0
        ? [
            `${unsupported} test${unsupported === 1 ? '' : 's'} it requires ${unsupported === 1 ? 'was' : 'were'} unsupported (a method or feature the adapter lacks)`,
          ]
        : []),
    ];
    return {
      name,
      tests,
      required,
      ran: own.length,
      pass: count('pass') + (run.strictExpectations ? 0 : count('unexpected-pass')),
      failing,
      'expected-fail': count('expected-fail'),
      unsupported,
      met: reasons.length === 0,
      ...(reasons.length === 0 ? {} : { reason: reasons.join('; ') }),
    };
  });
}

function everyFeatureIn(profile: Profile, result: ReportResult): boolean {
  return result.features.every((feature) => (profile.features as readonly string[]).includes(feature));
}
