/**
 * Expectations by defect (spec: conformance.expectations): a failure is expected only when a
 * listed defect's signature explains it, and the report names the defect; a failure of another
 * cause stays a failure, even in a test an entry names; entries by test id still work, reported
 * as seed-fragile.
 */
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/ops/Adapter.js';
import type { ExpectationsFile } from '../../src/runner/Expectations.js';
import { ExpectationsError, validateExpectations } from '../../src/runner/loadExpectations.js';
import { runConformance } from '../../src/runner/runConformance.js';
import { MUTANTS } from '../mutants/mutants.js';

const mutant = (name: string): Adapter => MUTANTS.find((m) => m.name === name)!.adapter;
/** Two defects in one implementation: same convolution shifted as ONNX Runtime's, and max pooling that drops NaN. */
const twoDefects: Adapter = { ...mutant('same-shift-as-onnxruntime'), pool: mutant('max-pool-drops-nan').pool!, name: 'two defects' };

const run = (expectations: ExpectationsFile, only: string[], seed = 1) =>
  runConformance({
    adapter: twoDefects,
    source: 'test',
    seed,
    numRuns: 40,
    timeoutMs: 5000,
    only,
    replay: () => '',
    expectations: { file: 'inline', content: expectations },
  });

const file = (entries: ExpectationsFile['entries']): ExpectationsFile =>
  validateExpectations({ format: 'cnnspec-expectations/1', entries }, 'the test expectations');

describe('expectations by defect', () => {
  it('explains a failure its signature recognises and names the defect and the part', async () => {
    const report = await run(file([{ defect: 'defect.onnxruntime-same-conv' }]), ['padding/same/*', 'conv/differential/exact-domain']);
    const explained = report.results.filter((r) => r.status === 'expected-fail');
    expect(explained.length).toBeGreaterThan(0);
    for (const r of explained) expect(r.expectation).toMatchObject({ defect: 'defect.onnxruntime-same-conv', part: 'unclamped-same-conv' });
    expect(report.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(report.expectations?.defects).toEqual([{ defect: 'defect.onnxruntime-same-conv', explained: explained.length }]);
  });

  it('leaves a failure of another cause a failure, even in the test the entry is restricted to', async () => {
    const report = await run(file([{ defect: 'defect.onnxruntime-same-conv', match: 'pool/max/nan-follows-convention' }]), [
      'pool/max/nan-follows-convention',
    ]);
    const [result] = report.results;
    expect(result!.status).toBe('fail');
    expect(result!.message).toMatch(/no listed defect explains this failure; this test lists defect\.onnxruntime-same-conv/);
    expect(report.summary.conformant).toBe(false);
  });

  it('keeps entries by test id working, marked seed-fragile, with a warning', async () => {
    const report = await run(file([{ match: 'pool/max/nan-follows-convention', reason: 'drops NaN' }]), [
      'pool/max/nan-follows-convention',
    ]);
    expect(report.results[0]).toMatchObject({
      status: 'expected-fail',
      expectation: { match: 'pool/max/nan-follows-convention', seedFragile: true },
    });
    expect(report.expectations?.warnings?.[0]).toMatch(/pool\/max\/nan-follows-convention: matches by test id.*seed/);
  });

  it("sets a listed defect's cases aside and goes on, so that it cannot hide another failure in the same property", async () => {
    // Unclamped same convolution (listed) and a flipped kernel wherever the padding is not same (not listed).
    const sameNotClamped = mutant('same-shift-as-onnxruntime').conv!;
    const flipped = mutant('flipped-kernel').conv!;
    const masking: Adapter = {
      ...twoDefects,
      name: 'listed and unlisted',
      conv: async (r) => (typeof r.params.padding === 'string' && r.params.padding.startsWith('same') ? sameNotClamped(r) : flipped(r)),
    };
    const expectations = { file: 'inline', content: file([{ defect: 'defect.onnxruntime-same-conv' }]) };
    for (const seed of [1, 2, 3, 4]) {
      const report = await runConformance({
        adapter: masking,
        source: 'test',
        seed,
        numRuns: 40,
        timeoutMs: 5000,
        only: ['conv/differential/exact-domain'],
        replay: () => '',
        expectations,
      });
      const [result] = report.results;
      expect({ seed, status: result!.status }).toEqual({ seed, status: 'fail' });
      expect(String(result!.evidence?.params.padding)).not.toMatch(/^same/);
    }
    // Alone, the listed defect's cases are set aside and every other case holds: an expected failure that says so.
    const alone = await runConformance({
      adapter: { ...twoDefects, conv: sameNotClamped },
      source: 'test',
      seed: 1,
      numRuns: 40,
      timeoutMs: 5000,
      only: ['conv/differential/exact-domain'],
      replay: () => '',
      expectations,
    });
    expect(alone.results[0]).toMatchObject({
      status: 'expected-fail',
      expectation: { defect: 'defect.onnxruntime-same-conv' },
      explained: [{ defect: 'defect.onnxruntime-same-conv', part: 'unclamped-same-conv' }],
    });
    expect(alone.results[0]!.message).toMatch(
      /failed only where listed defects explain it: defect\.onnxruntime-same-conv \(unclamped-same-conv\) in \d+ cases?; every other case held/,
    );
  });

  it('never turns a pass into an unexpected pass for a defect entry', async () => {
    const report = await run(file([{ defect: 'defect.onnxruntime-same-conv', match: 'dense/*' }]), ['dense/differential/exact-domain']);
    expect(report.results[0]!.status).toBe('pass');
  });

  it('refuses entries naming an unknown defect, a defect without a signature, or a defect with a feature', () => {
    const attempt = (entry: object): unknown => validateExpectations({ format: 'cnnspec-expectations/1', entries: [entry] }, 'x');
    expect(() => attempt({ defect: 'defect.no-such-thing' })).toThrow(
      /\/entries\/0\/defect "defect\.no-such-thing" must name a documented defect/,
    );
    expect(() => attempt({ defect: 'defect.tf-maxpool-nan' })).toThrow(/has none: TensorFlow's CPU kernel has no adapter/);
    expect(() => attempt({ defect: 'defect.tfjs-same-3d', feature: 'conv' })).toThrow(ExpectationsError);
    expect(() => attempt({ match: 'conv/*' })).toThrow(/must give a "reason"/);
  });
});
