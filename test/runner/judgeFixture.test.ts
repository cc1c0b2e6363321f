/**
 * Fixture judging, shared by the runner and the cross-check: every verdict and the detail it
 * gives, against the reference, mutants and adapters that throw or cannot express a case.
 */
import { describe, expect, it } from 'vitest';
import { AdapterFault, UnsupportedCase, type Adapter } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { ConventionName } from '../../src/spec/conventions.js';
import type { Fixture } from '../../src/fixtures/Fixture.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { judgeFixture } from '../../src/fixtures/judgeFixture.js';
import type { FailureEvidence } from '../../src/report/model/Report.js';
import { MUTANTS } from '../mutants/mutants.js';

const fixtures = loadFixtures().map(({ fixture }) => fixture);
const byId = (id: string): Fixture => fixtures.find((f) => f.id === id)!;
const mutant = (name: string): Adapter => MUTANTS.find((m) => m.name === name)!.adapter;
const reference = referenceAdapter('cnnspec');
const modelFixture = fixtures.find((f) => f.op === 'model' && 'layers' in f.expected)! as Extract<Fixture, { op: 'model' }>;

describe('judgeFixture', () => {
  it('finds the reference in agreement with every fixture under every convention the fixture claims', async () => {
    let judged = 0;
    for (const fixture of fixtures) {
      for (const convention of fixture.conventions) {
        const verdict = await judgeFixture(referenceAdapter(convention as ConventionName), convention as ConventionName, fixture);
        expect(verdict.status, `${fixture.id} under ${convention}: ${JSON.stringify(verdict)}`).toBe('agrees');
        judged += 1;
      }
    }
    expect(judged).toBeGreaterThan(fixtures.length);
  });

  it('leaves fixtures of other conventions alone', async () => {
    const fixture = fixtures.find((f) => !f.conventions.includes('onnx'))!;
    expect(await judgeFixture(referenceAdapter('onnx'), 'onnx', fixture)).toEqual({ status: 'other-convention' });
  });

  it('reports wrong values with the count, the largest error and an example', async () => {
    const verdict = await judgeFixture(mutant('flipped-kernel'), 'cnnspec', byId('conv.seed-4x4-k3-valid'));
    expect(verdict.status).toBe('differs');
    expect((verdict as { detail: string }).detail).toMatch(/^4\/4 elements, max error \d+; e\.g\. \[0\] 5 for -5 \(exact bound\)$/);
  });

  it('reports a wrong shape', async () => {
    const verdict = await judgeFixture(mutant('output-size-off-by-one'), 'cnnspec', byId('conv.seed-4x4-k3-valid'));
    expect(verdict).toMatchObject({ status: 'differs', detail: 'shape [1,1,1,2] instead of [1,1,2,2]' });
    // both tensors are kept for the pictures, but no cell is marked when the shapes differ
    const evidence = (verdict as { evidence: FailureEvidence }).evidence;
    expect([evidence.expected?.shape, evidence.actual?.shape]).toEqual([
      [1, 1, 2, 2],
      [1, 1, 1, 2],
    ]);
    expect(evidence.differing).toBeUndefined();
  });

  it('keeps the call, the resolved padding and the differing cells as evidence', async () => {
    const verdict = await judgeFixture(mutant('flipped-kernel'), 'cnnspec', byId('conv.seed-4x4-k3-same'));
    const evidence = (verdict as { evidence: FailureEvidence }).evidence;
    expect(evidence).toMatchObject({ op: 'conv', layout: 'channels-first', window: { padBegin: [1, 1], padEnd: [1, 1], strides: [1, 1] } });
    expect(evidence.input.shape).toEqual([1, 1, 4, 4]);
    expect(evidence.weight?.shape).toEqual([1, 1, 3, 3]);
    const differing = evidence.expected!.data.flatMap((value, index) => (value === evidence.actual!.data[index] ? [] : [index]));
    expect(evidence.differing).toEqual(differing);
    expect(differing.length).toBeGreaterThan(0);
  });

  it('reports an error fixture answered with a tensor, and accepts any error for an error fixture', async () => {
    const errorFixture = fixtures.find((f) => f.op === 'conv' && 'error' in f.expected && f.conventions.includes('cnnspec'))!;
    const code = (errorFixture.expected as { error: { code: string } }).error.code;
    expect(await judgeFixture(mutant('answers-invalid-configurations'), 'cnnspec', errorFixture)).toMatchObject({
      status: 'differs',
      detail: expect.stringMatching(new RegExp(`^answered ${code} with shape \\[`)) as unknown as string,
      evidence: { comparison: `the spec requires the error ${code}; the adapter answered` },
    });
    const throwsAnything: Adapter = { ...reference, conv: () => Promise.reject(new Error('no')) };
    expect(await judgeFixture(throwsAnything, 'cnnspec', errorFixture)).toEqual({ status: 'agrees' });
    // a timeout or a crash is not a rejection
    const faults: Adapter = { ...reference, conv: () => Promise.reject(new AdapterFault('adapter did not answer request 3 within 5 ms')) };
    expect(await judgeFixture(faults, 'cnnspec', errorFixture)).toMatchObject({
      status: 'differs',
      detail: 'adapter fault: adapter did not answer request 3 within 5 ms',
    });
  });

  it('reports an adapter that changed its input, also when it then threw for an error fixture, and leaves the fixture as it was', async () => {
    // spec: conformance.inputs-read-only — a call that changed its input is no rejection
    const errorFixture = fixtures.find((f) => f.op === 'conv' && 'error' in f.expected && f.conventions.includes('cnnspec'))!;
    const kept = JSON.stringify(errorFixture);
    const clearsThenThrows: Adapter = {
      ...reference,
      conv: (request) => {
        request.input.data.fill(0);
        (request.params as { groups?: number }).groups = 1; // the fixture's own record, were it passed on
        return Promise.reject(new Error('no'));
      },
    };
    const verdict = await judgeFixture(clearsThenThrows, 'cnnspec', errorFixture);
    expect(verdict).toMatchObject({
      status: 'differs',
      detail: expect.stringMatching(
        /^adapter conv modified its input tensor "input" \(inputs are read-only, spec: conformance\.inputs-read-only\): element \d+ was -?[1-9][\d.]*, now 0$/,
      ) as unknown as string,
    });
    expect((verdict as { evidence: FailureEvidence }).evidence.comparison).toMatch(
      /^the adapter's conv call failed: adapter conv modified its input tensor "input"/,
    );
    expect(JSON.stringify(errorFixture)).toBe(kept);
    const outputFixture = byId('conv.seed-4x4-k3-valid');
    const clears: Adapter = { ...reference, conv: async (request) => reference.conv!(request).finally(() => request.weight.data.fill(0)) };
    expect(await judgeFixture(clears, 'cnnspec', outputFixture)).toMatchObject({
      status: 'differs',
      detail: expect.stringMatching(
        /^adapter conv modified its input tensor "weight" .*: element 0 was -?[1-9][\d.]*, now 0$/,
      ) as unknown as string,
    });
  });

  it('reports an output fixture that throws with the first line of the message', async () => {
    const throws: Adapter = { ...reference, conv: () => Promise.reject(new Error('kernel exploded\nstack...')) };
    const verdict = await judgeFixture(throws, 'cnnspec', byId('conv.seed-4x4-k3-valid'));
    expect(verdict).toMatchObject({ status: 'differs', detail: 'threw: kernel exploded' });
    const evidence = (verdict as { evidence: FailureEvidence }).evidence;
    expect(evidence.actual).toBeUndefined();
    expect(evidence.expected?.shape).toEqual([1, 1, 2, 2]);
  });

  it('marks as not expressible: an UnsupportedCase, a missing method, a missing feature', async () => {
    const unsupported: Adapter = { ...reference, conv: () => Promise.reject(new UnsupportedCase('cannot say that')) };
    expect(await judgeFixture(unsupported, 'cnnspec', byId('conv.seed-4x4-k3-valid'))).toEqual({
      status: 'not-expressible',
      detail: 'cannot say that',
    });
    const noConv: Adapter = { ...reference, conv: undefined };
    expect(await judgeFixture(noConv, 'cnnspec', byId('conv.seed-4x4-k3-valid'))).toEqual({ status: 'not-expressible', detail: 'no conv' });
    const noSame: Adapter = { ...reference, features: reference.features.filter((f) => f !== 'padding.same-upper') };
    expect(await judgeFixture(noSame, 'cnnspec', byId('conv.seed-4x4-k3-same'))).toEqual({
      status: 'not-expressible',
      detail: 'feature padding.same-upper',
    });
  });

  describe('model fixtures', () => {
    it('need shape inference and parameter counting', async () => {
      expect(await judgeFixture({ ...reference, outputShape: undefined }, 'cnnspec', modelFixture)).toEqual({
        status: 'not-expressible',
        detail: 'no shape inference or parameter counting',
      });
    });

    it('report the first layer whose shape or count is wrong', async () => {
      const offByOne: Adapter = { ...reference, paramCount: async (request) => (await reference.paramCount!(request)) + 1 };
      expect(await judgeFixture(offByOne, 'cnnspec', modelFixture)).toMatchObject({
        status: 'differs',
        detail: expect.stringMatching(/^layer 0: shape \[[\d,]+\] params \d+$/) as unknown as string,
      });
    });

    it('report a layer that throws, and skip one the adapter cannot express', async () => {
      const throws: Adapter = { ...reference, outputShape: () => Promise.reject(new Error('bad layer')) };
      expect(await judgeFixture(throws, 'cnnspec', modelFixture)).toEqual({ status: 'differs', detail: 'layer 0 threw: bad layer' });
      const unsupported: Adapter = { ...reference, outputShape: () => Promise.reject(new UnsupportedCase('no such layer')) };
      expect(await judgeFixture(unsupported, 'cnnspec', modelFixture)).toEqual({ status: 'not-expressible', detail: 'no such layer' });
    });

    it('report a layer whose description the adapter changed (spec: conformance.inputs-read-only)', async () => {
      const kept = JSON.stringify(modelFixture);
      const renames: Adapter = {
        ...reference,
        paramCount: (request) => (
          ((request.layer as { type: string }).type = 'renamed'),
          reference.paramCount!({ ...request, layer: JSON.parse(kept).params.layers[0] })
        ),
      };
      expect(await judgeFixture(renames, 'cnnspec', modelFixture)).toMatchObject({
        status: 'differs',
        detail: expect.stringMatching(
          /^layer 0 threw: adapter paramCount modified its input "layer\.type" \(inputs are read-only, spec: conformance\.inputs-read-only\): it was "[a-z-]+", now "renamed"$/,
        ) as unknown as string,
      });
      expect(JSON.stringify(modelFixture)).toBe(kept);
    });

    it('leave error cases to the runner', async () => {
      const errorCase = {
        ...modelFixture,
        expected: { error: { code: 'E_SHAPE', clause: 'shape.output-size.positive' } },
      } as unknown as Fixture;
      expect(await judgeFixture(reference, 'cnnspec', errorCase)).toEqual({
        status: 'not-expressible',
        detail: 'model error fixtures need the runner',
      });
    });
  });
});
