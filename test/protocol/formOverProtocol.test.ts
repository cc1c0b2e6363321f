/**
 * The API form of a call over the protocol (spec: protocol.response, conformance.api-forms): an
 * in-process adapter served out of process sends the form of its answers and errors, the kit
 * passes it on with the answer or the error, and a form that is not a string breaks the protocol.
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAdapterFault, type Adapter, type TensorAnswer } from '../../src/ops/Adapter.js';
import { attachForm } from '../../src/adapter/attachForm.js';
import { execAdapter } from '../../src/adapter/execAdapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { AdapterMessage } from '../../src/protocol/messages.js';
import { serveAdapter } from '../../src/protocol/serveAdapter.js';
import { protocolProblems } from '../../src/protocol/validateMessage.js';
import { encodeWireTensor } from '../../src/protocol/wireTensor.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { makeTensor } from '../../src/tensor/tensor.js';

const script = join(packageRoot(), 'test', 'adapters', 'namesForms.mjs');
const command = (...args: string[]): string => [process.execPath, script, ...args].map((a) => `'${a}'`).join(' ');
const x = makeTensor([1, 1, 3], [1, 2, 3]);
const w = makeTensor([1, 1, 2], [1, -1]);

/** The reference naming the form `Conv(explicit)` on its conv answers and errors. */
function naming(): Adapter {
  const reference = referenceAdapter('cnnspec');
  return {
    ...reference,
    conv: async (request) => {
      try {
        return { ...(await reference.conv!(request)), form: 'Conv(explicit)' } as TensorAnswer;
      } catch (error) {
        throw attachForm(error, 'Conv(explicit)');
      }
    },
  };
}

describe('API forms over the protocol', () => {
  it('are sent by serveAdapter on results and errors, in schema-valid messages', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const served = serveAdapter(naming(), input, output);
    const tensors = { input: encodeWireTensor(x), weight: encodeWireTensor(w) };
    input.write(`${JSON.stringify({ type: 'request', id: 1, op: 'conv', params: {}, tensors })}\n`);
    input.write(`${JSON.stringify({ type: 'request', id: 2, op: 'conv', params: { strides: [0] }, tensors })}\n`);
    input.end();
    await served;
    const messages = written
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AdapterMessage);
    for (const message of messages) expect(protocolProblems(message)).toEqual([]);
    expect(messages.find((m) => m.type === 'result')).toMatchObject({ id: 1, form: 'Conv(explicit)' });
    expect(messages.find((m) => m.type === 'error')).toMatchObject({ id: 2, form: 'Conv(explicit)' });
  });

  it('are passed on by execAdapter with the answer and with the error', async () => {
    const adapter = await execAdapter({ command: command() });
    try {
      const answer = await adapter.conv!({ input: x, weight: w, params: {} });
      expect(answer.form).toBe('Conv(pads omitted)');
      const error = (await adapter.dense!({ input: x, weight: w, params: {} }).then(
        () => undefined,
        (e: unknown) => e,
      )) as Error & { form?: string };
      expect(error.message).toBe('adapter error: no dense today');
      expect(error.form).toBe('Gemm(transB=1)');
    } finally {
      await adapter.dispose!();
    }
  });

  it('must be strings: a number breaks the protocol, and the request fails as a fault', async () => {
    expect(protocolProblems({ type: 'result', id: 1, tensor: encodeWireTensor(x), form: 3 })).toEqual(['/form must be string (type)']);
    const adapter = await execAdapter({ command: command('number-form'), timeoutMs: 10_000 });
    try {
      const error = await adapter.conv!({ input: x, weight: w, params: {} }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAdapterFault(error)).toBe(true);
      expect(adapter.events().some((event) => event.kind === 'violation' && event.detail.includes('/form must be string'))).toBe(true);
    } finally {
      await adapter.dispose!();
    }
  });
});
