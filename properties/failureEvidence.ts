/**
 * Picks the adapter call a property failure comes down to and turns it into report evidence:
 * the call whose output is the tensor the property found wrong, else the last call made.
 */
import type { ConventionSpec } from '../src/spec/conventions.js';
import { buildEvidence } from '../src/evidence/buildEvidence.js';
import type { FailureEvidence, OtherCall } from '../src/report/model/Report.js';
import { PropertyViolation } from './PropertyDefinition.js';
import type { RecordedCall } from './support/recordCalls.js';
import { OPS } from '../src/ops/registry.js';

type TensorLike = { shape: readonly number[]; data: ArrayLike<number> };

function sameTensor(a: TensorLike, b: TensorLike): boolean {
  if (a === b) return true;
  if (a.shape.length !== b.shape.length || a.shape.some((size, axis) => size !== b.shape[axis]) || a.data.length !== b.data.length)
    return false;
  for (let i = 0; i < a.data.length; i++) if (!Object.is(a.data[i], b.data[i])) return false;
  return true;
}

/** Other calls' forms listed at most: a property makes a handful of calls per case. */
const MAX_OTHER_FORMS = 8;

/**
 * The API form the adapter named for the evidence call, and those of the case's other calls, as
 * evidence carries them (spec: conformance.api-forms): where a property compares the adapter
 * with itself, the call in a defective form may be the other one.
 */
function formsOf(call: RecordedCall, calls: readonly RecordedCall[]): { form?: string; otherForms?: string[] } {
  const others = [...new Set(calls.filter((c) => c !== call && c.form !== undefined && c.form !== call.form).map((c) => c.form!))].slice(
    0,
    MAX_OTHER_FORMS,
  );
  return { ...(call.form === undefined ? {} : { form: call.form }), ...(others.length === 0 ? {} : { otherForms: others }) };
}

/**
 * The case's other calls as shapes and parameters, without repeats (spec: conformance.expectations):
 * where a property compares the adapter with itself, the call a defect explains may be one of them.
 */
function otherCallsOf(call: RecordedCall, calls: readonly RecordedCall[]): { otherCalls?: OtherCall[] } {
  const seen = new Set<string>();
  const others: OtherCall[] = [];
  for (const other of calls) {
    if (other === call || others.length >= MAX_OTHER_FORMS) continue;
    const request = other.request as { input: TensorLike; weight?: TensorLike; bias?: TensorLike; params?: Record<string, unknown> };
    const described: OtherCall = {
      op: other.op,
      params: (request.params ?? {}) as Record<string, unknown>,
      inputShape: [...request.input.shape],
      ...(request.weight === undefined ? {} : { weightShape: [...request.weight.shape] }),
      ...(request.bias === undefined ? {} : { biasShape: [...request.bias.shape] }),
      inputHasNaN: Array.from(request.input.data).some((value) => Number.isNaN(value)),
      inputHasBothInfinities: Array.from(request.input.data).includes(Infinity) && Array.from(request.input.data).includes(-Infinity),
      answered: other.output !== undefined,
      ...(other.form === undefined ? {} : { form: other.form }),
    };
    const key = JSON.stringify(described);
    if (seen.has(key)) continue;
    seen.add(key);
    others.push(described);
  }
  return others.length === 0 ? {} : { otherCalls: others };
}

export function failureEvidence(error: unknown, calls: readonly RecordedCall[], convention: ConventionSpec): FailureEvidence | undefined {
  if (calls.length === 0) return undefined;
  const last = calls[calls.length - 1]!;
  if (error instanceof PropertyViolation && error.compared !== undefined) {
    const { expected, actual, tolerance, alternatives, what } = error.compared;
    const call =
      calls.find((c) => c.output !== undefined && sameTensor(c.output, actual)) ??
      calls.find((c) => c.output !== undefined && sameTensor(c.output, expected)) ??
      last;
    return buildEvidence(call, convention, {
      expected,
      actual,
      tolerance,
      ...(alternatives === undefined ? {} : { alternatives }),
      comparison: what,
      ...formsOf(call, calls),
      ...otherCallsOf(call, calls),
    });
  }
  // No tensor comparison: the adapter threw, answered when it should have refused, or broke a
  // rule about shapes; show the last call and whatever it returned.
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return buildEvidence(last, convention, {
    ...(last.output === undefined ? {} : { actual: last.output }),
    tolerance: { kind: 'exact', zeroSignFree: true },
    comparison: `the adapter's ${OPS[last.op].method} call${last.output === undefined ? ', which threw' : ''}: ${message}`,
    ...formsOf(last, calls),
    ...otherCallsOf(last, calls),
  });
}
