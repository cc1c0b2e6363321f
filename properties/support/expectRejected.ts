/**
 * A call the spec requires an error for must end in one: the adapter throws or rejects. What
 * counts as its rejection is decided by `isRejection`: a case the adapter cannot express is
 * skipped, and a call that did not complete (a timeout, a crash) or that changed its inputs
 * fails the test, neither being a rejection (spec: error.typed, conformance.capabilities,
 * conformance.inputs-read-only).
 */
import { isRejection } from '../../src/ops/Adapter.js';
import { PropertyViolation } from '../PropertyDefinition.js';

/** What an adapter answered, in words. */
export function describeAnswer(answer: unknown): string {
  if (Array.isArray(answer)) return `the shape [${answer.join(', ')}]`;
  if (typeof answer === 'number') return `the count ${answer}`;
  const shape = (answer as { shape?: unknown } | null)?.shape;
  if (Array.isArray(shape)) return `a tensor of shape [${shape.join(', ')}]`;
  return `${String(answer)}`;
}

/**
 * Resolves when `invoke` rejects; throws a PropertyViolation that starts with `what` (the
 * invalid parameter, its value and the rule it breaks) when it answers.
 */
export async function expectRejected(invoke: () => Promise<unknown>, what: string, details: Record<string, unknown> = {}): Promise<void> {
  let answer: unknown;
  try {
    answer = await invoke();
  } catch (error) {
    if (!isRejection(error)) throw error;
    return;
  }
  throw new PropertyViolation(`${what}: the adapter answered ${describeAnswer(answer)} instead of an error`, {
    ...details,
    answer: describeAnswer(answer),
  });
}
