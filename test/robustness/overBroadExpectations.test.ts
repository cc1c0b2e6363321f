/**
 * An expectation without a defect that matches more than a tenth of the suite, or every test
 * (`*`), turns whatever fails there into an expected failure: the verdict stands as the file
 * says, but the terminal and every rendering warn, with the failures it absorbed
 * (spec: conformance.expectations).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExpectationEntry } from '../../src/runner/Expectations.js';
import { OVER_BROAD_SHARE, overBroadEntries } from '../../src/runner/loadExpectations.js';
import { workItems } from '../../src/runner/runConformance.js';
import { checkReports, cnnspecRun, root } from '../faults/checkedRun.js';

const suite = workItems('cnnspec');

describe('overBroadEntries', () => {
  const broad = (entry: ExpectationEntry) => overBroadEntries([entry], suite);

  it('flags an entry by id or feature that matches every test, or more than a tenth of the suite', () => {
    expect(broad({ match: '*', reason: 'x' })).toEqual([{ entry: '*', tests: suite.length, suite: suite.length }]);
    expect(broad({ match: 'fixture/*', reason: 'x' })).toEqual([
      { entry: 'fixture/*', tests: suite.filter((item) => item.id.startsWith('fixture/')).length, suite: suite.length },
    ]);
    expect(broad({ feature: 'conv', reason: 'x' })[0]?.entry).toBe('feature conv');
  });

  it('leaves alone an entry for one test or a small group, and every defect entry', () => {
    const bound = Math.ceil(suite.length * OVER_BROAD_SHARE);
    expect(broad({ match: 'conv/output-shape/matches-formula', reason: 'x' })).toEqual([]);
    expect(broad({ match: 'pool/*', reason: 'x' })).toEqual([]);
    const small = ['pool.ceil-mode', 'conv.groups', 'dense'].find(
      (feature) => suite.filter((item) => item.features.includes(feature)).length <= bound,
    )!;
    expect(broad({ feature: small, reason: 'x' })).toEqual([]);
    expect(broad({ defect: 'defect.tfjs-same-3d' })).toEqual([]);
    expect(broad({ defect: 'defect.tfjs-same-3d', match: '*' })).toEqual([]);
  });
});

describe('a run whose expectations file is one entry matching everything', () => {
  it('is conformant as the file says, and warns in the terminal, report.json, report.md and report.html with the failures absorbed', async () => {
    const run = await cnnspecRun([
      '--adapter',
      join(root, 'test', 'adapters', 'flippedKernel.ts'),
      '--num-runs',
      '3',
      '--only',
      'conv/no-flip/kernel-applied-as-stored,fixture/conv.seed-4x4-k3-valid,dense/output-shape/matches-formula',
      '--expectations',
      join(root, 'test', 'robustness', 'expectations', 'matchEverything.json'),
    ]);
    expect(run.code, run.err).toBe(0);
    const report = checkReports(run);
    expect(report.summary['expected-fail']).toBe(2);
    expect(report.expectations!.overBroad).toEqual([{ entry: '*', tests: suite.length, suite: suite.length }]);
    const warning = `expectation * matches every test of the suite (${suite.length}) without naming a defect, and turned 2 failure(s) of this run into expected ones`;
    expect(run.out).toContain(`warning: ${warning}`);
    expect(readFileSync(join(run.dir, 'report.md'), 'utf8')).toContain(
      `> **Warning:** expectation \\* matches every test of the suite (${suite.length}) without naming a defect, and turned 2 failure(s) of this run into expected ones`,
    );
    expect(readFileSync(join(run.dir, 'report.html'), 'utf8')).toContain(`<p class="banner" role="alert">${warning}`);
  }, 60_000);
});
