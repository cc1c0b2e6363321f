/**
 * The page's side of the channel, run in Node (spec: browser.channel): the host makes the adapter
 * from the module's export and answers protocol lines as serveAdapter does, and the page's codec
 * keeps every float32 bit (NaN payloads, -0, infinities) in base64, across the chunks its
 * encoder works in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { pageWireCodec } from '../../src/browser/page/pageWireCodec.js';
import { startHost, type PageHost } from '../../src/browser/page/hostAdapter.js';
import { decodeWireTensor, encodeWireTensor } from '../../src/protocol/wireTensor.js';
import { UnsupportedCase } from '../../src/ops/Adapter.js';

afterEach(() => {
  delete (globalThis as Partial<PageHost>).cnnspecAnswer;
  delete (globalThis as Partial<PageHost>).cnnspecDispose;
});

const host = (): PageHost => globalThis as unknown as PageHost;

describe("the page's codec (spec: protocol.tensor)", () => {
  it("encodes as Node's codec does and decodes every bit back, over more than one chunk", () => {
    const data = new Float32Array(70_000);
    for (let i = 0; i < data.length; i++) data[i] = Math.fround(Math.sin(i) * 1e3);
    const bits = new Uint32Array(data.buffer);
    bits[1] = 0x7fc00123; // a NaN with a payload
    data[2] = -0;
    data[3] = Infinity;
    data[4] = -Infinity;
    data[5] = 1e-45; // the least subnormal
    const tensor = { shape: [7, 10_000], data };
    const wire = pageWireCodec.encode(tensor);
    expect(wire).toEqual(encodeWireTensor(tensor));
    const back = pageWireCodec.decode(wire);
    expect(back.shape).toEqual([7, 10_000]);
    expect(Buffer.from(back.data.buffer).equals(Buffer.from(data.buffer))).toBe(true);
    expect(Buffer.from(decodeWireTensor(wire).data.buffer).equals(Buffer.from(data.buffer))).toBe(true);
  });

  it('refuses data whose length does not match the shape, saying both', () => {
    expect(() => pageWireCodec.decode({ shape: [3], dtype: 'float32', data: 'AAAAAA==' })).toThrow(
      'tensor data holds 4 bytes, shape [3] needs 12',
    );
  });
});

describe("the page's host (spec: browser.channel, browser.module)", () => {
  it("greets with the adapter's hello and answers a result, an unsupported case and an error as serveAdapter would", async () => {
    const reference = referenceAdapter('cnnspec');
    const hello = JSON.parse(
      await startHost(async () => ({
        ...reference,
        async pool() {
          throw new UnsupportedCase('no pooling in this page');
        },
      })),
    );
    expect(hello).toMatchObject({ type: 'hello', protocol: 1, name: 'reference', convention: 'cnnspec' });
    expect(hello.ops).toContain('conv');
    const input = encodeWireTensor({ shape: [1, 1, 2, 2], data: new Float32Array([1, 2, 3, 4]) });
    const weight = encodeWireTensor({ shape: [1, 1, 1, 1], data: new Float32Array([3]) });
    const result = JSON.parse(
      await host().cnnspecAnswer(
        JSON.stringify({ type: 'request', id: 4, op: 'conv', tensors: { input, weight }, params: { layout: 'channels-first' } }),
      ),
    );
    expect(result.type).toBe('result');
    expect(result.id).toBe(4);
    expect([...decodeWireTensor(result.tensor).data]).toEqual([3, 6, 9, 12]);
    const refused = JSON.parse(
      await host().cnnspecAnswer(
        JSON.stringify({ type: 'request', id: 5, op: 'pool', tensors: { input }, params: { kind: 'max', kernel: [1, 1] } }),
      ),
    );
    expect(refused).toEqual({ type: 'error', id: 5, message: 'no pooling in this page', unsupported: true });
    const failed = JSON.parse(
      await host().cnnspecAnswer(
        JSON.stringify({ type: 'request', id: 6, op: 'conv', tensors: { input, weight }, params: { strides: [0, 1] } }),
      ),
    );
    expect(failed).toMatchObject({ type: 'error', id: 6 });
    expect(failed.message).toMatch(/stride/);
    await host().cnnspecDispose();
  });

  it('refuses an export that is not an adapter, saying what is wrong', async () => {
    await expect(startHost(42)).rejects.toThrow('the module does not export an adapter: it is number, not an object');
    await expect(startHost(() => null)).rejects.toThrow('it is null, not an object');
    await expect(startHost({ name: 'x', version: 1 })).rejects.toThrow('"version" is not a string');
    await expect(startHost({ version: '1' })).rejects.toThrow('"name" is not a string');
    await expect(startHost({ name: 'x', version: '1' })).rejects.toThrow('"features" is not an array');
  });
});
