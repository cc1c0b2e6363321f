/**
 * The evidence of a failure: the one op call it comes down to, with the tensors in and out, the
 * window geometry as the adapter's convention resolves it, and the elements that differ. Reports
 * draw their pictures from it (input inside its padding, kernel, expected, actual).
 */
import type { ConventionSpec } from '../spec/conventions.js';
import { encodeFixtureNumber } from '../fixtures/fixtureValues.js';
import { opOf, type OpCall } from '../ops/registry.js';
import { compareWithAlternatives, type Alternative, type Tolerance } from '../judge/tolerance.js';
import type { EvidenceTensor, FailureEvidence, OtherCall } from '../report/model/Report.js';

interface TensorLike {
  shape: readonly number[];
  data: ArrayLike<number>;
}

/** Tensors beyond this many elements keep their shape but not their data: a report stays small. */
export const EVIDENCE_ELEMENT_LIMIT = 4096;

export function evidenceTensor(tensor: TensorLike): EvidenceTensor {
  const shape = [...tensor.shape];
  if (tensor.data.length > EVIDENCE_ELEMENT_LIMIT) return { shape, data: [], truncated: true };
  return { shape, data: Array.from(tensor.data, encodeFixtureNumber) };
}

/** Request parameters as plain JSON (typed arrays and special numbers spelled out). */
function plainParams(params: object): { [key: string]: unknown } {
  return JSON.parse(
    JSON.stringify(params, (_key, value: unknown) =>
      typeof value === 'number' && !Number.isFinite(value) ? encodeFixtureNumber(value) : value,
    ),
  ) as {
    [key: string]: unknown;
  };
}

type Window = NonNullable<FailureEvidence['window']>;

/** Window geometry and layout under the convention; a case that does not plan has no window. */
function resolveGeometry(
  call: OpCall,
  convention: ConventionSpec,
): { layout: FailureEvidence['layout']; window?: Window; kernelLayout?: string } {
  try {
    const { layout, kernelLayout, window: w } = opOf(call.op).geometry(call.request, convention);
    return {
      layout,
      ...(kernelLayout === undefined ? {} : { kernelLayout }),
      ...(w === undefined
        ? {}
        : { window: { kernel: w.kernel, strides: w.strides, dilations: w.dilations, padBegin: w.padBegin, padEnd: w.padEnd } }),
    };
  } catch {
    // An invalid configuration has no geometry; the tensors still tell the story.
    return { layout: ((call.request.params as { layout?: string }).layout ?? 'channels-first') as FailureEvidence['layout'] };
  }
}

/**
 * Evidence for a failing call. `expected` is absent when the spec requires an error, `actual`
 * when the adapter threw; the differing elements are those outside `tolerance` (outside every
 * alternative's bound, where the spec leaves elements open). `form` is the API form the adapter
 * named for the call, on its answer or its error; `otherForms` those of the case's other calls.
 */
export function buildEvidence(
  call: OpCall,
  convention: ConventionSpec,
  outcome: {
    expected?: TensorLike;
    actual?: TensorLike;
    tolerance: Tolerance;
    alternatives?: readonly Alternative[];
    comparison: string;
    form?: string;
    otherForms?: readonly string[];
    otherCalls?: readonly OtherCall[];
  },
): FailureEvidence {
  const { request } = call;
  const geometry = resolveGeometry(call, convention);
  const weight = 'weight' in request ? request.weight : undefined;
  const bias = 'bias' in request ? request.bias : undefined;
  const evidence: FailureEvidence = {
    op: call.op,
    layout: geometry.layout,
    input: evidenceTensor(request.input),
    ...(weight === undefined ? {} : { weight: evidenceTensor(weight) }),
    ...(bias === undefined ? {} : { bias: evidenceTensor(bias) }),
    ...(geometry.kernelLayout === undefined ? {} : { kernelLayout: geometry.kernelLayout }),
    params: plainParams(request.params),
    ...(outcome.form === undefined ? {} : { form: outcome.form }),
    ...(outcome.otherForms === undefined || outcome.otherForms.length === 0 ? {} : { otherForms: [...outcome.otherForms] }),
    ...(outcome.otherCalls === undefined || outcome.otherCalls.length === 0 ? {} : { otherCalls: [...outcome.otherCalls] }),
    ...(geometry.window === undefined ? {} : { window: geometry.window }),
    ...(outcome.expected === undefined ? {} : { expected: evidenceTensor(outcome.expected) }),
    ...(outcome.actual === undefined ? {} : { actual: evidenceTensor(outcome.actual) }),
    comparison: outcome.comparison,
  };
  if (outcome.expected !== undefined && outcome.actual !== undefined) {
    const failing: number[] = [];
    const alternatives = outcome.alternatives ?? [{ expected: outcome.expected, tolerance: outcome.tolerance }];
    const report = compareWithAlternatives(alternatives, outcome.actual, failing);
    if (report.shapeMismatch === undefined) evidence.differing = failing;
  }
  return evidence;
}
