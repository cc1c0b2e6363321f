/**
 * Labels the edge regions a generated case reaches, so that the generators' coverage can be
 * measured (test/arbitraries.test.ts) and reported.
 */
import type { ConventionSpec } from '../../src/spec/conventions.js';
import { splitActivationShape } from '../../src/tensor/layout.js';
import { planConv } from '../../src/ops/conv/planConv.js';
import { planPool } from '../../src/ops/pool/planPool.js';
import type { WindowPlan } from '../../src/ops/window/planWindow.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import type { ConvCase } from './convCase.js';
import type { DenseCase } from './denseCase.js';
import type { PoolCase } from './poolCase.js';
import { axisTaps } from '../../src/ops/window/windowTaps.js';

const differs = (values: readonly number[]): boolean => values.some((v) => v !== values[0]);

function windowLabels(w: WindowPlan): string[] {
  const labels: string[] = [];
  const some = (test: (a: number) => boolean): boolean => w.input.some((_, a) => test(a));
  if (w.rank >= 2) {
    if (differs(w.input)) labels.push('non-square input');
    if (differs(w.kernel)) labels.push('non-square kernel');
    if (differs(w.strides)) labels.push('non-square strides');
    if (differs(w.dilations)) labels.push('non-square dilations');
    if (differs(w.padBegin) || differs(w.padEnd)) labels.push('non-square pads');
  }
  labels.push(`spatial rank ${w.rank}`);
  if (some((a) => w.kernel[a]! % 2 === 1)) labels.push('odd kernel');
  if (some((a) => w.kernel[a]! % 2 === 0)) labels.push('even kernel');
  if (some((a) => w.kernel[a]! < w.strides[a]!)) labels.push('kernel smaller than stride');
  if (some((a) => w.strides[a]! > w.input[a]!)) labels.push('stride larger than input');
  if (some((a) => w.effectiveKernel[a] === w.input[a]! + w.padBegin[a]! + w.padEnd[a]!)) labels.push('kernel equal to padded input');
  if (some((a) => w.dilations[a]! > 1 && w.padBegin[a]! > 0)) labels.push('dilation > 1 with begin padding');
  if (some((a) => w.padBegin[a] !== w.padEnd[a])) labels.push('asymmetric pads');
  labels.push(`padding ${w.paddingMode}`);
  if (w.paddingMode === 'same-upper' || w.paddingMode === 'same-lower') {
    // spec: padding.same.total — the total before its clamp at 0, where unclamped kernels shift windows
    const total = (a: number): number => (w.output[a]! - 1) * w.strides[a]! + w.effectiveKernel[a]! - w.input[a]!;
    if (some((a) => total(a) <= -2)) {
      labels.push('same padding total -2 or less before the clamp');
      if (w.rank === 3) labels.push('3-D same padding total -2 or less before the clamp');
    }
    if (some((a) => total(a) <= -4)) labels.push('same padding total -4 or less before the clamp');
  }
  if (some((a) => windowWithoutInput(w, a))) labels.push('window with no input');
  return labels;
}

/** Some window along axis a has no tap in the input (wholly in the padding, or dilated over it). */
function windowWithoutInput(w: WindowPlan, a: number): boolean {
  for (let o = 0; o < w.output[a]!; o++) {
    if (!axisTaps(w, a, o).some((at) => at >= 0 && at < w.input[a]!)) return true; // spec: shape.window
  }
  return false;
}

function valueLabels(tensor: Tensor): string[] {
  const labels: string[] = [];
  const data = Array.from(tensor.data);
  if (data.some((v) => v < 0)) labels.push('negative values');
  if (data.some((v) => v === 0)) labels.push('zeros');
  if (data.some((v) => Number.isNaN(v))) labels.push('NaN');
  if (data.some((v) => v === Infinity || v === -Infinity)) labels.push('infinities');
  if (data.some((v) => Object.is(v, -0))) labels.push('negative zero');
  return labels;
}

export function classifyConvCase(c: ConvCase, convention: ConventionSpec): string[] {
  const plan = planConv({ ...c.params, convention }, c.input.shape, c.weight.shape, c.bias?.shape);
  const labels = windowLabels(plan.window);
  if (plan.groups >= 2 && plan.inChannelsPerGroup >= 2) labels.push('groups >= 2 with several channels per group');
  if (plan.groups >= 2 && plan.groups === plan.inChannels && plan.outChannelsPerGroup > 1) labels.push('depth multiplier > 1');
  if (plan.batch >= 2 && c.bias !== undefined && new Set(c.bias.data).size > 1) labels.push('batch >= 2 with distinct biases');
  labels.push(`fill ${plan.fill}`, plan.layout);
  return [...labels, ...valueLabels(c.input)];
}

export function classifyPoolCase(c: PoolCase, convention: ConventionSpec): string[] {
  const plan = planPool({ ...c.params, convention }, c.input.shape);
  const w = plan.window;
  const labels = windowLabels(w);
  labels.push(`${c.params.kind} pooling`);
  if (c.params.ceilMode) {
    labels.push('ceil mode');
    if (w.input.some((n, a) => (w.output[a]! - 1) * w.strides[a]! + w.effectiveKernel[a]! > n + w.padBegin[a]! + w.padEnd[a]!)) {
      labels.push('ceil-mode window overhangs the padded input');
    }
    // The window the last-window rule dropped (or, without the rule, kept) starts in the end padding.
    if (
      w.input.some((n, a) => {
        const rawOut = Math.ceil((n + w.padBegin[a]! + w.padEnd[a]! - w.effectiveKernel[a]!) / w.strides[a]!) + 1;
        return (rawOut - 1) * w.strides[a]! >= n + w.padBegin[a]!;
      })
    ) {
      labels.push('ceil-mode window would start in the end padding');
    }
  }
  if (c.params.countIncludePad) labels.push('padding counted');
  return [...labels, ...valueLabels(c.input), splitActivationShape(c.input.shape, plan.layout).batch >= 2 ? 'batch >= 2' : 'batch 1'];
}

export function classifyDenseCase(c: DenseCase): string[] {
  const nin = c.input.shape[c.input.shape.length - 1]!;
  const nout = c.params.weightLayout === 'in-out' ? c.weight.shape[1]! : c.weight.shape[0]!;
  const labels = [nin === nout ? 'in = out' : 'in != out', `input rank ${c.input.shape.length}`, `weights ${c.params.weightLayout}`];
  if (c.bias !== undefined) labels.push('bias');
  return [...labels, ...valueLabels(c.input)];
}
