/**
 * Test selection (spec: conformance.selection): picomatch globs of ids with negation and
 * prefixes, globs of clause IDs, feature names, their combination, and the typed error for a
 * feature that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { describeSelection, selected, selectTests } from '../../src/runner/selectTests.js';
import { SelectionError } from '../../src/runner/SelectionError.js';
import { workItems } from '../../src/runner/runConformance.js';

const tests = [
  { id: 'conv/linearity/input', spec: ['conv.definition'], features: ['conv'] },
  { id: 'conv/dilation/equals-zero-inserted-kernel', spec: ['shape.dilation'], features: ['conv', 'conv.dilation'] },
  {
    id: 'pool/ceil-mode/overhang-never-counted',
    spec: ['pool.ceil-mode.overhang', 'pool.avg.count-include-pad'],
    features: ['pool.avg', 'pool.ceil-mode'],
  },
  { id: 'pool/max/monotone', spec: ['pool.max'], features: ['pool.max'] },
  { id: 'fixture/pool.ceil-n5-k2-s2', spec: ['pool.ceil-mode'], features: ['pool.max', 'pool.ceil-mode'] },
  { id: 'fixture/conv.onnx-5x5-pads1', spec: ['conv.definition'], features: ['conv'] },
];
const ids = (selection: Parameters<typeof selectTests>[1]) => selectTests(tests, selection).map((test) => test.id);

describe('selectTests (spec: conformance.selection)', () => {
  it('keeps every test when nothing is selected', () => {
    expect(ids({})).toEqual(tests.map((test) => test.id));
  });

  it('matches ids with globs, a glob of a prefix selecting the tests under it, as the earlier trailing * did', () => {
    expect(ids({ only: ['conv/*'] })).toEqual(['conv/linearity/input', 'conv/dilation/equals-zero-inserted-kernel']);
    expect(ids({ only: ['conv'] })).toEqual(['conv/linearity/input', 'conv/dilation/equals-zero-inserted-kernel']);
    expect(ids({ only: ['pool/max/monotone'] })).toEqual(['pool/max/monotone']);
    expect(ids({ only: ['fixture/pool.*'] })).toEqual(['fixture/pool.ceil-n5-k2-s2']);
    expect(ids({ only: ['*/ceil-mode/*', 'fixture/conv.onnx-*'] })).toEqual([
      'pool/ceil-mode/overhang-never-counted',
      'fixture/conv.onnx-5x5-pads1',
    ]);
    expect(ids({ only: ['conv/{linearity,dilation}/*'] })).toEqual(['conv/linearity/input', 'conv/dilation/equals-zero-inserted-kernel']);
    expect(selected('conv/no-flip/kernel-applied-as-stored', ['conv/no-fl*'])).toBe(true);
    expect(selected('conv/no-flip/kernel-applied-as-stored', ['conv/no-flip/kernel'])).toBe(false);
  });

  it('excludes what a negated glob matches, from the positive selection or from every test', () => {
    expect(ids({ only: ['conv/*', '!conv/dilation/*'] })).toEqual(['conv/linearity/input']);
    expect(ids({ only: ['!fixture/*', '!pool'] })).toEqual(['conv/linearity/input', 'conv/dilation/equals-zero-inserted-kernel']);
  });

  it('selects by the clauses a test checks and the features it needs, each option narrowing the others', () => {
    expect(ids({ clauses: ['pool.ceil-mode*'] })).toEqual(['pool/ceil-mode/overhang-never-counted', 'fixture/pool.ceil-n5-k2-s2']);
    expect(ids({ features: ['pool.avg'] })).toEqual(['pool/ceil-mode/overhang-never-counted']);
    expect(ids({ features: ['conv.*'] })).toEqual(['conv/dilation/equals-zero-inserted-kernel']);
    expect(ids({ clauses: ['pool.ceil-mode*'], only: ['fixture/*'] })).toEqual(['fixture/pool.ceil-n5-k2-s2']);
    expect(ids({ clauses: ['conv.definition'], features: ['!conv'] })).toEqual([]);
  });

  it('refuses a feature that names no feature, with a typed error listing the features', () => {
    expect(() => selectTests(tests, { features: ['pool.average'] })).toThrow(SelectionError);
    try {
      selectTests(tests, { features: ['pool.average'] });
    } catch (error) {
      expect(error).toMatchObject({ parameter: '--feature', value: "'pool.average'" });
      expect((error as Error).message).toMatch(
        /^--feature 'pool\.average' must name a feature \(or a glob of features\): conv, conv\.bias, /,
      );
    }
  });

  it('selects in the real suite: the tests of a clause, of a feature, and no test for a clause that does not exist', () => {
    const suite = workItems('cnnspec');
    const ceil = selectTests(suite, { clauses: ['pool.ceil-mode*'] });
    expect(ceil.length).toBeGreaterThan(5);
    expect(ceil.every((test) => test.spec.some((clause) => clause.startsWith('pool.ceil-mode')))).toBe(true);
    const avg = selectTests(suite, { features: ['pool.avg'] });
    expect(avg.length).toBeGreaterThan(5);
    expect(avg.every((test) => test.features.includes('pool.avg'))).toBe(true);
    expect(selectTests(suite, { clauses: ['pool.ceiling*'] })).toEqual([]);
  });

  it('describes a selection as the options that make it, quoted for a shell', () => {
    expect(describeSelection({ only: ['conv/*'], clauses: ["it's"], features: ['pool.avg'] })).toBe(
      `--only 'conv/*' --clause 'it'\\''s' --feature 'pool.avg'`,
    );
    expect(describeSelection({})).toBe('the whole suite');
  });
});
