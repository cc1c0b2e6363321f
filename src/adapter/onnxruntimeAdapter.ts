/**
 * ONNX Runtime (onnxruntime-node, CPU execution provider) behind the adapter interface. Every
 * call is run as a single-node ONNX model built in JS with onnx-proto (Conv, ConvTranspose, MaxPool,
 * AveragePool, GlobalMaxPool, GlobalAveragePool, Gemm, MatMul + Add, Pad); the adapter only
 * converts representations (kernel layout, per-axis parameters, pads, keepDims) and reports what
 * ONNX Runtime computes, so that divergences from the onnx convention show up.
 *
 * Each call runs in one of the API forms that express its request exactly (`auto_pad` or pads,
 * attributes given or left to ONNX's defaults, global pooling as Global*Pool, *Pool or Reduce*,
 * Gemm or MatMul), picked from a digest of the request and named on the answer (onnxForms.ts,
 * spec: conformance.api-forms). The adapter corrects nothing in any form.
 *
 * onnxruntime-node and onnx-proto are optional peer dependencies, imported on first use.
 */
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import type { Feature } from '../spec/features.js';
import type { Tensor } from '../tensor/tensor.js';
import { ADAPTER_API_VERSION, UnsupportedCase, type Adapter, type TensorAnswer } from '../ops/Adapter.js';
import { attachForm } from './attachForm.js';
import type { FormChoice } from './formPicker.js';
import {
  onnxConvCall,
  onnxConvTransposeCall,
  onnxDenseCall,
  onnxGlobalPoolCall,
  onnxPadCall,
  onnxPoolCall,
  type OnnxCall,
} from './onnxForms.js';
import { encodeOnnxModel, type OnnxGraph, type OnnxProtoNamespace } from './onnxModel.js';

type OrtModule = typeof import('onnxruntime-node');

/** Features ONNX Runtime expresses with single ONNX operators under the onnx convention. */
export const ONNXRUNTIME_FEATURES: readonly Feature[] = [
  'conv',
  'conv.bias',
  'conv.dilation',
  'conv.groups',
  'conv.depthwise',
  'conv-transpose',
  'conv-transpose.bias',
  'conv-transpose.groups',
  'conv-transpose.dilation',
  'conv-transpose.output-padding',
  'conv-transpose.output-shape',
  'conv-transpose.same',
  'pool.max',
  'pool.avg',
  'pool.global-max',
  'pool.global-avg',
  'pool.ceil-mode',
  'pool.max.dilation',
  'pool.avg.dilation',
  'pool.avg.count-include-pad',
  'pool.same',
  'dense',
  'dense.bias',
  'dense.rank-3',
  'pad',
  'padding.same-upper',
  'padding.same-lower',
  'padding.explicit-asymmetric',
  'layout.channels-first',
  'spatial-rank-1',
  'spatial-rank-2',
  'spatial-rank-3',
];

export interface OnnxruntimeAdapterOptions {
  /** Most sessions kept; the least recently used one is released beyond it. @defaultValue 256 */
  cacheSize?: number;
  /**
   * onnxruntime-node `InferenceSession.SessionOptions`, merged over the adapter's (CPU provider,
   * one thread, fatal-only logging). Typed loosely so that these declarations do not require
   * onnxruntime-node, an optional peer dependency.
   */
  sessionOptions?: Readonly<Record<string, unknown>>;
  /**
   * How each call's API form is chosen (spec: conformance.api-forms): spread over every form by
   * the request's digest, or always the first, the one form of earlier versions. @defaultValue 'spread'
   */
  forms?: FormChoice;
}

export interface SessionCacheStats {
  /** Sessions created (one per distinct model). */
  created: number;
  /** Runs that reused a cached session. */
  reused: number;
  /** Sessions dropped from the cache because it was full. */
  evicted: number;
  /** Sessions whose creation failed (ONNX Runtime rejected the model). */
  failed: number;
  /** Sessions in the cache now. */
  cached: number;
}

export interface OnnxruntimeAdapter extends Adapter {
  /** Session cache counters since the adapter was created. */
  sessionStats(): SessionCacheStats;
}

const DEFAULT_SESSION_OPTIONS: InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  // Errors reach the caller as exceptions; ONNX Runtime's own error log would only repeat them on stderr.
  logSeverityLevel: 4,
};

const RUN_OPTIONS: InferenceSession.RunOptions = { logSeverityLevel: 4 };

function missingPackage(name: string, cause: unknown): Error {
  return new Error(
    `the onnxruntime adapter needs the package ${name}: install it with \`npm install --save-dev ${name}\` ` +
      `(${cause instanceof Error ? cause.message : String(cause)})`,
    { cause },
  );
}

async function loadOrt(): Promise<OrtModule> {
  try {
    const mod = (await import('onnxruntime-node')) as OrtModule & { default?: OrtModule };
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

/**
 * ONNX Runtime errors that say a valid ONNX configuration is not implemented (rather than
 * invalid): the case is reported as unsupported instead of failing.
 */
const NOT_IMPLEMENTED = [
  // CPU Conv (conv_attributes.h ComputePadAndOutputShape); microsoft/onnxruntime#20582
  'Dilation not supported for AutoPadType::SAME_UPPER or AutoPadType::SAME_LOWER',
];

function asUnsupported(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const known = NOT_IMPLEMENTED.find((text) => message.includes(text));
  return known === undefined ? error : new UnsupportedCase(`onnxruntime-node does not implement this case: ${known}`);
}

interface CacheEntry {
  session: Promise<InferenceSession>;
  /** Runs in flight on this session. */
  busy: number;
  evicted: boolean;
}

export async function onnxruntimeAdapter(options: OnnxruntimeAdapterOptions = {}): Promise<OnnxruntimeAdapter> {
  const ort = await loadOrt();
  const onnx = await loadOnnxProto();
  const cacheSize = Math.max(1, options.cacheSize ?? 256);
  const sessionOptions = { ...DEFAULT_SESSION_OPTIONS, ...options.sessionOptions } as InferenceSession.SessionOptions;
  const cache = new Map<string, CacheEntry>();
  const stats = { created: 0, reused: 0, evicted: 0, failed: 0 };
  const releasing = new Set<Promise<void>>();

  const release = (entry: CacheEntry): void => {
    const done = entry.session.then(
      (session) => session.release(),
      () => undefined,
    );
    const settled = done.catch(() => undefined).finally(() => releasing.delete(settled));
    releasing.add(settled);
  };

  const acquire = (graph: OnnxGraph): CacheEntry => {
    // The graph holds the ops, their attributes, the input shapes and the constant pads; no tensor data.
    const key = JSON.stringify(graph);
    const cached = cache.get(key);
    if (cached !== undefined) {
      stats.reused += 1;
      cache.delete(key); // the most recently used goes last
      cache.set(key, cached);
      return cached;
    }
    const model = encodeOnnxModel(onnx, graph);
    stats.created += 1;
    const entry: CacheEntry = { session: ort.InferenceSession.create(model, sessionOptions), busy: 0, evicted: false };
    entry.session.catch(() => {
      // ONNX Runtime rejected the model: not cached, so that a later call sees the same error.
      stats.failed += 1;
      if (cache.get(key) === entry) cache.delete(key);
    });
    cache.set(key, entry);
    while (cache.size > cacheSize) {
      const [oldestKey, oldest] = cache.entries().next().value as [string, CacheEntry];
      cache.delete(oldestKey);
      stats.evicted += 1;
      oldest.evicted = true;
      if (oldest.busy === 0) release(oldest);
    }
    return entry;
  };

  /** Runs a graph on float32 feeds and returns its single output, copied out of ONNX Runtime. */
  const run = async (graph: OnnxGraph, feeds: Record<string, Tensor>): Promise<Tensor> => {
    const entry = acquire(graph);
    entry.busy += 1;
    const ortFeeds: Record<string, OrtTensor> = {};
    try {
      const session = await entry.session;
      for (const [name, tensor] of Object.entries(feeds)) {
        ortFeeds[name] = new ort.Tensor('float32', tensor.data, [...tensor.shape]);
      }
      let results: InferenceSession.OnnxValueMapType;
      try {
        results = await session.run(ortFeeds, RUN_OPTIONS);
      } catch (error) {
        throw asUnsupported(error);
      }
      const output = results[graph.outputs[0]!];
      if (output === undefined) throw new Error(`onnxruntime adapter: the session returned no output ${graph.outputs[0]}`);
      if (output.type !== 'float32') throw new Error(`onnxruntime adapter: output of type ${output.type}, expected float32`);
      const result: Tensor = { shape: [...output.dims], data: new Float32Array(output.data as Float32Array) };
      for (const tensor of Object.values(results)) tensor.dispose();
      return result;
    } finally {
      for (const tensor of Object.values(ortFeeds)) tensor.dispose();
      entry.busy -= 1;
      if (entry.evicted && entry.busy === 0) release(entry);
    }
  };

  const forms = options.forms ?? 'spread';

  /** Runs a planned call: its output, in the request's shape, naming its form; an error names it too. */
  const answer = async (call: OnnxCall): Promise<TensorAnswer> => {
    try {
      const output = await run(call.graph, call.feeds);
      return { ...(call.finish === undefined ? output : call.finish(output)), form: call.form };
    } catch (error) {
      throw attachForm(error, call.form);
    }
  };

  const adapter: OnnxruntimeAdapter = {
    name: 'onnxruntime-node',
    version: ort.env.versions.node ?? ort.env.versions.common,
    adapterApi: ADAPTER_API_VERSION,
    convention: 'onnx',
    features: ONNXRUNTIME_FEATURES,

    conv: async (request) => answer(onnxConvCall(request, forms)),
    convTranspose: async (request) => answer(onnxConvTransposeCall(request, forms)),
    pool: async (request) => answer(onnxPoolCall(request, forms)),
    globalPool: async (request) => answer(onnxGlobalPoolCall(request, forms)),
    dense: async (request) => answer(onnxDenseCall(request, forms)),
    pad: async (request) => answer(onnxPadCall(request, forms)),

    dispose: async () => {
      for (const entry of cache.values()) {
        entry.evicted = true;
        if (entry.busy === 0) release(entry);
      }
      cache.clear();
      await Promise.all([...releasing]);
    },

    sessionStats: () => ({ ...stats, cached: cache.size }),
  };
  return adapter;
}
