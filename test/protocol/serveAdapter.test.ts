/** The adapter side of the protocol, served in process over in-memory streams. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UnsupportedCase, type Adapter } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { AdapterMessage, KitMessage } from '../../src/protocol/messages.js';
import { serveAdapter } from '../../src/protocol/serveAdapter.js';
import { protocolProblems } from '../../src/protocol/validateMessage.js';
import { decodeWireTensor, encodeWireTensor } from '../../src/protocol/wireTensor.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { ADAPTER_OPS } from '../../src/ops/Adapter.js';

/** Serves `adapter`, sends `lines` (objects are JSON-encoded), and returns every message it wrote. */
async function converse(adapter: Adapter, lines: (KitMessage | string)[], options = {}): Promise<AdapterMessage[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const served = serveAdapter(adapter, input, output, options);
  for (const line of lines) input.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  input.end();
  await served;
  return written
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AdapterMessage);
}

const x = makeTensor([1, 1, 4], [1, 2, 3, 4]);
const w = makeTensor([1, 1, 2], [1, -1]);

describe('serveAdapter', () => {
  // spec: protocol.handshake, protocol.request, protocol.response, protocol.tensor
  it('greets with a schema-valid hello listing the implemented ops, then answers requests with valid results', async () => {
    const messages = await converse(referenceAdapter('cnnspec'), [
      {
        type: 'request',
        id: 1,
        op: 'conv',
        params: { strides: [1], padding: 'valid' },
        tensors: { input: encodeWireTensor(x), weight: encodeWireTensor(w) },
      },
      {
        type: 'request',
        id: 2,
        op: 'outputShape',
        layer: { type: 'conv', filters: 3, kernel: [2] },
        inputShape: [1, 1, 4],
        layout: 'channels-first',
      },
      {
        type: 'request',
        id: 3,
        op: 'paramCount',
        layer: { type: 'conv', filters: 3, kernel: [2] },
        inputShape: [1, 1, 4],
        layout: 'channels-first',
      },
    ]);
    for (const message of messages) expect(protocolProblems(message)).toEqual([]);
    const [hello, ...results] = messages;
    expect(hello).toMatchObject({ type: 'hello', protocol: 1, name: 'reference', convention: 'cnnspec' });
    expect((hello as { ops: string[] }).ops).toEqual([...ADAPTER_OPS]);
    const byId = new Map(results.map((m) => [(m as { id: number }).id, m]));
    const conv = byId.get(1) as { tensor: Parameters<typeof decodeWireTensor>[0] };
    expect(Array.from(decodeWireTensor(conv.tensor).data)).toEqual([-1, -1, -1]);
    expect(byId.get(2)).toEqual({ type: 'result', id: 2, value: [1, 3, 3] });
    expect(byId.get(3)).toEqual({ type: 'result', id: 3, value: 9 });
  });

  // spec: protocol.framing, protocol.request
  it('answers a request that breaks the schema with an error naming the problem, and skips lines that are not JSON', async () => {
    const messages = await converse(referenceAdapter(), [
      'this is not JSON',
      '',
      { type: 'request', id: 7, op: 'conv', tensors: { input: { shape: [-1], dtype: 'float32', data: '' } } } as never,
    ]);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ type: 'error', id: 7 });
    expect((messages[1] as { message: string }).message).toMatch(/^invalid request: /);
  });

  it('passes an invalid request to the adapter when validation is off, and reports what the adapter throws', async () => {
    const messages = await converse(
      referenceAdapter(),
      [{ type: 'request', id: 4, op: 'pool', params: { kind: 'max', kernel: [9] }, tensors: { input: encodeWireTensor(x) } }],
      { validate: false },
    );
    expect(messages[1]).toMatchObject({ type: 'error', id: 4 });
    expect((messages[1] as { message: string }).message).toContain('kernel');
  });

  // spec: protocol.response
  it('flags an UnsupportedCase as unsupported and a missing method as an error', async () => {
    const adapter: Adapter = {
      ...referenceAdapter(),
      name: 'partial',
      pool: () => Promise.reject(new UnsupportedCase('no such pooling here')),
      dense: undefined,
    };
    const messages = await converse(adapter, [
      { type: 'request', id: 1, op: 'pool', params: { kind: 'max', kernel: [2] }, tensors: { input: encodeWireTensor(x) } },
      { type: 'request', id: 2, op: 'dense', params: {}, tensors: { input: encodeWireTensor(x), weight: encodeWireTensor(w) } },
    ]);
    expect((messages[0] as { ops: string[] }).ops).not.toContain('dense');
    expect(messages.find((m) => m.type === 'error' && m.id === 1)).toEqual({
      type: 'error',
      id: 1,
      message: 'no such pooling here',
      unsupported: true,
    });
    expect(messages.find((m) => m.type === 'error' && m.id === 2)).toEqual({
      type: 'error',
      id: 2,
      message: 'op dense is not implemented',
    });
  });

  // spec: protocol.timeouts
  it('retires when asked: the answer carries exit: true, later requests are not answered, and the broken adapter is not disposed', async () => {
    let calls = 0;
    let disposed = 0;
    const adapter: Adapter = {
      ...referenceAdapter(),
      outputShape: (request) => ((calls += 1), referenceAdapter().outputShape!(request)),
      dispose: () => Promise.resolve(void (disposed += 1)),
    };
    const request = (id: number): KitMessage => ({
      type: 'request',
      id,
      op: 'outputShape',
      layer: { type: 'flatten' },
      inputShape: [1, 2, 3],
      layout: 'channels-first',
    });
    const messages = await converse(adapter, [request(1), request(2), request(3)], {
      retireWhen: () => (calls >= 2 ? 'broken after two calls' : undefined),
    });
    for (const message of messages) expect(protocolProblems(message)).toEqual([]);
    const answers = messages.slice(1) as { id: number; exit?: boolean }[];
    expect(answers.find((m) => m.exit === true)).toBeDefined();
    expect(answers.filter((m) => m.exit !== true).every((m) => m.id < answers.find((a) => a.exit === true)!.id)).toBe(true);
    expect(answers.length).toBeLessThan(3);
    expect(disposed).toBe(0);
  });

  // spec: protocol.shutdown
  it('stops at shutdown: later requests are not answered, and the adapter is disposed', async () => {
    let disposed = 0;
    const adapter: Adapter = { ...referenceAdapter(), dispose: () => Promise.resolve(void (disposed += 1)) };
    const messages = await converse(adapter, [
      { type: 'shutdown' },
      { type: 'request', id: 1, op: 'outputShape', layer: { type: 'flatten' }, inputShape: [1, 2, 3], layout: 'channels-first' },
    ]);
    expect(messages.map((m) => m.type)).toEqual(['hello']);
    expect(disposed).toBe(1);
  });
});
