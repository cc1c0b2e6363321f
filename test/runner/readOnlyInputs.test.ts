/**
 * Every call works on its own copy of its request, and a call that changed its copy fails with an
 * InputModified naming the first changed element, bit for bit, whether the call answered or
 * threw; answers are the kit's own copies (spec: conformance.inputs-read-only).
 */
import { describe, expect, it } from 'vitest';
import {
  AdapterFault,
  InputModified,
  isInputModified,
  isRejection,
  UnsupportedCase,
  type Adapter,
  type ConvRequest,
  type LayerRequest,
  type PoolRequest,
} from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { readOnlyInputs } from '../../src/adapter/readOnlyInputs.js';
import { makeTensor } from '../../src/tensor/tensor.js';

const reference = referenceAdapter('cnnspec');

const poolRequest = (): PoolRequest => ({
  input: makeTensor([1, 1, 2, 3], [1, 2, 3, 4, 5, 6]),
  params: { kind: 'max', kernel: [1, 2], strides: [1, 1], padding: { begin: [0, 0], end: [0, 0] }, layout: 'channels-first' },
});

const convRequest = (): ConvRequest => ({
  input: makeTensor([1, 1, 2, 2], [1, 2, 3, 4]),
  weight: makeTensor([1, 1, 1, 1], [2]),
  bias: makeTensor([1], [0.5]),
  params: { strides: [1, 1], layout: 'channels-first', kernelLayout: 'out-in-spatial' },
});

/** The reference with its pool replaced by `pool`. */
const withPool = (pool: (request: PoolRequest) => Promise<unknown>): Adapter => ({ ...reference, pool: pool as Adapter['pool'] });

async function thrownBy(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call did not throw');
}

/** The float32 with the given bit pattern (a NaN payload survives only inside a Float32Array). */
function float32Bits(bits: number): Float32Array {
  const data = new Float32Array(1);
  new Uint32Array(data.buffer)[0] = bits;
  return data;
}

describe('readOnlyInputs', () => {
  it('gives the adapter copies at every level and keeps the answer of a correct adapter', async () => {
    const request = poolRequest();
    let seen: PoolRequest | undefined;
    const adapter = readOnlyInputs(withPool(async (sent) => ((seen = sent), reference.pool!(sent))));
    const answer = await adapter.pool!(request);
    expect(answer).toEqual(await reference.pool!(poolRequest()));
    expect(seen).toEqual(request);
    expect(seen).not.toBe(request);
    expect(seen!.input).not.toBe(request.input);
    expect(seen!.input.shape).not.toBe(request.input.shape);
    expect(seen!.input.data.buffer).not.toBe(request.input.data.buffer);
    expect(seen!.params).not.toBe(request.params);
    expect(seen!.params.kernel).not.toBe(request.params.kernel);
    const padding = request.params.padding as unknown as { begin: number[] };
    expect((seen!.params.padding as unknown as { begin: number[] }).begin).not.toBe(padding.begin);
  });

  it('fails a call that wrote into its input, naming the tensor, the first changed element and both values, and leaves the kit its data', async () => {
    const request = poolRequest();
    const adapter = readOnlyInputs(
      withPool(async (sent) => {
        const answer = await reference.pool!(sent);
        sent.input.data.fill(0, 3);
        return answer;
      }),
    );
    const error = await thrownBy(adapter.pool!(request));
    expect(error).toBeInstanceOf(InputModified);
    expect((error as Error).message).toBe(
      'adapter pool modified its input tensor "input" (inputs are read-only, spec: conformance.inputs-read-only): element 3 was 4, now 0',
    );
    expect(error).toMatchObject({ name: 'InputModified', tensor: 'input', index: 3, before: 4, after: 0 });
    expect(Array.from(request.input.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('compares bit patterns: a zero that changed its sign and a NaN that changed its payload are changes', async () => {
    const zero = makeTensor([1, 1, 1, 2], [0, 0]);
    const negates = readOnlyInputs(withPool(async (sent) => ((sent.input.data[1] = -0), reference.pool!(sent))));
    expect(
      ((await thrownBy(negates.pool!({ ...poolRequest(), input: zero, params: { kind: 'max', kernel: [1, 1] } }))) as Error).message,
    ).toMatch(/: element 1 was 0, now -0$/);
    const quiet = { shape: [1, 1, 1, 1], data: float32Bits(0x7fc00000) };
    const payload = float32Bits(0x7fc00001);
    const renames = readOnlyInputs(withPool(async (sent) => (sent.input.data.set(payload), reference.pool!(sent))));
    expect(((await thrownBy(renames.pool!({ input: quiet, params: { kind: 'max', kernel: [1, 1] } }))) as Error).message).toMatch(
      /: element 0 was NaN \(0x7fc00000\), now NaN \(0x7fc00001\)$/,
    );
    // writing back the very bits that were there is no change
    const rewrites = readOnlyInputs(withPool(async (sent) => (sent.input.data.set(sent.input.data.slice()), reference.pool!(sent))));
    await expect(
      rewrites.pool!({ input: { shape: [1, 1, 1, 1], data: float32Bits(0x7fc00000) }, params: { kind: 'max', kernel: [1, 1] } }),
    ).resolves.toMatchObject({ shape: [1, 1, 1, 1] });
  });

  it('names the weight and the bias of a convolution, a shape, and parameters down to nested arrays', async () => {
    const conv = (change: (sent: ConvRequest) => void): Adapter =>
      readOnlyInputs({ ...reference, conv: async (sent) => (change(sent), reference.conv!(convRequest())) });
    const messageOf = async (change: (sent: ConvRequest) => void): Promise<string> =>
      ((await thrownBy(conv(change).conv!(convRequest()))) as Error).message.replace(
        / \(inputs are read-only, spec: conformance\.inputs-read-only\)/,
        '',
      );
    expect(await messageOf((sent) => (sent.weight.data[0] = 3))).toBe(
      'adapter conv modified its input tensor "weight": element 0 was 2, now 3',
    );
    expect(await messageOf((sent) => (sent.bias!.data[0] = 0))).toBe(
      'adapter conv modified its input tensor "bias": element 0 was 0.5, now 0',
    );
    expect(await messageOf((sent) => ((sent.input.shape as number[])[2] = 4))).toBe(
      'adapter conv modified its input "input.shape": element 2 was 2, now 4',
    );
    expect(await messageOf((sent) => (sent.params.strides as number[]).push(1))).toBe(
      'adapter conv modified its input "params.strides": it was [1, 1], now [1, 1, 1]',
    );
    expect(await messageOf((sent) => (sent.params.dilations = [2, 2]))).toBe(
      'adapter conv modified its input "params.dilations": it was absent, now [2, 2]',
    );
    expect(await messageOf((sent) => delete (sent as { bias?: unknown }).bias)).toBe(
      'adapter conv modified its input "bias": it was a tensor of shape [1], now absent',
    );
    expect(await messageOf((sent) => ((sent.params as Record<string, unknown>).layout = null))).toBe(
      'adapter conv modified its input "params.layout": it was "channels-first", now null',
    );
    const unreadable = (sent: ConvRequest): void =>
      void Object.defineProperty(sent.input, 'data', {
        get: () => {
          throw new Error('gone');
        },
      });
    expect(await messageOf(unreadable)).toBe('adapter conv modified its request so that it can no longer be read');
    const pool = readOnlyInputs(
      withPool(async (sent) => (((sent.params.padding as unknown as { end: number[] }).end[1] = 1), reference.pool!(poolRequest()))),
    );
    expect(await thrownBy(pool.pool!(poolRequest()))).toMatchObject({ tensor: 'params.padding.end', index: 1, before: 0, after: 1 });
  });

  it('protects the layer records of outputShape and paramCount', async () => {
    const request = (): LayerRequest => ({
      layer: { type: 'conv', filters: 2, kernel: [3, 3] },
      inputShape: [1, 1, 5, 5],
      layout: 'channels-first',
    });
    const adapter = readOnlyInputs({
      ...reference,
      outputShape: async (sent) => (((sent.layer as { kernel: number[] }).kernel[1] = 1), reference.outputShape!(request())),
      paramCount: async (sent) => ((sent.inputShape[0] = 8), reference.paramCount!(request())),
    });
    expect(await thrownBy(adapter.outputShape!(request()))).toMatchObject({ tensor: 'layer.kernel', index: 1, before: 3, after: 1 });
    expect(await thrownBy(adapter.paramCount!(request()))).toMatchObject({ tensor: 'inputShape', index: 0, before: 1, after: 8 });
  });

  it('fails a call that changed its input and then threw, even to say the case is unsupported: neither is a rejection', async () => {
    for (const thrown of [new Error('invalid configuration'), new UnsupportedCase('cannot say that')]) {
      const adapter = readOnlyInputs(
        withPool(async (sent) => {
          sent.input.data[0] = 9;
          throw thrown;
        }),
      );
      const error = await thrownBy(adapter.pool!(poolRequest()));
      expect(isInputModified(error), thrown.message).toBe(true);
      expect(isRejection(error)).toBe(false);
      expect((error as Error).message).toMatch(/: element 0 was 1, now 9$/);
    }
    // unchanged inputs: the adapter's own error comes through as it was thrown
    const refuses = new Error('invalid configuration');
    expect(await thrownBy(readOnlyInputs(withPool(() => Promise.reject(refuses))).pool!(poolRequest()))).toBe(refuses);
  });

  it('reports a call that did not complete as the fault it is, whatever it did to its copy', async () => {
    const fault = new AdapterFault('adapter pool did not settle within 5 ms', { timedOut: true });
    const adapter = readOnlyInputs(
      withPool(async (sent) => {
        sent.input.data[0] = 9;
        throw fault;
      }),
    );
    expect(await thrownBy(adapter.pool!(poolRequest()))).toBe(fault);
  });

  it('takes its own copy of an answer, so that an adapter reusing the buffer cannot change it', async () => {
    const buffer = new Float32Array(4);
    const shape = [1, 1, 2, 2];
    const adapter = readOnlyInputs(withPool(async () => (buffer.fill(7), { shape, data: buffer })));
    const first = await adapter.pool!(poolRequest());
    buffer.fill(-1);
    shape[0] = 5;
    expect(first).toEqual({ shape: [1, 1, 2, 2], data: new Float32Array([7, 7, 7, 7]) });
    const sizes = [1, 2];
    const sized = readOnlyInputs({ ...reference, outputShape: async () => sizes });
    const answered = await sized.outputShape!({ layer: { type: 'max-pool', kernel: 1 }, inputShape: [1, 1, 1], layout: 'channels-first' });
    sizes[1] = 3;
    expect(answered).toEqual([1, 2]);
  });

  it('passes an answer of the wrong kind on unchanged, for the answer checks to name', async () => {
    const odd = { shape: 'no', data: [1] };
    expect(await readOnlyInputs(withPool(async () => odd)).pool!(poolRequest())).toBe(odd);
  });

  it('keeps the declaration and the methods the adapter lacks, and wraps an adapter once', () => {
    const { dense: _dense, ...withoutDense } = reference;
    const adapter = readOnlyInputs(withoutDense as Adapter);
    expect(adapter).toMatchObject({
      name: reference.name,
      version: reference.version,
      convention: reference.convention,
      features: reference.features,
    });
    expect(adapter.dense).toBeUndefined();
    expect(typeof adapter.conv).toBe('function');
    expect(readOnlyInputs(adapter)).toBe(adapter);
  });
});

describe('isRejection', () => {
  it('takes any error but an unsupported case, a fault or a changed input for a rejection, also across module copies', () => {
    expect(isRejection(new Error('groups must divide the channels'))).toBe(true);
    expect(isRejection(new UnsupportedCase('x'))).toBe(false);
    expect(isRejection(new AdapterFault('x'))).toBe(false);
    expect(isRejection(new InputModified('x', { tensor: 'input', index: 0, before: 1, after: 2 }))).toBe(false);
    expect(isRejection(Object.assign(new Error('x'), { name: 'InputModified' }))).toBe(false);
  });
});
