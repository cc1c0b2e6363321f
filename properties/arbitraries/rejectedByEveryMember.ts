/**
 * Whether a call or layer is invalid whatever the open knobs of the adapter's convention: a
 * rejection is required only where every member of the convention rejects (spec:
 * convention.unspecified, error.typed). A refusal for size (E_TOO_LARGE) says the reference
 * cannot compute the case within its limits, not that the case is invalid, so it never counts.
 */
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { concreteConventions } from '../../src/spec/concreteConventions.js';
import type { ConventionSpec } from '../../src/spec/conventions.js';
import { VALIDITY_KNOBS } from './validUnderEveryMember.js';

export function rejectedByEveryMember(convention: ConventionSpec, attempt: (member: ConventionSpec) => unknown): boolean {
  return concreteConventions(convention, VALIDITY_KNOBS).every(({ spec }) => {
    try {
      attempt(spec);
      return false;
    } catch (error) {
      return error instanceof CnnSpecError && error.code !== 'E_TOO_LARGE';
    }
  });
}
