/**
 * Resolution of the sliding window along every spatial axis: effective kernel, pads and output
 * size. Convolution and pooling share it, so both read their sizes from one place, and every
 * size comes from the formulas in formulas.ts.
 *
 * @see spec:shape.output-size.floor
 * @see spec:padding.modes
 */
import { checkPreconditions } from '../../spec/checkPreconditions.js';
import type { Convention } from '../../spec/conventions.js';
import type { FeatureUse } from '../../spec/features.js';
import { evaluateCondition, evaluateFormula } from '../../spec/formulas.js';
import { checkEffectiveKernel, checkEnum, checkKnownFields, checkPerAxis, type CheckContext } from '../../spec/paramChecks.js';
import {
  CONV_WINDOW_RULES,
  POOL_WINDOW_PAD_RULES,
  WINDOW_CONVENTION_RULES,
  WINDOW_EXACT_RULES,
  WINDOW_OUTPUT_RULES,
} from './windowPreconditions.js';

export const AUTO_PADDINGS = ['valid', 'same-upper', 'same-lower'] as const;
export type AutoPadding = (typeof AUTO_PADDINGS)[number];

/** Explicit pads: one begin and one end pad per spatial axis (or one number for every axis). */
export interface ExplicitPadding {
  begin: number | readonly number[];
  end: number | readonly number[];
}

/** @see spec:padding.modes */
export type Padding = AutoPadding | ExplicitPadding;

export interface WindowPlan {
  /** Number of spatial axes. */
  rank: number;
  /** Input size per spatial axis. */
  input: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** d * (k - 1) + 1 per axis. @see spec:shape.effective-kernel */
  effectiveKernel: number[];
  /** The padding as given, with `same-*` and `valid` kept by name. */
  paddingMode: AutoPadding | 'explicit';
  padBegin: number[];
  padEnd: number[];
  ceilMode: boolean;
  /** Output size per spatial axis. */
  output: number[];
}

export interface WindowRequest {
  op: string;
  /** Whether pads are filled (convolution, pad) or excluded (pooling); decides which limits apply. */
  kind: 'conv' | 'pool';
  input: readonly number[];
  kernel: readonly number[];
  strides: unknown;
  dilations: unknown;
  padding: unknown;
  ceilMode: boolean;
  convention: Convention;
}

function resolvePadding(
  ctx: CheckContext,
  padding: unknown,
  rank: number,
): { mode: AutoPadding | 'explicit'; begin?: number[]; end?: number[] } {
  if (typeof padding === 'string') {
    return { mode: checkEnum({ ...ctx, clause: 'padding.modes' }, 'padding', padding, AUTO_PADDINGS) };
  }
  const record = checkKnownFields({ ...ctx, clause: 'padding.explicit' }, 'padding', padding, ['begin', 'end']);
  const explicitCtx = { ...ctx, clause: 'padding.explicit' };
  return {
    mode: 'explicit',
    begin: checkPerAxis(explicitCtx, 'padding.begin', record.begin, rank, 0),
    end: checkPerAxis(explicitCtx, 'padding.end', record.end, rank, 0),
  };
}

/** A planned window and the features its padding uses. */
export interface PlannedWindow {
  window: WindowPlan;
  features: FeatureUse[];
}

/**
 * Plans the window along every spatial axis, and names the features its padding uses; it changes
 * nothing it is given. Throws a typed error for an invalid stride, dilation or padding, for a
 * window that does not fit (empty output), and for combinations the convention rejects.
 */
export function planWindow(request: WindowRequest): PlannedWindow {
  const features: FeatureUse[] = [];
  const { op, convention } = request;
  const rank = request.input.length;
  const strides = checkPerAxis({ op, clause: 'shape.stride' }, 'strides', request.strides, rank, 1);
  const dilations = checkPerAxis({ op, clause: 'shape.dilation' }, 'dilations', request.dilations, rank, 1);
  const padding = resolvePadding({ op, clause: 'padding.modes' }, request.padding, rank);
  const kernel = [...request.kernel];
  const input = [...request.input];

  if (padding.mode === 'same-upper' || padding.mode === 'same-lower') {
    features.push({ feature: `padding.${padding.mode}`, parameter: 'padding', value: padding.mode });
    if (request.kind === 'pool') features.push({ feature: 'pool.same', parameter: 'padding', value: padding.mode });
  }
  if (padding.mode === 'explicit' && padding.begin!.some((pb, axis) => pb !== padding.end![axis])) {
    features.push({ feature: 'padding.explicit-asymmetric', parameter: 'padding', value: request.padding });
  }

  // spec: divergence.dilation-with-stride, divergence.same-with-stride
  const conventionFacts = { convention, strides, dilations, paddingMode: padding.mode };
  checkPreconditions(op, WINDOW_CONVENTION_RULES, conventionFacts);
  if (request.kind === 'conv') checkPreconditions(op, CONV_WINDOW_RULES, conventionFacts);

  kernel.forEach((k, axis) => checkEffectiveKernel(op, `dilations[${axis}]`, k, dilations[axis]!));
  const effectiveKernel = kernel.map((k, axis) => evaluateFormula('effective-kernel', { k, d: dilations[axis]! }));
  const padBegin: number[] = [];
  const padEnd: number[] = [];
  const output: number[] = [];

  for (let axis = 0; axis < rank; axis++) {
    const n = input[axis]!;
    const s = strides[axis]!;
    const effK = effectiveKernel[axis]!;
    if (padding.mode === 'valid') {
      padBegin.push(0);
      padEnd.push(0);
    } else if (padding.mode === 'explicit') {
      padBegin.push(padding.begin![axis]!);
      padEnd.push(padding.end![axis]!);
    } else {
      // spec: padding.same.output-size, padding.same.total, padding.same-upper, padding.same-lower
      const out = evaluateFormula('same.output-size', { n, s });
      const total = evaluateFormula('same.total', { out, s, effK, n });
      padBegin.push(evaluateFormula(`${padding.mode}.begin`, { total }));
      padEnd.push(evaluateFormula(`${padding.mode}.end`, { total }));
    }
  }

  // spec: divergence.last-window (Caffe applies the rule only when some axis is padded)
  const anyPad = padBegin.some((p) => p > 0) || padEnd.some((p) => p > 0);
  const applyLastWindowRule = convention.lastWindowRule === 'always' || (convention.lastWindowRule === 'when-padded' && anyPad);

  for (let axis = 0; axis < rank; axis++) {
    const n = input[axis]!;
    const s = strides[axis]!;
    const effK = effectiveKernel[axis]!;
    const pb = padBegin[axis]!;
    const pe = padEnd[axis]!;
    const scope = { n, s, effK, pb, pe };
    let out: number;
    if (padding.mode === 'same-upper' || padding.mode === 'same-lower') {
      // spec: padding.same.output-size (ceil mode changes nothing: the pads make the division exact)
      out = evaluateFormula('output-size.floor', scope);
    } else if (request.ceilMode) {
      // spec: shape.output-size.ceil, pool.ceil-mode.last-window
      out = evaluateFormula('output-size.ceil', scope);
      if (applyLastWindowRule && evaluateCondition('last-window-rule', { out, s, n, pb })) out -= 1;
    } else if ((convention.rounding === 'trunc' && padding.mode === 'explicit') || convention.rounding === 'trunc-always') {
      // spec: shape.output-size.trunc — TF.js truncates for numeric pads only, C++ kernels always
      out = evaluateFormula('output-size.trunc', scope) + 0; // + 0 turns a truncated -0 into 0
    } else {
      checkPreconditions(op, WINDOW_EXACT_RULES, { axis, n, s, effK, pb, pe, convention });
      out = evaluateFormula('output-size.floor', scope);
    }
    // spec: shape.output-size.positive, divergence.zero-sized-output
    checkPreconditions(op, WINDOW_OUTPUT_RULES, { axis, n, s, effK, pb, pe, convention, kernel: kernel[axis]!, out });
    output.push(out);
  }

  // spec: divergence.pool-pad-limit — a limit on the pads given; same padding derives its own
  if (request.kind === 'pool' && padding.mode === 'explicit') {
    for (let axis = 0; axis < rank; axis++) {
      for (const [side, pad] of [
        ['begin', padBegin[axis]!],
        ['end', padEnd[axis]!],
      ] as const) {
        checkPreconditions(op, POOL_WINDOW_PAD_RULES, { convention, kernel: kernel[axis]!, axis, side, pad });
      }
    }
  }

  const window: WindowPlan = {
    rank,
    input,
    kernel,
    strides,
    dilations,
    effectiveKernel,
    paddingMode: padding.mode,
    padBegin,
    padEnd,
    ceilMode: request.ceilMode,
    output,
  };
  return { window, features };
}
