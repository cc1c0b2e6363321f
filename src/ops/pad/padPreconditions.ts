/**
 * The preconditions of the pad op that no shared check covers.
 *
 * @see spec:padding.op
 */
import type { Precondition } from '../../spec/Precondition.js';

export interface PadRankFacts {
  inputShape: unknown;
}

/** Checked before the input shape is split into batch, channels and spatial axes. */
export const PAD_RANK_RULES: readonly Precondition<PadRankFacts>[] = [
  {
    when: (f) => !Array.isArray(f.inputShape) || f.inputShape.length < 3 || f.inputShape.length > 5,
    code: 'E_SHAPE_INVALID',
    clause: 'padding.op',
    parameter: 'input.shape',
    value: (f) => f.inputShape,
    rule: 'have rank 3 to 5: batch, channels and 1 to 3 spatial axes',
  },
];
