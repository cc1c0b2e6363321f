/**
 * Plans one layer of a model from its hyper-parameters and its input shape: output shape, the
 * shapes of the weight tensors it owns, its parameter count, and what it does to the spatial
 * axes (for the receptive field). Every size comes from the op planners, so the shape algebra
 * and the reference cannot disagree.
 *
 * @see spec:params.conv
 * @see spec:params.depthwise
 * @see spec:params.separable
 * @see spec:params.dense
 * @see spec:params.pool
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { resolveConvention } from '../spec/conventions.js';
import { evaluateFormula } from '../spec/formulas.js';
import { defaultKernelLayout, joinKernelShape, LAYOUTS, splitActivationShape, type Layout } from '../tensor/layout.js';
import type { LayerContext, LayerSpec } from './LayerSpec.js';
import { LAYER_TYPES } from './LayerSpec.js';
import { checkLimits, type Limits } from '../spec/limits.js';
import {
  checkBoolean,
  checkEnum,
  checkInteger,
  checkKnownFields,
  checkPerAxis,
  isPlainRecord,
  MAX_DIMENSION,
  orDefault,
} from '../spec/paramChecks.js';
import { planConv } from '../ops/conv/planConv.js';
import { planDense } from '../ops/dense/planDense.js';
import { planGlobalPool } from '../ops/global-pool/planGlobalPool.js';
import { planPool } from '../ops/pool/planPool.js';
import type { WindowPlan } from '../ops/window/planWindow.js';
import { checkShape, elementCount } from '../tensor/tensor.js';

/** What a layer does to each spatial axis, for the receptive field. @see spec:rf.stack */
export type SpatialEffect =
  /** A sliding window per axis (convolution, pooling). */
  | { kind: 'window'; window: WindowPlan }
  /** Every position sees the whole axis; the axes are kept with size 1 or consumed. */
  | { kind: 'global'; keepsAxes: boolean }
  /** Only the last spatial axis is consumed (dense on a channels-first activation). */
  | { kind: 'last-axis' }
  /** Positions map one to one. */
  | { kind: 'none' };

export interface ParameterCount {
  total: number;
  weights: number;
  biases: number;
}

export interface LayerPlan {
  layer: LayerSpec;
  inputShape: number[];
  outputShape: number[];
  /** Shapes of the weight tensors the layer owns, in order; their element counts add up to params.total. */
  weightShapes: { name: string; shape: number[] }[];
  params: ParameterCount;
  spatial: SpatialEffect;
}

const LAYER_FIELDS: Record<LayerSpec['type'], readonly string[]> = {
  conv: ['type', 'name', 'filters', 'kernel', 'strides', 'dilations', 'padding', 'groups', 'fill', 'bias'],
  'depthwise-conv': ['type', 'name', 'depthMultiplier', 'kernel', 'strides', 'dilations', 'padding', 'fill', 'bias'],
  'separable-conv': ['type', 'name', 'filters', 'depthMultiplier', 'kernel', 'strides', 'dilations', 'padding', 'bias'],
  'max-pool': ['type', 'name', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode'],
  'avg-pool': ['type', 'name', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode', 'countIncludePad'],
  'global-max-pool': ['type', 'name', 'keepDims'],
  'global-avg-pool': ['type', 'name', 'keepDims'],
  flatten: ['type', 'name'],
  dense: ['type', 'name', 'units', 'bias'],
};

function countOf(
  formula: 'params.conv' | 'params.depthwise' | 'params.separable' | 'params.dense',
  scope: Record<string, number>,
): ParameterCount {
  const total = evaluateFormula(formula, scope);
  const weights = evaluateFormula(formula, { ...scope, bias: 0 });
  return { total, weights, biases: total - weights };
}

/**
 * Plans one layer.
 *
 * @param inputShape the layer's input shape, batch axis included
 * @throws CnnSpecError for every invalid layer or shape
 */
export function planLayer(layer: LayerSpec, inputShape: readonly number[], context: LayerContext = {}, limits?: Limits): LayerPlan {
  const op = 'layer';
  // A layer of a known type is checked against its own fields, so that an unknown field's error
  // lists (and suggests) only fields the layer can have.
  const given: unknown = isPlainRecord(layer) ? layer.type : undefined;
  const ownFields = typeof given === 'string' && Object.hasOwn(LAYER_FIELDS, given) ? LAYER_FIELDS[given as LayerSpec['type']] : undefined;
  const record = checkKnownFields(
    { op: ownFields === undefined ? op : (given as string), clause: 'shape.layers' },
    'layer',
    layer,
    ownFields ?? [...new Set(Object.values(LAYER_FIELDS).flat())],
  );
  const type = checkEnum({ op, clause: 'shape.layers' }, 'layer.type', record.type, LAYER_TYPES);
  const ctx = { op: type, clause: 'shape.layers' };
  if (record.name !== undefined && typeof record.name !== 'string') {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      op: type,
      clause: 'shape.layers',
      parameter: 'name',
      value: record.name,
      rule: 'be a string',
    });
  }
  checkKnownFields({ op: type, clause: 'shape.layers' }, 'context', context, ['layout', 'convention']);
  if (limits !== undefined) checkLimits(type, limits);
  const convention = resolveConvention(context.convention, type);
  const layout: Layout = checkEnum(
    { op: type, clause: 'layout.channels-first' },
    'layout',
    orDefault<unknown>(context.layout, convention.layout),
    LAYOUTS,
  );
  const shape = checkShape(type, 'input.shape', inputShape, { min: 1, max: Infinity });
  const common = { layout, convention: orDefault(context.convention, 'cnnspec') };
  const bias =
    layer.type === 'conv' || layer.type === 'depthwise-conv' || layer.type === 'separable-conv' || layer.type === 'dense'
      ? checkBoolean(ctx, 'bias', orDefault<unknown>(layer.bias, true))
      : false;
  const b = bias ? 1 : 0;

  switch (layer.type) {
    case 'conv':
    case 'depthwise-conv':
    case 'separable-conv': {
      const dims = shape.length >= 3 ? splitActivationShape(shape, layout) : undefined;
      if (dims === undefined) {
        throw new CnnSpecError({
          code: 'E_SHAPE_INVALID',
          op: type,
          clause: 'conv.shapes',
          parameter: 'input.shape',
          value: shape,
          rule: 'have rank 3 to 5: batch, channels and 1 to 3 spatial axes',
        });
      }
      const kernel = checkPerAxis({ op: type, clause: 'conv.shapes' }, 'kernel', layer.kernel, dims.spatial.length, 1);
      const K = elementCount(kernel);
      const cin = dims.channels;
      const kernelLayout = defaultKernelLayout(layout);
      const window = { strides: layer.strides, dilations: layer.dilations, padding: layer.padding };
      if (layer.type === 'conv') {
        const cout = checkInteger({ op: type, clause: 'conv.shapes' }, 'filters', layer.filters, 1);
        const groups = checkInteger({ op: type, clause: 'conv.groups' }, 'groups', orDefault<unknown>(layer.groups, 1), 1);
        // A group count that does not divide the channels is reported by planConv, which states the rule.
        const inPerGroup = Math.max(1, Math.floor(cin / groups));
        const weightShape = joinKernelShape({ outChannels: cout, inChannelsPerGroup: inPerGroup, kernel }, kernelLayout);
        const plan = planConv({ ...window, groups, fill: layer.fill, ...common }, shape, weightShape, bias ? [cout] : undefined, limits);
        return {
          layer,
          inputShape: [...shape],
          outputShape: plan.outputShape,
          weightShapes: [{ name: 'weight', shape: weightShape }, ...(bias ? [{ name: 'bias', shape: [cout] }] : [])],
          params: countOf('params.conv', { K, cin, g: groups, cout, bias: b }),
          spatial: { kind: 'window', window: plan.window },
        };
      }
      const dm = checkInteger({ op: type, clause: 'conv.depthwise' }, 'depthMultiplier', orDefault<unknown>(layer.depthMultiplier, 1), 1);
      const depthwiseShape = joinKernelShape({ outChannels: cin * dm, inChannelsPerGroup: 1, kernel }, kernelLayout);
      if (layer.type === 'depthwise-conv') {
        const plan = planConv(
          { ...window, groups: cin, fill: layer.fill, ...common },
          shape,
          depthwiseShape,
          bias ? [cin * dm] : undefined,
          limits,
        );
        return {
          layer,
          inputShape: [...shape],
          outputShape: plan.outputShape,
          weightShapes: [{ name: 'depthwise', shape: depthwiseShape }, ...(bias ? [{ name: 'bias', shape: [cin * dm] }] : [])],
          params: countOf('params.depthwise', { K, cin, dm, bias: b }),
          spatial: { kind: 'window', window: plan.window },
        };
      }
      const f = checkInteger({ op: type, clause: 'params.separable' }, 'filters', layer.filters, 1);
      const depthwise = planConv({ ...window, groups: cin, ...common }, shape, depthwiseShape, undefined, limits);
      const pointwiseShape = joinKernelShape({ outChannels: f, inChannelsPerGroup: cin * dm, kernel: kernel.map(() => 1) }, kernelLayout);
      const pointwise = planConv({ ...common }, depthwise.outputShape, pointwiseShape, bias ? [f] : undefined, limits);
      return {
        layer,
        inputShape: [...shape],
        outputShape: pointwise.outputShape,
        weightShapes: [
          { name: 'depthwise', shape: depthwiseShape },
          { name: 'pointwise', shape: pointwiseShape },
          ...(bias ? [{ name: 'bias', shape: [f] }] : []),
        ],
        params: countOf('params.separable', { K, cin, dm, f, bias: b }),
        spatial: { kind: 'window', window: depthwise.window },
      };
    }
    case 'max-pool':
    case 'avg-pool': {
      const plan = planPool(
        {
          kind: layer.type === 'max-pool' ? 'max' : 'avg',
          kernel: layer.kernel,
          strides: layer.strides,
          dilations: layer.dilations,
          padding: layer.padding,
          ceilMode: layer.ceilMode,
          countIncludePad: layer.type === 'avg-pool' ? layer.countIncludePad : undefined,
          ...common,
        },
        shape,
        limits,
      );
      return {
        layer,
        inputShape: [...shape],
        outputShape: plan.outputShape,
        weightShapes: [],
        params: { total: 0, weights: 0, biases: 0 },
        spatial: { kind: 'window', window: plan.window },
      };
    }
    case 'global-max-pool':
    case 'global-avg-pool': {
      const plan = planGlobalPool(
        { kind: layer.type === 'global-max-pool' ? 'max' : 'avg', keepDims: layer.keepDims, ...common },
        shape,
        limits,
      );
      return {
        layer,
        inputShape: [...shape],
        outputShape: plan.outputShape,
        weightShapes: [],
        params: { total: 0, weights: 0, biases: 0 },
        spatial: { kind: 'global', keepsAxes: plan.keepDims },
      };
    }
    case 'flatten': {
      if (shape.length < 2) {
        throw new CnnSpecError({
          code: 'E_SHAPE_INVALID',
          op: type,
          clause: 'shape.layers',
          parameter: 'input.shape',
          value: shape,
          rule: 'have a batch axis and at least one more axis',
        });
      }
      const features = elementCount(shape.slice(1));
      // spec: error.limits — the flattened axis is a size like any other
      if (features > MAX_DIMENSION) {
        throw new CnnSpecError({
          code: 'E_TOO_LARGE',
          op: type,
          clause: 'error.limits',
          parameter: 'input.shape',
          value: shape,
          rule: `flatten to at most ${MAX_DIMENSION} values per example (it holds ${features})`,
        });
      }
      return {
        layer,
        inputShape: [...shape],
        outputShape: [shape[0]!, features],
        weightShapes: [],
        params: { total: 0, weights: 0, biases: 0 },
        spatial: { kind: 'global', keepsAxes: false },
      };
    }
    case 'dense': {
      const units = checkInteger({ op: type, clause: 'dense.definition' }, 'units', layer.units, 1);
      const nin = shape[shape.length - 1]!;
      const weightLayout = convention.denseWeightLayout;
      const weightShape = weightLayout === 'in-out' ? [nin, units] : [units, nin];
      const plan = planDense({ weightLayout, convention: common.convention }, shape, weightShape, bias ? [units] : undefined, limits);
      const actsOnSpatialAxis = shape.length >= 3 && layout === 'channels-first';
      return {
        layer,
        inputShape: [...shape],
        outputShape: plan.outputShape,
        weightShapes: [{ name: 'weight', shape: weightShape }, ...(bias ? [{ name: 'bias', shape: [units] }] : [])],
        params: countOf('params.dense', { nin, nout: units, bias: b }),
        spatial: actsOnSpatialAxis ? { kind: 'last-axis' } : { kind: 'none' },
      };
    }
  }
}
