/**
 * Names the API form a failed call was made in on the error it threw, so that the failure's
 * evidence shows the call that threw as it shows the call that answered (spec:
 * conformance.api-forms). The error is the framework's own, changed only by the added field.
 */
export function attachForm(error: unknown, form: string): unknown {
  if (error !== null && typeof error === 'object') {
    try {
      Object.defineProperty(error, 'form', { value: form, enumerable: true, configurable: true, writable: true });
    } catch {
      // a frozen error keeps its message, without the form
    }
  }
  return error;
}
