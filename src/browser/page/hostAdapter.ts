/**
 * The page's side of the browser runner (spec: browser.channel): makes the adapter from the
 * module's default export (an adapter, or a function, sync or async, that returns one), then
 * answers the protocol's messages one line at a time, exactly as an adapter process would on its
 * standard input and output. The Node side (serveBrowser) carries the lines to and from the kit.
 */
import type { Adapter } from '../../ops/Adapter.js';
import { answerRequest, helloMessage } from '../../protocol/answerRequest.js';
import type { RequestMessage } from '../../protocol/messages.js';
import { pageWireCodec } from './pageWireCodec.js';

/** What the page offers the Node side, on `globalThis`. */
export interface PageHost {
  /** Answers one request line with one response line. */
  cnnspecAnswer(line: string): Promise<string>;
  /** Lets the adapter release what it holds (a GPU device) before the page closes. */
  cnnspecDispose(): Promise<void>;
}

/** Why `value` cannot be served as an adapter, or undefined; the kit checks the hello in full. */
function notAnAdapter(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return `it is ${value === null ? 'null' : typeof value}, not an object`;
  const adapter = value as Partial<Adapter>;
  if (typeof adapter.name !== 'string') return '"name" is not a string';
  if (typeof adapter.version !== 'string') return '"version" is not a string';
  if (!Array.isArray(adapter.features)) return '"features" is not an array';
  return undefined;
}

/** Makes the adapter and installs the host; resolves to the hello line. */
export async function startHost(exported: unknown): Promise<string> {
  const made = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  const problem = notAnAdapter(made);
  if (problem !== undefined) throw new Error(`the module does not export an adapter: ${problem} (see src/ops/Adapter.ts)`);
  const adapter = made as Adapter;
  const host: PageHost = {
    async cnnspecAnswer(line) {
      return JSON.stringify(await answerRequest(adapter, JSON.parse(line) as RequestMessage, pageWireCodec));
    },
    async cnnspecDispose() {
      await adapter.dispose?.();
    },
  };
  Object.assign(globalThis, host);
  return JSON.stringify(helloMessage(adapter));
}
