/**
 * TensorFlow.js (tfjs-core 4.x) behind the adapter interface: loaded here on the `cpu` or the
 * `wasm` backend (`tfjsAdapter`), or already loaded by the caller with its backend registered
 * (`tfjsAdapterOn`: a browser page's bundle imports TF.js and its `webgl` or `webgpu` backend
 * statically, since a package imported by a name held in a variable cannot be bundled).
 *
 * The adapter only converts representations: data layouts (TF.js ops are channels-last, except
 * `conv2d`, whose CPU kernel also reads NCHW), kernel layouts (TF.js filters are HWIO; depthwise
 * filters `[k..., C, m]`), pads (`{ begin, end }` to TF.js's explicit `[[0, 0], [t, b], [l, r],
 * [0, 0]]`, a number, `'same'` or `'valid'`), and 1-D ops to TF.js's 2-D ops with a height of 1
 * (as `tf.conv1d` itself does). Each call is made in one of the API forms that express its
 * request exactly, picked from a digest of the request and named on the answer
 * (tfjsForms.ts, spec: conformance.api-forms). It never corrects what TF.js computes, so every
 * divergence from the spec shows up as a property failure. Omitted parameters are passed on
 * as omitted where TF.js has a default (pooling strides: TF.js has none and throws).
 *
 * `tfjsAdapter` imports TF.js lazily; the packages are optional peer dependencies.
 *
 * @see spec:convention.tfjs
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { Feature } from '../spec/features.js';
import { convertKernelLayout, convertLayout, defaultKernelLayout, type KernelLayout, type Layout } from '../tensor/layout.js';
import { elementCount, type Tensor } from '../tensor/tensor.js';
import { ADAPTER_API_VERSION, AdapterFault, type Adapter, type TensorAnswer } from '../ops/Adapter.js';
import { attachForm } from './attachForm.js';
import type { FormChoice } from './formPicker.js';
import { tfjsBackendFeatures } from './tfjsFeatures.js';
import {
  tfjsConvCall,
  tfjsConvTransposeCall,
  tfjsDenseCall,
  tfjsGlobalPoolCall,
  tfjsPadCall,
  tfjsPoolCall,
  type TfjsBackend,
  type TfjsCall,
} from './tfjsForms.js';

export type { TfjsBackend } from './tfjsForms.js';
export { TFJS_FEATURES } from './tfjsFeatures.js';

type Tf = typeof TF;
type TfTensor = TF.Tensor;

/** The backends tfjsAdapter loads itself, under Node; the GPU backends need a browser page. */
const BACKEND_PACKAGES = {
  cpu: '@tensorflow/tfjs-backend-cpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
} as const satisfies Partial<Record<TfjsBackend, string>>;
type LoadedBackend = keyof typeof BACKEND_PACKAGES;

const BACKENDS: readonly TfjsBackend[] = ['cpu', 'wasm', 'webgl', 'webgpu'];

function missingPackage(name: string, cause: unknown): Error {
  return new Error(`tfjsAdapter needs the package ${name} (install it with: npm install --save-dev ${name}@^4.22.0)`, { cause });
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

async function importPackage(name: string): Promise<unknown> {
  try {
    return await import(name);
  } catch (error) {
    if (isModuleNotFound(error)) throw missingPackage(name, error);
    throw error;
  }
}

/** tfjs-core is CommonJS under Node: the namespace has its named exports, or only a default. */
async function loadTfjs(backend: LoadedBackend): Promise<Tf> {
  const core = (await importPackage('@tensorflow/tfjs-core')) as Tf & { default?: Tf };
  const tf: Tf = typeof core.conv2d === 'function' ? core : (core.default as Tf);
  await importPackage(BACKEND_PACKAGES[backend]);
  // Silences the "looks like you are running TensorFlow.js in Node.js" banner.
  tf.env().set('IS_TEST', true);
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js could not initialise its ${backend} backend`);
  await tf.ready();
  return tf;
}

/** Why the process's wasm module must not be used again, once a call has broken it and no fresh one could be made. */
let wasmFailure: string | undefined;
/** How many times a call broke the wasm module and a fresh one replaced it. */
let wasmRenewals = 0;

/**
 * Why TF.js's wasm module in this process is broken, if it is: a call broke it and no fresh module
 * could replace it. An out-of-process server exits then, so that the kit restarts it with a fresh
 * module (spec: protocol.timeouts).
 */
export function tfjsWasmFailure(): string | undefined {
  return wasmFailure;
}

/** How many times a call broke TF.js's wasm module in this process and a fresh module replaced it. */
export function tfjsWasmRenewals(): number {
  return wasmRenewals;
}

/**
 * Replaces a wasm module that a call broke (a trap, or an output of negative size written over its
 * heap), or may have broken (`broken` false: not counted as a renewal), with a fresh instance: TF.js disposes of the old backend on removeBackend, and its factory
 * instantiates a new module with new memory, as a fresh process would. Leaves `wasmFailure` set
 * when that fails.
 */
async function renewWasmModule(tf: Tf, why: string, broken = true): Promise<void> {
  wasmFailure = why;
  try {
    const factory = tf.findBackendFactory('wasm');
    if (factory === null || factory === undefined) return;
    // Disposing of the broken module would call into it and trap again: it is dropped instead.
    const old = tf.findBackend('wasm');
    if (old !== null && old !== undefined) old.dispose = () => {};
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', factory);
    // Each module instance adds process listeners of its own (Emscripten's uncaughtException and
    // unhandledRejection handlers, which only rethrow): the renewed module's are removed, so that
    // hundreds of renewals do not pile them up.
    const before = {
      uncaughtException: process.listeners('uncaughtException'),
      unhandledRejection: process.listeners('unhandledRejection'),
    };
    const ready = await tf.setBackend('wasm');
    for (const listener of process.listeners('uncaughtException'))
      if (!before.uncaughtException.includes(listener)) process.removeListener('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection'))
      if (!before.unhandledRejection.includes(listener)) process.removeListener('unhandledRejection', listener);
    if (!ready) return;
    await tf.ready();
    wasmFailure = undefined;
    if (broken) wasmRenewals += 1;
  } catch {
    // wasmFailure stays: the module is not used again in this process
  }
}

export interface TfjsAdapterOptions {
  /**
   * How each call's API form is chosen (spec: conformance.api-forms): spread over every form by
   * the request's digest, or always the first, the one form of earlier versions. @defaultValue 'spread'
   */
  forms?: FormChoice;
  /**
   * wasm: after a call that breaks the module (a trap, an output of negative size), replace it with
   * a fresh module in the same process, instead of refusing every later call. Meant for a process
   * the kit can kill (examples/stdio-tfjs): a later case that hangs inside the module blocks the
   * process, which only an out-of-process run survives. @defaultValue false
   */
  renewBrokenModule?: boolean;
  /**
   * The features to declare. @defaultValue those whose every TF.js op the backend has a kernel
   * for (tfjsBackendFeatures)
   */
  features?: readonly Feature[];
}

/** Loads TF.js and its `cpu` or `wasm` backend under Node, and makes the adapter on it. */
export async function tfjsAdapter(backend: TfjsBackend = 'cpu', options: TfjsAdapterOptions = {}): Promise<Adapter> {
  if (backend !== 'cpu' && backend !== 'wasm') {
    throw new Error(
      `tfjsAdapter: backend ${JSON.stringify(backend)} must be cpu or wasm, the backends it loads itself; ` +
        'a page that has loaded TF.js with its webgl or webgpu backend makes the adapter with tfjsAdapterOn',
    );
  }
  return tfjsAdapterOn(await loadTfjs(backend), backend, options);
}

/**
 * The adapter on a TF.js that is already loaded, its backend registered (`tf.setBackend(backend)`
 * succeeded once); each call switches the engine to that backend.
 */
export function tfjsAdapterOn(tf: Tf, backend: TfjsBackend, options: TfjsAdapterOptions = {}): Adapter {
  if (!BACKENDS.includes(backend)) {
    throw new Error(`tfjsAdapterOn: backend ${JSON.stringify(backend)} must be one of ${BACKENDS.join(', ')}`);
  }
  if (tf.findBackend(backend) === null || tf.findBackend(backend) === undefined) {
    throw new Error(
      `tfjsAdapterOn: backend ${JSON.stringify(backend)} must be registered and initialised (await tf.setBackend('${backend}') first)`,
    );
  }
  const renew = options.renewBrokenModule ?? false;
  // Module renewal replaces a broken wasm module; no other backend has one (nor, in a page, a `process`).
  if (renew && backend !== 'wasm') {
    throw new Error(
      `tfjsAdapterOn: renewBrokenModule (true) must be false on backend ${backend}: only the wasm backend has a module to renew`,
    );
  }
  const forms = options.forms ?? 'spread';
  const features = options.features ?? tfjsBackendFeatures(tf, backend);
  let disposed = false;

  /**
   * A call broke the wasm module: a fresh module replaces it where the adapter renews modules,
   * else the module is not used again in this process.
   */
  async function moduleBroken(why: string): Promise<void> {
    if (renew) await renewWasmModule(tf, why);
    else wasmFailure = why;
  }

  /**
   * Runs `build` inside tf.tidy on this adapter's backend and returns a copy of the result;
   * every tensor made on the way, the result included, is disposed.
   */
  async function compute(build: () => TfTensor): Promise<Tensor> {
    if (disposed) throw new Error(`adapter tfjs-${backend} has been disposed`);
    if (backend === 'wasm' && wasmFailure !== undefined) {
      throw new AdapterFault(`the TF.js wasm backend is unusable in this process after an earlier call: ${wasmFailure}`);
    }
    // Several adapters share TF.js's one engine; each call runs on its own backend.
    if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) {
      throw new Error(`TF.js could not switch to its ${backend} backend`);
    }
    let result: TfTensor;
    try {
      result = tf.tidy(build);
    } catch (error) {
      // A trap inside the wasm module (e.g. "memory access out of bounds") leaves its heap in an
      // unknown state: later results could be garbage, so a fresh module replaces it.
      if (backend === 'wasm' && (error as Error | null)?.name === 'RuntimeError') await moduleBroken((error as Error).message);
      throw error;
    }
    // TF.js allocated an output of negative size (spec: defect.tfjs-negative-shape), which on
    // wasm overwrites its heap. The result is still returned, as TF.js computed it.
    const overwritten = backend === 'wasm' && result.shape.some((size) => size < 0);
    try {
      let data: unknown;
      try {
        data = await result.data();
      } catch (error) {
        if (backend === 'wasm' && (error as Error | null)?.name === 'RuntimeError') await moduleBroken((error as Error).message);
        throw error;
      }
      return { shape: [...result.shape], data: Float32Array.from(data as ArrayLike<number>) };
    } finally {
      result.dispose();
      if (overwritten) await moduleBroken(`TF.js made an output of shape [${result.shape.join(', ')}]`);
    }
  }

  /** A TF.js float32 tensor holding a copy of a cnnspec tensor, optionally reshaped. */
  const toTf = (x: Tensor, shape: readonly number[] = x.shape): TfTensor => tf.tensor(Float32Array.from(x.data), [...shape], 'float32');

  /**
   * Makes a planned call on its tensor operands: positionally, with trailing omitted arguments
   * left out and others passed as undefined (which takes the default, as leaving them out
   * does), or as one object of the operands and the given arguments for the fused ops.
   */
  const invoke = (call: TfjsCall, operands: Record<string, TfTensor>): TfTensor => {
    const path = call.fn.split('.');
    const owner = (path.length === 2 ? (tf as unknown as Record<string, unknown>)[path[0]!] : tf) as Record<
      string,
      (...args: unknown[]) => TfTensor
    >;
    const fn = owner[path[path.length - 1]!]!;
    if (call.named)
      return fn.call(owner, { ...operands, ...Object.fromEntries(call.args.filter((a) => !a.omitted).map((a) => [a.name, a.value])) });
    const args = call.args.map((a) => (a.omitted ? undefined : a.value));
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    return fn.call(owner, ...Object.values(operands), ...args);
  };

  /** The output without the height a 1-D input was given to go through a 2-D op. */
  const dropAxis = (y: TfTensor, axis: number | undefined): TfTensor =>
    axis === undefined
      ? y
      : tf.reshape(
          y,
          y.shape.filter((_, a) => a !== axis),
        );

  /** The output in the request's layout. */
  const inRequestLayout = (output: Tensor, transposed: boolean): Tensor =>
    transposed ? convertLayout(output, 'channels-last', 'channels-first') : output;

  /** The answer of a call in its form, naming the form; whatever the call throws names it too. */
  const inForm = async (call: TfjsCall, run: () => Promise<Tensor>): Promise<TensorAnswer> => {
    try {
      return { ...(await run()), form: call.form };
    } catch (error) {
      throw attachForm(error, call.form);
    } finally {
      // With a numeric pad TF.js can size the output from the wrong axis (spec:
      // defect.tfjs-nonsquare-pad) while XNNPACK writes the size it computes itself, past the end of
      // the output and over the module's heap, without a trap; 3-D same padding can give negative
      // pads (spec: defect.tfjs-same-3d), with which the 3-D kernels read and write outside their
      // buffers (a later, valid call then ran for seconds). The module is renewed after such a
      // call, so that the damage cannot surface in a later, unrelated call.
      if (backend === 'wasm' && renew) {
        const pad = call.args.find((arg) => arg.name === 'pad' && !arg.omitted)?.value;
        if (typeof pad === 'number') await renewWasmModule(tf, 'a call with a numeric pad may have written past its output', false);
        else if (pad === 'same' && /3d$/i.test(call.fn))
          await renewWasmModule(tf, 'a 3-D call with same padding may have written past its buffers', false);
      }
    }
  };

  return {
    name: `tfjs-${backend}`,
    version: tf.version_core,
    adapterApi: ADAPTER_API_VERSION,
    convention: 'tfjs',
    features,

    async conv(request) {
      const { input, weight, bias, params } = request;
      const call = tfjsConvCall(request, backend, forms);
      const layout: Layout = params.layout ?? 'channels-last';
      const kernelLayout: KernelLayout = params.kernelLayout ?? defaultKernelLayout(layout);
      const hwio = convertKernelLayout(weight, kernelLayout, 'spatial-in-out');
      const x = call.transposed ? convertLayout(input, 'channels-first', 'channels-last') : input;
      return inForm(call, async () => {
        const output = await compute(() => {
          const b = bias === undefined ? undefined : toTf(bias);
          let y = invoke(call, {
            x: toTf(x, call.inputShape),
            filter: toTf(hwio, call.filterShape),
            ...(call.fusedBias ? { bias: b! } : {}),
          });
          if (b !== undefined && !call.fusedBias) y = tf.add(y, call.nchw ? tf.reshape(b, [b.shape[0]!, 1, 1]) : b);
          return dropAxis(y, call.dropAxis);
        });
        return inRequestLayout(output, call.transposed);
      });
    },

    async convTranspose(request) {
      const { input, weight, bias, params } = request;
      const call = tfjsConvTransposeCall(request, forms);
      const layout: Layout = params.layout ?? 'channels-last';
      const kernelLayout = params.kernelLayout ?? (layout === 'channels-first' ? 'in-out-spatial' : 'spatial-out-in');
      // spec: conv-transpose.weight-layout — [in, out, k...] is the adjoint convolution's
      // out-in-spatial weight, and TF.js's [k..., out, in] its spatial-in-out one
      const filter = kernelLayout === 'in-out-spatial' ? convertKernelLayout(weight, 'out-in-spatial', 'spatial-in-out') : weight;
      const x = call.transposed ? convertLayout(input, 'channels-first', 'channels-last') : input;
      return inForm(call, async () => {
        const output = await compute(() => {
          let y = invoke(call, { x: toTf(x, call.inputShape), filter: toTf(filter, call.filterShape) });
          if (call.unbatched) y = tf.expandDims(y, 0);
          // spec: conv-transpose.bias — added to every element of its channel, after the call
          if (bias !== undefined) y = tf.add(y, toTf(bias));
          return dropAxis(y, call.dropAxis);
        });
        return inRequestLayout(output, call.transposed);
      });
    },

    async pool(request) {
      const call = tfjsPoolCall(request, forms);
      const x = call.transposed ? convertLayout(request.input, 'channels-first', 'channels-last') : request.input;
      return inForm(call, async () =>
        inRequestLayout(await compute(() => dropAxis(invoke(call, { x: toTf(x, call.inputShape) }), call.dropAxis)), call.transposed),
      );
    },

    async globalPool(request) {
      const call = tfjsGlobalPoolCall(request, forms);
      return inForm(call, () => compute(() => invoke(call, { x: toTf(request.input) })));
    },

    async dense(request) {
      const { input, weight, bias, params } = request;
      const call = tfjsDenseCall(request, forms);
      const inFeatures = input.shape[input.shape.length - 1]!;
      const rows = input.shape.slice(0, -1);
      const outFeatures = weight.shape[(params.weightLayout ?? 'in-out') === 'out-in' ? 0 : 1]!;
      return inForm(call, () =>
        compute(() => {
          const w = toTf(weight);
          const b = bias === undefined ? undefined : toTf(bias);
          const a = toTf(input, [elementCount(rows), inFeatures]);
          let y = invoke(call, { a, b: call.transposeWeight ? tf.transpose(w) : w, ...(call.fusedBias ? { bias: b! } : {}) });
          if (b !== undefined && !call.fusedBias) y = tf.add(y, b);
          return tf.reshape(y, [...rows, outFeatures]);
        }),
      );
    },

    async pad(request) {
      const call = tfjsPadCall(request, forms);
      return inForm(call, () => compute(() => invoke(call, { x: toTf(request.input) })));
    },

    async dispose() {
      // Every call disposes its tensors; the engine and its backends are shared with any other
      // TF.js user in the process, so they are left alone.
      disposed = true;
    },
  };
}
