/**
 * ONNX Runtime (onnxruntime-node, CPU execution provider) behind the adapter interface. Every
 * call is run as a single-node ONNX model built in JS with onnx-proto (Conv, MaxPool,
 * AveragePool, GlobalMaxPool, GlobalAveragePool, Gemm, MatMul + Add, Pad); the adapter only
 * converts representations (kernel layout, per-axis parameters, pads, keepDims) and reports what
 * ONNX Runtime computes, so that divergences from the onnx convention show up.
 *
 * Parameters are passed through as given: an omitted stride, dilation, padding, ceil mode or
 * count_include_pad is omitted from the node, so that ONNX's own default applies.
 *
 * onnxruntime-node and onnx-proto are optional peer dependencies, imported on first use.
 */
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import type { Feature } from '../features.js';
import { convertKernelLayout, transpose, type Layout } from '../layout.js';
import type { ExplicitPadding, Padding } from '../planWindow.js';
import type { Tensor } from '../tensor.js';
import { ADAPTER_API_VERSION, UnsupportedCase, type Adapter } from './Adapter.js';
import { encodeOnnxModel, type OnnxAttribute, type OnnxGraph, type OnnxNode, type OnnxProtoNamespace } from './onnxModel.js';

type OrtModule = typeof import('onnxruntime-node');

/** Features ONNX Runtime expresses with single ONNX operators under the onnx convention. */
export const ONNXRUNTIME_FEATURES: readonly Feature[] = [
  'conv',
  'conv.bias',
  'conv.dilation',
  'conv.groups',
  'conv.depthwise',
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

/** Per-axis values as an ONNX ints attribute; a single number stands for every axis. */
function perAxis(value: number | readonly number[] | undefined, rank: number): number[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? new Array<number>(rank).fill(value) : [...value];
}

/** ONNX pads: [x1_begin, ..., xn_begin, x1_end, ..., xn_end]. */
function onnxPads(padding: ExplicitPadding, rank: number): number[] {
  return [...perAxis(padding.begin, rank)!, ...perAxis(padding.end, rank)!];
}

/** cnnspec padding as Conv/MaxPool/AveragePool attributes; omitted padding stays omitted (pads 0). */
function paddingAttributes(padding: Padding | undefined, rank: number): Record<string, OnnxAttribute | undefined> {
  if (padding === undefined) return {};
  if (padding === 'valid') return { auto_pad: 'VALID' };
  if (padding === 'same-upper') return { auto_pad: 'SAME_UPPER' };
  if (padding === 'same-lower') return { auto_pad: 'SAME_LOWER' };
  if (typeof padding === 'object' && padding !== null) return { pads: onnxPads(padding, rank) };
  throw new Error(`onnxruntime adapter: unknown padding ${JSON.stringify(padding)}`);
}

function checkLayout(op: string, layout: Layout | undefined): void {
  // ONNX operators are channels-first only, and the onnx convention leaves channels-last undefined.
  if (layout !== undefined && layout !== 'channels-first') {
    throw new Error(`onnxruntime adapter: ${op} with layout ${layout} is not supported (ONNX operators are channels-first)`);
  }
}

function checkFill(op: string, fill: string | undefined): void {
  // The onnx convention leaves fills other than zeros undefined for convolution and pad.
  if (fill !== undefined && fill !== 'zeros') {
    throw new Error(`onnxruntime adapter: ${op} with fill ${fill} is not supported (only zeros)`);
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

const bool = (value: boolean | undefined): number | undefined => (value === undefined ? undefined : value ? 1 : 0);

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

  const input = (name: string, tensor: Tensor): { name: string; shape: readonly number[] } => ({ name, shape: tensor.shape });

  const adapter: OnnxruntimeAdapter = {
    name: 'onnxruntime-node',
    version: ort.env.versions.node ?? ort.env.versions.common,
    adapterApi: ADAPTER_API_VERSION,
    convention: 'onnx',
    features: ONNXRUNTIME_FEATURES,

    conv: async ({ input: x, weight, bias, params }) => {
      checkLayout('conv', params.layout);
      checkFill('conv', params.fill);
      const rank = x.shape.length - 2;
      // ONNX Conv weights are [Cout, Cin/group, k1, ..., kn] (out-in-spatial).
      const w = params.kernelLayout === 'spatial-in-out' ? convertKernelLayout(weight, 'spatial-in-out', 'out-in-spatial') : weight;
      const feeds: Record<string, Tensor> = { X: x, W: w };
      if (bias !== undefined) feeds.B = bias;
      const node: OnnxNode = {
        opType: 'Conv',
        inputs: bias === undefined ? ['X', 'W'] : ['X', 'W', 'B'],
        outputs: ['Y'],
        attributes: {
          kernel_shape: w.shape.slice(2),
          strides: perAxis(params.strides, rank),
          dilations: perAxis(params.dilations, rank),
          group: params.groups,
          ...paddingAttributes(params.padding, rank),
        },
      };
      return run(
        { name: 'conv', inputs: Object.entries(feeds).map(([name, t]) => input(name, t)), outputs: ['Y'], nodes: [node] },
        feeds,
      );
    },

    pool: async ({ input: x, params }) => {
      checkLayout('pool', params.layout);
      const rank = x.shape.length - 2;
      const avg = params.kind === 'avg';
      if (params.kind !== 'max' && !avg) throw new Error(`onnxruntime adapter: unknown pooling kind ${String(params.kind)}`);
      const node: OnnxNode = {
        opType: avg ? 'AveragePool' : 'MaxPool',
        inputs: ['X'],
        outputs: ['Y'],
        attributes: {
          kernel_shape: perAxis(params.kernel, rank),
          strides: perAxis(params.strides, rank),
          dilations: perAxis(params.dilations, rank),
          ceil_mode: bool(params.ceilMode),
          // MaxPool has no count_include_pad; a value given for max pooling reaches ONNX Runtime, which rejects it.
          count_include_pad: bool(params.countIncludePad),
          ...paddingAttributes(params.padding, rank),
        },
      };
      return run({ name: 'pool', inputs: [input('X', x)], outputs: ['Y'], nodes: [node] }, { X: x });
    },

    globalPool: async ({ input: x, params }) => {
      checkLayout('globalPool', params.layout);
      if (params.kind !== 'max' && params.kind !== 'avg') throw new Error(`onnxruntime adapter: unknown pooling kind ${String(params.kind)}`);
      const node: OnnxNode = { opType: params.kind === 'max' ? 'GlobalMaxPool' : 'GlobalAveragePool', inputs: ['X'], outputs: ['Y'] };
      const y = await run({ name: 'global_pool', inputs: [input('X', x)], outputs: ['Y'], nodes: [node] }, { X: x });
      // ONNX global pooling keeps the spatial axes as size 1; keepDims false drops them here.
      return params.keepDims === false ? { shape: y.shape.slice(0, 2), data: y.data } : y;
    },

    dense: async ({ input: x, weight, bias, params }) => {
      // Gemm's default (transB 0) reads B as [in, out].
      const outIn = params.weightLayout === 'out-in';
      if (params.weightLayout !== undefined && params.weightLayout !== 'in-out' && !outIn) {
        throw new Error(`onnxruntime adapter: unknown dense weight layout ${String(params.weightLayout)}`);
      }
      if (x.shape.length === 2) {
        const feeds: Record<string, Tensor> = { A: x, B: weight };
        if (bias !== undefined) feeds.C = bias;
        const node: OnnxNode = {
          opType: 'Gemm',
          inputs: bias === undefined ? ['A', 'B'] : ['A', 'B', 'C'],
          outputs: ['Y'],
          attributes: { transB: outIn ? 1 : undefined },
        };
        return run({ name: 'gemm', inputs: Object.entries(feeds).map(([name, t]) => input(name, t)), outputs: ['Y'], nodes: [node] }, feeds);
      }
      // Rank 1 or >= 3: MatMul (+ Add), with an out-in weight transposed to [in, out] here.
      const w = outIn && weight.shape.length === 2 ? transpose(weight, [1, 0]) : weight;
      const feeds: Record<string, Tensor> = { A: x, B: w };
      const nodes: OnnxNode[] = [{ opType: 'MatMul', inputs: ['A', 'B'], outputs: [bias === undefined ? 'Y' : 'AB'] }];
      if (bias !== undefined) {
        feeds.C = bias;
        nodes.push({ opType: 'Add', inputs: ['AB', 'C'], outputs: ['Y'] });
      }
      return run({ name: 'matmul', inputs: Object.entries(feeds).map(([name, t]) => input(name, t)), outputs: ['Y'], nodes }, feeds);
    },

    pad: async ({ input: x, params }) => {
      checkLayout('pad', params.layout);
      checkFill('pad', params.fill);
      const rank = x.shape.length - 2;
      const begin = perAxis(params.padding.begin, rank)!;
      const end = perAxis(params.padding.end, rank)!;
      // Pad pads every axis: none on batch and channels.
      const pads = [0, 0, ...begin, 0, 0, ...end];
      const node: OnnxNode = { opType: 'Pad', inputs: ['X', 'pads'], outputs: ['Y'], attributes: { mode: 'constant' } };
      return run(
        {
          name: 'pad',
          inputs: [input('X', x)],
          outputs: ['Y'],
          nodes: [node],
          initializers: [{ name: 'pads', dims: [pads.length], values: pads }],
        },
        { X: x },
      );
    },

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
