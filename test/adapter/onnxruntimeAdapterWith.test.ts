/**
 * onnxruntimeAdapterWith on onnxruntime-node behind a thin wrapper that stands in for another
 * execution provider: the adapter's identity, opset and execution providers come from its
 * options, and with `placement` a model refused for the disabled CPU fallback is created again
 * with the fallback allowed and its answers' forms say which provider ran them (the wrapper
 * refuses as ONNX Runtime does for a node the provider has no kernel for).
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import * as ortNode from 'onnxruntime-node';
import { onnxruntimeAdapterWith, type OrtModule } from '../../src/adapter/onnxruntimeAdapterWith.js';
import type { OnnxProtoNamespace } from '../../src/adapter/onnxModel.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Adapter } from '../../src/ops/Adapter.js';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';

const { onnx } = createRequire(import.meta.url)('onnx-proto') as {
  onnx: OnnxProtoNamespace & {
    ModelProto: { decode(bytes: Uint8Array): { opsetImport: { version: unknown }[]; graph: { node: { opType: string }[] } } };
  };
};
const ort = ((ortNode as { default?: OrtModule }).default ?? ortNode) as OrtModule;

interface Creation {
  opType: string;
  opset: number;
  options: Record<string, unknown>;
}

/**
 * onnxruntime-node, whose sessions refuse `refused` op types while the CPU fallback is disabled,
 * with ONNX Runtime's own message; it records every creation.
 */
function standIn(refused: readonly string[], failingRuns = 0): { module: OrtModule; creations: Creation[]; released: string[] } {
  const creations: Creation[] = [];
  const released: string[] = [];
  let failing = failingRuns;
  const create = async (model: Uint8Array, options: Record<string, unknown>) => {
    const decoded = onnx.ModelProto.decode(model);
    const opType = decoded.graph.node[0]!.opType;
    // int64 fields decode as protobufjs Longs
    creations.push({ opType, opset: Number(String(decoded.opsetImport[0]!.version)), options });
    const { extra, ...rest } = options as { extra?: { session?: Record<string, string> } };
    if (extra?.session?.disable_cpu_ep_fallback === '1' && refused.includes(opType)) {
      throw new Error(
        "Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: This session contains graph nodes that are assigned to the default CPU EP, but fallback to CPU EP has been explicitly disabled by the user.",
      );
    }
    const session = await ort.InferenceSession.create(model, { ...rest, executionProviders: ['cpu'] });
    const run = session.run.bind(session);
    const release = session.release.bind(session);
    return Object.assign(session, {
      run: async (...args: Parameters<typeof run>) => {
        if (failing > 0) {
          failing -= 1;
          throw new Error('failed to call OrtRun(). ERROR_CODE: 1, ERROR_MESSAGE: a run that fails');
        }
        return run(...args);
      },
      release: async () => {
        released.push(opType);
        return release();
      },
    });
  };
  const module = { ...ort, InferenceSession: { ...ort.InferenceSession, create } } as unknown as OrtModule;
  return { module, creations, released };
}

const ramp = (shape: number[]): Tensor =>
  makeTensor(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i * 5) % 7) - 3),
  );
const conv = { input: ramp([1, 2, 5]), weight: ramp([3, 2, 2]), params: {} };
const pool = { input: ramp([1, 2, 5]), params: { kind: 'max' as const, kernel: [2] } };
const reference = referenceAdapter('onnx');

let adapters: Adapter[] = [];
afterEach(async () => {
  await Promise.all(adapters.map((adapter) => adapter.dispose?.()));
  adapters = [];
});

describe('onnxruntimeAdapterWith', () => {
  it('takes its name, version, execution providers and opset from its options', async () => {
    const { module, creations } = standIn([]);
    const adapter = await onnxruntimeAdapterWith(module, onnx, {
      name: 'stand-in',
      version: '9.9.9',
      executionProviders: ['wasm'],
      opset: 21,
      forms: 'first',
    });
    adapters.push(adapter);
    expect(adapter).toMatchObject({ name: 'stand-in', version: '9.9.9', convention: 'onnx' });
    const answer = await adapter.conv!(conv);
    expect(Array.from(answer.data)).toEqual(Array.from((await reference.conv!(conv)).data));
    expect(answer.form).toMatch(/^Conv\(/);
    expect(answer.form).not.toMatch(/webgpu|fell back/);
    expect(creations).toHaveLength(1);
    expect(creations[0]).toMatchObject({ opType: 'Conv', opset: 21, options: { executionProviders: ['wasm'] } });
    expect(creations[0]!.options.extra).toBeUndefined();
  });

  it('with placement, names the provider a node ran on and a fallback to the CPU provider', async () => {
    const { module, creations } = standIn(['MaxPool']);
    const adapter = await onnxruntimeAdapterWith(module, onnx, {
      name: 'stand-in',
      version: '9.9.9',
      executionProviders: ['webgpu'],
      placement: { onProvider: ' on webgpu', fellBack: ' (fell back to wasm)' },
      forms: 'first',
    });
    adapters.push(adapter);

    const convAnswer = await adapter.conv!(conv);
    expect(convAnswer.form).toMatch(/^Conv\(.* on webgpu$/);
    const poolAnswer = await adapter.pool!(pool);
    expect(poolAnswer.form).toMatch(/^MaxPool\(.* \(fell back to wasm\)$/);
    expect(Array.from(poolAnswer.data)).toEqual(Array.from((await reference.pool!(pool)).data));

    // Conv once with the fallback disabled; MaxPool refused so, then created with it allowed
    const disabled = creations.map((c) => [c.opType, (c.options.extra as { session?: object } | undefined)?.session]);
    expect(disabled).toEqual([
      ['Conv', { disable_cpu_ep_fallback: '1' }],
      ['MaxPool', { disable_cpu_ep_fallback: '1' }],
      ['MaxPool', undefined],
    ]);

    // the placement is cached with the session
    expect((await adapter.pool!(pool)).form).toMatch(/\(fell back to wasm\)$/);
    expect(creations).toHaveLength(3);
  });

  it('passes on an error other than the refused fallback, naming the form', async () => {
    const { module } = standIn([]);
    const adapter = await onnxruntimeAdapterWith(module, onnx, {
      name: 'stand-in',
      version: '9.9.9',
      executionProviders: ['webgpu'],
      placement: { onProvider: ' on webgpu', fellBack: ' (fell back to wasm)' },
      forms: 'first',
    });
    adapters.push(adapter);
    const refused = adapter.pool!({ input: ramp([1, 1, 4]), params: { kind: 'max', kernel: [2], countIncludePad: true } });
    await expect(refused).rejects.toThrow(/count_include_pad/);
    await expect(refused).rejects.toMatchObject({ form: expect.stringMatching(/^MaxPool\(/) });
  });

  it('releases a session whose run failed and creates a new one for the next call', async () => {
    const { module, creations, released } = standIn([], 1);
    const adapter = await onnxruntimeAdapterWith(module, onnx, {
      name: 'stand-in',
      version: '9.9.9',
      executionProviders: ['wasm'],
      forms: 'first',
    });
    adapters.push(adapter);
    await expect(adapter.conv!(conv)).rejects.toThrow(/a run that fails/);
    const answer = await adapter.conv!(conv);
    expect(Array.from(answer.data)).toEqual(Array.from((await reference.conv!(conv)).data));
    expect(creations.map((c) => c.opType)).toEqual(['Conv', 'Conv']);
    expect(released).toEqual(['Conv']);
    expect(adapter.sessionStats()).toMatchObject({ created: 2, reused: 0, cached: 1 });
  });
});
