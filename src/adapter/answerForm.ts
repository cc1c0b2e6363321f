/**
 * The API form an adapter names on an answer or on an error it threw (spec: conformance.adapter,
 * conformance.api-forms): a string, cut to a bounded length and with control characters escaped,
 * as every text an adapter gives is before it reaches a report. Anything else is no form.
 */
import { cleanAdapterMessage } from './normalizeAdapterError.js';

/** The longest form kept, in characters. */
export const MAX_FORM_LENGTH = 500;

export function answerForm(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  let form: unknown;
  try {
    form = (value as { form?: unknown }).form;
  } catch {
    return undefined; // a getter that throws
  }
  if (typeof form !== 'string' || form === '') return undefined;
  const cut = form.length > MAX_FORM_LENGTH ? `${form.slice(0, MAX_FORM_LENGTH)}…` : form;
  return cleanAdapterMessage(cut);
}
