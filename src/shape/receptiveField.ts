/**
 * Receptive field, jump and start through a stack of layers, per spatial axis of the model's
 * input. Position 0 of a layer's output sees the input pixels start, start + 1, ...,
 * start + size - 1 (coordinates below 0 or from n on lie in the padding); neighbouring output
 * positions are `jump` input pixels apart.
 *
 * @see spec:rf.size
 * @see spec:rf.jump
 * @see spec:rf.start
 * @see spec:rf.stack
 * @see spec:rf.transpose
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { evaluateFormula } from '../spec/formulas.js';
import { resolveConvention } from '../spec/conventions.js';
import { splitActivationShape } from '../tensor/layout.js';
import type { ModelSpec } from './LayerSpec.js';
import type { LayerPlan } from './planLayer.js';
import { planModel } from './planModel.js';

export interface ReceptiveField {
  /** Receptive field size per input spatial axis. */
  size: number[];
  /** Input pixels between neighbouring output positions, per axis; null once the axis is consumed. */
  jump: (number | null)[];
  /** Input coordinate of the first pixel position 0 sees, per axis. */
  start: number[];
  /** Input coordinate of the centre of position 0's receptive field, per axis. */
  center: number[];
  /** Whether the axis has been consumed (flatten, global pooling without keepDims, dense across it). */
  consumed: boolean[];
}

/**
 * One axis, exactly: size, jump and start are kept as integer multiples of 1 / scale. The scale
 * is the product of the strides of the transposed convolutions so far (1 without one), so every
 * formula is evaluated on integers and every quotient of spec: rf.transpose is exact.
 */
interface AxisState {
  size: number;
  jump: number;
  start: number;
  scale: number;
  /** Current size of the activation along this axis. */
  extent: number;
  consumed: boolean;
}

function throughWindow(state: AxisState, effK: number, s: number, pb: number, out: number): void {
  const scope = { rf: state.size, effK, jump: state.jump, s, start: state.start, pb };
  // rf.size and rf.start are linear in rf, jump and start: the scaled values give the scaled results.
  state.size = evaluateFormula('rf.size', scope);
  state.start = evaluateFormula('rf.start', scope);
  state.jump = evaluateFormula('rf.jump', scope);
  state.extent = out;
}

/** spec: rf.transpose — the quotients by s are exact once the scale has grown by s. */
function throughTransposedWindow(state: AxisState, effK: number, s: number, pb: number, out: number): void {
  // The unit shrinks by s: size and start count s times as many units, and a pixel is s times the scale.
  const scope = { rf: state.size * s, effK, jump: state.jump * s, s, start: state.start * s, pb };
  state.scale *= s;
  state.size = evaluateFormula('rf.transpose.size', scope);
  state.start = evaluateFormula('rf.transpose.start', scope);
  state.jump = evaluateFormula('rf.transpose.jump', scope);
  state.extent = out;
}

/** Everything the axis holds becomes visible to each position: a window the size of the axis. */
function throughWhole(state: AxisState, keepsAxis: boolean): void {
  // The whole axis is `extent` positions `jump` apart: in units of 1 / scale, as throughWindow counts.
  throughWindow(state, state.extent, 1, 0, 1);
  if (!keepsAxis) state.consumed = true;
}

function snapshot(states: AxisState[]): ReceptiveField {
  // In pixels: a fraction only after a transposed convolution (spec: rf.transpose).
  const pixels = (value: number, scale: number): number => value / scale;
  return {
    size: states.map((s) => pixels(s.size, s.scale)),
    jump: states.map((s) => (s.consumed ? null : pixels(s.jump, s.scale))),
    start: states.map((s) => pixels(s.start, s.scale)),
    center: states.map((s) => evaluateFormula('rf.center', { start: pixels(s.start, s.scale), rf: pixels(s.size, s.scale) })),
    consumed: states.map((s) => s.consumed),
  };
}

/**
 * Refuses a stack whose receptive field outgrows the integers binary64 holds exactly: strides
 * multiply into the jump layer after layer, and past 2^53 size, jump and start would be rounded.
 *
 * @see spec:error.limits
 */
function checkExact(states: AxisState[], plan: LayerPlan, index: number): void {
  states.forEach((state, axis) => {
    for (const [quantity, value] of [
      ['size', state.size],
      ['jump', state.jump],
      ['start', state.start],
      ['denominator', state.scale],
    ] as const) {
      if (!Number.isSafeInteger(value)) {
        const name = typeof plan.layer.name === 'string' && plan.layer.name !== '' ? ` (${plan.layer.name})` : '';
        throw new CnnSpecError({
          code: 'E_TOO_LARGE',
          op: plan.layer.type,
          clause: 'error.limits',
          parameter: `layers[${index}]${name}`,
          value,
          rule: `keep the receptive field ${quantity} along spatial axis ${axis} within ±(2^53 - 1)${state.scale === 1 || quantity === 'denominator' ? '' : ` units of 1/${state.scale} pixel`}, where it is exact`,
        });
      }
    }
  });
}

/** Receptive field after each layer of an already planned model. */
export function receptiveFieldOfPlans(model: ModelSpec, plans: readonly LayerPlan[]): ReceptiveField[] {
  const layout = model.layout ?? resolveConvention(model.convention).layout;
  const spatial = model.input.length >= 3 ? splitActivationShape(model.input, layout).spatial : [];
  const states: AxisState[] = spatial.map((extent) => ({ size: 1, jump: 1, start: 0, scale: 1, extent, consumed: false }));
  return plans.map((plan, index) => {
    const live = states.filter((s) => !s.consumed);
    const effect = plan.spatial;
    if (effect.kind === 'window') {
      const { window } = effect;
      // After dense has consumed a channels-first axis, the window's axes are the live ones, in order.
      live.slice(0, window.rank).forEach((state, a) => {
        throughWindow(state, window.effectiveKernel[a]!, window.strides[a]!, window.padBegin[a]!, window.output[a]!);
      });
    } else if (effect.kind === 'transposed-window') {
      const { window } = effect;
      live.slice(0, window.rank).forEach((state, a) => {
        throughTransposedWindow(state, window.effectiveKernel[a]!, window.strides[a]!, window.cropBegin[a]!, window.output[a]!);
      });
    } else if (effect.kind === 'global') {
      for (const state of live) throughWhole(state, effect.keepsAxes);
    } else if (effect.kind === 'last-axis') {
      const last = live[live.length - 1];
      if (last !== undefined) throughWhole(last, false);
    }
    checkExact(states, plan, index);
    return snapshot(states);
  });
}

/** Receptive field after each layer of a model. */
export function receptiveField(model: ModelSpec): ReceptiveField[] {
  return receptiveFieldOfPlans(model, planModel(model));
}
