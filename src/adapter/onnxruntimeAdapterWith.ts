/**
 * ONNX Runtime behind the adapter interface, given its JS module (onnxruntime-node, or
 * onnxruntime-web in a browser page) and onnx-proto's namespace rather than importing them, so
 * that the same adapter runs wherever a caller has loaded them. Every call is run as a
 * single-node ONNX model built in JS with onnx-proto (Conv, ConvTranspose, MaxPool, AveragePool,
 * GlobalMaxPool, GlobalAveragePool, Gemm, MatMul + Add, Pad); the adapter only converts
 * representations (kernel layout, per-axis parameters, pads, keepDims) and reports what ONNX
 * Runtime computes, so that divergences from the onnx convention show up.
 *
 * Each call runs in one of the API forms that express its request exactly (`auto_pad` or pads,
 * attributes given or left to ONNX's defaults, global pooling as Global*Pool, *Pool or Reduce*,
 * Gemm or MatMul), picked from a digest of the request and named on the answer (onnxForms.ts,
 * spec: conformance.api-forms). The adapter corrects nothing in any form.
 *
 * With an execution provider other than the CPU one, ONNX Runtime silently places every node
 * that provider takes no kernel for on its CPU provider. `placement` makes that visible: each
 * model is first created with the fallback disabled, and one refused for it is created again with
 * the fallback allowed and its answers' forms say so.
 *
 * This module imports nothing at run time from either package, and nothing from node:*, so that
 * it can be bundled for a browser page.
 */
import type * as OrtCommon from 'onnxruntime-common';
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-common';
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
import { encodeOnnxModel, ONNX_OPSET, type OnnxGraph, type OnnxProtoNamespace } from './onnxModel.js';

/** The parts of an ONNX Runtime JS module the adapter uses; onnxruntime-node and onnxruntime-web both have them. */
export type OrtModule = Pick<typeof OrtCommon, 'InferenceSession' | 'Tensor' | 'env'>;

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
   * `InferenceSession.SessionOptions`, merged over the adapter's (its execution providers, one
   * thread, fatal-only logging). Typed loosely so that these declarations do not require
   * onnxruntime-node, an optional peer dependency.
   */
  sessionOptions?: Readonly<Record<string, unknown>>;
  /**
   * How each call's API form is chosen (spec: conformance.api-forms): spread over every form by
   * the request's digest, or always the first, the one form of earlier versions. @defaultValue 'spread'
   */
  forms?: FormChoice;
}

/** Where the runtime's nodes ran, appended to each answer's form; set it for a provider other than the CPU one. */
export interface OnnxruntimePlacement {
  /** Appended to the form of a call whose node the provider took, e.g. ` on webgpu`. */
  onProvider: string;
  /** Appended to the form of a call whose node fell back to the CPU provider, e.g. ` (fell back to wasm)`. */
  fellBack: string;
}

export interface OnnxruntimeAdapterWithOptions extends OnnxruntimeAdapterOptions {
  /** The adapter's name, e.g. `onnxruntime-node` or `onnxruntime-web-wasm`. */
  name: string;
  /** The version of ONNX Runtime. */
  version: string;
  /** The session's execution providers, e.g. `['cpu']`, `['wasm']` or `['webgpu']`. */
  executionProviders: readonly string[];
  /** What the adapter declares. @defaultValue ONNXRUNTIME_FEATURES */
  features?: readonly Feature[];
  /** The default domain's opset of every model. @defaultValue ONNX_OPSET */
  opset?: number;
  /** Detect and name the silent fallback to the CPU provider; undefined for the CPU provider itself. */
  placement?: OnnxruntimePlacement;
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
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  // Errors reach the caller as exceptions; ONNX Runtime's own error log would only repeat them on stderr.
  logSeverityLevel: 4,
};

/** `session.disable_cpu_ep_fallback`: creation fails when a node would be placed on the CPU provider. */
const NO_CPU_FALLBACK = { session: { disable_cpu_ep_fallback: '1' } };
/** ONNX Runtime's refusal of such a model (inference_session.cc). */
const CPU_FALLBACK_REFUSED = 'fallback to CPU EP has been explicitly disabled';

const RUN_OPTIONS: InferenceSession.RunOptions = { logSeverityLevel: 4 };

/**
 * ONNX Runtime errors that say a valid ONNX configuration is not implemented (rather than
 * invalid): the case is reported as unsupported instead of failing.
 */
const NOT_IMPLEMENTED = [
  // CPU Conv (conv_attributes.h ComputePadAndOutputShape); microsoft/onnxruntime#20582
  'Dilation not supported for AutoPadType::SAME_UPPER or AutoPadType::SAME_LOWER',
  // the WebGPU provider's Conv (core/providers/webgpu/nn/): 3-D only with group 1
  'Conv3D does not support grouped convolution',
  // the WebGPU provider's ConvTranspose (core/providers/webgpu/nn/): 1-D and 2-D only
  'Only Conv2d or Conv1d are supported',
];

function asUnsupported(name: string, error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const known = NOT_IMPLEMENTED.find((text) => message.includes(text));
  return known === undefined ? error : new UnsupportedCase(`${name} does not implement this case: ${known}`);
}

interface PlacedSession {
  session: InferenceSession;
  /** The model's node was placed on the CPU provider, not on the one asked for. */
  fellBack: boolean;
}

interface CacheEntry {
  /** The graph's key in the cache. */
  key: string;
  session: Promise<PlacedSession>;
  /** Runs in flight on this session. */
  busy: number;
  evicted: boolean;
}

export async function onnxruntimeAdapterWith(
  ort: OrtModule,
  onnx: OnnxProtoNamespace,
  options: OnnxruntimeAdapterWithOptions,
): Promise<OnnxruntimeAdapter> {
  const cacheSize = Math.max(1, options.cacheSize ?? 256);
  const opset = options.opset ?? ONNX_OPSET;
  const placement = options.placement;
  const sessionOptions = {
    ...DEFAULT_SESSION_OPTIONS,
    executionProviders: [...options.executionProviders],
    ...options.sessionOptions,
  } as InferenceSession.SessionOptions;
  const cache = new Map<string, CacheEntry>();
  const stats = { created: 0, reused: 0, evicted: 0, failed: 0 };
  const releasing = new Set<Promise<void>>();

  const release = (entry: CacheEntry): void => {
    const done = entry.session.then(
      ({ session }) => session.release(),
      () => undefined,
    );
    const settled = done.catch(() => undefined).finally(() => releasing.delete(settled));
    releasing.add(settled);
  };

  const createSession = async (model: Uint8Array): Promise<PlacedSession> => {
    if (placement === undefined) return { session: await ort.InferenceSession.create(model, sessionOptions), fellBack: false };
    try {
      const extra = { ...(sessionOptions.extra as object | undefined), ...NO_CPU_FALLBACK };
      return { session: await ort.InferenceSession.create(model, { ...sessionOptions, extra }), fellBack: false };
    } catch (error) {
      if (!(error instanceof Error && error.message.includes(CPU_FALLBACK_REFUSED))) throw error;
      return { session: await ort.InferenceSession.create(model, sessionOptions), fellBack: true };
    }
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
    const model = encodeOnnxModel(onnx, graph, opset);
    stats.created += 1;
    const entry: CacheEntry = { key, session: createSession(model), busy: 0, evicted: false };
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

  const forms = options.forms ?? 'spread';

  /** The call's form, and where its node ran once that is known. */
  const placedForm = (form: string, fellBack: boolean | undefined): string =>
    placement === undefined || fellBack === undefined ? form : form + (fellBack ? placement.fellBack : placement.onProvider);

  /**
   * Runs a planned call on float32 feeds: its single output, copied out of ONNX Runtime and in the
   * request's shape, naming its form; an error names it too.
   */
  const answer = async (call: OnnxCall): Promise<TensorAnswer> => {
    const { graph, feeds } = call;
    const ortFeeds: Record<string, OrtTensor> = {};
    let entry: CacheEntry | undefined;
    let fellBack: boolean | undefined;
    try {
      entry = acquire(graph);
      entry.busy += 1;
      const placed = await entry.session;
      fellBack = placed.fellBack;
      for (const [name, tensor] of Object.entries(feeds)) {
        ortFeeds[name] = new ort.Tensor('float32', tensor.data, [...tensor.shape]);
      }
      let results: InferenceSession.OnnxValueMapType;
      try {
        results = await placed.session.run(ortFeeds, RUN_OPTIONS);
      } catch (error) {
        // A session whose run failed is released, not run again: ONNX Runtime Web 1.30's WebGPU
        // build takes the page down on the next run of such a session (a new session of the
        // same model fails again as it should).
        if (cache.get(entry.key) === entry) cache.delete(entry.key);
        entry.evicted = true;
        throw asUnsupported(options.name, error);
      }
      const output = results[graph.outputs[0]!];
      if (output === undefined) throw new Error(`onnxruntime adapter: the session returned no output ${graph.outputs[0]}`);
      if (output.type !== 'float32') throw new Error(`onnxruntime adapter: output of type ${output.type}, expected float32`);
      const result: Tensor = { shape: [...output.dims], data: new Float32Array(output.data as Float32Array) };
      for (const tensor of Object.values(results)) tensor.dispose();
      return { ...(call.finish === undefined ? result : call.finish(result)), form: placedForm(call.form, fellBack) };
    } catch (error) {
      throw attachForm(error, placedForm(call.form, fellBack));
    } finally {
      for (const tensor of Object.values(ortFeeds)) tensor.dispose();
      if (entry !== undefined) {
        entry.busy -= 1;
        if (entry.evicted && entry.busy === 0) release(entry);
      }
    }
  };

  const adapter: OnnxruntimeAdapter = {
    name: options.name,
    version: options.version,
    adapterApi: ADAPTER_API_VERSION,
    convention: 'onnx',
    features: options.features ?? ONNXRUNTIME_FEATURES,

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
