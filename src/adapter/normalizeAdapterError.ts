/**
 * What an adapter throws, made fit for the run and its reports: always an Error (an adapter may
 * throw a string, `null` or anything else), with a message of bounded length (an adapter may
 * throw a megabyte), without control characters (which would rewrite a terminal or break an
 * XML report). An Error keeps its class and name, so that UnsupportedCase and AdapterFault are
 * still recognised.
 */
import { describeValue } from './checkAdapterAnswer.js';

/** Longest adapter message kept, in characters. */
export const MAX_ADAPTER_MESSAGE = 4096;

/** Escapes C0 and C1 control characters other than tab and newline as `\uXXXX`, and cuts the text at MAX_ADAPTER_MESSAGE. */
export function cleanAdapterMessage(text: string): string {
  const cut =
    text.length > MAX_ADAPTER_MESSAGE ? `${text.slice(0, MAX_ADAPTER_MESSAGE)}... (cut: the message has ${text.length} characters)` : text;
  return cut.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function messageOf(error: Error): string | undefined {
  try {
    return typeof error.message === 'string' ? error.message : undefined;
  } catch {
    return undefined; // a getter that throws
  }
}

/** A replacement error keeps the API form the call was made in (spec: conformance.api-forms). */
function keepForm(copy: Error, thrown: Error): Error {
  let form: unknown;
  try {
    form = (thrown as { form?: unknown }).form;
  } catch {
    return copy;
  }
  return typeof form === 'string' ? Object.assign(copy, { form }) : copy;
}

export function normalizeAdapterError(op: string, thrown: unknown): Error {
  if (!(thrown instanceof Error)) {
    const message = (thrown as { message?: unknown } | null)?.message;
    const said = typeof message === 'string' ? ` with message ${JSON.stringify(cleanAdapterMessage(message))}` : '';
    return new Error(cleanAdapterMessage(`adapter ${op} threw ${describeValue(thrown)}${said}, not an Error`));
  }
  const message = messageOf(thrown);
  if (message === undefined)
    return keepForm(Object.assign(new Error(`adapter ${op} threw an error without a readable message`), { name: thrown.name }), thrown);
  const cleaned = cleanAdapterMessage(message);
  if (cleaned === message) return thrown;
  try {
    thrown.message = cleaned;
    if (thrown.message === cleaned) return thrown;
  } catch {
    // a frozen error: replaced below
  }
  const copy = new Error(cleaned);
  copy.name = thrown.name;
  return keepForm(copy, thrown);
}
