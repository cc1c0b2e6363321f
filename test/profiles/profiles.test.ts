/**
 * The published profiles (spec: conformance.profiles): the files of spec/profiles against their
 * schema, the feature vocabulary, the clause registry and the tests that belong to them; which
 * tests a profile holds and requires; the profiles an adapter can choose; and when a report says
 * a profile is met.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { DEFAULT_PROFILE, loadProfile, loadProfiles, PROFILE_NAMES, resolveProfiles } from '../../src/profiles/loadProfiles.js';
import { ProfileError } from '../../src/profiles/ProfileError.js';
import { belongsTo, clausesOf, profilesOf, requiredBy } from '../../src/profiles/profileMembership.js';
import { profilesWithin } from '../../src/profiles/profilesWithin.js';
import { profileTotals, profileVerdicts } from '../../src/profiles/profileVerdicts.js';
import type { ReportResult } from '../../src/report/model/Report.js';
import { workItems } from '../../src/runner/runConformance.js';
import { loadClauseRegistry } from '../../src/spec/clauseRegistry.js';
import { FEATURES } from '../../src/spec/features.js';
import convOnly from '../adapters/convOnly.js';

const profiles = loadProfiles();
const byName = (name: string) => profiles.find((profile) => profile.name === name)!;
const tests = workItems('cnnspec');
const test = (id: string) => tests.find((candidate) => candidate.id === id)!;

describe('the published profiles (spec: conformance.profiles)', () => {
  it('are the files of spec/profiles, one per op family and core, each valid against its schema and named after its file', () => {
    const files = readdirSync(join(packageRoot(), 'spec', 'profiles')).sort();
    expect(files).toEqual(PROFILE_NAMES.map((name) => `${name}.json`).sort());
    expect(profiles.map((profile) => profile.name)).toEqual([...PROFILE_NAMES]);
    for (const family of ['conv', 'pool', 'dense', 'pad', 'conv-transpose', 'shape']) expect(PROFILE_NAMES).toContain(family);
    expect(DEFAULT_PROFILE).toBe('core');
  });

  it('name only known features and clauses, and publish exactly the clauses their tests check (else npm run spec:profiles)', () => {
    const clauses = new Set(loadClauseRegistry().clauses.map((clause) => clause.id));
    for (const profile of profiles) {
      expect(
        profile.features.filter((feature) => !(FEATURES as readonly string[]).includes(feature)),
        profile.name,
      ).toEqual([]);
      expect(
        profile.clauses.filter((clause) => !clauses.has(clause)),
        profile.name,
      ).toEqual([]);
      expect(profile.clauses, `spec/profiles/${profile.name}.json clauses`).toEqual(clausesOf(profile, tests));
      expect(profile.clauses.length, profile.name).toBeGreaterThan(0);
    }
  });

  it('make core the union of conv, pool and dense: their ops and features, and at least their clauses', () => {
    const families = ['conv', 'pool', 'dense'].map(byName);
    const core = byName('core');
    expect([...core.ops].sort()).toEqual([...new Set(families.flatMap((profile) => profile.ops))].sort());
    expect([...core.features].sort()).toEqual([...new Set(families.flatMap((profile) => profile.features))].sort());
    for (const family of families)
      expect(
        family.clauses.filter((clause) => !core.clauses.includes(clause)),
        family.name,
      ).toEqual([]);
    // pad and shape algebra stay outside core, as before profiles were published
    expect(core.ops).not.toContain('pad');
    expect(core.ops).not.toContain('outputShape');
  });
});

describe('profile membership (spec: conformance.profiles)', () => {
  it('puts a test in the profiles whose ops cover every method it calls', () => {
    expect(profilesOf(profiles, test('conv/no-flip/kernel-applied-as-stored'))).toEqual(['conv', 'core']);
    expect(profilesOf(profiles, test('conv/pointwise/equals-dense-at-every-position'))).toEqual(['core']);
    expect(profilesOf(profiles, test('pool/differential/exact-domain'))).toEqual(['pool', 'core']);
    expect(profilesOf(profiles, test('fixture/pad.zeros-1d'))).toEqual(['pad']);
    expect(profilesOf(profiles, test('fixture/model.gen-000'))).toEqual(['shape']);
    expect(profilesOf(profiles, test('global-pool/differential/exact-domain'))).toEqual([]);
  });

  it('requires a test of the profile that needs only its features, and no other', () => {
    const conv = byName('conv');
    expect(requiredBy(conv, test('conv/bias/adds-a-constant-per-channel'))).toBe(true);
    expect(belongsTo(conv, test('conv/dilation/equals-zero-inserted-kernel'))).toBe(true);
    expect(requiredBy(conv, test('conv/dilation/equals-zero-inserted-kernel'))).toBe(false);
    expect(requiredBy(conv, test('pool/max/monotone'))).toBe(false);
    expect(belongsTo({ ops: ['conv'] }, { ops: [], features: [] })).toBe(false);
  });
});

describe('resolveProfiles', () => {
  it('takes names and comma lists in the order given, without repeats, and core when none is given', () => {
    expect(resolveProfiles(['conv,pool', 'conv', ' dense ']).map((profile) => profile.name)).toEqual(['conv', 'pool', 'dense']);
    expect(resolveProfiles([]).map((profile) => profile.name)).toEqual(['core']);
    expect(loadProfile().name).toBe('core');
  });

  it('refuses an unknown name with a typed error naming the option, the value and the published names', () => {
    const error = (() => {
      try {
        resolveProfiles(['conv,convolution']);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ProfileError);
    expect(error).toMatchObject({ parameter: '--profile', value: 'convolution' });
    expect((error as ProfileError).message).toBe(
      '--profile "convolution" must name a published profile: conv, pool, dense, pad, conv-transpose, shape, core (spec/profiles)',
    );
  });
});

describe('profilesWithin', () => {
  it('offers a conv-only adapter the conv profile alone, and the reference every profile', () => {
    expect(profilesWithin(profiles, convOnly).map((profile) => profile.name)).toEqual(['conv']);
    expect(profilesWithin(profiles, referenceAdapter('cnnspec')).map((profile) => profile.name)).toEqual([...PROFILE_NAMES]);
    const noBias = { ...convOnly, features: convOnly.features.filter((feature) => feature !== 'conv.bias') };
    expect(profilesWithin(profiles, noBias)).toEqual([]);
  });
});

describe('profileVerdicts (spec: conformance.profiles)', () => {
  const suite = [
    { id: 'conv/a', ops: ['conv' as const], features: ['conv'] },
    { id: 'conv/b', ops: ['conv' as const], features: ['conv', 'conv.dilation'] },
    { id: 'fixture/conv.c', ops: ['conv' as const], features: [] },
  ];
  const conv = [byName('conv')];
  const totals = profileTotals(conv, suite);
  const result = (id: string, status: ReportResult['status'], extra: Partial<ReportResult> = {}): ReportResult => {
    const base = suite.find((candidate) => candidate.id === id)!;
    return {
      id,
      kind: 'property',
      status,
      spec: [],
      features: base.features,
      required: false,
      description: '',
      durationMs: 0,
      profiles: ['conv'],
      ...extra,
    };
  };
  const verdict = (results: ReportResult[], run = { incomplete: false, strictExpectations: false }) =>
    profileVerdicts(conv, totals, results, run)[0]!;

  it('counts the tests each profile holds and requires in the whole suite', () => {
    expect(totals).toEqual([{ name: 'conv', tests: 3, required: 2 }]);
  });

  it('is met when every test ran and passed, an optional feature unsupported or a known deviation notwithstanding', () => {
    expect(verdict([result('conv/a', 'pass'), result('conv/b', 'unsupported'), result('fixture/conv.c', 'expected-fail')])).toMatchObject({
      met: true,
      ran: 3,
      pass: 1,
      'expected-fail': 1,
      unsupported: 0,
    });
    expect(
      verdict([result('conv/a', 'pass'), result('conv/b', 'pass'), result('fixture/conv.c', 'unsupported', { notApplicable: true })]).met,
    ).toBe(true);
  });

  it('is not met, with the reason, when a test failed, a required test was unsupported or a test did not run', () => {
    expect(verdict([result('conv/a', 'fail'), result('conv/b', 'pass'), result('fixture/conv.c', 'pass')])).toMatchObject({
      met: false,
      failing: 1,
      reason: '1 of its tests failed',
    });
    expect(verdict([result('conv/a', 'unsupported'), result('conv/b', 'pass'), result('fixture/conv.c', 'pass')])).toMatchObject({
      met: false,
      unsupported: 1,
      reason: '1 test it requires was unsupported (a method or feature the adapter lacks)',
    });
    expect(verdict([result('conv/a', 'pass')])).toMatchObject({
      met: false,
      ran: 1,
      reason: '2 of its 3 tests did not run (left out by the selection or shard)',
    });
    expect(verdict([result('conv/a', 'pass')], { incomplete: true, strictExpectations: false }).reason).toBe(
      '2 of its 3 tests did not run (the run was interrupted)',
    );
  });

  it('counts an unexpected pass as a failure only under strict expectations', () => {
    const results = [result('conv/a', 'unexpected-pass'), result('conv/b', 'pass'), result('fixture/conv.c', 'pass')];
    expect(verdict(results).met).toBe(true);
    expect(verdict(results, { incomplete: false, strictExpectations: true })).toMatchObject({ met: false, failing: 1 });
  });
});
