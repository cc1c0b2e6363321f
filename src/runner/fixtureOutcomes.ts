/**
 * The outcomes that conform for a golden fixture under a convention, judged with the tolerance
 * model of the properties (spec: conformance.tolerance) or the fixture's own `tolerance`.
 *
 * The fixture's expectation is the authority: where the convention fixes every knob the call
 * depends on, it is the only outcome. Where the convention leaves a knob open
 * (spec: convention.unspecified), the reference gives the outcome of every member, and the
 * member whose outcome the fixture states keeps the fixture's own values.
 */
import { callTolerance } from '../judge/callTolerance.js';
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { conformingOutcomes, openKnobsOf, type ConformingOutcomes } from '../judge/conformingOutcomes.js';
import type { ConventionSpec } from '../spec/conventions.js';
import type { Fixture } from '../fixtures/Fixture.js';
import { decodeFixtureTensor } from '../fixtures/fixtureValues.js';
import { referenceCall } from '../ops/referenceCall.js';
import { zeroSignFree } from '../fixtures/runFixture.js';
import type { Tensor } from '../tensor/tensor.js';
import { compareWithTolerance, type Tolerance } from '../judge/tolerance.js';
import type { OpCall } from '../ops/registry.js';

type OpFixture = Exclude<Fixture, { op: 'model' }>;

/** The fixture's own tolerance, when it states one. */
function ownTolerance(fixture: OpFixture): Tolerance | undefined {
  if (fixture.tolerance === undefined) return undefined;
  return fixture.tolerance.metric === 'exact' ? { kind: 'exact', zeroSignFree: zeroSignFree(fixture) } : { kind: 'ulp', maxUlp: fixture.tolerance.value };
}

/** The tolerance a fixture's output is judged with under a (fully specified) convention. */
export function fixtureTolerance(fixture: OpFixture, call: OpCall, convention: ConventionSpec): Tolerance {
  return ownTolerance(fixture) ?? callTolerance(call, convention);
}

/** The error a fixture expects, as the reference raises it (or as the fixture states it). */
function expectedError(fixture: OpFixture, call: OpCall, convention: ConventionSpec, error: { code: string; clause: string }): CnnSpecError {
  try {
    referenceCall(call, convention);
  } catch (raised) {
    if (raised instanceof CnnSpecError) return raised;
  }
  return new CnnSpecError({ code: error.code as CnnSpecError['code'], op: fixture.op, clause: error.clause, parameter: 'fixture', value: fixture.id, rule: 'be rejected, as the fixture states' });
}

/** The fixture's tolerance, or exact where the reference cannot plan the call (it and the fixture disagree). */
function toleranceOrExact(fixture: OpFixture, call: OpCall, convention: ConventionSpec): Tolerance {
  try {
    return fixtureTolerance(fixture, call, convention);
  } catch (error) {
    if (!(error instanceof CnnSpecError)) throw error;
    return { kind: 'exact', zeroSignFree: zeroSignFree(fixture) };
  }
}

export function fixtureOutcomes(fixture: OpFixture, call: OpCall, convention: ConventionSpec): ConformingOutcomes {
  const expected = fixture.expected;
  const output: Tensor | undefined = 'output' in expected ? decodeFixtureTensor(expected.output) : undefined;
  const knobs = openKnobsOf(call);
  const fixed: ConformingOutcomes =
    output === undefined
      ? { open: [], outcomes: [{ kind: 'error', error: expectedError(fixture, call, convention, (expected as { error: { code: string; clause: string } }).error), choices: {} }] }
      : { open: [], outcomes: [{ kind: 'tensor', alternatives: [{ output, tolerance: toleranceOrExact(fixture, call, convention), choices: {} }], choices: {} }] };
  const members = conformingOutcomes(convention, knobs, (member) => ({ output: referenceCall(call, member), tolerance: fixtureTolerance(fixture, call, member) }));
  if (members.open.length === 0) return fixed;
  // The member outcomes the fixture states take the fixture's values; where the fixture states
  // none of them, it and the reference disagree (a fixture test reports that), and the fixture rules.
  let stated = false;
  for (const outcome of members.outcomes) {
    if (outcome.kind === 'error') {
      stated ||= output === undefined;
      continue;
    }
    if (output === undefined) continue;
    for (const alternative of outcome.alternatives) {
      if (compareWithTolerance(output, alternative.output, alternative.tolerance).pass) {
        alternative.output = output;
        stated = true;
      }
    }
  }
  return stated ? members : fixed;
}
