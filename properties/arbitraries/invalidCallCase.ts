/**
 * Op calls with one invalid parameter: a valid case of the op's generator with one stride,
 * dilation, kernel size, pad or tensor size made invalid on one axis (spec:
 * error.parameter-range). Two families:
 *
 * - `malformed`: stride 0, dilation 0, kernel size 0 (a weight with a spatial size of 0 for
 *   convolution), a negative pad, a negative stride or dilation, a non-integer stride, dilation
 *   or pad, a dilated window longer than the padded input; for dense layers a weight with no
 *   output or input features, for global pooling an input with an empty spatial axis;
 * - `oversized`: a stride, dilation or pooling window beyond 2^31 - 1 (spec: error.limits), at
 *   the values 32-bit storage wraps to -2^31, 0 and 1. Only where an implementation that accepts
 *   the value anyway has little to compute: a stride that leaves one window, a window or dilated
 *   window longer than any input. A pad beyond the limit is not sent, nor a count of channels or
 *   filters: accepting one means allocating 2^31 elements or more (an explicitly padded input, a
 *   weight), which a conformance run must not provoke.
 *
 * Each case uses only features the adapter declares and its convention defines (a dilation of
 * 0 is sent only to an adapter that takes dilations), and is kept only when every member of the
 * convention rejects it (spec: convention.unspecified). Each names its kind in
 * src/spec/parameterRules.ts, whose cell for the adapter's convention decides how the answer is
 * judged; the cases are drawn alike under every convention, except those the convention gives a
 * meaning of its own (ONNX's and PyTorch's pads crop with a negative pad), which are not sent.
 * Beyond the limit, only cases whose exact answer is known are sent: a stride or one-tap
 * dilation with an in-range twin, a window that overshoots the padded input under every rounding
 * (properties/support/beyondLimit.ts).
 */
import fc from 'fast-check';
import type { ConvRequest, PoolRequest } from '../../src/ops/Adapter.js';
import type { ConvTransposeRequest } from '../../src/ops/conv-transpose/convTransposeOp.js';
import { ADJOINT_CONV_KERNEL_LAYOUT } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { convTransposeCase, type ConvTransposeCase } from '../conv-transpose/convTransposeCase.js';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import type { Feature } from '../../src/spec/features.js';
import { joinActivationShape, joinKernelShape, splitActivationShape, splitKernelShape } from '../../src/tensor/layout.js';
import type { PoolKind } from '../../src/ops/pool/planPool.js';
import type { ExplicitPadding } from '../../src/ops/window/planWindow.js';
import { referenceCall } from '../../src/ops/referenceCall.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { NotApplicable, type PropertyContext } from '../PropertyDefinition.js';
import { caseSpace } from './caseSpace.js';
import { convCase, type ConvCase } from './convCase.js';
import { denseCase } from './denseCase.js';
import { tensorArbitrary } from './elementValues.js';
import { globalPoolCase } from './globalPoolCase.js';
import { BEYOND_MAX_DIMENSION } from './integerWidthEdges.js';
import { poolCase, type PoolCase } from './poolCase.js';
import { parameterRule, type ParameterKind } from '../../src/spec/parameterRules.js';
import { judgeableBeyondLimit } from '../support/beyondLimit.js';
import { callParameterKind } from './parameterKindOf.js';
import { rejectedByEveryMember } from './rejectedByEveryMember.js';
import type { OpCall } from '../../src/ops/registry.js';

/**
 * A call, what is invalid about it in words (`stride 0`), the parameter made invalid, and the
 * kind of src/spec/parameterRules.ts its convention's rule is looked up by.
 */
export type InvalidCall = OpCall & { kind: InvalidKind; parameter: string; value: number; parameterKind: ParameterKind };

/** A call as the option builders make it, before its parameter kind is named. */
type DrawnCall = Omit<InvalidCall, 'parameterKind'>;

export type InvalidFamily = 'malformed' | 'oversized';

export const MALFORMED_KINDS = [
  'stride 0',
  'dilation 0',
  'kernel size 0',
  'negative pad',
  'negative stride, dilation or kernel size',
  'non-integer parameter',
  'dilated window longer than the padded input',
  'weight without output features',
  'weight without input features',
  'empty spatial axis',
  'output padding not below the stride or the dilation',
  'output shape of another length',
  'output shape entry 0',
  'groups that do not divide the channels',
  'weight input channels not the input channels',
  'weight of another rank',
] as const;

export const OVERSIZED_KINDS = ['stride beyond 2^31 - 1', 'dilation beyond 2^31 - 1', 'kernel size beyond 2^31 - 1'] as const;

export type InvalidKind = (typeof MALFORMED_KINDS)[number] | (typeof OVERSIZED_KINDS)[number];

/** The ops whose calls carry a parameter of each family. */
export type InvalidCallOp = OpCall['op'];

type Option = fc.WeightedArbitrary<DrawnCall>;

const setAxis = (values: unknown, axis: number, value: number): number[] =>
  (values as readonly number[]).map((v, a) => (a === axis ? value : v));

const spatialRank = (shape: readonly number[]): number => shape.length - 2;

/** A case and one of its spatial axes. */
function withAxis<C extends { input: { shape: readonly number[] } }>(cases: fc.Arbitrary<C>): fc.Arbitrary<{ c: C; axis: number }> {
  return cases.chain((c) => fc.integer({ min: 0, max: spatialRank(c.input.shape) - 1 }).map((axis) => ({ c, axis })));
}

/**
 * Explicit pads with `value` on one side of `axis`, or on both where the adapter has no
 * asymmetric pads (or `side` says so).
 */
function padsWith(
  padding: unknown,
  axis: number,
  value: number,
  side: 'begin' | 'end' | 'both',
  asymmetric: boolean,
): { begin: number[]; end: number[] } {
  const { begin, end } = padding as { begin: number[]; end: number[] };
  const both = side === 'both' || !asymmetric;
  return {
    begin: both || side === 'begin' ? setAxis(begin, axis, value) : [...begin],
    end: both || side === 'end' ? setAxis(end, axis, value) : [...end],
  };
}

const side = fc.constantFrom<'begin' | 'end' | 'both'>('begin', 'end', 'both');

const convRequest = (c: ConvCase): ConvRequest => ({
  input: c.input,
  weight: c.weight,
  ...(c.bias === undefined ? {} : { bias: c.bias }),
  params: c.params,
});

function convCall(kind: InvalidKind, parameter: string, value: number, request: ConvRequest): DrawnCall {
  return { op: 'conv', request, kind, parameter, value };
}

function poolCall(kind: InvalidKind, parameter: string, value: number, request: PoolRequest): DrawnCall {
  return { op: 'pool', request, kind, parameter, value };
}

/** The case with a new kernel size along `axis` (and new weights of that shape). */
function withKernelSize(c: ConvCase, axis: number, size: number): fc.Arbitrary<ConvCase> {
  const dims = splitKernelShape(c.weight.shape, c.params.kernelLayout);
  if (dims.kernel[axis] === size) return fc.constant(c);
  const shape = joinKernelShape({ ...dims, kernel: setAxis(dims.kernel, axis, size) }, c.params.kernelLayout);
  return tensorArbitrary(shape, 'exact').map((weight) => ({ ...c, weight }));
}

/** The padded input along an axis: n + pb + pe. */
function paddedSize(
  c: { input: { shape: readonly number[] }; params: { layout: ConvCase['params']['layout']; padding: unknown } },
  axis: number,
): number {
  const n = splitActivationShape(c.input.shape, c.params.layout).spatial[axis]!;
  const padding = c.params.padding as ExplicitPadding | string;
  if (typeof padding === 'string') return n;
  return n + (padding.begin as number[])[axis]! + (padding.end as number[])[axis]!;
}

/**
 * How much longer than the padded input a window is made: up to two strides and more, so that
 * the output size is negative under every rounding (truncation rounds -1/s up to 0) and a
 * convention that allows zero-sized outputs rejects it too (spec: divergence.zero-sized-output).
 */
export const overshoot = (stride: number): fc.Arbitrary<number> => fc.integer({ min: 1, max: 2 * stride + 2 });

/** The smallest dilation that makes a window of `k >= 2` taps `overshoot` longer than `padded`. */
const dilationBeyond = (padded: number, k: number, overshoot: number): number => Math.ceil((padded + overshoot - 1) / (k - 1));

function convOptions(ctx: PropertyContext, family: InvalidFamily): Option[] {
  if (!ctx.features.has('conv')) return [];
  const space = caseSpace(ctx);
  const any = withAxis(convCase(ctx));
  const explicit = withAxis(convCase(ctx, { paddings: ['explicit'], fills: ['zeros'] }));
  const strides = (c: ConvCase, axis: number, value: number): ConvRequest => ({
    ...convRequest(c),
    params: { ...c.params, strides: setAxis(c.params.strides, axis, value) },
  });
  const dilations = (c: ConvCase, axis: number, value: number): ConvRequest => ({
    ...convRequest(c),
    params: { ...c.params, dilations: setAxis(c.params.dilations, axis, value) },
  });
  const pads = (c: ConvCase, axis: number, value: number, where: 'begin' | 'end' | 'both'): ConvRequest => ({
    ...convRequest(c),
    params: { ...c.params, padding: padsWith(c.params.padding, axis, value, where, space.asymmetricPads) },
  });
  if (family === 'oversized') {
    const beyond = fc.constantFrom(...BEYOND_MAX_DIMENSION);
    // A dilation beyond the limit on a window of two taps or more gives a window longer than any
    // input; with valid or explicit padding, not same padding, whose pads would follow it.
    const unpadded = withAxis(convCase(ctx, { paddings: ['valid', 'explicit'] }));
    return [
      {
        weight: 1,
        arbitrary: fc
          .tuple(any, beyond)
          .map(([{ c, axis }, v]) => convCall('stride beyond 2^31 - 1', `strides[${axis}]`, v, strides(c, axis, v))),
      },
      ...(space.convDilation
        ? [
            {
              weight: 1,
              arbitrary: fc
                .tuple(unpadded, beyond)
                .map(([{ c, axis }, v]) => convCall('dilation beyond 2^31 - 1', `dilations[${axis}]`, v, dilations(c, axis, v))),
            },
          ]
        : []),
    ];
  }
  const options: Option[] = [
    { weight: 3, arbitrary: any.map(({ c, axis }) => convCall('stride 0', `strides[${axis}]`, 0, strides(c, axis, 0))) },
    {
      weight: 3,
      arbitrary: any.map(({ c, axis }) => {
        const dims = splitKernelShape(c.weight.shape, c.params.kernelLayout);
        const shape = joinKernelShape({ ...dims, kernel: setAxis(dims.kernel, axis, 0) }, c.params.kernelLayout);
        return convCall('kernel size 0', `weight.shape (kernel[${axis}])`, 0, { ...convRequest(c), weight: makeTensor(shape) });
      }),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(explicit, fc.constantFrom(-1, -2), side)
        .map(([{ c, axis }, v, where]) => convCall('negative pad', `padding[${axis}]`, v, pads(c, axis, v, where))),
    },
    {
      weight: 1,
      arbitrary: any.map(({ c, axis }) =>
        convCall('negative stride, dilation or kernel size', `strides[${axis}]`, -1, strides(c, axis, -1)),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(explicit, fc.constantFrom('strides', 'padding', ...(space.convDilation ? (['dilations'] as const) : [])))
        .map(([{ c, axis }, which]) => {
          if (which === 'strides')
            return convCall(
              'non-integer parameter',
              `strides[${axis}]`,
              (c.params.strides as number[])[axis]! + 0.5,
              strides(c, axis, (c.params.strides as number[])[axis]! + 0.5),
            );
          if (which === 'dilations')
            return convCall(
              'non-integer parameter',
              `dilations[${axis}]`,
              (c.params.dilations as number[])[axis]! + 0.5,
              dilations(c, axis, (c.params.dilations as number[])[axis]! + 0.5),
            );
          return convCall('non-integer parameter', `padding[${axis}]`, 0.5, pads(c, axis, 0.5, 'both'));
        }),
    },
  ];
  if (space.convDilation) {
    options.push({
      weight: 3,
      arbitrary: any.map(({ c, axis }) => convCall('dilation 0', `dilations[${axis}]`, 0, dilations(c, axis, 0))),
    });
    options.push({
      weight: 1,
      arbitrary: any.map(({ c, axis }) =>
        convCall('negative stride, dilation or kernel size', `dilations[${axis}]`, -1, dilations(c, axis, -1)),
      ),
    });
    // spec: shape.output-size.positive — the dilation, not the kernel, makes the window too long;
    // with strides of 1 where the convention forbids a dilation with a stride.
    const strideOne = knobChoices(space.convention, 'dilationWithStride').includes('error');
    options.push({
      weight: 2,
      arbitrary: withAxis(convCase(ctx, { paddings: ['valid', 'explicit'], strideOne, fills: ['zeros'] })).chain(({ c, axis }) => {
        const k = Math.max(2, splitKernelShape(c.weight.shape, c.params.kernelLayout).kernel[axis]!);
        return fc.tuple(withKernelSize(c, axis, k), overshoot((c.params.strides as number[])[axis]!)).map(([wide, extra]) => {
          const d = dilationBeyond(paddedSize(c, axis), k, extra);
          return convCall('dilated window longer than the padded input', `dilations[${axis}]`, d, dilations(wide, axis, d));
        });
      }),
    });
  }
  return options;
}

function poolOptions(ctx: PropertyContext, family: InvalidFamily): Option[] {
  const space = caseSpace(ctx);
  if (!space.maxPool && !space.avgPool) return [];
  const dilatedKinds = (['max', 'avg'] as PoolKind[]).filter((kind) =>
    kind === 'max' ? space.maxPool && space.maxPoolDilation : space.avgPool && space.avgPoolDilation,
  );
  const any = withAxis(poolCase(ctx));
  const explicit = withAxis(poolCase(ctx, { paddings: ['explicit'] }));
  const dilatable = dilatedKinds.length === 0 ? undefined : withAxis(poolCase(ctx, { kinds: dilatedKinds }));
  const request = (c: PoolCase, field: 'strides' | 'kernel' | 'dilations', axis: number, value: number): PoolRequest => ({
    input: c.input,
    params: { ...c.params, [field]: setAxis(c.params[field], axis, value) },
  });
  const pads = (c: PoolCase, axis: number, value: number, where: 'begin' | 'end' | 'both'): PoolRequest => ({
    input: c.input,
    params: { ...c.params, padding: padsWith(c.params.padding, axis, value, where, space.asymmetricPads) },
  });
  if (family === 'oversized') {
    const beyond = fc.constantFrom(...BEYOND_MAX_DIMENSION);
    const unpadded = withAxis(poolCase(ctx, { paddings: ['valid', 'explicit'] }));
    const unpaddedDilatable =
      dilatedKinds.length === 0 ? undefined : withAxis(poolCase(ctx, { kinds: dilatedKinds, paddings: ['valid', 'explicit'] }));
    return [
      {
        weight: 1,
        arbitrary: fc
          .tuple(any, beyond)
          .map(([{ c, axis }, v]) => poolCall('stride beyond 2^31 - 1', `strides[${axis}]`, v, request(c, 'strides', axis, v))),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(unpadded, beyond)
          .map(([{ c, axis }, v]) => poolCall('kernel size beyond 2^31 - 1', `kernel[${axis}]`, v, request(c, 'kernel', axis, v))),
      },
      ...(unpaddedDilatable === undefined
        ? []
        : [
            {
              weight: 1,
              arbitrary: fc
                .tuple(unpaddedDilatable, beyond)
                .map(([{ c, axis }, v]) => poolCall('dilation beyond 2^31 - 1', `dilations[${axis}]`, v, request(c, 'dilations', axis, v))),
            },
          ]),
    ];
  }
  const options: Option[] = [
    { weight: 3, arbitrary: any.map(({ c, axis }) => poolCall('stride 0', `strides[${axis}]`, 0, request(c, 'strides', axis, 0))) },
    { weight: 3, arbitrary: any.map(({ c, axis }) => poolCall('kernel size 0', `kernel[${axis}]`, 0, request(c, 'kernel', axis, 0))) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(explicit, fc.constantFrom(-1, -2), side)
        .map(([{ c, axis }, v, where]) => poolCall('negative pad', `padding[${axis}]`, v, pads(c, axis, v, where))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(any, fc.constantFrom<'strides' | 'kernel'>('strides', 'kernel'))
        .map(([{ c, axis }, field]) =>
          poolCall('negative stride, dilation or kernel size', `${field}[${axis}]`, -1, request(c, field, axis, -1)),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(explicit, fc.constantFrom<'strides' | 'kernel' | 'padding'>('strides', 'kernel', 'padding'))
        .map(([{ c, axis }, which]) => {
          if (which === 'padding') return poolCall('non-integer parameter', `padding[${axis}]`, 0.5, pads(c, axis, 0.5, 'both'));
          const value = (c.params[which] as number[])[axis]! + 0.5;
          return poolCall('non-integer parameter', `${which}[${axis}]`, value, request(c, which, axis, value));
        }),
    },
  ];
  if (dilatable !== undefined) {
    options.push({
      weight: 3,
      arbitrary: dilatable.map(({ c, axis }) => poolCall('dilation 0', `dilations[${axis}]`, 0, request(c, 'dilations', axis, 0))),
    });
    options.push({
      weight: 1,
      arbitrary: dilatable.map(({ c, axis }) =>
        poolCall('negative stride, dilation or kernel size', `dilations[${axis}]`, -1, request(c, 'dilations', axis, -1)),
      ),
    });
    const strideOne = knobChoices(space.convention, 'dilationWithStride').includes('error');
    options.push({
      weight: 2,
      arbitrary: withAxis(poolCase(ctx, { kinds: dilatedKinds, paddings: ['valid', 'explicit'], ceilMode: 'off', strideOne })).chain(
        ({ c, axis }) => {
          const k = Math.max(2, (c.params.kernel as number[])[axis]!);
          return overshoot((c.params.strides as number[])[axis]!).map((extra) => {
            const d = dilationBeyond(paddedSize(c, axis), k, extra);
            const wide = request(c, 'kernel', axis, k);
            return poolCall('dilated window longer than the padded input', `dilations[${axis}]`, d, {
              ...wide,
              params: { ...wide.params, dilations: setAxis(c.params.dilations, axis, d) },
            });
          });
        },
      ),
    });
  }
  return options;
}

function padOptions(ctx: PropertyContext, family: InvalidFamily): Option[] {
  if (!ctx.features.has('pad')) return [];
  const cases = withAxis(convCase(ctx, { paddings: ['explicit'] }));
  const call = (kind: InvalidKind, c: ConvCase, axis: number, value: number, where: 'begin' | 'end' | 'both'): DrawnCall => ({
    op: 'pad',
    request: {
      input: c.input,
      params: { padding: padsWith(c.params.padding, axis, value, where, true), fill: c.params.fill, layout: c.params.layout },
    },
    kind,
    parameter: `padding[${axis}]`,
    value,
  });
  if (family === 'oversized') return [];
  return [
    {
      weight: 3,
      arbitrary: fc.tuple(cases, fc.constantFrom(-1, -2), side).map(([{ c, axis }, v, where]) => call('negative pad', c, axis, v, where)),
    },
    { weight: 1, arbitrary: fc.tuple(cases, side).map(([{ c, axis }, where]) => call('non-integer parameter', c, axis, 0.5, where)) },
  ];
}

function denseOptions(ctx: PropertyContext, family: InvalidFamily): Option[] {
  if (!ctx.features.has('dense') || family === 'oversized') return [];
  // spec: tensor.shape — a weight is an input tensor, and no dimension of one may be 0
  const cases = denseCase(ctx, { bias: 'without' });
  return [
    {
      weight: 1,
      arbitrary: cases.map((c): DrawnCall => {
        const nin = c.input.shape[c.input.shape.length - 1]!;
        const shape = c.params.weightLayout === 'in-out' ? [nin, 0] : [0, nin];
        return {
          op: 'dense',
          request: { input: c.input, weight: makeTensor(shape), params: c.params },
          kind: 'weight without output features',
          parameter: 'weight.shape (units)',
          value: 0,
        };
      }),
    },
    {
      weight: 1,
      arbitrary: cases.map((c): DrawnCall => {
        const nout = c.params.weightLayout === 'in-out' ? c.weight.shape[1]! : c.weight.shape[0]!;
        const shape = c.params.weightLayout === 'in-out' ? [0, nout] : [nout, 0];
        const input = makeTensor([...c.input.shape.slice(0, -1), 0]);
        return {
          op: 'dense',
          request: { input, weight: makeTensor(shape), params: c.params },
          kind: 'weight without input features',
          parameter: 'input.shape (features)',
          value: 0,
        };
      }),
    },
  ];
}

function globalPoolOptions(ctx: PropertyContext, family: InvalidFamily): Option[] {
  if ((!ctx.features.has('pool.global-max') && !ctx.features.has('pool.global-avg')) || family === 'oversized') return [];
  // spec: tensor.shape — the window of a global pooling is its input, which may not be empty
  return [
    {
      weight: 1,
      arbitrary: withAxis(globalPoolCase(ctx)).map(({ c, axis }): DrawnCall => {
        const dims = splitActivationShape(c.input.shape, c.params.layout);
        const input = makeTensor(joinActivationShape({ ...dims, spatial: setAxis(dims.spatial, axis, 0) }, c.params.layout));
        return {
          op: 'global-pool',
          request: { input, params: c.params },
          kind: 'empty spatial axis',
          parameter: `input.shape (spatial axis ${axis})`,
          value: 0,
        };
      }),
    },
  ];
}

const convTransposeRequest = (c: ConvTransposeCase): ConvTransposeRequest => ({
  input: c.input,
  weight: c.weight,
  ...(c.bias === undefined ? {} : { bias: c.bias }),
  params: c.params,
});

function convTransposeCall(kind: InvalidKind, parameter: string, value: number, request: ConvTransposeRequest): DrawnCall {
  return { op: 'conv-transpose', request, kind, parameter, value };
}

/**
 * Invalid transposed-convolution calls (spec: conv-transpose.output-size, conv-transpose.output-padding,
 * conv-transpose.output-shape, conv-transpose.weight-layout): a valid case with one stride,
 * dilation, kernel size, crop, output padding, output-shape entry, group count or weight axis
 * made invalid. No value beyond the limit: a stride beyond it would ask for an output of 2^31
 * elements or more.
 */
function convTransposeOptions(ctx: PropertyContext, family: InvalidFamily): Option[] {
  if (!ctx.features.has('conv-transpose') || family === 'oversized') return [];
  const has = (feature: Feature): boolean => ctx.features.has(feature);
  const asymmetric = has('padding.explicit-asymmetric');
  const any = withAxis(convTransposeCase(ctx));
  const explicit = withAxis(convTransposeCase(ctx, { crops: ['explicit'] }));
  const withParams = (c: ConvTransposeCase, params: Partial<ConvTransposeCase['params']>): ConvTransposeRequest => ({
    ...convTransposeRequest(c),
    params: { ...c.params, ...params },
  });
  const adjointLayout = (c: ConvTransposeCase) => ADJOINT_CONV_KERNEL_LAYOUT[c.params.kernelLayout];
  const nonIntegerParameters = has('conv-transpose.output-padding')
    ? (['strides', 'padding', 'outputPadding'] as const)
    : (['strides', 'padding'] as const);
  const options: Option[] = [
    {
      weight: 2,
      arbitrary: any.map(({ c, axis }) =>
        convTransposeCall('stride 0', `strides[${axis}]`, 0, withParams(c, { strides: setAxis(c.params.strides, axis, 0) })),
      ),
    },
    {
      weight: 1,
      arbitrary: any.map(({ c, axis }) =>
        convTransposeCall(
          'negative stride, dilation or kernel size',
          `strides[${axis}]`,
          -1,
          withParams(c, { strides: setAxis(c.params.strides, axis, -1) }),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: any.map(({ c, axis }) => {
        const dims = splitKernelShape(c.weight.shape, adjointLayout(c));
        const shape = joinKernelShape({ ...dims, kernel: setAxis(dims.kernel, axis, 0) }, adjointLayout(c));
        return convTransposeCall('kernel size 0', `weight.shape (kernel[${axis}])`, 0, {
          ...convTransposeRequest(c),
          weight: makeTensor(shape),
        });
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(explicit, fc.constantFrom(-1, -2), side)
        .map(([{ c, axis }, v, where]) =>
          convTransposeCall(
            'negative pad',
            `padding[${axis}]`,
            v,
            withParams(c, { padding: padsWith(c.params.padding, axis, v, where, asymmetric) }),
          ),
        ),
    },
    {
      weight: 2,
      // an output padding only where the adapter declares it (TF.js's convention has none)
      arbitrary: fc.tuple(explicit, fc.constantFrom(...nonIntegerParameters)).map(([{ c, axis }, which]) => {
        if (which === 'padding')
          return convTransposeCall(
            'non-integer parameter',
            `padding[${axis}]`,
            0.5,
            withParams(c, { padding: padsWith(c.params.padding, axis, 0.5, 'both', asymmetric) }),
          );
        const value = c.params[which][axis]! + 0.5;
        return convTransposeCall(
          'non-integer parameter',
          `${which}[${axis}]`,
          value,
          withParams(c, { [which]: setAxis(c.params[which], axis, value) }),
        );
      }),
    },
  ];
  if (has('conv-transpose.output-padding')) {
    options.push({
      // spec: conv-transpose.output-padding — opad < max(s, d); at the bound or one beyond it, or negative
      weight: 3,
      arbitrary: fc.tuple(any, fc.constantFrom(0, 1, -1)).map(([{ c, axis }, beyond]) => {
        const bound = Math.max(c.params.strides[axis]!, c.params.dilations[axis]!);
        const value = beyond === -1 ? -1 : bound + beyond;
        return convTransposeCall(
          'output padding not below the stride or the dilation',
          `outputPadding[${axis}]`,
          value,
          withParams(c, { outputPadding: setAxis(c.params.outputPadding, axis, value) }),
        );
      }),
    });
  }
  if (has('conv-transpose.output-shape')) {
    options.push(
      {
        weight: 3,
        arbitrary: fc.tuple(any, fc.constantFrom(0, 1)).map(([{ c, axis }, which]) => {
          const rank = spatialRank(c.input.shape);
          // Not the full rank either: PyTorch takes batch and channels in output_size.
          const length = which === 0 ? rank + 1 : rank - 1 === 0 ? rank + 3 : rank - 1;
          const outputShape = new Array<number>(length).fill(c.input.shape[2]!);
          return convTransposeCall(
            'output shape of another length',
            'outputShape',
            length,
            withParams(c, { padding: 'valid', outputShape }),
          );
        }),
      },
      {
        weight: 2,
        arbitrary: any.map(({ c, axis }) => {
          const rank = spatialRank(c.input.shape);
          const outputShape = setAxis(c.params.outputShape ?? new Array<number>(rank).fill(1), axis, 0);
          const padding = typeof c.params.padding === 'string' ? c.params.padding : 'valid';
          return convTransposeCall('output shape entry 0', `outputShape[${axis}]`, 0, withParams(c, { padding, outputShape }));
        }),
      },
    );
  }
  options.push(
    {
      // spec: conv-transpose.weight-layout — the weight's input channels are the input's
      weight: 2,
      arbitrary: any.map(({ c }) => {
        const dims = splitKernelShape(c.weight.shape, adjointLayout(c));
        const shape = joinKernelShape({ ...dims, outChannels: dims.outChannels + 1 }, adjointLayout(c));
        return convTransposeCall('weight input channels not the input channels', 'weight.shape (input channels)', dims.outChannels + 1, {
          ...convTransposeRequest(c),
          weight: makeTensor(shape),
        });
      }),
    },
    {
      weight: 1,
      arbitrary: any.map(({ c }) => {
        const shape = [...c.weight.shape, 1];
        return convTransposeCall('weight of another rank', 'weight.shape', shape.length, {
          ...convTransposeRequest(c),
          weight: makeTensor(shape),
        });
      }),
    },
  );
  if (has('conv-transpose.dilation')) {
    options.push({
      weight: 2,
      arbitrary: any.map(({ c, axis }) =>
        convTransposeCall('dilation 0', `dilations[${axis}]`, 0, withParams(c, { dilations: setAxis(c.params.dilations, axis, 0) })),
      ),
    });
  }
  if (has('conv-transpose.groups')) {
    // spec: conv-transpose.groups — one more group than input channels never divides them
    options.push({
      weight: 2,
      arbitrary: any.map(({ c }) => {
        const channels = splitActivationShape(c.input.shape, c.params.layout).channels;
        return convTransposeCall('groups that do not divide the channels', 'groups', channels + 1, withParams(c, { groups: channels + 1 }));
      }),
    });
  }
  return options;
}

const OPTIONS: Record<InvalidCallOp, (ctx: PropertyContext, family: InvalidFamily) => Option[]> = {
  conv: convOptions,
  pool: poolOptions,
  pad: padOptions,
  dense: denseOptions,
  'global-pool': globalPoolOptions,
  'conv-transpose': convTransposeOptions,
};

/** What an op needs for cases of a family, for the reason a property does not apply. */
const NEEDS: Record<InvalidCallOp, Feature[]> = {
  conv: ['conv'],
  pool: ['pool.max', 'pool.avg'],
  pad: ['pad'],
  dense: ['dense'],
  'global-pool': ['pool.global-max', 'pool.global-avg'],
  'conv-transpose': ['conv-transpose'],
};

/** Whether the reference rejects the call under every member of the convention. */
export function rejectedCall(ctx: PropertyContext, c: OpCall): boolean {
  return rejectedByEveryMember(ctx.conventionSpec, (member) => referenceCall(c, member));
}

/**
 * Whether a case is sent to the adapter: not where its convention gives it a meaning the
 * reference does not compute (ONNX's Pad crops with a negative pad), and beyond the limit only
 * where the judge can tell the exact answer (an in-range twin, or a window longer than the
 * padded input under every rounding: properties/support/beyondLimit.ts).
 */
export function sentCall(ctx: PropertyContext, c: InvalidCall): boolean {
  if (parameterRule(ctx.conventionSpec, c.parameterKind).rule === 'defined') return false;
  if (c.op === 'conv' || c.op === 'pool') {
    if (
      c.parameterKind === 'stride-beyond-limit' ||
      c.parameterKind === 'dilation-beyond-limit' ||
      c.parameterKind === 'window-beyond-limit'
    ) {
      return judgeableBeyondLimit(c, ctx.conventionSpec);
    }
  }
  return true;
}

export function invalidCallCase(ctx: PropertyContext, op: InvalidCallOp, family: InvalidFamily): fc.Arbitrary<InvalidCall> {
  const options = OPTIONS[op](ctx, family);
  if (options.length === 0) {
    if (family === 'oversized' && (op === 'dense' || op === 'global-pool' || op === 'pad' || op === 'conv-transpose')) {
      throw new NotApplicable(
        `${op} has no parameter that can go beyond 2^31 - 1 without making an implementation that accepts it allocate 2^31 elements or more`,
      );
    }
    throw NotApplicable.needsOneOf(...NEEDS[op]);
  }
  return fc
    .oneof(...options)
    .map((c) => ({ ...c, parameterKind: callParameterKind(c) }) as InvalidCall)
    .filter((c) => rejectedCall(ctx, c) && sentCall(ctx, c));
}
