/**
 * ONNX Runtime for Node (onnxruntime-node, CPU execution provider) behind the adapter interface:
 * onnxruntimeAdapterWith (onnxruntimeAdapterWith.ts) on the packages this module imports.
 *
 * onnxruntime-node and onnx-proto are optional peer dependencies, imported on first use.
 */
import type { OnnxProtoNamespace } from './onnxModel.js';
import {
  onnxruntimeAdapterWith,
  type OnnxruntimeAdapter,
  type OnnxruntimeAdapterOptions,
  type OrtModule,
} from './onnxruntimeAdapterWith.js';

export {
  ONNXRUNTIME_FEATURES,
  type OnnxruntimeAdapter,
  type OnnxruntimeAdapterOptions,
  type SessionCacheStats,
} from './onnxruntimeAdapterWith.js';

function missingPackage(name: string, cause: unknown): Error {
  return new Error(
    `the onnxruntime adapter needs the package ${name}: install it with \`npm install --save-dev ${name}\` ` +
      `(${cause instanceof Error ? cause.message : String(cause)})`,
    { cause },
  );
}

type OrtNodeModule = typeof import('onnxruntime-node');

async function loadOrt(): Promise<OrtNodeModule> {
  try {
    const mod = (await import('onnxruntime-node')) as OrtNodeModule & { default?: OrtNodeModule };
    return mod.InferenceSession === undefined && mod.default !== undefined ? mod.default : mod;
  } catch (error) {
    throw missingPackage('onnxruntime-node', error);
  }
}

async function loadOnnxProto(): Promise<OnnxProtoNamespace> {
  try {
    const mod = (await import('onnx-proto')) as unknown as { onnx?: OnnxProtoNamespace; default?: { onnx?: OnnxProtoNamespace } };
    const onnx = mod.onnx ?? mod.default?.onnx;
    if (onnx === undefined) throw new Error('onnx-proto exports no onnx namespace');
    return onnx;
  } catch (error) {
    throw missingPackage('onnx-proto', error);
  }
}

export async function onnxruntimeAdapter(options: OnnxruntimeAdapterOptions = {}): Promise<OnnxruntimeAdapter> {
  const ort = await loadOrt();
  const onnx = await loadOnnxProto();
  return onnxruntimeAdapterWith(ort as OrtModule, onnx, {
    ...options,
    name: 'onnxruntime-node',
    version: ort.env.versions.node ?? ort.env.versions.common,
    executionProviders: ['cpu'],
  });
}
