/**
 * On the exact domain every dot product is exact, so a call's outcomes must be judged exactly:
 * a tolerance there would hide a wrong sum (a kit check, spec: conformance.exact-domain).
 */
import type { ConformingOutcomes } from '../../src/judge/conformingOutcomes.js';
import type { ValueDomain } from '../arbitraries/elementValues.js';

/**
 * @returns the outcomes unchanged
 * @throws Error when a case of the exact domain would be judged with a tolerance
 */
export function requireExact(outcomes: ConformingOutcomes, domain: ValueDomain): ConformingOutcomes {
  if (domain !== 'exact') return outcomes;
  for (const outcome of outcomes.outcomes) {
    if (outcome.kind === 'tensor' && outcome.alternatives.some((alternative) => alternative.tolerance.kind !== 'exact')) {
      throw new Error('cnnspec: an exact-domain case is judged with a tolerance; spec: conformance.exact-domain does not hold for it');
    }
  }
  return outcomes;
}
