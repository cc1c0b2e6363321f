/**
 * An exact evaluator of the spec, independent of src/: output sizes by counting windows (not by
 * the formulas), same padding by searching for the least padding, padding materialised by the
 * fill rules, sums in BigInt over exact dyadic inputs, quotients rounded by rationalToFloat32.
 * The fixture generator uses it, so that generated fixtures check the reference instead of
 * repeating it.
 *
 * Inputs of conv, dense and average pooling must be finite multiples of 1/8; max pooling and pad
 * take any float32 (they select and copy, without arithmetic).
 */
import type { Convention } from '../../src/spec/conventions.js';
import { rationalToFloat32 } from './rationalToFloat32.js';

export type Layout = 'channels-first' | 'channels-last';
export type Padding = 'valid' | 'same-upper' | 'same-lower' | { begin: number[]; end: number[] };
export type Fill = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** A tensor in logical channels-first order: [N][C][spatial...] flattened row-major. */
interface Grid {
  batch: number;
  channels: number;
  spatial: number[];
  values: number[];
}

const product = (sizes: readonly number[]): number => sizes.reduce((p, s) => p * s, 1);

/** Every multi-index of a shape, last axis fastest. */
function* indices(shape: readonly number[]): Generator<number[]> {
  if (shape.some((size) => size === 0)) return;
  const index = shape.map(() => 0);
  for (;;) {
    yield [...index];
    let axis = shape.length - 1;
    while (axis >= 0) {
      index[axis]! += 1;
      if (index[axis]! < shape[axis]!) break;
      index[axis] = 0;
      axis -= 1;
    }
    if (axis < 0) return;
  }
}

const flat = (index: readonly number[], shape: readonly number[]): number => index.reduce((offset, i, a) => offset * shape[a]! + i, 0);

/** Reads an activation tensor of either layout into channels-first logical order. */
export function toGrid(shape: readonly number[], data: readonly number[], layout: Layout): Grid {
  const batch = shape[0]!;
  const channels = layout === 'channels-first' ? shape[1]! : shape[shape.length - 1]!;
  const spatial = layout === 'channels-first' ? shape.slice(2) : shape.slice(1, -1);
  const values: number[] = [];
  for (let n = 0; n < batch; n++)
    for (let c = 0; c < channels; c++)
      for (const p of indices(spatial)) {
        const index = layout === 'channels-first' ? [n, c, ...p] : [n, ...p, c];
        values.push(data[flat(index, shape)]!);
      }
  return { batch, channels, spatial: [...spatial], values };
}

/** Writes a channels-first logical grid out in a layout; returns shape and data. */
export function fromGrid(grid: Grid, layout: Layout): { shape: number[]; data: number[] } {
  const shape = layout === 'channels-first' ? [grid.batch, grid.channels, ...grid.spatial] : [grid.batch, ...grid.spatial, grid.channels];
  const data = new Array<number>(product(shape)).fill(0);
  let k = 0;
  for (let n = 0; n < grid.batch; n++)
    for (let c = 0; c < grid.channels; c++)
      for (const p of indices(grid.spatial)) {
        const index = layout === 'channels-first' ? [n, c, ...p] : [n, ...p, c];
        data[flat(index, shape)] = grid.values[k++]!;
      }
  return { shape, data };
}

const at = (grid: Grid, n: number, c: number, p: readonly number[]): number =>
  grid.values[(n * grid.channels + c) * product(grid.spatial) + flat(p, grid.spatial)]!;

/** The exact value of a multiple of 1/8, as a BigInt numerator over 8. */
function eighths(value: number): bigint {
  const scaled = value * 8;
  if (!Number.isInteger(scaled)) throw new Error(`exact evaluator: ${value} is not a multiple of 1/8`);
  return BigInt(scaled);
}

export interface AxisWindow {
  padBegin: number;
  padEnd: number;
  output: number;
}

/** Windows along one axis, counted from the definitions of shape.output-size.* and padding.same.*. */
export function axisWindows(
  n: number,
  k: number,
  s: number,
  d: number,
  padding: 'valid' | 'same-upper' | 'same-lower' | [number, number],
  ceilMode: boolean,
  convention: Convention,
  anyAxisPadded: boolean,
): AxisWindow | undefined {
  const span = d * (k - 1) + 1;
  const fits = (pb: number, pe: number): number => {
    let count = 0;
    while (count * s + span <= n + pb + pe) count += 1;
    return count;
  };
  if (padding === 'same-upper' || padding === 'same-lower') {
    const wanted = Math.ceil(n / s);
    let total = 0;
    while (fits(Math.floor(total / 2), total - Math.floor(total / 2)) < wanted) total += 1;
    const small = Math.floor(total / 2);
    return padding === 'same-upper'
      ? { padBegin: small, padEnd: total - small, output: wanted }
      : { padBegin: total - small, padEnd: small, output: wanted };
  }
  const [pb, pe] = padding === 'valid' ? [0, 0] : padding;
  if (ceilMode) {
    let count = 0;
    while (count * s < n + pb + pe - span + s) count += 1;
    const rule = convention.lastWindowRule === 'always' || (convention.lastWindowRule === 'when-padded' && anyAxisPadded);
    while (rule && count > 0 && (count - 1) * s - pb >= n) count -= 1;
    return count >= 1 ? { padBegin: pb, padEnd: pe, output: count } : undefined;
  }
  if (convention.rounding === 'exact' && (n + pb + pe - span) % s !== 0) return undefined;
  const count = fits(pb, pe);
  if (count > 0) return { padBegin: pb, padEnd: pe, output: count };
  // No window fits. The size is 0 when the quotient plus one rounds to 0: floor for
  // -s <= missing < 0, truncation toward zero (TF.js explicit pads) for -2s < missing < 0.
  const missing = n + pb + pe - span;
  const zero = convention.rounding === 'trunc' && padding !== 'valid' ? missing > -2 * s : missing >= -s;
  return convention.zeroSizedOutput === 'allowed' && zero ? { padBegin: pb, padEnd: pe, output: 0 } : undefined;
}

function windowsOf(
  spatial: readonly number[],
  kernel: readonly number[],
  strides: readonly number[],
  dilations: readonly number[],
  padding: Padding,
  ceilMode: boolean,
  convention: Convention,
): AxisWindow[] | undefined {
  const anyPadded = typeof padding === 'object' && [...padding.begin, ...padding.end].some((p) => p > 0);
  const result: AxisWindow[] = [];
  for (let a = 0; a < spatial.length; a++) {
    const mode = typeof padding === 'object' ? ([padding.begin[a]!, padding.end[a]!] as [number, number]) : padding;
    const w = axisWindows(spatial[a]!, kernel[a]!, strides[a]!, dilations[a]!, mode, ceilMode, convention, anyPadded);
    if (w === undefined) return undefined;
    result.push(w);
  }
  return result;
}

/** Where a padded coordinate reads from under a fill (padding.fill.*), or undefined for nothing. */
function source(i: number, n: number, w: AxisWindow, fill: Fill): number | undefined {
  if (i >= 0 && i < n) return i;
  if (i < -w.padBegin || i >= n + w.padEnd) return undefined; // beyond the declared padding
  if (fill === 'zeros') return undefined;
  if (fill === 'replicate') return i < 0 ? 0 : n - 1;
  if (fill === 'circular') return ((i % n) + n) % n;
  // reflect: mirror about the edge elements
  return i < 0 ? -i : 2 * (n - 1) - i;
}

export interface ConvCall {
  input: { shape: number[]; data: number[] };
  weight: { shape: number[]; data: number[] };
  bias?: number[];
  strides: number[];
  dilations: number[];
  padding: Padding;
  fill: Fill;
  groups: number;
  layout: Layout;
}

/** Exact convolution (spec: conv.definition), or undefined when the windows do not fit. */
export function exactConv(call: ConvCall, convention: Convention): { shape: number[]; data: number[]; windows: AxisWindow[] } | undefined {
  const x = toGrid(call.input.shape, call.input.data, call.layout);
  // Weights in out-in-spatial order for channels-first data, spatial-in-out for channels-last.
  const kernel = call.layout === 'channels-first' ? call.weight.shape.slice(2) : call.weight.shape.slice(0, -2);
  const outChannels = call.layout === 'channels-first' ? call.weight.shape[0]! : call.weight.shape[call.weight.shape.length - 1]!;
  const inPerGroup = x.channels / call.groups;
  const outPerGroup = outChannels / call.groups;
  const weightAt = (co: number, ci: number, t: readonly number[]): number =>
    call.layout === 'channels-first'
      ? call.weight.data[flat([co, ci, ...t], call.weight.shape)]!
      : call.weight.data[flat([...t, ci, co], call.weight.shape)]!;
  const windows = windowsOf(x.spatial, kernel, call.strides, call.dilations, call.padding, false, convention);
  if (windows === undefined) return undefined;
  const out: Grid = { batch: x.batch, channels: outChannels, spatial: windows.map((w) => w.output), values: [] };
  for (let n = 0; n < x.batch; n++)
    for (let co = 0; co < outChannels; co++) {
      const group = Math.floor(co / outPerGroup);
      for (const o of indices(out.spatial)) {
        let sum = call.bias === undefined ? 0n : eighths(call.bias[co]!) * 8n; // in 64ths
        for (let c = 0; c < inPerGroup; c++)
          for (const t of indices(kernel)) {
            const p: number[] = [];
            for (let a = 0; a < t.length; a++) {
              const i = source(
                o[a]! * call.strides[a]! - windows[a]!.padBegin + t[a]! * call.dilations[a]!,
                x.spatial[a]!,
                windows[a]!,
                call.fill,
              );
              if (i === undefined) break;
              p.push(i);
            }
            if (p.length === t.length) sum += eighths(at(x, n, group * inPerGroup + c, p)) * eighths(weightAt(co, c, t));
          }
        out.values.push(rationalToFloat32(sum, 64n));
      }
    }
  return { ...fromGrid(out, call.layout), windows };
}

export interface PoolCall {
  input: { shape: number[]; data: number[] };
  kind: 'max' | 'avg';
  kernel: number[];
  strides: number[];
  dilations: number[];
  padding: Padding;
  ceilMode: boolean;
  countIncludePad: boolean;
  layout: Layout;
}

/** Exact pooling (spec: pool.max, pool.avg, pool.empty-window), or undefined when the windows do not fit. */
export function exactPool(call: PoolCall, convention: Convention): { shape: number[]; data: number[]; windows: AxisWindow[] } | undefined {
  const x = toGrid(call.input.shape, call.input.data, call.layout);
  const windows = windowsOf(x.spatial, call.kernel, call.strides, call.dilations, call.padding, call.ceilMode, convention);
  if (windows === undefined) return undefined;
  const out: Grid = { batch: x.batch, channels: x.channels, spatial: windows.map((w) => w.output), values: [] };
  const emptyMax = convention.maxPoolEmpty === '-infinity' ? -Infinity : -3.4028234663852886e38;
  for (let n = 0; n < x.batch; n++)
    for (let c = 0; c < x.channels; c++)
      for (const o of indices(out.spatial)) {
        const values: number[] = [];
        let inExtent = 0;
        for (const t of indices(call.kernel)) {
          const coordinates = t.map((tap, a) => o[a]! * call.strides[a]! - windows[a]!.padBegin + tap * call.dilations[a]!);
          if (coordinates.every((i, a) => i >= -windows[a]!.padBegin && i < x.spatial[a]! + windows[a]!.padEnd)) inExtent += 1;
          if (coordinates.every((i, a) => i >= 0 && i < x.spatial[a]!)) values.push(at(x, n, c, coordinates));
        }
        if (call.kind === 'max') {
          const finite = values.filter((v) => !Number.isNaN(v));
          const hasNaN = finite.length < values.length;
          if (hasNaN && convention.maxPoolNan !== 'ignore') out.values.push(NaN);
          else out.values.push(finite.reduce((best, v) => (v > best ? v : best), emptyMax));
        } else {
          const divisor = call.countIncludePad ? inExtent : values.length;
          if (divisor === 0) out.values.push(convention.avgPoolEmpty === 'nan' ? NaN : 0);
          else
            out.values.push(
              rationalToFloat32(
                values.reduce((sum, v) => sum + eighths(v), 0n),
                8n * BigInt(divisor),
              ),
            );
        }
      }
  return { ...fromGrid(out, call.layout), windows };
}

/** Exact global pooling: the whole spatial input as one window. */
export function exactGlobalPool(
  input: { shape: number[]; data: number[] },
  kind: 'max' | 'avg',
  keepDims: boolean,
  layout: Layout,
  convention: Convention,
): { shape: number[]; data: number[] } {
  const x = toGrid(input.shape, input.data, layout);
  const volume = product(x.spatial);
  const start = convention.maxPoolEmpty === '-infinity' ? -Infinity : -3.4028234663852886e38;
  const data: number[] = [];
  for (let n = 0; n < x.batch; n++)
    for (let c = 0; c < x.channels; c++) {
      const values = x.values.slice((n * x.channels + c) * volume, (n * x.channels + c + 1) * volume);
      if (kind === 'avg')
        data.push(
          rationalToFloat32(
            values.reduce((sum, v) => sum + eighths(v), 0n),
            8n * BigInt(volume),
          ),
        );
      else if (values.some(Number.isNaN) && convention.maxPoolNan !== 'ignore') data.push(NaN);
      else data.push(values.filter((v) => !Number.isNaN(v)).reduce((best, v) => (v > best ? v : best), start));
    }
  if (!keepDims) return { shape: [x.batch, x.channels], data };
  return fromGrid({ batch: x.batch, channels: x.channels, spatial: x.spatial.map(() => 1), values: data }, layout);
}

/** Exact dense layer on the last axis (spec: dense.definition). */
export function exactDense(
  input: { shape: number[]; data: number[] },
  weight: { shape: number[]; data: number[] },
  bias: number[] | undefined,
  weightLayout: 'in-out' | 'out-in',
): { shape: number[]; data: number[] } {
  const nin = input.shape[input.shape.length - 1]!;
  const nout = weightLayout === 'in-out' ? weight.shape[1]! : weight.shape[0]!;
  const rows = input.data.length / nin;
  const data: number[] = [];
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < nout; o++) {
      let sum = bias === undefined ? 0n : eighths(bias[o]!) * 8n;
      for (let i = 0; i < nin; i++) {
        const w = weightLayout === 'in-out' ? weight.data[i * nout + o]! : weight.data[o * nin + i]!;
        sum += eighths(input.data[r * nin + i]!) * eighths(w);
      }
      data.push(rationalToFloat32(sum, 64n));
    }
  return { shape: [...input.shape.slice(0, -1), nout], data };
}

/** Exact pad (spec: padding.op): copies, so any float32 (and -0) passes through unchanged. */
export function exactPad(
  input: { shape: number[]; data: number[] },
  begin: number[],
  end: number[],
  fill: Fill,
  layout: Layout,
): { shape: number[]; data: number[] } {
  const x = toGrid(input.shape, input.data, layout);
  const spatial = x.spatial.map((n, a) => n + begin[a]! + end[a]!);
  const values: number[] = [];
  for (let n = 0; n < x.batch; n++)
    for (let c = 0; c < x.channels; c++)
      for (const p of indices(spatial)) {
        const q: number[] = [];
        for (let a = 0; a < p.length; a++) {
          const i = source(p[a]! - begin[a]!, x.spatial[a]!, { padBegin: begin[a]!, padEnd: end[a]!, output: 0 }, fill);
          if (i === undefined) break;
          q.push(i);
        }
        values.push(q.length === p.length ? at(x, n, c, q) : 0);
      }
  return fromGrid({ batch: x.batch, channels: x.channels, spatial, values }, layout);
}

export interface ConvTransposeCall {
  input: { shape: number[]; data: number[] };
  weight: { shape: number[]; data: number[] };
  bias?: number[];
  strides: number[];
  dilations: number[];
  padding: Padding;
  outputPadding: number[];
  outputShape?: number[];
  groups: number;
  layout: Layout;
  kernelLayout: 'in-out-spatial' | 'spatial-out-in';
}

export interface AxisCrop {
  cropBegin: number;
  /** Negative where elements are appended. */
  cropEnd: number;
  output: number;
}

/**
 * The crops of one axis, from the prose of spec: conv-transpose.output-size, .output-shape,
 * .crop-split and .same: the full output's length found by scattering every input element's
 * taps, a same mode's target n·s, a total crop split with the odd element at the end (upper) or
 * at the beginning (lower), a negative total crop appended at the end. Undefined where the spec
 * rejects the axis.
 */
export function convTransposeAxis(
  n: number,
  k: number,
  s: number,
  d: number,
  opad: number,
  padding: 'valid' | 'same-upper' | 'same-lower' | [number, number],
  requested: number | undefined,
): AxisCrop | undefined {
  if (![n, k, s, d].every((v) => Number.isInteger(v) && v >= 1)) return undefined;
  // spec: conv-transpose.output-padding — below the stride or below the dilation
  if (!Number.isInteger(opad) || opad < 0 || (opad >= s && opad >= d)) return undefined;
  let full = 0;
  for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) full = Math.max(full, i * s + t * d + 1);
  let cropBegin: number;
  let cropEnd: number;
  if (Array.isArray(padding)) {
    if (requested !== undefined || padding.some((p) => !Number.isInteger(p) || p < 0)) return undefined;
    [cropBegin, cropEnd] = padding;
  } else if (padding === 'valid' && requested === undefined) {
    [cropBegin, cropEnd] = [0, 0];
  } else {
    if (requested !== undefined && (!Number.isInteger(requested) || requested < 1)) return undefined;
    const target = requested ?? n * s;
    const total = full + opad - target;
    if (total <= 0) [cropBegin, cropEnd] = [0, total];
    else {
      const small = Math.floor(total / 2);
      cropBegin = padding === 'same-upper' ? small : total - small;
      cropEnd = total - cropBegin;
    }
  }
  const output = full + opad - cropBegin - cropEnd;
  return output >= 1 ? { cropBegin, cropEnd, output } : undefined;
}

/**
 * Exact transposed convolution (spec: conv-transpose.definition) in scatter form: every input
 * element adds its products with the kernel taps at o = i·s − cropBegin + t·d, where that lies
 * in the output; the output starts from the bias. Undefined where the spec rejects the call.
 * Written apart from src/ops/conv-transpose (a gather form), so that each checks the other.
 */
export function exactConvTranspose(call: ConvTransposeCall): { shape: number[]; data: number[]; crops: AxisCrop[] } | undefined {
  const x = toGrid(call.input.shape, call.input.data, call.layout);
  const rank = x.spatial.length;
  const inOut = call.kernelLayout === 'in-out-spatial';
  const wShape = call.weight.shape;
  const kernel = inOut ? wShape.slice(2) : wShape.slice(0, -2);
  const weightIn = inOut ? wShape[0]! : wShape[wShape.length - 1]!;
  const outPerGroup = inOut ? wShape[1]! : wShape[wShape.length - 2]!;
  const { groups } = call;
  if (kernel.length !== rank || rank < 1 || rank > 3) return undefined;
  if (!Number.isInteger(groups) || groups < 1 || x.channels % groups !== 0 || weightIn !== x.channels) return undefined;
  if (call.outputShape !== undefined && call.outputShape.length !== rank) return undefined;
  const outChannels = outPerGroup * groups;
  if (call.bias !== undefined && call.bias.length !== outChannels) return undefined;
  const crops: AxisCrop[] = [];
  for (let a = 0; a < rank; a++) {
    const mode = typeof call.padding === 'object' ? ([call.padding.begin[a]!, call.padding.end[a]!] as [number, number]) : call.padding;
    const axis = convTransposeAxis(
      x.spatial[a]!,
      kernel[a]!,
      call.strides[a]!,
      call.dilations[a]!,
      call.outputPadding[a]!,
      mode,
      call.outputShape?.[a],
    );
    if (axis === undefined) return undefined;
    crops.push(axis);
  }
  const inPerGroup = x.channels / groups;
  const spatial = crops.map((c) => c.output);
  const volume = product(spatial);
  // In 64ths: every product of two multiples of 1/8 is one.
  const sums: bigint[] = [];
  for (let n = 0; n < x.batch; n++)
    for (let co = 0; co < outChannels; co++)
      for (let v = 0; v < volume; v++) sums.push(call.bias === undefined ? 0n : eighths(call.bias[co]!) * 8n);
  const weightAt = (ci: number, co: number, t: readonly number[]): number =>
    call.weight.data[flat(inOut ? [ci, co, ...t] : [...t, co, ci], wShape)]!;
  for (let n = 0; n < x.batch; n++)
    for (let ci = 0; ci < x.channels; ci++) {
      const group = Math.floor(ci / inPerGroup);
      for (const i of indices(x.spatial)) {
        const value = eighths(at(x, n, ci, i));
        if (value === 0n) continue;
        for (const t of indices(kernel)) {
          const o = i.map((p, a) => p * call.strides[a]! - crops[a]!.cropBegin + t[a]! * call.dilations[a]!);
          if (!o.every((p, a) => p >= 0 && p < spatial[a]!)) continue;
          for (let m = 0; m < outPerGroup; m++) {
            const co = group * outPerGroup + m;
            sums[(n * outChannels + co) * volume + flat(o, spatial)]! += value * eighths(weightAt(ci, m, t));
          }
        }
      }
    }
  const out: Grid = { batch: x.batch, channels: outChannels, spatial, values: sums.map((sum) => rationalToFloat32(sum, 64n)) };
  return { ...fromGrid(out, call.layout), crops };
}
