/**
 * A generated case must be one that every conforming implementation computes: valid under every
 * member of the adapter's convention where it leaves a knob about validity open (an output size
 * of 0 or its rounding, dilation with a stride, a pooling pad limit). spec: convention.unspecified
 */
import { concreteConventions } from '../../src/spec/concreteConventions.js';
import type { ConventionSpec, OpenKnob } from '../../src/spec/conventions.js';

/** Knobs that decide whether a configuration is valid at all. */
export const VALIDITY_KNOBS: readonly OpenKnob[] = ['rounding', 'zeroSizedOutput', 'dilationWithStride', 'poolPadLimit'];

/** Whether `plan` succeeds under every member; it throws where a member rejects the case. */
export function validUnderEveryMember(convention: ConventionSpec, plan: (member: ConventionSpec) => unknown): boolean {
  try {
    for (const member of concreteConventions(convention, VALIDITY_KNOBS)) plan(member.spec);
    return true;
  } catch {
    return false;
  }
}
