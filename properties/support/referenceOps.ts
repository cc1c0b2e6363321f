/**
 * What differential properties compare an adapter with: the outcomes that conform for a
 * generated case under the adapter's convention (one per fully specified member where it leaves
 * knobs open, spec: convention.unspecified), each computed by the reference and judged with the
 * tolerance of the call (spec: conformance.tolerance), the same model fixtures are judged with.
 */
import { callTolerance } from '../../src/judge/callTolerance.js';
import { conformingOutcomes, openKnobsOf, type ConformingOutcomes } from '../../src/judge/conformingOutcomes.js';
import type { ConventionSpec } from '../../src/spec/conventions.js';
import { referenceCall } from '../../src/ops/referenceCall.js';
import type { ConvCase } from '../arbitraries/convCase.js';
import type { DenseCase } from '../arbitraries/denseCase.js';
import type { GlobalPoolCase } from '../arbitraries/globalPoolCase.js';
import type { PoolCase } from '../arbitraries/poolCase.js';
import type { OpCall } from '../../src/ops/registry.js';

/** The outcomes of one call, with the tolerance of each member's answer. */
export function callOutcomes(call: OpCall, convention: ConventionSpec): ConformingOutcomes {
  return conformingOutcomes(convention, openKnobsOf(call), (member) => ({
    output: referenceCall(call, member),
    tolerance: callTolerance(call, member),
  }));
}

export const convOutcomes = (c: ConvCase, convention: ConventionSpec): ConformingOutcomes =>
  callOutcomes(
    { op: 'conv', request: { input: c.input, weight: c.weight, ...(c.bias === undefined ? {} : { bias: c.bias }), params: c.params } },
    convention,
  );

export const poolOutcomes = (c: Pick<PoolCase, 'input' | 'params'>, convention: ConventionSpec): ConformingOutcomes =>
  callOutcomes({ op: 'pool', request: { input: c.input, params: c.params } }, convention);

export const denseOutcomes = (c: DenseCase, convention: ConventionSpec): ConformingOutcomes =>
  callOutcomes(
    { op: 'dense', request: { input: c.input, weight: c.weight, ...(c.bias === undefined ? {} : { bias: c.bias }), params: c.params } },
    convention,
  );

export const globalPoolOutcomes = (c: GlobalPoolCase, convention: ConventionSpec): ConformingOutcomes =>
  callOutcomes({ op: 'global-pool', request: { input: c.input, params: c.params } }, convention);
