/**
 * Deliberately broken implementations: the reference with one known bug each, of the kinds real
 * frameworks have shipped. The suite must reject every one with a property that cites the
 * clause the bug breaks. Two controls are correct but compute differently (float32
 * accumulation, average by reciprocal) and must pass.
 */
import { AdapterFault, type Adapter, type ConvRequest, type PoolRequest } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { advanceIndex } from '../../src/tensor/advanceIndex.js';
import { conv } from '../../src/ops/conv/conv.js';
import { fillCoordinate, NO_SOURCE } from '../../src/ops/window/fillCoordinate.js';
import { activationStrides, kernelStrides, splitActivationShape } from '../../src/tensor/layout.js';
import { planConv } from '../../src/ops/conv/planConv.js';
import { planPool } from '../../src/ops/pool/planPool.js';
import { pool } from '../../src/ops/pool/pool.js';
import { makeTensor, rowMajorStrides, type Tensor } from '../../src/tensor/tensor.js';
import { concat, mapTensor, slice } from '../../properties/support/tensorOps.js';
import { sliceAxis, spatialAxes, kernelSpatialAxes, channelAxis } from '../../properties/support/layoutOps.js';

export interface Mutant {
  name: string;
  /** What is wrong, in the words of the bug report it imitates. */
  bug: string;
  /** Clauses of which at least one must be cited by a failing property; empty for a control. */
  expectClauses: string[];
  adapter: Adapter;
}

const base = referenceAdapter('cnnspec');

function mutant(name: string, bug: string, expectClauses: string[], overrides: Partial<Adapter>): Mutant {
  return { name, bug, expectClauses, adapter: { ...base, name, ...overrides } };
}

/** Flips a kernel along its spatial axes (true convolution instead of cross-correlation). */
export function flipKernel(request: ConvRequest): Tensor {
  const w = request.weight;
  const axes = kernelSpatialAxes(request.params.kernelLayout ?? 'out-in-spatial', w.shape.length);
  const flipped = makeTensor(w.shape);
  const strides = rowMajorStrides(w.shape);
  const index = new Array<number>(w.shape.length).fill(0);
  let flat = 0;
  do {
    let target = 0;
    index.forEach((i, a) => (target += (axes.includes(a) ? w.shape[a]! - 1 - i : i) * strides[a]!));
    flipped.data[target] = w.data[flat++]!;
  } while (advanceIndex(index, w.shape));
  return flipped;
}

/** Reference convolution with float32 accumulation (Math.fround after every addition). */
function float32Conv({ input, weight, bias, params }: ConvRequest): Tensor {
  const plan = planConv(params, input.shape, weight.shape, bias?.shape);
  const { window } = plan;
  const x = activationStrides(plan.inputShape, plan.layout);
  const w = kernelStrides(plan.weightShape, plan.kernelLayout);
  const y = activationStrides(plan.outputShape, plan.layout);
  const output = makeTensor(plan.outputShape);
  const o = new Int32Array(window.rank);
  const t = new Int32Array(window.rank);
  for (let n = 0; n < plan.batch; n++)
    for (let co = 0; co < plan.outChannels; co++) {
      const group = Math.floor(co / plan.outChannelsPerGroup);
      do {
        // Bias first, then channels in reverse: another order, another rounding.
        let acc = Math.fround(bias === undefined ? 0 : bias.data[co]!);
        for (let c = plan.inChannelsPerGroup - 1; c >= 0; c--) {
          const ci = group * plan.inChannelsPerGroup + c;
          do {
            let xo = n * x.batch + ci * x.channel;
            let wo = co * w.out + c * w.in;
            let reads = true;
            for (let a = 0; a < window.rank; a++) {
              const i = fillCoordinate(
                o[a]! * window.strides[a]! - window.padBegin[a]! + t[a]! * window.dilations[a]!,
                window.input[a]!,
                window.padBegin[a]!,
                window.padEnd[a]!,
                plan.fill,
              );
              if (i === NO_SOURCE) reads = false;
              else xo += i * x.spatial[a]!;
              wo += t[a]! * w.spatial[a]!;
            }
            if (reads) acc = Math.fround(acc + Math.fround(input.data[xo]! * weight.data[wo]!));
          } while (advanceIndex(t, window.kernel));
        }
        let yo = n * y.batch + co * y.channel;
        for (let a = 0; a < window.rank; a++) yo += o[a]! * y.spatial[a]!;
        output.data[yo] = acc;
      } while (advanceIndex(o, window.output));
    }
  return output;
}

/** Max pooling whose taps start at max(0, window start) (TF.js CPU dilated pooling). */
function clippedStartMaxPool({ input, params }: PoolRequest): Tensor {
  const plan = planPool(params, input.shape);
  if (params.kind !== 'max') return pool(input, params);
  const { window } = plan;
  const x = activationStrides(plan.inputShape, plan.layout);
  const y = activationStrides(plan.outputShape, plan.layout);
  const output = makeTensor(plan.outputShape);
  const o = new Int32Array(window.rank);
  const t = new Int32Array(window.rank);
  for (let n = 0; n < plan.batch; n++)
    for (let c = 0; c < plan.channels; c++)
      do {
        let best = -Infinity;
        let nan = false;
        do {
          let offset = n * x.batch + c * x.channel;
          let inside = true;
          for (let a = 0; a < window.rank; a++) {
            const corner = o[a]! * window.strides[a]! - window.padBegin[a]!;
            const i = Math.max(0, corner) + t[a]! * window.dilations[a]!;
            if (i >= window.input[a]! || i >= corner + window.effectiveKernel[a]!) inside = false;
            offset += i * x.spatial[a]!;
          }
          if (!inside) continue;
          const v = input.data[offset]!;
          if (Number.isNaN(v)) nan = true;
          else if (v > best) best = v;
        } while (advanceIndex(t, window.kernel));
        let yo = n * y.batch + c * y.channel;
        for (let a = 0; a < window.rank; a++) yo += o[a]! * y.spatial[a]!;
        output.data[yo] = nan ? NaN : best;
      } while (advanceIndex(o, window.output));
  return output;
}

/** Average pooling as many kernels do it: float32 sum times a float32 reciprocal of the divisor. */
function reciprocalAveragePool({ input, params }: PoolRequest): Tensor {
  const plan = planPool(params, input.shape);
  if (params.kind !== 'avg') return pool(input, params);
  const { window } = plan;
  const x = activationStrides(plan.inputShape, plan.layout);
  const y = activationStrides(plan.outputShape, plan.layout);
  const output = makeTensor(plan.outputShape);
  const o = new Int32Array(window.rank);
  const t = new Int32Array(window.rank);
  for (let n = 0; n < plan.batch; n++)
    for (let c = 0; c < plan.channels; c++)
      do {
        let sum = 0;
        let inputs = 0;
        let extent = 0;
        do {
          let offset = n * x.batch + c * x.channel;
          let inside = true;
          let inExtent = true;
          for (let a = 0; a < window.rank; a++) {
            const i = o[a]! * window.strides[a]! - window.padBegin[a]! + t[a]! * window.dilations[a]!;
            if (i < 0 || i >= window.input[a]!) inside = false;
            if (i < -window.padBegin[a]! || i >= window.input[a]! + window.padEnd[a]!) inExtent = false;
            offset += i * x.spatial[a]!;
          }
          if (inExtent) extent += 1;
          if (inside) {
            sum = Math.fround(sum + input.data[offset]!);
            inputs += 1;
          }
        } while (advanceIndex(t, window.kernel));
        const divisor = plan.countIncludePad ? extent : inputs;
        let yo = n * y.batch + c * y.channel;
        for (let a = 0; a < window.rank; a++) yo += o[a]! * y.spatial[a]!;
        output.data[yo] = divisor === 0 ? NaN : Math.fround(sum * Math.fround(1 / divisor));
      } while (advanceIndex(o, window.output));
  return output;
}

/**
 * Same convolution with the total pad of every axis left unclamped, the begin pad chosen by
 * `beginPad` from it and the end pad the rest: negative pads crop the input.
 */
async function unclampedSameConv(r: ConvRequest, beginPad: (total: number, mode: 'same-upper' | 'same-lower') => number): Promise<Tensor> {
  const mode = r.params.padding;
  if (mode !== 'same-upper' && mode !== 'same-lower') return conv(r.input, r.weight, r.bias, r.params);
  // The geometry by hand: planning with valid pads would refuse a window longer than the input.
  const layout = r.params.layout ?? 'channels-first';
  const axes = spatialAxes(layout, r.input.shape.length);
  const kernel = kernelSpatialAxes(
    r.params.kernelLayout ?? (layout === 'channels-first' ? 'out-in-spatial' : 'spatial-in-out'),
    r.weight.shape.length,
  ).map((axis) => r.weight.shape[axis]!);
  let input = r.input;
  const begin: number[] = [];
  const end: number[] = [];
  axes
    .map((axis) => r.input.shape[axis]!)
    .forEach((n, a) => {
      const s = (r.params.strides as number[] | undefined)?.[a] ?? 1;
      const d = (r.params.dilations as number[] | undefined)?.[a] ?? 1;
      const out = Math.ceil(n / s);
      const total = (out - 1) * s + d * (kernel[a]! - 1) + 1 - n; // no max(0, ·)
      const b = beginPad(total, mode);
      const e = total - b;
      const cropBegin = Math.max(0, -b);
      const cropEnd = Math.max(0, -e);
      input = sliceAxis(input, axes[a]!, cropBegin, input.shape[axes[a]!]! - cropBegin - cropEnd);
      begin.push(Math.max(0, b));
      end.push(Math.max(0, e));
    });
  return conv(input, r.weight, r.bias, { ...r.params, padding: { begin, end } });
}

export const MUTANTS: Mutant[] = [
  mutant('same-upper-as-lower', 'same-upper puts the odd pixel at the beginning', ['padding.same-upper'], {
    conv: async (r) =>
      conv(r.input, r.weight, r.bias, { ...r.params, padding: r.params.padding === 'same-upper' ? 'same-lower' : r.params.padding }),
  }),
  mutant('flipped-kernel', 'computes true convolution: the kernel is flipped', ['conv.no-flip'], {
    conv: async (r) => conv(r.input, flipKernel(r), r.bias, r.params),
  }),
  mutant('group-offset-ignored', 'every group reads the channels of the first group', ['conv.groups', 'conv.depthwise'], {
    conv: async (r) => {
      const groups = r.params.groups ?? 1;
      if (groups === 1) return conv(r.input, r.weight, r.bias, r.params);
      const axis = channelAxis(r.params.layout ?? 'channels-first', r.input.shape.length);
      const perGroup = r.input.shape[axis]! / groups;
      const first = sliceAxis(r.input, axis, 0, perGroup);
      const repeated = concat(new Array<Tensor>(groups).fill(first), axis);
      return conv(repeated, r.weight, r.bias, r.params);
    },
  }),
  mutant('no-last-window-rule', 'ceil mode keeps a last window that starts in the end padding', ['pool.ceil-mode.last-window'], {
    pool: async (r) => pool(r.input, { ...r.params, convention: { base: 'cnnspec', overrides: { lastWindowRule: 'never' } } }),
  }),
  mutant(
    'padding-counted-in-average',
    'average pooling divides by the window size, padding included',
    ['pool.avg', 'pool.padding', 'pool.avg.count-include-pad'],
    {
      pool: async (r) => pool(r.input, r.params.kind === 'avg' ? { ...r.params, countIncludePad: true } : r.params),
    },
  ),
  mutant('max-pool-drops-nan', 'max pooling skips NaN (comparison from -Infinity)', ['pool.max.nan'], {
    pool: async (r) => pool(r.input, { ...r.params, convention: { base: 'cnnspec', overrides: { maxPoolNan: 'ignore' } } }),
  }),
  mutant(
    'dilated-taps-clipped-at-border',
    'dilated max-pool taps start at max(0, window start), misaligned in the padding',
    ['pool.window', 'pool.max', 'shape.window'],
    {
      pool: async (r) => clippedStartMaxPool(r),
    },
  ),
  mutant(
    'same-not-clamped',
    'same padding is not clamped at 0 when the stride exceeds the kernel',
    ['padding.same.total', 'padding.same-upper', 'padding.same-lower'],
    {
      conv: async (r) =>
        unclampedSameConv(r, (total, mode) => {
          const small = Math.floor(total / 2);
          return mode === 'same-upper' ? small : total - small;
        }),
    },
  ),
  mutant(
    'same-shift-as-onnxruntime',
    "same pads halved from the unclamped total plus 1 towards zero, as ONNX Runtime's Conv measures (defect.onnxruntime-same-conv)",
    ['padding.same.total', 'padding.same-upper', 'padding.same-lower'],
    {
      conv: async (r) =>
        unclampedSameConv(r, (total, mode) =>
          total >= 0
            ? mode === 'same-upper'
              ? Math.floor(total / 2)
              : total - Math.floor(total / 2)
            : Math.trunc((total + (mode === 'same-upper' ? 1 : 2)) / 2),
        ),
    },
  ),
  mutant(
    'output-size-off-by-one',
    'drops the last output position along the first spatial axis',
    ['shape.output-size.floor', 'conv.shapes'],
    {
      conv: async (r) => {
        const y = conv(r.input, r.weight, r.bias, r.params);
        const axis = spatialAxes(r.params.layout ?? 'channels-first', y.shape.length)[0]!;
        return y.shape[axis]! > 1 ? sliceAxis(y, axis, 0, y.shape[axis]! - 1) : y;
      },
    },
  ),
  mutant(
    'width-from-height',
    'with explicit pads, every axis takes its kernel and stride from the first axis (TF.js #649)',
    ['conv.per-axis', 'shape.output-size.floor'],
    {
      conv: async (r) => {
        const y = conv(r.input, r.weight, r.bias, r.params);
        if (typeof r.params.padding !== 'object') return y;
        const plan = planConv(r.params, r.input.shape, r.weight.shape, r.bias?.shape);
        const w = plan.window;
        const wrong = w.input.map((n, a) =>
          Math.max(1, Math.floor((n + w.padBegin[a]! + w.padEnd[a]! - w.effectiveKernel[0]!) / w.strides[0]!) + 1),
        );
        const axes = spatialAxes(plan.layout, y.shape.length);
        const shape = [...y.shape];
        axes.forEach((axis, a) => (shape[axis] = wrong[a]!));
        const resized = makeTensor(shape);
        const common = shape.map((size, axis) => Math.min(size, y.shape[axis]!));
        const part = slice(
          y,
          common.map(() => 0),
          common,
        );
        const target = rowMajorStrides(shape);
        const index = new Array<number>(common.length).fill(0);
        let flat = 0;
        if (part.data.length > 0) {
          do resized.data[index.reduce((sum, i, a) => sum + i * target[a]!, 0)] = part.data[flat++]!;
          while (advanceIndex(index, common));
        }
        return resized;
      },
    },
  ),
  mutant(
    'square-dense-weights-transposed',
    'a square dense weight is read in the other layout',
    ['dense.weight-layout', 'dense.definition'],
    {
      dense: async (r) => {
        const square = r.weight.shape[0] === r.weight.shape[1];
        const layout = r.params.weightLayout ?? 'in-out';
        return base.dense!({ ...r, params: { ...r.params, weightLayout: square ? (layout === 'in-out' ? 'out-in' : 'in-out') : layout } });
      },
    },
  ),
  mutant('bias-by-position', 'the bias is indexed by flat position instead of channel', ['conv.bias'], {
    conv: async (r) => {
      const y = conv(r.input, r.weight, undefined, r.params);
      if (r.bias === undefined) return y;
      return mapTensor(y, (v, i) => v + r.bias!.data[i % r.bias!.data.length]!);
    },
  }),
  mutant('pad-loses-negative-zero', 'pad writes +0 where the input holds -0', ['numerics.signed-zero'], {
    pad: async (r) => mapTensor(await base.pad!(r), (v) => (Object.is(v, -0) ? 0 : v)),
  }),
  mutant('global-average-wrong-count', 'global average pooling divides by the size of the first spatial axis only', ['pool.global'], {
    globalPool: async (r) => {
      const y = await base.globalPool!(r);
      if (r.params.kind !== 'avg') return y;
      const spatial = splitActivationShape(r.input.shape, r.params.layout ?? 'channels-first').spatial;
      const volume = spatial.reduce((p, s) => p * s, 1);
      return mapTensor(y, (v) => (v * volume) / spatial[0]!);
    },
  }),
  mutant(
    'answers-invalid-configurations',
    'returns an empty tensor instead of an error when the window does not fit',
    ['shape.output-size.positive', 'error.typed'],
    {
      conv: async (r) => {
        try {
          return conv(r.input, r.weight, r.bias, r.params);
        } catch {
          return makeTensor([r.input.shape[0]!, 0]);
        }
      },
    },
  ),
  mutant(
    'faults-on-invalid-configurations',
    'hangs (the call times out) instead of rejecting a window that does not fit',
    ['error.typed'],
    {
      conv: async (r) => {
        try {
          return conv(r.input, r.weight, r.bias, r.params);
        } catch {
          throw new AdapterFault('adapter conv did not settle within 30000 ms');
        }
      },
    },
  ),
  mutant(
    'pool-stride-defaults-to-one',
    'an omitted pooling stride is 1, not the window size',
    ['divergence.pool-default-stride', 'pool.default-stride'],
    {
      pool: async (r) => pool(r.input, r.params.strides === undefined ? { ...r.params, strides: 1 } : r.params),
    },
  ),
  mutant(
    'empty-average-is-zero',
    'an average over a window with no input is 0, as TF.js WebGL divides by max(count, 1)',
    ['pool.empty-window', 'divergence.empty-window'],
    {
      pool: async (r) => pool(r.input, { ...r.params, convention: { base: 'cnnspec', overrides: { avgPoolEmpty: 'zero' } } }),
    },
  ),
  mutant('float32-accumulation', 'control: accumulates in float32 in another order (correct within tolerance)', [], {
    conv: async (r) => float32Conv(r),
  }),
  mutant(
    'average-by-reciprocal',
    'control: average pooling sums in float32 and multiplies by a float32 1/count (correct within tolerance)',
    [],
    {
      pool: async (r) => reciprocalAveragePool(r),
    },
  ),
];
