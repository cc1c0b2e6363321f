/**
 * Where a sliding window goes along the two spatial axes of an NCHW tensor: the pads before and
 * after each axis and the output size, for convolution and pooling alike.
 */
import { LayerConfigError } from './LayerConfigError.js';

/** `valid` (no padding), `same-upper` (output ceil(n / s), the odd pad at the end), or explicit pads. */
export type Padding = 'valid' | 'same-upper' | { begin: number | readonly number[]; end: number | readonly number[] };

export interface WindowOptions {
  strides?: number | readonly number[];
  dilations?: number | readonly number[];
  padding?: Padding;
}

export interface Window {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
  padBegin: [number, number];
  padEnd: [number, number];
  output: [number, number];
}

/** One value for both axes, or one per axis; every value an integer of at least `min`. */
export function perAxis(layer: string, name: string, value: number | readonly number[], min: number): [number, number] {
  const values = typeof value === 'number' ? [value, value] : [...value];
  if (values.length !== 2) throw new LayerConfigError(layer, name, value, 'be a number or an array of 2 numbers (height, width)');
  values.forEach((v, axis) => {
    if (!Number.isInteger(v) || v < min) throw new LayerConfigError(layer, `${name}[${axis}]`, v, `be an integer >= ${min}`);
  });
  return [values[0]!, values[1]!];
}

export function planWindow(layer: string, input: [number, number], kernel: [number, number], options: WindowOptions): Window {
  const strides = perAxis(layer, 'strides', options.strides ?? 1, 1);
  const dilations = perAxis(layer, 'dilations', options.dilations ?? 1, 1);
  const padding = options.padding ?? 'valid';
  const padBegin: [number, number] = [0, 0];
  const padEnd: [number, number] = [0, 0];
  const output: [number, number] = [0, 0];
  let explicit: { begin: [number, number]; end: [number, number] } | undefined;
  if (typeof padding === 'object' && padding !== null) {
    explicit = { begin: perAxis(layer, 'padding.begin', padding.begin, 0), end: perAxis(layer, 'padding.end', padding.end, 0) };
  } else if (padding !== 'valid' && padding !== 'same-upper') {
    throw new LayerConfigError(layer, 'padding', padding, 'be "valid", "same-upper" or { begin, end }');
  }
  for (const axis of [0, 1] as const) {
    const n = input[axis];
    const s = strides[axis];
    const span = dilations[axis] * (kernel[axis] - 1) + 1;
    if (explicit !== undefined) {
      padBegin[axis] = explicit.begin[axis];
      padEnd[axis] = explicit.end[axis];
    } else if (padding === 'same-upper') {
      const total = Math.max(0, (Math.ceil(n / s) - 1) * s + span - n);
      padBegin[axis] = Math.floor(total / 2);
      padEnd[axis] = total - padBegin[axis];
    }
    const padded = n + padBegin[axis] + padEnd[axis];
    if (span > padded) {
      throw new LayerConfigError(
        layer,
        `kernel[${axis}]`,
        kernel[axis],
        `fit in the padded input: dilated extent ${span} > ${padded} along axis ${axis}`,
      );
    }
    output[axis] = Math.floor((padded - span) / s) + 1;
  }
  return { kernel, strides, dilations, padBegin, padEnd, output };
}
