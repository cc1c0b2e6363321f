/**
 * A correct implementation of a convention that leaves knobs open, as awkward as the spec
 * allows: for every call it follows the given choices of the `call` knobs, and at each output
 * element the value of a different member (choosing among the `element` knobs' values by the
 * element's index), so that a test that demands one value for a whole tensor fails it.
 */
import { concreteConventions, knobChoices, type ConcreteConvention } from '../../src/spec/concreteConventions.js';
import { OPEN_KNOBS, resolveConvention, type ConventionName, type OpenKnob } from '../../src/spec/conventions.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Adapter } from '../../src/ops/Adapter.js';
import type { Tensor } from '../../src/tensor/tensor.js';

const ELEMENT_KNOBS = (Object.keys(OPEN_KNOBS) as OpenKnob[]).filter((knob) => OPEN_KNOBS[knob] === 'element');

/** Members of `convention` that give the call knobs the values of `callChoices`. */
function membersWith(convention: ConventionName, callChoices: ConcreteConvention['choices']): ConcreteConvention[] {
  return concreteConventions({ base: convention, overrides: callChoices }, ELEMENT_KNOBS);
}

export function memberMixingAdapter(convention: ConventionName, callChoices: ConcreteConvention['choices'] = {}): Adapter {
  const members = membersWith(convention, callChoices).map((member) => referenceAdapter(member.spec));
  const first = members[0]!;
  const mix =
    <R>(op: 'conv' | 'pool' | 'globalPool' | 'dense' | 'pad') =>
    async (request: R): Promise<Tensor> => {
      const outputs: Tensor[] = [];
      for (const member of members) outputs.push(await (member[op] as (r: R) => Promise<Tensor>)(request));
      const mixed = new Float32Array(outputs[0]!.data.length);
      for (let index = 0; index < mixed.length; index++) {
        const pick = ((index * 2654435761) >>> 0) % outputs.length;
        mixed[index] = outputs[pick]!.data[index]!;
      }
      return { shape: outputs[0]!.shape, data: mixed };
    };
  return {
    ...first,
    name: `mixing members of ${convention}${Object.keys(callChoices).length === 0 ? '' : ` with ${JSON.stringify(callChoices)}`}`,
    convention,
    conv: mix('conv'),
    pool: mix('pool'),
    globalPool: mix('globalPool'),
    dense: mix('dense'),
    pad: mix('pad'),
  };
}

/**
 * Choices of the open `call` knobs of a convention such that each value of each knob is taken by
 * at least one of them ([{}] when none is open): choice i gives every knob its i-th value (or its
 * last). Every pair of values is not covered: the knobs decide independent rules.
 */
export function callChoiceCombinations(convention: ConventionName): ConcreteConvention['choices'][] {
  const resolved = resolveConvention(convention);
  const open = resolved.unspecified.filter((knob) => OPEN_KNOBS[knob] === 'call');
  const choices = (knob: OpenKnob): readonly unknown[] => knobChoices(resolved, knob);
  const widest = Math.max(1, ...open.map((knob) => choices(knob).length));
  return Array.from({ length: open.length === 0 ? 1 : widest }, (_, i) =>
    Object.fromEntries(open.map((knob) => [knob, choices(knob)[Math.min(i, choices(knob).length - 1)]])),
  );
}
