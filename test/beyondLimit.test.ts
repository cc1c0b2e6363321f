/**
 * The reductions that judge answers beyond 2^31 - 1 (properties/support/beyondLimit.ts, spec:
 * error.limits) hold in the reference wherever it can compute both sides:
 *
 * - a stride of at least s' = max(n + pb + pe, effK, n) + 1 gives the same answer as s' itself:
 *   s' + 1, s' + 7, 2^20 and 2^31 - 1 answer as s' does, for every padding mode, ceil mode and
 *   last-window rule, max and average pooling (padding counted or not) and convolution, under
 *   every member of every convention;
 * - the reductions of calls and layers, applied with a lower limit, answer as the reference does
 *   on the values they reduce;
 * - the exact parameter count equals the reference's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { CnnSpecError } from '../src/spec/CnnSpecError.js';
import { concreteConventions } from '../src/spec/concreteConventions.js';
import { CONVENTION_NAMES, CONVENTIONS, type ConventionSpec, type OpenKnob } from '../src/spec/conventions.js';
import type { LayerSpec } from '../src/shape/LayerSpec.js';
import { MAX_DIMENSION } from '../src/spec/paramChecks.js';
import { planLayer } from '../src/shape/planLayer.js';
import { referenceCall } from '../src/ops/referenceCall.js';
import { makeTensor, type Tensor } from '../src/tensor/tensor.js';
import { layerCase } from '../properties/arbitraries/layerCase.js';
import { propertyContext } from '../properties/runProperty.js';
import { equivalentStride, inRangeCall, reduceLayer } from '../properties/support/beyondLimit.js';
import { exactParamCount } from '../properties/support/exactParamCount.js';
import type { OpCall } from '../src/ops/registry.js';

const KNOBS: OpenKnob[] = ['rounding', 'zeroSizedOutput', 'dilationWithStride', 'poolPadLimit', 'countIncludePad'];

/** What the reference answers: a tensor's shape and bits, or an error code. */
function outcome(call: OpCall, member: ConventionSpec): string {
  try {
    const y: Tensor = referenceCall(call, member);
    return `${y.shape.join('x')}:${Array.from(y.data, (v) => (Object.is(v, -0) ? '-0' : String(v))).join(',')}`;
  } catch (error) {
    if (error instanceof CnnSpecError) return error.code;
    throw error;
  }
}

type Layout = 'channels-first' | 'channels-last';

/** An input of n distinct values along the first spatial axis of two (the second of size 1), so that a misplaced window shows. */
const ramp = (n: number, layout: Layout = 'channels-first'): Tensor =>
  makeTensor(
    layout === 'channels-first' ? [1, 1, n, 1] : [1, n, 1, 1],
    Float32Array.from({ length: n }, (_, i) => (i % 3) - 1 + i / 8),
  );

type Padding = 'valid' | 'same-upper' | 'same-lower' | { begin: number[]; end: number[] };

function paddings(): { padding: Padding; pb: number; pe: number }[] {
  const list: { padding: Padding; pb: number; pe: number }[] = [
    { padding: 'valid', pb: 0, pe: 0 },
    { padding: 'same-upper', pb: 0, pe: 0 },
    { padding: 'same-lower', pb: 0, pe: 0 },
  ];
  for (let pb = 0; pb <= 3; pb++) for (let pe = 0; pe <= 3; pe++) list.push({ padding: { begin: [pb, 0], end: [pe, 0] }, pb, pe });
  return list;
}

describe('a stride beyond the padded input and the window', () => {
  it("answers as s' = max(n + pb + pe, effK, n) + 1 does: s' + 1, s' + 7, 2^20 and 2^31 - 1 give the same answer in the reference", () => {
    let compared = 0;
    let answered = 0;
    const answeredBy = new Set<string>();
    const differences: string[] = [];
    for (const name of CONVENTION_NAMES) {
      const layout: Layout = CONVENTIONS[name].undefinedFeatures.includes('layout.channels-first') ? 'channels-last' : 'channels-first';
      for (const { spec: member } of concreteConventions(name, KNOBS)) {
        for (let n = 1; n <= 5; n++)
          for (let k = 1; k <= 4; k++)
            for (let d = 1; d <= 2; d++)
              for (const { padding, pb, pe } of paddings()) {
                const s0 = equivalentStride({ n, k, s: 0, d, pb, pe });
                const calls = (s: number): OpCall[] => [
                  ...[false, true].flatMap((ceilMode) =>
                    (['max', 'avg'] as const).flatMap((kind) =>
                      (kind === 'avg' ? [false, true] : [undefined]).map(
                        (countIncludePad): OpCall => ({
                          op: 'pool',
                          request: {
                            input: ramp(n, layout),
                            params: {
                              kind,
                              kernel: [k, 1],
                              strides: [s, 1],
                              dilations: [d, 1],
                              padding,
                              ceilMode,
                              layout,
                              ...(countIncludePad === undefined ? {} : { countIncludePad }),
                            },
                          },
                        }),
                      ),
                    ),
                  ),
                  {
                    op: 'conv',
                    request: {
                      input: ramp(n, layout),
                      weight: makeTensor(
                        layout === 'channels-first' ? [1, 1, k, 1] : [k, 1, 1, 1],
                        Float32Array.from({ length: k }, (_, i) => i + 1),
                      ),
                      params: { strides: [s, 1], dilations: [d, 1], padding, layout },
                    },
                  },
                ];
                const base = calls(s0).map((call) => outcome(call, member));
                for (const s of [s0 + 1, s0 + 7, 2 ** 20, MAX_DIMENSION]) {
                  calls(s).forEach((call, index) => {
                    compared += 1;
                    const got = outcome(call, member);
                    if (!/^E_/.test(got)) {
                      answered += 1;
                      answeredBy.add(name);
                    }
                    if (got !== base[index])
                      differences.push(
                        `${JSON.stringify(member)} ${call.op} n=${n} k=${k} d=${d} ${JSON.stringify(padding)} ${JSON.stringify(call.request.params)}: s'=${s0} ${base[index]} vs s=${s} ${got}`,
                      );
                  });
                }
              }
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(20_000);
    expect(answered / compared).toBeGreaterThan(0.3);
    // every convention answers some of them (its rules are exercised, not only refused)
    expect([...answeredBy].sort()).toEqual([...CONVENTION_NAMES].sort());
  }, 120_000);

  it("needs the window in s': max(n + pb + pe, n) + 1 alone moves a ceil-mode window that overhangs the input", () => {
    // n = 1, k = 5, ceil mode: a stride of 5 or more gives one window, a stride of 2 none
    const call = (s: number): OpCall => ({
      op: 'pool',
      request: { input: ramp(1), params: { kind: 'max', kernel: [5, 1], strides: [s, 1], padding: 'valid', ceilMode: true } },
    });
    expect(outcome(call(MAX_DIMENSION), 'cnnspec')).toBe(
      outcome(call(equivalentStride({ n: 1, k: 5, s: 0, d: 1, pb: 0, pe: 0 })), 'cnnspec'),
    );
    expect(outcome(call(MAX_DIMENSION), 'cnnspec')).not.toBe(outcome(call(2), 'cnnspec'));
  });
});

describe('reductions, checked below a lower limit', () => {
  const LIMIT = 2 ** 20;
  const large = fc.constantFrom(2 ** 20 + 1, 2 ** 24 + 3, 2 ** 30 + 5, MAX_DIMENSION);

  it('of calls: a large stride, and a large dilation of a one-tap window, answer as their in-range twins', () => {
    for (const name of CONVENTION_NAMES) {
      const ctx = propertyContext(referenceAdapter(name));
      const cases = fc.sample(fc.tuple(layerCase(ctx), large, fc.nat()), { numRuns: 60, seed: 5 });
      for (const [c, value, pick] of cases) {
        const layer = c.layer as Extract<LayerSpec, { kernel: unknown }>;
        if (layer.type !== 'max-pool' && layer.type !== 'avg-pool') continue;
        const rank = c.inputShape.length - 2;
        const axis = pick % rank;
        const strides = (layer.strides as number[] | undefined)?.map((s, a) => (a === axis ? value : s));
        if (strides === undefined) continue;
        const call: OpCall = {
          op: 'pool',
          request: {
            input: makeTensor(
              c.inputShape,
              Float32Array.from({ length: c.inputShape.reduce((p, v) => p * v, 1) }, (_, i) => Math.sin(i)),
            ),
            params: {
              kind: layer.type === 'max-pool' ? 'max' : 'avg',
              kernel: layer.kernel,
              strides,
              dilations: layer.dilations,
              padding: layer.padding,
              ceilMode: layer.ceilMode,
              layout: c.layout,
              ...(layer.type === 'avg-pool' ? { countIncludePad: layer.countIncludePad } : {}),
            },
          },
        };
        const twin = inRangeCall(call, name, LIMIT)!;
        for (const { spec: member } of concreteConventions(name, KNOBS))
          expect(outcome(twin, member), `${name} ${JSON.stringify(call.request.params)}`).toBe(outcome(call, member));
      }
    }
  });

  it('of layers: large strides and input sizes give the shapes the reference gives', () => {
    let checked = 0;
    for (const name of CONVENTION_NAMES) {
      const ctx = propertyContext(referenceAdapter(name));
      const cases = fc.sample(fc.tuple(layerCase(ctx, { transposed: false }), large, fc.nat(), fc.boolean()), { numRuns: 80, seed: 6 });
      for (const [c, value, pick, onInput] of cases) {
        let variant: { layer: LayerSpec; inputShape: number[]; parameter: string };
        if (onInput) {
          const axis = pick % c.inputShape.length;
          variant = { layer: c.layer, inputShape: c.inputShape.map((v, a) => (a === axis ? value : v)), parameter: `inputShape[${axis}]` };
        } else {
          const layer = c.layer as Extract<LayerSpec, { kernel: unknown }>;
          if (layer.strides === undefined || !('kernel' in layer)) continue;
          const axis = pick % (c.inputShape.length - 2);
          variant = {
            layer: { ...layer, strides: (layer.strides as number[]).map((s, a) => (a === axis ? value : s)) } as LayerSpec,
            inputShape: c.inputShape,
            parameter: `strides[${axis}]`,
          };
        }
        const reduction = reduceLayer({ ...variant, layout: c.layout }, name, LIMIT);
        for (const { spec: member } of concreteConventions(name, KNOBS)) {
          const direct = shapeOrError(variant.layer, variant.inputShape, c.layout, member);
          if (reduction.kind === 'groups') {
            expect(direct).toMatch(/^E_/);
            continue;
          }
          expect(reduction.kind).toBe('twin');
          if (reduction.kind !== 'twin') continue;
          const viaTwin = shapeOrError(reduction.twin.layer, reduction.twin.inputShape, c.layout, member, reduction.patch);
          // A size refusal of the direct call (an output axis beyond 2^31 - 1, E_TOO_LARGE) is the reference's own limit, not a rule
          if (
            direct === 'E_TOO_LARGE' ||
            viaTwin.split('x').some((size) => Number(size) > MAX_DIMENSION) ||
            depthwiseChannels(variant.layer, variant.inputShape, c.layout) > MAX_DIMENSION
          )
            continue;
          checked += 1;
          expect(viaTwin, `${name} ${JSON.stringify(variant)}`).toBe(direct);
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("of parameter counts: the exact count is the reference's on valid layers", () => {
    for (const name of CONVENTION_NAMES) {
      const ctx = propertyContext(referenceAdapter(name));
      for (const c of fc.sample(layerCase(ctx), { numRuns: 60, seed: 8 })) {
        const plan = planLayer(c.layer, c.inputShape, { layout: c.layout, convention: name });
        expect(exactParamCount(c.layer, c.inputShape, c.layout)).toBe(BigInt(plan.params.total));
      }
    }
  });
});

/** The channels a depthwise step makes (input channels times the depth multiplier), 0 for other layers. */
function depthwiseChannels(layer: LayerSpec, inputShape: readonly number[], layout: 'channels-first' | 'channels-last'): number {
  if (layer.type !== 'depthwise-conv' && layer.type !== 'separable-conv') return 0;
  const channels = layout === 'channels-first' ? inputShape[1]! : inputShape[inputShape.length - 1]!;
  return channels * (layer.depthMultiplier ?? 1);
}

function shapeOrError(
  layer: LayerSpec,
  inputShape: number[],
  layout: 'channels-first' | 'channels-last',
  member: ConventionSpec,
  patch: (shape: readonly number[]) => number[] = (s) => [...s],
): string {
  try {
    return patch(planLayer(layer, inputShape, { layout, convention: member }).outputShape).join('x');
  } catch (error) {
    if (error instanceof CnnSpecError) return error.code;
    throw error;
  }
}
