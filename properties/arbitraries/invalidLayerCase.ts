/**
 * Layer records with one invalid parameter, for an adapter's shape inference and parameter
 * counting: a valid layer of `layerCase` with one stride, dilation, kernel size, pad, group
 * count, filter or unit count, or input size made invalid (spec: error.parameter-range,
 * shape.layers). The families are those of op calls (see invalidCallCase): `malformed` values
 * (0, negative, non-integer, a group count that does not divide the channels, a window longer
 * than the padded input) and `oversized` ones (a stride, dilation, window or input size beyond
 * 2^31 - 1, where 32-bit storage wraps; not pads, filters or units, which an implementation that
 * builds the layer to infer its shape would allocate).
 *
 * Shape inference is also asked about a window that does not fit and about an input with an
 * empty axis; a parameter count depends on neither the spatial sizes nor the output size, so it
 * is asked only about invalid parameters and input channels. A case is kept only when every
 * member of the adapter's convention rejects it (spec: convention.unspecified), and names its
 * kind in src/spec/parameterRules.ts, by whose cell for the convention the answer is judged; a case
 * the convention gives a meaning of its own (PyTorch's empty batch) is not sent.
 */
import fc from 'fast-check';
import type { LayerSpec } from '../../src/shape/LayerSpec.js';
import { splitActivationShape } from '../../src/tensor/layout.js';
import { planLayer } from '../../src/shape/planLayer.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { caseSpace, type CaseSpace } from './caseSpace.js';
import { BEYOND_MAX_DIMENSION } from './integerWidthEdges.js';
import { overshoot } from './invalidCallCase.js';
import { layerCase, type LayerCase } from './layerCase.js';
import { MAX_DIMENSION } from '../../src/spec/paramChecks.js';
import { parameterRule, type ParameterKind } from '../../src/spec/parameterRules.js';
import { overshootsEveryRounding, reduceLayer, resolvedLayerWindows } from '../support/beyondLimit.js';
import { layerParameterKind } from './parameterKindOf.js';
import { rejectedByEveryMember } from './rejectedByEveryMember.js';

export const MALFORMED_LAYER_KINDS = [
  'stride 0',
  'dilation 0',
  'kernel size 0',
  'negative pad',
  'negative stride, dilation or kernel size',
  'non-integer parameter',
  'groups that do not divide the channels',
  'zero filters, units or depth multiplier',
  'input size 0',
  'window longer than the padded input',
] as const;

export const OVERSIZED_LAYER_KINDS = ['window parameter beyond 2^31 - 1', 'input size beyond 2^31 - 1'] as const;

export type InvalidLayerKind = (typeof MALFORMED_LAYER_KINDS)[number] | (typeof OVERSIZED_LAYER_KINDS)[number];

/** A layer, what is invalid about it in words, the parameter made invalid, and the kind of src/spec/parameterRules.ts its rule is looked up by. */
export type InvalidLayer = LayerCase & { kind: InvalidLayerKind; parameter: string; value: number; parameterKind: ParameterKind };

/** A layer as the corruptions make it, before its parameter kind is named. */
type DrawnLayer = Omit<InvalidLayer, 'parameterKind'>;

/** What the layer is sent to: shape inference is also asked about sizes a count does not read. */
export type LayerQuestion = 'outputShape' | 'paramCount';

type WindowLayer = Extract<LayerSpec, { kernel: unknown }>;

const WINDOW_TYPES: readonly LayerSpec['type'][] = ['conv', 'depthwise-conv', 'separable-conv', 'max-pool', 'avg-pool'];
const CONV_TYPES: readonly LayerSpec['type'][] = ['conv', 'depthwise-conv', 'separable-conv'];

const setAxis = (values: unknown, axis: number, value: number): number[] =>
  (values as readonly number[]).map((v, a) => (a === axis ? value : v));

/** Whether the layer's kind of window takes dilations under the adapter's features. */
function takesDilations(space: CaseSpace, layer: LayerSpec): boolean {
  if (CONV_TYPES.includes(layer.type)) return space.convDilation;
  return layer.type === 'max-pool' ? space.maxPoolDilation : layer.type === 'avg-pool' ? space.avgPoolDilation : false;
}

/** The layer's explicit pads, or zeros for a padding mode. */
function explicitPads(layer: WindowLayer, rank: number): { begin: number[]; end: number[] } {
  const padding = layer.padding;
  if (padding === undefined || typeof padding === 'string')
    return { begin: new Array<number>(rank).fill(0), end: new Array<number>(rank).fill(0) };
  return { begin: [...(padding.begin as number[])], end: [...(padding.end as number[])] };
}

type Corruption = fc.WeightedArbitrary<DrawnLayer>;

/** The invalid versions of one valid layer an adapter can be asked about. */
function corruptions(space: CaseSpace, base: LayerCase, family: 'malformed' | 'oversized', question: LayerQuestion): Corruption[] {
  const { layer, inputShape, layout } = base;
  const made = (
    kind: InvalidLayerKind,
    parameter: string,
    value: number,
    changes: Record<string, unknown>,
    shape = inputShape,
  ): DrawnLayer => ({
    layer: { ...layer, ...changes } as LayerSpec,
    inputShape: [...shape],
    layout,
    kind,
    parameter,
    value,
  });
  const options: Corruption[] = [];
  const isWindow = WINDOW_TYPES.includes(layer.type);
  const rank = inputShape.length - 2;
  const axis = fc.integer({ min: 0, max: Math.max(0, rank - 1) });
  const window = layer as WindowLayer;
  const fields = (['strides', 'kernel', ...(takesDilations(space, layer) ? (['dilations'] as const) : [])] as const).filter(
    (field) => window[field] !== undefined,
  );
  const pads = (a: number, value: number, side: 'begin' | 'end' | 'both'): { begin: number[]; end: number[] } => {
    const { begin, end } = explicitPads(window, rank);
    const both = side === 'both' || !space.asymmetricPads;
    return {
      begin: both || side === 'begin' ? setAxis(begin, a, value) : begin,
      end: both || side === 'end' ? setAxis(end, a, value) : end,
    };
  };
  const side = fc.constantFrom<'begin' | 'end' | 'both'>('begin', 'end', 'both');
  const counts = [
    ...(layer.type === 'conv' || layer.type === 'separable-conv' ? ['filters'] : []),
    ...(layer.type === 'depthwise-conv' || layer.type === 'separable-conv' ? ['depthMultiplier'] : []),
    ...(layer.type === 'dense' ? ['units'] : []),
  ];
  // The axes whose size a parameter count reads: channels (dense: the features); shape inference reads every axis.
  const channelAxis = layer.type === 'dense' ? inputShape.length - 1 : layout === 'channels-first' ? 1 : inputShape.length - 1;
  const inputAxes = question === 'paramCount' ? [channelAxis] : inputShape.map((_, a) => a);
  const inputAxis = fc.constantFrom(...inputAxes);

  if (family === 'oversized') {
    const beyond = fc.constantFrom(...BEYOND_MAX_DIMENSION);
    if (isWindow) {
      // Same padding would follow a window beyond the limit with pads beyond it: valid padding instead.
      const unpadded = window.padding === 'same-upper' || window.padding === 'same-lower' ? { padding: 'valid' } : {};
      options.push({
        weight: 2,
        arbitrary: fc.tuple(axis, beyond, fc.constantFrom(...fields)).map(([a, v, field]) =>
          made('window parameter beyond 2^31 - 1', `${field}[${a}]`, v, {
            [field]: setAxis(window[field], a, v),
            ...(field === 'strides' ? {} : unpadded),
          }),
        ),
      });
    }
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(inputAxis, beyond)
        .map(([a, v]) => made('input size beyond 2^31 - 1', `inputShape[${a}]`, v, {}, setAxis(inputShape, a, v))),
    });
    return options;
  }

  if (isWindow) {
    const set = (kind: InvalidLayerKind, field: 'strides' | 'kernel' | 'dilations', value: number) =>
      axis.map((a) => made(kind, `${field}[${a}]`, value, { [field]: setAxis(window[field], a, value) }));
    options.push({ weight: 3, arbitrary: set('stride 0', 'strides', 0) });
    options.push({ weight: 3, arbitrary: set('kernel size 0', 'kernel', 0) });
    if (fields.includes('dilations')) options.push({ weight: 3, arbitrary: set('dilation 0', 'dilations', 0) });
    options.push({
      weight: 3,
      arbitrary: fc
        .tuple(axis, fc.constantFrom(-1, -2), side)
        .map(([a, v, where]) => made('negative pad', `padding[${a}]`, v, { padding: pads(a, v, where) })),
    });
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(axis, fc.constantFrom(...fields))
        .map(([a, field]) =>
          made('negative stride, dilation or kernel size', `${field}[${a}]`, -1, { [field]: setAxis(window[field], a, -1) }),
        ),
    });
    options.push({
      weight: 2,
      arbitrary: fc.tuple(axis, fc.constantFrom(...fields, 'padding' as const)).map(([a, field]) => {
        if (field === 'padding') return made('non-integer parameter', `padding[${a}]`, 0.5, { padding: pads(a, 0.5, 'both') });
        const value = (window[field] as number[])[a]! + 0.5;
        return made('non-integer parameter', `${field}[${a}]`, value, { [field]: setAxis(window[field], a, value) });
      }),
    });
    if (question === 'outputShape' && window.padding !== 'same-upper' && window.padding !== 'same-lower') {
      // spec: shape.output-size.positive — a window longer than the padded input, undilated
      options.push({
        weight: 3,
        arbitrary: axis.chain((a) =>
          overshoot((window.strides as number[])[a]!).map((extra) => {
            const { begin, end } = explicitPads(window, rank);
            const n = splitActivationShape(inputShape, layout).spatial[a]!;
            const kernel = n + begin[a]! + end[a]! + extra;
            return made('window longer than the padded input', `kernel[${a}]`, kernel, {
              kernel: setAxis(window.kernel, a, kernel),
              ...(window.dilations === undefined ? {} : { dilations: setAxis(window.dilations, a, 1) }),
            });
          }),
        ),
      });
    }
  }
  if (layer.type === 'conv' && space.groups) {
    // spec: conv.groups — a group count one more than the channels never divides them
    const channels = splitActivationShape(inputShape, layout).channels;
    options.push({
      weight: 8,
      arbitrary: fc.constant(made('groups that do not divide the channels', 'groups', channels + 1, { groups: channels + 1 })),
    });
  }
  if (counts.length > 0) {
    options.push({
      weight: 2,
      arbitrary: fc.constantFrom(...counts).map((field) => made('zero filters, units or depth multiplier', field, 0, { [field]: 0 })),
    });
    options.push({
      weight: 1,
      arbitrary: fc.constantFrom(...counts).map((field) => made('non-integer parameter', field, 1.5, { [field]: 1.5 })),
    });
  }
  options.push({ weight: 1, arbitrary: inputAxis.map((a) => made('input size 0', `inputShape[${a}]`, 0, {}, setAxis(inputShape, a, 0))) });
  return options;
}

/** Whether the reference rejects the layer under every member of the convention. */
export function rejectedLayer(ctx: PropertyContext, c: LayerCase): boolean {
  return rejectedByEveryMember(ctx.conventionSpec, (member) => planLayer(c.layer, c.inputShape, { layout: c.layout, convention: member }));
}

/**
 * Whether a layer is sent to the adapter: not where its convention gives it a meaning the
 * reference does not compute (PyTorch's empty batch), and beyond the limit only where the judge
 * can tell the exact answer (properties/support/beyondLimit.ts): a window beyond the limit
 * overshoots the padded input under every rounding.
 */
export function sentLayer(ctx: PropertyContext, c: InvalidLayer): boolean {
  if (parameterRule(ctx.conventionSpec, c.parameterKind).rule === 'defined') return false;
  if (c.kind === 'window parameter beyond 2^31 - 1' && reduceLayer(c, ctx.conventionSpec).kind === 'overshoot') {
    return resolvedLayerWindows(c, ctx.conventionSpec).some(
      (w) => (w.k > MAX_DIMENSION || (w.d > MAX_DIMENSION && w.k > 1)) && overshootsEveryRounding(w),
    );
  }
  return true;
}

export function invalidLayerCase(
  ctx: PropertyContext,
  family: 'malformed' | 'oversized',
  question: LayerQuestion,
): fc.Arbitrary<InvalidLayer> {
  const space = caseSpace(ctx);
  // Transposed convolutions are left out: the parameter rules and the reductions beyond the limit are those of sliding windows.
  return layerCase(ctx, { transposed: false })
    .chain((base) => fc.oneof(...corruptions(space, base, family, question)))
    .map((c) => ({ ...c, parameterKind: layerParameterKind(c) }))
    .filter((c) => rejectedLayer(ctx, c) && sentLayer(ctx, c));
}
