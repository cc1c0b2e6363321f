/**
 * One line the kit sent to an adapter, read as an adapter's server must read it (spec:
 * protocol.framing, protocol.request): a blank line or one that is not JSON is skipped, a message
 * that breaks the schema is answered with an error where it has an id, a shutdown ends the
 * session, and anything else is a request to answer. serveAdapter and the browser session read
 * their input with it.
 */
import type { ErrorMessage, RequestMessage } from './messages.js';
import { protocolProblems } from './validateMessage.js';

export type KitLine =
  | { kind: 'skip' }
  | { kind: 'invalid'; reply?: ErrorMessage }
  | { kind: 'shutdown' }
  | { kind: 'request'; request: RequestMessage };

export function readKitLine(line: string, validate = true): KitLine {
  if (line.trim() === '') return { kind: 'skip' };
  let message: { type?: string; id?: number };
  try {
    message = JSON.parse(line) as typeof message;
  } catch {
    return { kind: 'skip' };
  }
  if (validate) {
    const problems = protocolProblems(message);
    if (problems.length > 0) {
      return typeof message.id === 'number'
        ? { kind: 'invalid', reply: { type: 'error', id: message.id, message: `invalid request: ${problems.join('; ')}` } }
        : { kind: 'invalid' };
    }
  }
  if (message.type === 'shutdown') return { kind: 'shutdown' };
  return { kind: 'request', request: message as RequestMessage };
}
