/**
 * The op registry is the one place that says what an op is: every part of the kit that needs an
 * op's names, tensors, parameters or reference reads it from there, and these tests hold the
 * registry to the parts it feeds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { fixtureCall } from '../../src/fixtures/fixtureCall.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { ADAPTER_OPS } from '../../src/ops/Adapter.js';
import { OP_METHODS, OP_NAMES, OPS, opOfMethod } from '../../src/ops/registry.js';
import { referenceCall } from '../../src/ops/referenceCall.js';
import { axisTaps, windowTapTable } from '../../src/ops/window/windowTaps.js';
import { evaluateFormula } from '../../src/spec/formulas.js';

const schema = (
  name: string,
): { definitions: Record<string, { properties?: { op?: { const?: string }; type?: unknown }; enum?: string[] }> } =>
  JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', name), 'utf8'));

describe('the op registry', () => {
  it('names each op once, by the key it is registered under, with a method of its own', () => {
    for (const name of OP_NAMES) expect(OPS[name].op).toBe(name);
    expect(new Set(OP_METHODS).size).toBe(OP_NAMES.length);
    for (const name of OP_NAMES) expect(opOfMethod(OPS[name].method)).toBe(name);
    expect(opOfMethod('outputShape')).toBeUndefined();
  });

  it('lists the parameter fields its parameter table describes, and an input tensor first', () => {
    for (const name of OP_NAMES) {
      const op = OPS[name];
      expect([...op.parameters.map((row) => row.name)].sort(), name).toEqual([...op.paramFields].sort());
      expect(op.tensors[0], name).toEqual({ name: 'input', optional: false });
    }
  });

  it('gives the adapter interface, the protocol and the fixture format their ops', () => {
    expect(ADAPTER_OPS).toEqual([...OP_METHODS, 'outputShape', 'paramCount']);
    const protocolOps = schema('protocol-1.schema.json').definitions.AdapterOp?.enum;
    expect([...(protocolOps ?? [])].sort()).toEqual([...ADAPTER_OPS].sort());
    const fixtureOps = Object.values(schema('fixture-1.schema.json').definitions)
      .map((definition) => definition.properties?.op?.const)
      .filter((op): op is string => typeof op === 'string' && op !== 'model');
    expect(fixtureOps.sort()).toEqual([...OP_NAMES].sort());
    const adapter = referenceAdapter();
    for (const method of OP_METHODS) expect(typeof adapter[method], method).toBe('function');
  });

  it('answers every golden fixture through referenceCall as the reference adapter does', async () => {
    const seen = new Set<string>();
    for (const { fixture } of loadFixtures()) {
      if (fixture.op === 'model' || !('output' in fixture.expected) || seen.has(fixture.op)) continue;
      seen.add(fixture.op);
      const call = fixtureCall(fixture);
      const convention = fixture.conventions[0]!;
      const viaAdapter = await (referenceAdapter(convention)[OPS[call.op].method] as (request: unknown) => Promise<{ data: Float32Array }>)(
        call.request,
      );
      expect(Array.from(referenceCall(call, convention).data), fixture.id).toEqual(Array.from(viaAdapter.data));
    }
    expect([...seen].sort()).toEqual([...OP_NAMES].sort());
  });
});

describe('window taps (spec: shape.window)', () => {
  it('come from the window-tap formula, tap by tap, for every output position', () => {
    const window = { kernel: [3, 2], strides: [2, 3], dilations: [2, 1], padBegin: [1, 0] };
    const output = [4, 2];
    const table = windowTapTable(window, output);
    for (let axis = 0; axis < 2; axis++) {
      for (let o = 0; o < output[axis]!; o++) {
        const taps = axisTaps(window, axis, o);
        expect(Array.from(table[axis]!.subarray(o * window.kernel[axis]!, (o + 1) * window.kernel[axis]!))).toEqual(taps);
        taps.forEach((tap, j) =>
          expect(tap).toBe(
            evaluateFormula('window-tap', { o, s: window.strides[axis]!, pb: window.padBegin[axis]!, j, d: window.dilations[axis]! }),
          ),
        );
      }
    }
  });
});
