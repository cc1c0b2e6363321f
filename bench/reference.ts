/**
 * Speed of the reference ops as the kit's oracle computes them (src/ops/conv/convFast.ts,
 * src/ops/pool/poolFast.ts, src/ops/dense/dense.ts) against TF.js (CPU backend) and ONNX
 * Runtime, side by side in one process, on a ladder of sizes: the mix of cases the property
 * suite generates (drawn by properties/arbitraries with the default seed, under the
 * tfjs convention so that TF.js can run them), then fixed cases from a tiny 1x2x5x5 input up to
 * a 1x64x56x56 input with a 64x64x3x3 kernel.
 *
 * Each rung prints the time per call of every implementation, the reference's throughput
 * (multiply-accumulates, or window taps for pooling, per second) and TF.js's time over the
 * reference's: the reference's share of TF.js's throughput. Target: at least 1.0x on the suite
 * mix for conv and pool, so that the oracle keeps up with the adapter it judges.
 *
 * The implementations: `reference` calls the op as the oracle does (planning included, plans kept
 * per parameters and shapes by the fast paths); `plain reference` calls the plain-loop reference
 * (src/ops/conv/conv.ts, src/ops/pool/pool.ts), which plans afresh on every call; `tfjs (adapter)`
 * and `ort (adapter)` call the built-in adapters as a run does (conversions, tensor copies, ONNX
 * Runtime's session cache); `tfjs (op)` calls tf.conv2d, tf.maxPool/avgPool and tf.matMul on
 * tensors made beforehand and reads the result back, TF.js's kernels alone.
 *
 *   npx tsx bench/reference.ts [--repeat N] [--quick] [--budget-ms MS] [--mix N]
 *
 * --quick skips the two largest rungs and shortens every measurement.
 */
import fc from 'fast-check';
import type * as TF from '@tensorflow/tfjs-core';
import type { Adapter } from '../src/ops/Adapter.js';
import { onnxruntimeAdapter } from '../src/adapter/onnxruntimeAdapter.js';
import { tfjsAdapter } from '../src/adapter/tfjsAdapter.js';
import { conv } from '../src/ops/conv/conv.js';
import { convFast } from '../src/ops/conv/convFast.js';
import { dense } from '../src/ops/dense/dense.js';
import { planConv, type ConvParams } from '../src/ops/conv/planConv.js';
import { planDense, type DenseParams } from '../src/ops/dense/planDense.js';
import { planPool, type PoolParams } from '../src/ops/pool/planPool.js';
import { pool } from '../src/ops/pool/pool.js';
import { poolFast } from '../src/ops/pool/poolFast.js';
import { elementCount, makeTensor, type Tensor } from '../src/tensor/tensor.js';
import { convCase, type ConvCase } from '../properties/arbitraries/convCase.js';
import { poolCase, type PoolCase } from '../properties/arbitraries/poolCase.js';
import { denseCase, type DenseCase } from '../properties/arbitraries/denseCase.js';
import { propertyContext } from '../properties/runProperty.js';
import { DEFAULT_SEED } from '../src/runner/runDefaults.js';
import { formatMs, formatRate } from './support/formatQuantity.js';
import { formatTable } from './support/formatTable.js';
import { median } from './support/median.js';
import { parseBenchArgs, positiveInteger } from './support/parseBenchArgs.js';
import { timeCalls } from './support/timeCalls.js';

const { repeat, settings } = parseBenchArgs(
  'reference.ts',
  process.argv.slice(2),
  {
    quick: { type: 'boolean', default: false, help: 'small rungs only, short measurements (for tests)' },
    'budget-ms': { type: 'string', default: '400', help: 'time per measurement' },
    mix: { type: 'string', default: '200', help: 'cases per op in the suite mix' },
  },
  (values) => {
    const quick = values.quick === true;
    return {
      quick,
      budgetMs: quick ? 30 : positiveInteger('budget-ms', String(values['budget-ms'])),
      mixSize: quick ? 30 : positiveInteger('mix', String(values.mix)),
    };
  },
);
const { quick, budgetMs, mixSize } = settings;

type Tf = typeof TF;
const IMPLEMENTATIONS = ['reference', 'plain reference', 'tfjs (adapter)', 'tfjs (op)', 'ort (adapter)'] as const;
type Implementation = (typeof IMPLEMENTATIONS)[number];

/** A rung of the ladder: one call (or a mix of calls) per implementation, and its work. */
interface Rung {
  op: 'conv' | 'pool' | 'dense';
  name: string;
  /** Multiply-accumulates (conv, dense) or window taps (pool) of one call of `run`. */
  work: number;
  run: Partial<Record<Implementation, () => unknown>>;
  large?: boolean;
}

const tfAdapter = await tfjsAdapter('cpu');
const ortAdapter = await onnxruntimeAdapter();
const tf = (await import('@tensorflow/tfjs-core')) as unknown as Tf & { default?: Tf };
const tfOps: Tf = typeof tf.conv2d === 'function' ? tf : tf.default!;

/** Deterministic small integers, so that every implementation computes the same thing. */
function tensor(shape: number[]): Tensor {
  return makeTensor(
    shape,
    Array.from({ length: elementCount(shape) }, (_, i) => ((i * 7919) % 17) - 8),
  );
}

function tfRead(build: () => TF.Tensor): Float32Array {
  return tfOps.tidy(build).dataSync() as Float32Array;
}

function convRung(name: string, inputShape: number[], weightShape: number[], large = false): Rung {
  const input = tensor(inputShape);
  const weight = tensor(weightShape);
  const params: ConvParams = { padding: { begin: [1, 1], end: [1, 1] }, layout: 'channels-first', kernelLayout: 'out-in-spatial' };
  const [outC, inC, kh, kw] = weightShape as [number, number, number, number];
  const x = tfOps.tensor4d(input.data, inputShape as [number, number, number, number]);
  const w = tfOps.transpose(tfOps.tensor4d(weight.data, [outC, inC, kh, kw]), [2, 3, 1, 0]);
  return {
    op: 'conv',
    name,
    large,
    work: planConv(params, inputShape, weightShape).operations,
    run: {
      reference: () => convFast(input, weight, undefined, params),
      'plain reference': () => conv(input, weight, undefined, params),
      'tfjs (adapter)': () => tfAdapter.conv!({ input, weight, params }),
      'tfjs (op)': () =>
        tfRead(() =>
          tfOps.conv2d(
            x as TF.Tensor4D,
            w as TF.Tensor4D,
            1,
            [
              [0, 0],
              [0, 0],
              [1, 1],
              [1, 1],
            ],
            'NCHW',
          ),
        ),
      'ort (adapter)': () => ortAdapter.conv!({ input, weight, params }),
    },
  };
}

function poolRung(name: string, inputShape: number[], kind: 'max' | 'avg', large = false): Rung {
  const input = tensor(inputShape);
  const stride = kind === 'max' ? 2 : 1;
  const params: PoolParams = {
    kind,
    kernel: [3, 3],
    strides: [stride, stride],
    padding: { begin: [1, 1], end: [1, 1] },
    layout: 'channels-first',
  };
  const x = tfOps.transpose(tfOps.tensor4d(input.data, inputShape as [number, number, number, number]), [0, 2, 3, 1]);
  const pads: TF.backend_util.ExplicitPadding = [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ];
  return {
    op: 'pool',
    name: `${name} ${kind} 3x3 s${stride}`,
    large,
    work: planPool(params, inputShape).operations,
    run: {
      reference: () => poolFast(input, params),
      'plain reference': () => pool(input, params),
      'tfjs (adapter)': () => tfAdapter.pool!({ input, params }),
      'tfjs (op)': () => tfRead(() => (kind === 'max' ? tfOps.maxPool : tfOps.avgPool)(x as TF.Tensor4D, 3, stride, pads as never)),
      // ONNX Runtime's average pooling counts no padding by default, like the reference.
      'ort (adapter)': () => ortAdapter.pool!({ input, params }),
    },
  };
}

function denseRung(name: string, rows: number, inFeatures: number, outFeatures: number, large = false): Rung {
  const input = tensor([rows, inFeatures]);
  const weight = tensor([inFeatures, outFeatures]);
  const params: DenseParams = { weightLayout: 'in-out' };
  const x = tfOps.tensor2d(input.data, [rows, inFeatures]);
  const w = tfOps.tensor2d(weight.data, [inFeatures, outFeatures]);
  return {
    op: 'dense',
    name,
    large,
    work: planDense(params, input.shape, weight.shape).operations,
    run: {
      reference: () => dense(input, weight, undefined, params),
      'tfjs (adapter)': () => tfAdapter.dense!({ input, weight, params }),
      'tfjs (op)': () => tfRead(() => tfOps.matMul(x, w)),
      'ort (adapter)': () => ortAdapter.dense!({ input, weight, params }),
    },
  };
}

/** Runs a call; a case that throws (unsupported, or invalid under TF.js) is left out of the mix. */
async function succeeds(call: () => unknown): Promise<boolean> {
  try {
    await call();
    return true;
  } catch {
    return false;
  }
}

/**
 * The cases the property suite draws for one op under the tfjs convention, as a run against
 * tfjs-cpu sees them: only those TF.js computes, timed as one batch of calls.
 */
async function mixRung<Case>(
  op: Rung['op'],
  arbitrary: fc.Arbitrary<Case>,
  work: (c: Case) => number,
  reference: (c: Case) => unknown,
  plainReference: ((c: Case) => unknown) | undefined,
  adapterCall: (adapter: Adapter, c: Case) => Promise<unknown>,
): Promise<Rung> {
  const drawn = fc.sample(arbitrary, { seed: DEFAULT_SEED, numRuns: mixSize });
  const cases: Case[] = [];
  for (const c of drawn) {
    if (await succeeds(() => adapterCall(tfAdapter, c))) cases.push(c);
  }
  const total = cases.reduce((sum, c) => sum + work(c), 0);
  const perCase = [...cases.map(work)].sort((a, b) => a - b);
  return {
    op,
    name: `suite mix: ${cases.length} cases, median ${median(perCase)}, max ${perCase.at(-1)}`,
    work: total,
    run: {
      reference: () => cases.forEach(reference),
      ...(plainReference === undefined ? {} : { 'plain reference': () => cases.forEach(plainReference) }),
      'tfjs (adapter)': async () => {
        for (const c of cases) await adapterCall(tfAdapter, c);
      },
    },
  };
}

const context = propertyContext(tfAdapter);
const convention = context.conventionSpec;
const rungs: Rung[] = [
  await mixRung<ConvCase>(
    'conv',
    convCase(context, { values: 'float' }),
    (c) => planConv({ ...c.params, convention }, c.input.shape, c.weight.shape, c.bias?.shape).operations,
    (c) => convFast(c.input, c.weight, c.bias, { ...c.params, convention }),
    (c) => conv(c.input, c.weight, c.bias, { ...c.params, convention }),
    (adapter, c) =>
      adapter.conv!({ input: c.input, weight: c.weight, ...(c.bias === undefined ? {} : { bias: c.bias }), params: c.params }),
  ),
  convRung('1x2x5x5 * 3x2x3x3', [1, 2, 5, 5], [3, 2, 3, 3]),
  convRung('2x4x8x8 * 8x4x3x3', [2, 4, 8, 8], [8, 4, 3, 3]),
  convRung('1x16x28x28 * 16x16x3x3', [1, 16, 28, 28], [16, 16, 3, 3], true),
  convRung('1x64x56x56 * 64x64x3x3', [1, 64, 56, 56], [64, 64, 3, 3], true),
  await mixRung<PoolCase>(
    'pool',
    poolCase(context, { values: 'float' }),
    (c) => planPool({ ...c.params, convention }, c.input.shape).operations,
    (c) => poolFast(c.input, { ...c.params, convention }),
    (c) => pool(c.input, { ...c.params, convention }),
    (adapter, c) => adapter.pool!({ input: c.input, params: c.params }),
  ),
  poolRung('1x2x5x5', [1, 2, 5, 5], 'max'),
  poolRung('2x4x8x8', [2, 4, 8, 8], 'avg'),
  poolRung('1x16x28x28', [1, 16, 28, 28], 'max', true),
  poolRung('1x64x56x56', [1, 64, 56, 56], 'avg', true),
  await mixRung<DenseCase>(
    'dense',
    denseCase(context, { values: 'float' }),
    (c) => planDense({ ...c.params, convention }, c.input.shape, c.weight.shape, c.bias?.shape).operations,
    (c) => dense(c.input, c.weight, c.bias, { ...c.params, convention }),
    undefined,
    (adapter, c) =>
      adapter.dense!({ input: c.input, weight: c.weight, ...(c.bias === undefined ? {} : { bias: c.bias }), params: c.params }),
  ),
  denseRung('1x8 * 8x4', 1, 8, 4),
  denseRung('4x64 * 64x32', 4, 64, 32),
  denseRung('16x512 * 512x256', 16, 512, 256, true),
  denseRung('64x1024 * 1024x1024', 64, 1024, 1024, true),
].filter((rung) => !(quick && rung.large === true));

// Side by side: every repeat measures every rung and implementation once, in turn.
const times = rungs.map(() => new Map<Implementation, number[]>());
for (let run = 0; run < repeat; run++) {
  for (const [index, rung] of rungs.entries()) {
    for (const implementation of IMPLEMENTATIONS) {
      const call = rung.run[implementation];
      if (call === undefined) continue;
      const perCall = await timeCalls(call, { budgetMs, minCalls: rung.large === true ? 1 : 3 });
      const list = times[index]!.get(implementation) ?? [];
      list.push(perCall);
      times[index]!.set(implementation, list);
    }
  }
}

const rows = rungs.map((rung, index) => {
  const ms = (implementation: Implementation): number | undefined => {
    const list = times[index]!.get(implementation);
    return list === undefined ? undefined : median(list);
  };
  const reference = ms('reference')!;
  const tfjs = ms('tfjs (adapter)')!;
  return [
    rung.op,
    rung.name,
    rung.work.toLocaleString('en-US'),
    ...IMPLEMENTATIONS.map((implementation) => {
      const value = ms(implementation);
      return value === undefined ? '-' : formatMs(value);
    }),
    formatRate(rung.work, reference),
    `${(tfjs / reference).toFixed(2)}x`,
  ];
});

console.log(
  `reference ops against TF.js ${tfAdapter.version} (cpu) and ONNX Runtime ${ortAdapter.version}: time per call, medians of ${repeat} runs of ${budgetMs} ms each\n`,
);
console.log(formatTable(['op', 'case', 'work', ...IMPLEMENTATIONS, 'reference rate', 'reference / tfjs throughput'], rows));
console.log(
  '\nwork: multiply-accumulates (conv, dense) or window taps (pool), padding included; a mix row is one pass over all its cases.' +
    '\nreference / tfjs throughput: tfjs (adapter) time over reference time; target >= 1.0x on the suite mix for conv and pool.',
);
await tfAdapter.dispose?.();
await ortAdapter.dispose?.();
