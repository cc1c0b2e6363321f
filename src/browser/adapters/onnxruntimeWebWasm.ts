/**
 * ONNX Runtime Web on its wasm execution provider (the CPU provider compiled to WebAssembly) in
 * the page (`--browser --adapter onnxruntime-web-wasm`, spec: browser.adapters): the same adapter
 * as onnxruntime-node (onnxruntimeAdapterWith), on onnxruntime-web's wasm-only build. Every node
 * runs on that provider; there is nothing else to fall back to.
 *
 * The runtime's .wasm file is fetched from where the runner serves installed packages
 * (`/modules/<package>/`); one thread, because the page is not cross-origin isolated and so has
 * no SharedArrayBuffer.
 */
import * as ort from 'onnxruntime-web/wasm';
import onnxProto from 'onnx-proto';
import type { OnnxProtoNamespace } from '../../adapter/onnxModel.js';
import { onnxruntimeAdapterWith, type OnnxruntimeAdapter, type OrtModule } from '../../adapter/onnxruntimeAdapterWith.js';

export default async function onnxruntimeWebWasm(): Promise<OnnxruntimeAdapter> {
  ort.env.wasm.wasmPaths = '/modules/onnxruntime-web/dist/';
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'fatal';
  return onnxruntimeAdapterWith(ort as OrtModule, (onnxProto as unknown as { onnx: OnnxProtoNamespace }).onnx, {
    name: 'onnxruntime-web-wasm',
    version: ort.env.versions.web ?? ort.env.versions.common,
    executionProviders: ['wasm'],
  });
}
