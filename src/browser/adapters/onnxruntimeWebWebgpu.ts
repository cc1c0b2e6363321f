/**
 * ONNX Runtime Web on its WebGPU execution provider in the page (`--browser --adapter
 * onnxruntime-web-webgpu`, spec: browser.adapters): the same adapter as onnxruntime-node
 * (onnxruntimeAdapterWith), on onnxruntime-web's WebGPU build (`onnxruntime-web/webgpu`, the
 * entry ONNX Runtime's documentation names for WebGPU; in 1.30 its native WebGPU provider).
 *
 * ONNX Runtime places a node the WebGPU provider has no kernel for on the wasm CPU provider,
 * silently. The adapter creates every model with that fallback disabled
 * (`session.disable_cpu_ep_fallback`); a model refused for it is created again with the fallback
 * allowed, and each answer's form ends in ` on webgpu` or ` (fell back to wasm)`, so that a
 * failure says which provider computed it.
 *
 * Models import opset 21, not the node adapter's 22: the WebGPU provider of 1.30 registers
 * ConvTranspose, MaxPool, GlobalMaxPool and GlobalAveragePool only up to opset 21, so at 22 those
 * nodes fall back to wasm. Opset 22 changed these operators' type constraints only (bfloat16
 * added, onnx/onnx#6099), not their float semantics.
 *
 * The runtime's .wasm file is fetched from where the runner serves installed packages
 * (`/modules/<package>/`); one thread, because the page is not cross-origin isolated.
 */
import * as ort from 'onnxruntime-web/webgpu';
import onnxProto from 'onnx-proto';
import type { OnnxProtoNamespace } from '../../adapter/onnxModel.js';
import { onnxruntimeAdapterWith, type OnnxruntimeAdapter, type OrtModule } from '../../adapter/onnxruntimeAdapterWith.js';

const NAME = 'onnxruntime-web-webgpu';

/** Why this page cannot give ONNX Runtime a WebGPU device, or undefined when it can. */
async function noWebgpu(): Promise<string | undefined> {
  // the kit compiles without the DOM's types: the page's globals, typed as far as used here
  const page = globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } }; isSecureContext?: boolean };
  const gpu = page.navigator?.gpu;
  if (gpu === undefined) {
    return `navigator.gpu is undefined (secure context: ${page.isSecureContext}; WebGPU exists only in a secure context, and Chromium needs --enable-unsafe-webgpu where it is not enabled by default)`;
  }
  try {
    if ((await gpu.requestAdapter()) === null) return 'navigator.gpu.requestAdapter() returned null (no WebGPU adapter)';
  } catch (error) {
    return `navigator.gpu.requestAdapter() threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

export default async function onnxruntimeWebWebgpu(): Promise<OnnxruntimeAdapter> {
  const missing = await noWebgpu();
  if (missing !== undefined)
    throw new Error(`${NAME} cannot start: tried WebGPU for onnxruntime-web/webgpu ${ort.env.versions.web}: ${missing}`);
  ort.env.wasm.wasmPaths = '/modules/onnxruntime-web/dist/';
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'fatal';
  const adapter = await onnxruntimeAdapterWith(ort as OrtModule, (onnxProto as unknown as { onnx: OnnxProtoNamespace }).onnx, {
    name: NAME,
    version: ort.env.versions.web ?? ort.env.versions.common,
    executionProviders: ['webgpu'],
    opset: 21,
    placement: { onProvider: ' on webgpu', fellBack: ' (fell back to wasm)' },
  });
  // ONNX Runtime sets up its WebGPU device with the first session: a 1x1 convolution, so that a
  // device it cannot get fails the start, not the first test.
  try {
    const one = { shape: [1, 1, 1], data: new Float32Array([1]) };
    const probe = await adapter.conv!({ input: one, weight: one, params: {} });
    if (!probe.form?.endsWith(' on webgpu')) throw new Error(`a 1x1 Conv did not run on the WebGPU provider (${probe.form})`);
  } catch (error) {
    await adapter.dispose?.();
    throw new Error(
      `${NAME} cannot start: tried a session on the 'webgpu' execution provider of onnxruntime-web/webgpu ${ort.env.versions.web}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
  return adapter;
}
