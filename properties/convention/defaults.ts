/**
 * Omitted parameters take the defaults of the adapter's convention: pooling stride, ceil mode,
 * padding counted in averages, global pooling's kept axes, dense weight layout and data layout.
 * Each property compares the adapter with the parameter omitted and given explicitly.
 */
import type { GlobalPoolRequest, PoolRequest } from '../../src/ops/Adapter.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { convCase } from '../arbitraries/convCase.js';
import { denseCase } from '../arbitraries/denseCase.js';
import { isPoolCaseValid, poolCase, type PoolCase } from '../arbitraries/poolCase.js';
import { globalPoolCase } from '../arbitraries/globalPoolCase.js';
import { defineProperty, NotApplicable } from '../PropertyDefinition.js';
import { callConv, callDense, callGlobalPool, callPool } from '../support/callAdapter.js';
import { expectOutcome, expectTensor } from '../support/expectTensor.js';
import { openElements } from '../support/openElements.js';
import { poolOutcomes } from '../support/referenceOps.js';

const CONVENTION_CLAUSES = [
  'convention.model',
  'convention.cnnspec',
  'convention.onnx',
  'convention.pytorch',
  'convention.tensorflow',
  'convention.tfjs',
  'convention.caffe',
  'convention.tosa',
  'convention.webnn',
];

function without<T extends object>(record: T, key: keyof T): T {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/**
 * The call with the parameter omitted must answer as the call with the default given. Elements
 * the convention leaves open (`open`, spec: convention.unspecified) may be decided differently
 * in each call.
 */
async function compareOmitted(
  what: string,
  omitted: () => Promise<Tensor>,
  explicit: () => Promise<Tensor>,
  open?: ReadonlySet<number>,
): Promise<void> {
  const actual = await omitted();
  expectTensor(actual, await explicit(), `${what} omitted compared with the convention's default given explicitly`, undefined, open);
}

export const poolStrideDefault = defineProperty({
  id: 'convention/defaults/pool-stride',
  spec: ['pool.default-stride', 'divergence.pool-default-stride', ...CONVENTION_CLAUSES],
  features: [],
  ops: ['pool'],
  description: "A pooling call without strides uses the convention's default stride (the window, or 1).",
  arbitrary: (ctx) => {
    if (ctx.convention.poolDefaultStride === 'required')
      throw new NotApplicable(`convention ${ctx.convention.name} has no default pooling stride`);
    const stride = (c: PoolCase): number[] =>
      ctx.convention.poolDefaultStride === 'kernel' ? [...(c.params.kernel as number[])] : (c.params.kernel as number[]).map(() => 1);
    // The case with the default stride given explicitly must itself be valid under the convention.
    return poolCase(ctx)
      .map((c) => ({ input: c.input, params: { ...c.params, strides: stride(c) }, values: c.values }))
      .filter((c) => isPoolCaseValid(ctx, c));
  },
  check: async (ctx, c) => {
    const omitted: PoolRequest = { input: c.input, params: without(c.params, 'strides') as PoolRequest['params'] };
    await compareOmitted(
      'strides',
      () => callPool(ctx.adapter, omitted),
      () => callPool(ctx.adapter, c),
      openElements({ op: 'pool', request: c }, ctx.conventionSpec),
    );
  },
});

export const ceilModeDefault = defineProperty({
  id: 'convention/defaults/pool-ceil-mode',
  spec: ['pool.ceil-mode', 'divergence.ceil-mode-default', ...CONVENTION_CLAUSES],
  features: [],
  ops: ['pool'],
  description: "A pooling call without ceilMode rounds as the convention's default does.",
  arbitrary: (ctx) => poolCase(ctx, { ceilMode: ctx.convention.poolCeilMode ? 'on' : 'off' }),
  check: async (ctx, c) => {
    const omitted: PoolRequest = { input: c.input, params: without(c.params, 'ceilMode') as PoolRequest['params'] };
    await compareOmitted(
      'ceilMode',
      () => callPool(ctx.adapter, omitted),
      () => callPool(ctx.adapter, c),
      openElements({ op: 'pool', request: c }, ctx.conventionSpec),
    );
  },
});

export const countIncludePadDefault = defineProperty({
  id: 'convention/defaults/count-include-pad',
  spec: ['pool.avg.count-include-pad', 'divergence.count-include-pad', ...CONVENTION_CLAUSES],
  features: ['pool.avg'],
  ops: ['pool'],
  description: "Average pooling without countIncludePad counts padding exactly when the convention's default does.",
  arbitrary: (ctx) =>
    poolCase(ctx, {
      kinds: ['avg'],
      countIncludePad: ctx.convention.unspecified.includes('countIncludePad') ? 'any' : ctx.convention.countIncludePad ? 'on' : 'off',
    }),
  check: async (ctx, c) => {
    const omitted: PoolRequest = { input: c.input, params: without(c.params, 'countIncludePad') as PoolRequest['params'] };
    if (ctx.convention.unspecified.includes('countIncludePad')) {
      // spec: convention.unspecified — either default conforms; the reference gives both.
      expectOutcome(
        await callPool(ctx.adapter, omitted),
        poolOutcomes({ ...c, params: omitted.params as PoolCase['params'] }, ctx.conventionSpec),
        'countIncludePad omitted',
      );
      return;
    }
    await compareOmitted(
      'countIncludePad',
      () => callPool(ctx.adapter, omitted),
      () => callPool(ctx.adapter, c),
      openElements({ op: 'pool', request: c }, ctx.conventionSpec),
    );
  },
});

export const keepDimsDefault = defineProperty({
  id: 'convention/defaults/global-keep-dims',
  spec: ['pool.global', 'divergence.global-keepdims', ...CONVENTION_CLAUSES],
  features: [],
  ops: ['globalPool'],
  description: "Global pooling without keepDims keeps or drops the spatial axes as the convention's default does.",
  arbitrary: (ctx) => globalPoolCase(ctx, { omitKeepDims: true }),
  check: async (ctx, c) => {
    const explicit: GlobalPoolRequest = { input: c.input, params: { ...c.params, keepDims: ctx.convention.globalKeepDims } };
    await compareOmitted(
      'keepDims',
      () => callGlobalPool(ctx.adapter, c),
      () => callGlobalPool(ctx.adapter, explicit),
    );
  },
});

export const denseWeightLayoutDefault = defineProperty({
  id: 'convention/defaults/dense-weight-layout',
  spec: ['dense.weight-layout', 'divergence.dense-weight-layout', ...CONVENTION_CLAUSES],
  features: ['dense'],
  ops: ['dense'],
  description: "A dense call without weightLayout reads the weights in the convention's default layout.",
  arbitrary: (ctx) => denseCase(ctx).filter((c) => c.params.weightLayout === ctx.convention.denseWeightLayout),
  check: async (ctx, c) => {
    await compareOmitted(
      'weightLayout',
      () => callDense(ctx.adapter, { ...c, params: {} }),
      () => callDense(ctx.adapter, c),
    );
  },
});

export const layoutDefault = defineProperty({
  id: 'convention/defaults/data-layout',
  spec: ['divergence.default-layout', 'layout.kernel', ...CONVENTION_CLAUSES],
  features: ['conv'],
  ops: ['conv'],
  description: "A convolution without layout and kernelLayout reads its tensors in the convention's layout and the matching kernel layout.",
  arbitrary: (ctx) => {
    if (!ctx.features.has(`layout.${ctx.convention.layout}`)) throw NotApplicable.needsOneOf(`layout.${ctx.convention.layout}`);
    return convCase(ctx, { layouts: [ctx.convention.layout] });
  },
  check: async (ctx, c) => {
    const { layout: _layout, kernelLayout: _kernelLayout, ...rest } = c.params;
    await compareOmitted(
      'layout',
      () => callConv(ctx.adapter, { ...c, params: rest }),
      () => callConv(ctx.adapter, c),
    );
  },
});

export const DEFAULT_PROPERTIES = [
  poolStrideDefault,
  ceilModeDefault,
  countIncludePadDefault,
  keepDimsDefault,
  denseWeightLayoutDefault,
  layoutDefault,
];
