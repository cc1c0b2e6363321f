/**
 * The generators of error.parameter-range reach every kind of invalid parameter and every
 * integer-width edge in a measured share of cases. A kind with share p is missed by a property
 * of 40 runs with probability (1 - p)^40: at p >= 0.11 below 1%, at p >= 0.25 below 1e-5, so the
 * kinds the mutants of test/mutants/parameterMutants.ts rely on are held at least there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { CONVENTION_NAMES } from '../src/spec/conventions.js';
import { MAX_DIMENSION } from '../src/spec/paramChecks.js';
import { planConv } from '../src/ops/conv/planConv.js';
import { planPool } from '../src/ops/pool/planPool.js';
import { edgeValue, edgeWidth } from '../properties/arbitraries/integerWidthEdges.js';
import { invalidCallCase, rejectedCall } from '../properties/arbitraries/invalidCallCase.js';
import { invalidLayerCase, rejectedLayer } from '../properties/arbitraries/invalidLayerCase.js';
import { largeLayerCase, memberShapes } from '../properties/arbitraries/largeLayerCase.js';
import { largeConvCase, largePadCase, largePoolCase } from '../properties/arbitraries/largeParameterCase.js';
import { layerCase } from '../properties/arbitraries/layerCase.js';
import { validUnderEveryMember } from '../properties/arbitraries/validUnderEveryMember.js';
import { parameterRule } from '../src/spec/parameterRules.js';
import { propertyContext } from '../properties/runProperty.js';
import { expectShares, shares } from './support/measureShares.js';

const ctx = propertyContext(referenceAdapter('cnnspec'));
const SAMPLES = 600;
const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns = SAMPLES): T[] => fc.sample(arbitrary, { numRuns, seed: 7 });

/** Every number in a record, however nested. */
const numbers = (value: unknown): number[] =>
  typeof value === 'number'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(numbers)
      : value !== null && typeof value === 'object'
        ? Object.values(value).flatMap(numbers)
        : [];

/** Labels of the per-axis parameters at an integer-width edge: `strides uint16`, `uint16`, `any edge`. */
function edgeLabels(params: { strides?: unknown; dilations?: unknown; padding?: unknown }): string[] {
  const labels: string[] = [];
  const label = (name: string, values: unknown): void => {
    for (const value of numbers(values)) {
      const width = edgeWidth(value);
      if (width !== undefined) labels.push(`${name} ${width}`, width, 'any edge');
    }
  };
  label('strides', params.strides);
  label('dilations', params.dilations);
  if (typeof params.padding === 'object') label('pads', params.padding);
  return labels;
}

describe('edge values', () => {
  it('give each integer width a quarter of the draws and 2^31 - 1 as often as the three int16 edges together', () => {
    expectShares(
      shares(sample(edgeValue(), 2000), (value) => [edgeWidth(value) ?? 'none']),
      { int16: 0.2, uint16: 0.2, float32: 0.2, int32: 0.2 },
    );
    expect(sample(edgeValue(1, 2 ** 16 + 1), 200).every((value) => edgeWidth(value) === 'int16' || edgeWidth(value) === 'uint16')).toBe(
      true,
    );
  });
});

describe('invalid calls', () => {
  it('convolution: every malformed kind, those the mutants need in at least 11%', () => {
    expectShares(
      shares(sample(invalidCallCase(ctx, 'conv', 'malformed')), (c) => [c.kind]),
      {
        'stride 0': 0.11,
        'dilation 0': 0.11,
        'kernel size 0': 0.11,
        'negative pad': 0.11,
        'negative stride, dilation or kernel size': 0.08,
        'non-integer parameter': 0.06,
        'dilated window longer than the padded input': 0.05,
      },
    );
  });

  it('pooling: every malformed kind, those the mutants need in at least 11%', () => {
    expectShares(
      shares(sample(invalidCallCase(ctx, 'pool', 'malformed')), (c) => [c.kind]),
      {
        'stride 0': 0.11,
        'dilation 0': 0.11,
        'kernel size 0': 0.11,
        'negative pad': 0.11,
        'negative stride, dilation or kernel size': 0.08,
        'non-integer parameter': 0.06,
        'dilated window longer than the padded input': 0.05,
      },
    );
  });

  it('pad, dense and global pooling: each of their kinds', () => {
    expectShares(
      shares(sample(invalidCallCase(ctx, 'pad', 'malformed')), (c) => [c.kind]),
      { 'negative pad': 0.5, 'non-integer parameter': 0.15 },
    );
    expectShares(
      shares(sample(invalidCallCase(ctx, 'dense', 'malformed')), (c) => [c.kind]),
      { 'weight without output features': 0.3, 'weight without input features': 0.3 },
    );
    expectShares(
      shares(sample(invalidCallCase(ctx, 'global-pool', 'malformed')), (c) => [c.kind]),
      { 'empty spatial axis': 1 },
    );
  });

  it('beyond 2^31 - 1: strides, dilations and windows, at each of 2^31, 2^32 and 2^32 + 1', () => {
    expectShares(
      shares(sample(invalidCallCase(ctx, 'conv', 'oversized')), (c) => [c.kind, String(c.value)]),
      {
        'stride beyond 2^31 - 1': 0.3,
        'dilation beyond 2^31 - 1': 0.3,
        [String(2 ** 31)]: 0.2,
        [String(2 ** 32)]: 0.2,
        [String(2 ** 32 + 1)]: 0.2,
      },
    );
    expectShares(
      shares(sample(invalidCallCase(ctx, 'pool', 'oversized')), (c) => [c.kind, String(c.value)]),
      {
        'stride beyond 2^31 - 1': 0.2,
        'kernel size beyond 2^31 - 1': 0.2,
        'dilation beyond 2^31 - 1': 0.2,
        [String(2 ** 31)]: 0.2,
        [String(2 ** 32)]: 0.2,
        [String(2 ** 32 + 1)]: 0.2,
      },
    );
  });

  // spec: convention.unspecified — a rejection is required only where every member rejects
  it('are rejected by every member of every convention, and invalid in the parameter their kind names', () => {
    for (const convention of CONVENTION_NAMES) {
      const restricted = propertyContext(referenceAdapter(convention));
      for (const op of ['conv', 'pool', 'pad', 'dense', 'global-pool'] as const) {
        const cases = fc.sample(invalidCallCase(restricted, op, 'malformed'), { numRuns: 40, seed: 3 });
        expect({ convention, op, rejected: cases.every((c) => rejectedCall(restricted, c)) }).toEqual({ convention, op, rejected: true });
        // spec: error.parameter-range — never a case the convention gives a meaning of its own
        expect(cases.filter((c) => parameterRule(convention, c.parameterKind).rule === 'defined').map((c) => c.parameterKind)).toEqual([]);
        const named = cases.filter((c) => c.kind === 'stride 0' || c.kind === 'dilation 0' || c.kind === 'kernel size 0');
        expect(named.every((c) => c.value === 0)).toBe(true);
      }
    }
  });

  // spec: padding.op — ONNX's Pad and PyTorch's F.pad crop with a negative pad
  it('send no negative pad to the pad op where the convention crops with it, and still a fractional one', () => {
    for (const convention of ['onnx', 'pytorch'] as const) {
      const restricted = propertyContext(referenceAdapter(convention));
      const kinds = new Set(
        fc.sample(invalidCallCase(restricted, 'pad', 'malformed'), { numRuns: 60, seed: 4 }).map((c) => c.parameterKind),
      );
      expect([...kinds]).toEqual(['pad-op-non-integer']);
    }
  });

  it('name the kind of src/spec/parameterRules.ts each case is judged by', () => {
    expectShares(
      shares(sample(invalidCallCase(ctx, 'conv', 'malformed')), (c) => [c.parameterKind]),
      {
        'stride-below-1': 0.11,
        'dilation-below-1': 0.11,
        'window-below-1': 0.11,
        'negative-pad': 0.11,
        'non-integer-window': 0.03,
        'non-integer-pad': 0.02,
        'window-beyond-input': 0.05,
      },
    );
    expectShares(
      shares(sample(invalidCallCase(ctx, 'pool', 'oversized')), (c) => [c.parameterKind]),
      { 'stride-beyond-limit': 0.2, 'window-beyond-limit': 0.2, 'dilation-beyond-limit': 0.2 },
    );
  });
});

describe('invalid layers', () => {
  it('shape inference: every malformed kind, on every layer type', () => {
    expectShares(
      shares(sample(invalidLayerCase(ctx, 'malformed', 'outputShape')), (c) => [c.kind, c.layer.type]),
      {
        'stride 0': 0.08,
        'dilation 0': 0.06,
        'kernel size 0': 0.08,
        'negative pad': 0.08,
        'negative stride, dilation or kernel size': 0.02,
        'non-integer parameter': 0.08,
        'groups that do not divide the channels': 0.03,
        'zero filters, units or depth multiplier': 0.08,
        'input size 0': 0.05,
        'window longer than the padded input': 0.03,
        conv: 0.1,
        'depthwise-conv': 0.1,
        'separable-conv': 0.1,
        'max-pool': 0.05,
        'avg-pool': 0.05,
        dense: 0.1,
      },
    );
  });

  it('parameter counting: every malformed kind it can see, never a window that does not fit', () => {
    const cases = sample(invalidLayerCase(ctx, 'malformed', 'paramCount'));
    expectShares(
      shares(cases, (c) => [c.kind]),
      {
        'stride 0': 0.08,
        'dilation 0': 0.06,
        'kernel size 0': 0.06,
        'negative pad': 0.08,
        'non-integer parameter': 0.08,
        'groups that do not divide the channels': 0.03,
        'zero filters, units or depth multiplier': 0.08,
        'input size 0': 0.05,
      },
    );
    expect(cases.filter((c) => c.kind === 'window longer than the padded input')).toEqual([]);
  });

  it('beyond 2^31 - 1: window parameters and input sizes, for both questions', () => {
    for (const question of ['outputShape', 'paramCount'] as const) {
      expectShares(
        shares(sample(invalidLayerCase(ctx, 'oversized', question)), (c) => [c.kind]),
        { 'window parameter beyond 2^31 - 1': 0.4, 'input size beyond 2^31 - 1': 0.3 },
      );
    }
  });

  it('are rejected by every member of every convention', () => {
    for (const convention of CONVENTION_NAMES) {
      const restricted = propertyContext(referenceAdapter(convention));
      for (const family of ['malformed', 'oversized'] as const) {
        const cases = fc.sample(invalidLayerCase(restricted, family, 'outputShape'), { numRuns: 40, seed: 3 });
        expect({ convention, family, rejected: cases.every((c) => rejectedLayer(restricted, c)) }).toEqual({
          convention,
          family,
          rejected: true,
        });
        expect(cases.filter((c) => parameterRule(convention, c.parameterKind).rule === 'defined').map((c) => c.parameterKind)).toEqual([]);
      }
    }
  });
});

describe('valid calls at the integer-width edges', () => {
  it('convolution: every case has one, and each width and parameter is common', () => {
    expectShares(
      shares(sample(largeConvCase(ctx)), (c) => edgeLabels(c.params)),
      {
        'any edge': 1,
        int16: 0.25,
        uint16: 0.25,
        float32: 0.15,
        int32: 0.1,
        // 2^31 - 1 as often as every other edge together in the stride scenario
        'strides int16': 0.05,
        'strides uint16': 0.05,
        'strides int32': 0.15,
        'dilations uint16': 0.08,
        'pads int16': 0.08,
        'pads uint16': 0.08,
      },
    );
  });

  it('pooling: every case has one, and each width and parameter is common', () => {
    expectShares(
      shares(sample(largePoolCase(ctx)), (c) => [...edgeLabels(c.params), c.params.kind]),
      {
        'any edge': 1,
        int16: 0.25,
        uint16: 0.25,
        float32: 0.15,
        int32: 0.1,
        // 2^31 - 1 as often as every other edge together in the stride scenario
        'strides int16': 0.05,
        'strides uint16': 0.05,
        'strides int32': 0.15,
        'dilations uint16': 0.08,
        'pads uint16': 0.08,
        max: 0.3,
        avg: 0.3,
      },
    );
  });

  it('pad: every case pads by an int16 or uint16 edge', () => {
    expectShares(
      shares(sample(largePadCase(ctx)), (c) => edgeLabels(c.params)),
      { 'any edge': 1, int16: 0.4, uint16: 0.4 },
    );
  });

  // spec: error.parameter-range, error.limits
  it('under every convention: always at an edge, valid under every member, the padded input within the element limit', () => {
    for (const convention of CONVENTION_NAMES) {
      const restricted = propertyContext(referenceAdapter(convention));
      const convs = fc.sample(largeConvCase(restricted), { numRuns: 40, seed: 3 });
      const pools = fc.sample(largePoolCase(restricted), { numRuns: 40, seed: 3 });
      const convOk = convs.every(
        (c) =>
          edgeLabels(c.params).length > 0 &&
          validUnderEveryMember(convention, (member) =>
            planConv({ ...c.params, convention: member }, c.input.shape, c.weight.shape, c.bias?.shape),
          ),
      );
      const poolOk = pools.every(
        (c) =>
          edgeLabels(c.params).length > 0 &&
          validUnderEveryMember(convention, (member) => planPool({ ...c.params, convention: member }, c.input.shape)),
      );
      expect({ convention, convOk, poolOk }).toEqual({ convention, convOk: true, poolOk: true });
    }
  });
});

describe('layers on large inputs', () => {
  const cases = sample(largeLayerCase(ctx));
  const label = (c: (typeof cases)[number]): string[] => {
    const answers = memberShapes('cnnspec', c);
    const shape = 'shape' in answers[0]! ? answers[0].shape : undefined;
    const widths = [...new Set([...numbers(c.layer), ...c.inputShape].map(edgeWidth))].filter((width) => width !== undefined);
    return [
      ...widths,
      ...(widths.length > 0 ? ['any edge'] : []),
      shape === undefined ? 'invalid' : 'valid',
      c.layer.type,
      ...(c.inputShape.some((size) => size > 2 ** 24) ? ['input above 2^24'] : []),
      ...(c.inputShape.includes(MAX_DIMENSION) ? ['input of 2^31 - 1'] : []),
      ...(shape !== undefined && shape.some((size) => size > 2 ** 24) ? ['output above 2^24'] : []),
    ];
  };

  it('reach every integer width in most runs, with inputs and outputs beyond float32 integers', () => {
    expectShares(shares(cases, label), {
      'any edge': 0.75,
      int16: 0.3,
      uint16: 0.3,
      float32: 0.3,
      int32: 0.2,
      'input above 2^24': 0.2,
      'input of 2^31 - 1': 0.05,
      'output above 2^24': 0.03,
      valid: 0.85,
    });
  });

  it('draw every layer type', () => {
    expectShares(shares(cases, label), {
      conv: 0.08,
      'depthwise-conv': 0.08,
      'separable-conv': 0.08,
      'max-pool': 0.08,
      'avg-pool': 0.08,
      dense: 0.08,
      flatten: 0.05,
      'global-max-pool': 0.02,
      'global-avg-pool': 0.02,
    });
  });
});

describe('layers for parameter counting', () => {
  // spec: params.depthwise, params.separable
  it('include depthwise and separable convolutions', () => {
    expectShares(
      shares(sample(layerCase(ctx)), (c) => [c.layer.type]),
      { conv: 0.1, 'depthwise-conv': 0.12, 'separable-conv': 0.12, 'max-pool': 0.05, 'avg-pool': 0.05, dense: 0.1 },
    );
  });
});
