/**
 * The adapter side of the protocol (spec/protocol.md) for any in-process adapter: greets, then
 * answers each request line with a result or an error. It lets a JavaScript implementation run
 * out of process, and in tests it checks every message the kit sends against the schema.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Adapter } from '../ops/Adapter.js';
import { answerRequest, helloMessage, type WireCodec } from './answerRequest.js';
import type { AdapterMessage } from './messages.js';
import { readKitLine } from './readKitLine.js';
import { decodeWireTensor, encodeWireTensor } from './wireTensor.js';

const NODE_CODEC: WireCodec = { decode: decodeWireTensor, encode: encodeWireTensor };

export interface ServeOptions {
  /** Check every incoming message against the schema and answer violations with an error. @defaultValue true */
  validate?: boolean;
  /**
   * Asked after each call: a reason to stop serving (the implementation is broken for the rest
   * of the process). The answer then carries `exit: true` and serving ends, so the process can
   * exit and the kit starts a fresh one (spec: protocol.timeouts).
   */
  retireWhen?: () => string | undefined;
}

/** Serves an adapter until the input ends, a shutdown message arrives, or `retireWhen` gives a reason. */
export async function serveAdapter(adapter: Adapter, input: Readable, output: Writable, options: ServeOptions = {}): Promise<void> {
  const write = (message: AdapterMessage): void => {
    output.write(`${JSON.stringify(message)}\n`);
  };
  write(helloMessage(adapter));
  const lines = createInterface({ input, crlfDelay: Infinity });
  const inFlight: Promise<void>[] = [];
  let retired = false;
  const reply = (message: AdapterMessage): void => {
    if (retired) return; // after the exit notice the kit expects nothing more from this process
    if (message.type !== 'hello' && options.retireWhen?.() !== undefined) {
      retired = true;
      write({ ...message, exit: true });
      lines.close();
      return;
    }
    write(message);
  };
  for await (const line of lines) {
    if (retired) break;
    const read = readKitLine(line, options.validate ?? true);
    if (read.kind === 'skip') continue;
    if (read.kind === 'invalid') {
      if (read.reply !== undefined) reply(read.reply);
      continue;
    }
    if (read.kind === 'shutdown') break;
    const { request } = read;
    inFlight.push(answerRequest(adapter, request, NODE_CODEC).then(reply));
  }
  if (retired) return; // a broken implementation is neither waited for nor disposed: the process exits
  await Promise.all(inFlight);
  await adapter.dispose?.();
}
