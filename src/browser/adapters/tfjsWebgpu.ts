/**
 * The built-in browser adapter `tfjs-webgpu`: TF.js (tfjs-core 4.x) on its WebGPU backend, in the
 * page the browser runner opens (convention `tfjs`, spec: convention.tfjs). TF.js and the backend
 * are imported statically, so that the bundle holds them. WebGPU exists only in a secure context
 * (the runner serves the page from http://localhost/).
 *
 * Precision: the WebGPU backend has no precision flag; every buffer is float32 and TF.js's defaults
 * are kept. `WEBGPU_CPU_FORWARD` true (default): a Max, Transpose or Add whose inputs still live
 * on the CPU and hold fewer than `WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD` (1000) elements runs TF.js's
 * shared CPU code (global max pooling, an out-in dense weight, a bias added after the call to a
 * result that is still on the CPU); every other op called here runs as a compute shader, and so
 * does a bias added to a convolution's result, which lives on the GPU. Shader arithmetic follows WGSL (f32 is
 * IEEE 754 binary32, but an implementation may flush subnormal inputs and outputs of arithmetic to
 * zero, and may assume that no NaN or infinity occurs, an expression yielding one giving an
 * indeterminate value; WGSL §15.7.2 "Differences from IEEE-754").
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import type { Adapter } from '../../ops/Adapter.js';
import { tfjsAdapterOn } from '../../adapter/tfjsAdapter.js';

/** What the page lacks that TF.js's WebGPU backend needs: the API, or an adapter behind it. */
async function whatWebgpuLacks(): Promise<string> {
  // The kit's TypeScript has no DOM types: the page's globals are described where they are used.
  const { navigator, isSecureContext } = globalThis as unknown as {
    navigator: { gpu?: { requestAdapter(): Promise<unknown> } };
    isSecureContext: boolean;
  };
  const { gpu } = navigator;
  if (gpu === undefined) {
    return isSecureContext
      ? 'navigator.gpu is missing (the browser has WebGPU switched off; Chromium: --enable-unsafe-webgpu)'
      : 'navigator.gpu is missing: the page is not a secure context (serve it from http://localhost/ or https)';
  }
  if ((await gpu.requestAdapter()) === null) {
    return 'navigator.gpu.requestAdapter() found no adapter (Chromium without a GPU: --use-webgpu-adapter=swiftshader)';
  }
  return 'see the console output above for the error TF.js gave';
}

export default async function tfjsWebgpu(): Promise<Adapter> {
  if (!(await tf.setBackend('webgpu'))) {
    throw new Error(`TF.js could not initialise its webgpu backend: ${await whatWebgpuLacks()}`);
  }
  await tf.ready();
  return tfjsAdapterOn(tf, 'webgpu');
}
