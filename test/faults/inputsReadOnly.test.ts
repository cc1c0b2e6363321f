/**
 * Implementations that write into what they are given, each run through `cnnspec run` and
 * through runProperty with the bare adapter: every test whose calls changed an input fails with
 * a message naming the tensor and its first changed element, the kit's expected results stay
 * those of the case it generated, and an answer the adapter later overwrites keeps its verdict
 * (spec: conformance.inputs-read-only). Every adapter is the reference with one op replaced
 * (test/adapters/faulty/).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/ops/Adapter.js';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { runProperty } from '../../properties/runProperty.js';
import poolZeroesInput from '../adapters/faulty/poolZeroesInput.js';
import poolWritesIntoInput from '../adapters/faulty/poolWritesIntoInput.js';
import convFlipsWeightInPlace from '../adapters/faulty/convFlipsWeightInPlace.js';
import poolReversesKernel from '../adapters/faulty/poolReversesKernel.js';
import poolReusesAnswer from '../adapters/faulty/poolReusesAnswer.js';
import { checkReports, cnnspecRun, root } from './checkedRun.js';

const RULE = String.raw`\(inputs are read-only, spec: conformance\.inputs-read-only\)`;
/** The message of a changed element of a tensor's data: `... element 3 was 2, now 0`. */
const changedTensor = (op: string, tensor: string): RegExp =>
  new RegExp(`^adapter ${op} modified its input tensor "${tensor}" ${RULE}: element \\d+ was \\S+, now \\S+$`);
const property = (id: string) => ALL_PROPERTIES.find((candidate) => candidate.id === id)!;
const options = { seed: 20261128, numRuns: 20 };

async function run(module: string, selection: string[]) {
  const result = await cnnspecRun([
    '--adapter',
    join(root, 'test', 'adapters', 'faulty', module),
    '--num-runs',
    '10',
    '--only',
    selection.join(','),
  ]);
  const report = checkReports(result);
  expect(report.results.map((r) => r.id).sort()).toEqual([...selection].sort());
  return { code: result.code, byId: new Map(report.results.map((r) => [r.id, r])) };
}

describe('an adapter that writes into its inputs', () => {
  // The pool tests below compute what they expect from the case after the call: with the input
  // cleared or overwritten, they compared the answer with the wrong data.
  const POOL_PROPERTIES = [
    'pool/differential/exact-domain',
    'pool/max/output-is-a-window-value',
    'pool/max/monotone',
    'pool/max/commutes-with-relu',
  ];
  const POOL_FIXTURE = 'fixture/pool.ceil-n5-k2-s2';
  const UNTOUCHED = 'dense/output-shape/matches-formula';

  it.each([
    { module: 'poolZeroesInput.ts', fixtureChange: 'element 0 was 1, now 0' },
    { module: 'poolWritesIntoInput.ts', fixtureChange: 'element 0 was 1, now 2' },
  ])(
    '$module fails every pool test with the tensor and element it changed; other ops pass',
    async ({ module, fixtureChange }) => {
      const { code, byId } = await run(module, [...POOL_PROPERTIES, POOL_FIXTURE, UNTOUCHED]);
      expect(code).toBe(1);
      for (const id of POOL_PROPERTIES) {
        expect(byId.get(id)?.status, id).toBe('fail');
        expect(byId.get(id)?.message, id).toMatch(changedTensor('pool', 'input'));
      }
      expect(byId.get(POOL_FIXTURE)).toMatchObject({
        status: 'fail',
        message: `adapter pool modified its input tensor "input" (inputs are read-only, spec: conformance.inputs-read-only): ${fixtureChange}`,
      });
      expect(byId.get(UNTOUCHED)?.status).toBe('pass');
    },
    60_000,
  );

  it('fails a convolution that flips its kernel in place: the flip no longer hides, nor passes for a rejection', async () => {
    // The whole-kernel property and both rejections passed when the kit computed from the
    // flipped weight, or took any throw for a rejection.
    const FLIPPED = [
      'conv/full-kernel/equals-dense-on-flattened-input',
      'conv/invalid/configurations-are-rejected',
      'fixture/conv.error-trunc-case-floor',
    ];
    // a 1x1 kernel flipped is the same kernel: writing the same values back changes nothing
    const ONE_BY_ONE = 'conv/pointwise/equals-dense-at-every-position';
    const { code, byId } = await run('convFlipsWeightInPlace.ts', [...FLIPPED, ONE_BY_ONE]);
    expect(code).toBe(1);
    for (const id of FLIPPED) {
      expect(byId.get(id)?.status, id).toBe('fail');
      expect(byId.get(id)?.message, id).toMatch(changedTensor('conv', 'weight'));
    }
    expect(byId.get('fixture/conv.error-trunc-case-floor')?.message).toBe(
      'adapter conv modified its input tensor "weight" (inputs are read-only, spec: conformance.inputs-read-only): element 0 was 1, now 100',
    );
    expect(byId.get(ONE_BY_ONE)?.status).toBe('pass');
  }, 60_000);

  it('fails the same way through runProperty with the bare adapter, shrunk to a case that shows the change', async () => {
    const cases: [Adapter, string, RegExp][] = [
      [poolZeroesInput(), 'pool/max/commutes-with-relu', changedTensor('pool', 'input')],
      [poolWritesIntoInput(), 'pool/differential/exact-domain', changedTensor('pool', 'input')],
      [convFlipsWeightInPlace(), 'conv/full-kernel/equals-dense-on-flattened-input', changedTensor('conv', 'weight')],
      // a property that calls the adapter directly, not through callAdapter
      [convFlipsWeightInPlace(), 'conv/invalid/configurations-are-rejected', changedTensor('conv', 'weight')],
    ];
    for (const [adapter, id, message] of cases) {
      const result = await runProperty(property(id), adapter, options);
      expect(result.status, `${adapter.name} on ${id}`).toBe('fail');
      expect((result as { message: string }).message, `${adapter.name} on ${id}`).toMatch(message);
    }
  }, 60_000);
});

describe('an adapter that changes its parameter record', () => {
  it('fails with the parameter and element it changed, in a run and through runProperty', async () => {
    const selection = ['pool/max/output-is-a-window-value', 'fixture/pool.ceil-n5-k2-s2'];
    const { byId } = await run('poolReversesKernel.ts', selection);
    expect(byId.get(selection[0]!)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        new RegExp(`^adapter pool modified its input "params\\.(kernel|strides|dilations)" ${RULE}: element \\d+ was \\d+, now \\d+$`),
      ) as unknown,
    });
    expect(byId.get(selection[1]!)).toMatchObject({
      status: 'fail',
      message:
        'adapter pool modified its input "params.kernel" (inputs are read-only, spec: conformance.inputs-read-only): element 0 was 1, now 2',
    });
    const result = await runProperty(property('pool/differential/exact-domain'), poolReversesKernel(), options);
    expect((result as { message?: string }).message).toMatch(
      new RegExp(`^adapter pool modified its input "params\\.(kernel|strides|dilations)" ${RULE}`),
    );
  }, 60_000);
});

describe('an adapter that overwrites the buffer of an answer it returned', () => {
  // Each of these compares two answers: the first was overwritten by the second call.
  const SELECTION = [
    'pool/max/commutes-with-relu',
    'pool/layout/channels-last-is-transposed-channels-first',
    'pool/avg/between-window-min-and-max',
  ];

  it('gets the verdicts of its answers as they were given: it passes, as the reference does', async () => {
    for (const adapter of [join(root, 'test', 'adapters', 'faulty', 'poolReusesAnswer.ts'), 'reference']) {
      const result = await cnnspecRun(['--adapter', adapter, '--num-runs', '40', '--only', SELECTION.join(',')]);
      const report = checkReports(result);
      expect(
        report.results.map((r) => [r.id, r.status, r.message]),
        adapter,
      ).toEqual([...SELECTION].sort().map((id) => [id, 'pass', undefined]));
      expect(result.code, adapter).toBe(0);
    }
    for (const id of SELECTION)
      expect((await runProperty(property(id), poolReusesAnswer(), { ...options, numRuns: 40 })).status, id).toBe('pass');
  }, 60_000);
});
