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

interface AxisState {
  size: number;
  jump: number;
  start: number;
  /** Current size of the activation along this axis. */
  extent: number;
  consumed: boolean;
}

function throughWindow(state: AxisState, effK: number, s: number, pb: number, out: number): void {
  const scope = { rf: state.size, effK, jump: state.jump, s, start: state.start, pb };
  state.size = evaluateFormula('rf.size', scope);
  state.start = evaluateFormula('rf.start', scope);
  state.jump = evaluateFormula('rf.jump', scope);
  state.extent = out;
}

/** Everything the axis holds becomes visible to each position: a window the size of the axis. */
function throughWhole(state: AxisState, keepsAxis: boolean): void {
  throughWindow(state, state.extent, 1, 0, 1);
  if (!keepsAxis) state.consumed = true;
}

function snapshot(states: AxisState[]): ReceptiveField {
  return {
    size: states.map((s) => s.size),
    jump: states.map((s) => (s.consumed ? null : s.jump)),
    start: states.map((s) => s.start),
    center: states.map((s) => evaluateFormula('rf.center', { start: s.start, rf: s.size })),
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
    ] as const) {
      if (!Number.isSafeInteger(value)) {
        const name = typeof plan.layer.name === 'string' && plan.layer.name !== '' ? ` (${plan.layer.name})` : '';
        throw new CnnSpecError({
          code: 'E_TOO_LARGE',
          op: plan.layer.type,
          clause: 'error.limits',
          parameter: `layers[${index}]${name}`,
          value,
          rule: `keep the receptive field ${quantity} along spatial axis ${axis} within ±(2^53 - 1), where it is exact`,
        });
      }
    }
  });
}

/** Receptive field after each layer of an already planned model. */
export function receptiveFieldOfPlans(model: ModelSpec, plans: readonly LayerPlan[]): ReceptiveField[] {
  const layout = model.layout ?? resolveConvention(model.convention).layout;
  const spatial = model.input.length >= 3 ? splitActivationShape(model.input, layout).spatial : [];
  const states: AxisState[] = spatial.map((extent) => ({ size: 1, jump: 1, start: 0, extent, consumed: false }));
  return plans.map((plan, index) => {
    const live = states.filter((s) => !s.consumed);
    const effect = plan.spatial;
    if (effect.kind === 'window') {
      const { window } = effect;
      // After dense has consumed a channels-first axis, the window's axes are the live ones, in order.
      live.slice(0, window.rank).forEach((state, a) => {
        throughWindow(state, window.effectiveKernel[a]!, window.strides[a]!, window.padBegin[a]!, window.output[a]!);
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
