/**
 * The preconditions of the sliding window shared by convolution and pooling, and of the fill
 * modes that read padding (convolution, pad): one table per point of planWindow and
 * checkFillLimits where they are checked.
 *
 * @see spec:shape.output-size.positive
 * @see spec:padding.fill.reflect
 * @see spec:padding.fill.circular
 */
import type { Convention } from '../../spec/conventions.js';
import { evaluateCondition } from '../../spec/formulas.js';
import type { Precondition } from '../../spec/Precondition.js';

/** What the convention rules read; the mode is a string to keep the imports one-way (planWindow's types). */
export interface WindowConventionFacts {
  convention: Convention;
  strides: readonly number[];
  dilations: readonly number[];
  /** `valid`, `same-upper`, `same-lower` or `explicit`. */
  paddingMode: string;
}

/** Checked once strides, dilations and padding are valid, before any size is computed. */
export const WINDOW_CONVENTION_RULES: readonly Precondition<WindowConventionFacts>[] = [
  {
    when: (f) => f.convention.dilationWithStride === 'error' && f.dilations.some((d) => d > 1) && f.strides.some((s) => s > 1),
    code: 'E_UNSUPPORTED',
    clause: 'divergence.dilation-with-stride',
    parameter: 'dilations',
    value: (f) => f.dilations,
    rule: (f) => `be all 1 when a stride is > 1 (strides ${JSON.stringify(f.strides)}) under convention ${f.convention.name}`,
  },
];

/** Checked right after WINDOW_CONVENTION_RULES, for a convolution's window only. */
export const CONV_WINDOW_RULES: readonly Precondition<WindowConventionFacts>[] = [
  {
    when: (f) => f.convention.sameWithStride === 'error' && f.paddingMode.startsWith('same') && f.strides.some((s) => s > 1),
    code: 'E_UNSUPPORTED',
    clause: 'divergence.same-with-stride',
    parameter: 'strides',
    value: (f) => f.strides,
    rule: (f) => `be all 1 with padding ${JSON.stringify(f.paddingMode)} under convention ${f.convention.name}`,
  },
];

/** One spatial axis of the window: input size, stride, effective kernel and pads. */
export interface WindowAxisFacts {
  axis: number;
  n: number;
  s: number;
  effK: number;
  pb: number;
  pe: number;
  convention: Convention;
}

/** Checked per axis where the output size is rounded down (not same padding, ceil mode or truncation). */
export const WINDOW_EXACT_RULES: readonly Precondition<WindowAxisFacts>[] = [
  {
    when: (f) =>
      f.convention.rounding === 'exact' && !evaluateCondition('output-size.exact', { n: f.n, s: f.s, effK: f.effK, pb: f.pb, pe: f.pe }),
    code: 'E_INEXACT',
    clause: 'shape.output-size.exact',
    parameter: (f) => `strides[${f.axis}]`,
    value: (f) => f.s,
    rule: (f) =>
      `divide n + pb + pe - effK = ${f.n} + ${f.pb} + ${f.pe} - ${f.effK} = ${f.n + f.pb + f.pe - f.effK} exactly ` +
      `under convention ${f.convention.name} (adjust padding.end[${f.axis}])`,
  },
];

export interface WindowOutputFacts extends WindowAxisFacts {
  /** The kernel size along the axis, as given. */
  kernel: number;
  /** The output size the axis would get. */
  out: number;
}

/** Checked per axis once its output size is known. */
export const WINDOW_OUTPUT_RULES: readonly Precondition<WindowOutputFacts>[] = [
  {
    // spec: divergence.zero-sized-output — a convention may allow an empty output, never a negative one
    when: (f) => f.out < (f.convention.zeroSizedOutput === 'allowed' ? 0 : 1),
    code: 'E_OUTPUT_EMPTY',
    clause: 'shape.output-size.positive',
    parameter: (f) => `kernel[${f.axis}]`,
    value: (f) => f.kernel,
    rule: (f) =>
      `give an effective extent (${f.effK}) that fits in the padded input ` +
      `(${f.n} + ${f.pb} + ${f.pe} = ${f.n + f.pb + f.pe}) along spatial axis ${f.axis}: the output size would be ${f.out}`,
  },
];

/** One pad given for one side of one axis. */
export interface PadSideFacts {
  axis: number;
  side: 'begin' | 'end';
  pad: number;
}

export interface PoolPadFacts extends PadSideFacts {
  convention: Convention;
  /** The kernel size along the axis. */
  kernel: number;
}

/**
 * Checked per axis and side, begin first, once every output size is known, for a pooling window
 * with explicit pads only: the limit is on the pads given, same padding derives its own.
 */
export const POOL_WINDOW_PAD_RULES: readonly Precondition<PoolPadFacts>[] = [
  {
    when: (f) => f.convention.poolPadLimit === 'half-kernel' && f.pad > Math.floor(f.kernel / 2),
    code: 'E_PAD_LIMIT',
    clause: 'divergence.pool-pad-limit',
    parameter: (f) => `padding.${f.side}[${f.axis}]`,
    value: (f) => f.pad,
    rule: (f) => `be <= floor(kernel[${f.axis}] / 2) = ${Math.floor(f.kernel / 2)} under convention ${f.convention.name}`,
  },
  {
    when: (f) => f.convention.poolPadLimit === 'at-most-kernel' && f.pad > f.kernel,
    code: 'E_PAD_LIMIT',
    clause: 'divergence.pool-pad-limit',
    parameter: (f) => `padding.${f.side}[${f.axis}]`,
    value: (f) => f.pad,
    rule: (f) => `be <= kernel[${f.axis}] = ${f.kernel} under convention ${f.convention.name}`,
  },
  {
    when: (f) => f.convention.poolPadLimit === 'less-than-kernel' && f.pad > f.kernel - 1,
    code: 'E_PAD_LIMIT',
    clause: 'divergence.pool-pad-limit',
    parameter: (f) => `padding.${f.side}[${f.axis}]`,
    value: (f) => f.pad,
    rule: (f) => `be < kernel[${f.axis}] = ${f.kernel} under convention ${f.convention.name}`,
  },
];

export interface FillPadFacts extends PadSideFacts {
  /** The fill mode; a string to keep the imports one-way (fillCoordinate's FillMode). */
  fill: string;
  /** The input size along the axis. */
  n: number;
}

/** Checked per axis and side, begin first; zeros and replicate fill any pad. */
export const FILL_LIMIT_RULES: readonly Precondition<FillPadFacts>[] = [
  {
    // One reflection, the edge element not repeated.
    when: (f) => f.fill === 'reflect' && f.pad > f.n - 1,
    code: 'E_PAD_LIMIT',
    clause: 'padding.fill.reflect',
    parameter: (f) => `padding.${f.side}[${f.axis}]`,
    value: (f) => f.pad,
    rule: (f) => `be <= n - 1 = ${f.n - 1} for fill "reflect" (input size ${f.n} along spatial axis ${f.axis})`,
  },
  {
    // One wrap.
    when: (f) => f.fill === 'circular' && f.pad > f.n,
    code: 'E_PAD_LIMIT',
    clause: 'padding.fill.circular',
    parameter: (f) => `padding.${f.side}[${f.axis}]`,
    value: (f) => f.pad,
    rule: (f) => `be <= n = ${f.n} for fill "circular" (input size ${f.n} along spatial axis ${f.axis})`,
  },
];
