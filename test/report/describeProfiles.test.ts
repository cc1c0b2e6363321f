/**
 * The profile verdicts as the Markdown and HTML reports show them (spec: conformance.profiles):
 * the profiles met, and each other one with its counts.
 */
import { describe, expect, it } from 'vitest';
import { describeProfiles, describeSelectionOf } from '../../src/report/describeProfiles.js';
import type { ProfileVerdict, Report } from '../../src/report/model/Report.js';

const verdict = (name: string, counts: Partial<ProfileVerdict>): ProfileVerdict => ({
  name,
  tests: 10,
  required: 4,
  ran: 10,
  pass: 10,
  failing: 0,
  'expected-fail': 0,
  unsupported: 0,
  met: false,
  ...counts,
});

describe('describeProfiles', () => {
  it('lists the profiles met and, for each other, what failed, what was unsupported and what did not run', () => {
    const report = {
      profiles: [
        verdict('conv', { met: true }),
        verdict('pool', { failing: 2, ran: 7 }),
        verdict('dense', { unsupported: 3 }),
        verdict('pad', { reason: 'no test of the suite belongs to it' }),
      ],
    } as unknown as Report;
    expect(describeProfiles(report)).toEqual({
      met: 'conv',
      notMet: 'pool (2 failing, 3 of 10 not run); dense (3 required but unsupported); pad (no test of the suite belongs to it)',
    });
  });

  it('says none where no profile is met or none is left, and nothing for a report made before profiles', () => {
    expect(describeProfiles({ profiles: [verdict('conv', { failing: 1 })] } as unknown as Report)).toEqual({
      met: 'none',
      notMet: 'conv (1 failing)',
    });
    expect(describeProfiles({ profiles: [verdict('conv', { met: true })] } as unknown as Report)!.notMet).toBe('none');
    expect(describeProfiles({} as Report)).toBeUndefined();
  });

  it('describes a selection by clause and feature, and none without one', () => {
    expect(describeSelectionOf({ run: { clauses: ['pool.ceil-mode*'], features: ['pool.avg'] } } as unknown as Report)).toBe(
      'clause pool.ceil-mode*, feature pool.avg',
    );
    expect(describeSelectionOf({ run: {} } as unknown as Report)).toBeUndefined();
  });
});
