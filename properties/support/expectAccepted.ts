/**
 * A call that is valid under every member of the adapter's convention must be answered: an
 * implementation may not refuse a valid parameter because of the width of the type it keeps it
 * in (spec: error.parameter-range). A case the adapter cannot express is still skipped, and a
 * call that did not complete still fails as such (spec: conformance.capabilities); a violation
 * the kit found in the answer passes through.
 */
import { isRejection } from '../../src/ops/Adapter.js';
import { PropertyViolation } from '../PropertyDefinition.js';

/** The answer of `invoke`; a PropertyViolation that starts with `what` when the adapter rejects the call. */
export async function expectAccepted<T>(invoke: () => Promise<T>, what: string, details: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke();
  } catch (error) {
    if (error instanceof PropertyViolation || !isRejection(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new PropertyViolation(`${what}, but the adapter rejected it: ${message}`, { ...details, rejection: message });
  }
}
