/**
 * The reference's results for differential properties, computed under the adapter's
 * convention, and the tolerances that judge an adapter against them.
 */
import { conv } from '../../src/conv.js';
import type { ConventionSpec } from '../../src/conventions.js';
import { dense } from '../../src/dense.js';
import { globalPool } from '../../src/globalPool.js';
import { planConv } from '../../src/planConv.js';
import { planDense } from '../../src/planDense.js';
import { planPool } from '../../src/planPool.js';
import { pool } from '../../src/pool.js';
import { elementCount, type Tensor } from '../../src/tensor.js';
import type { Tolerance } from '../../src/tolerance.js';
import type { ConvCase } from '../arbitraries/convCase.js';
import type { DenseCase } from '../arbitraries/denseCase.js';
import type { GlobalPoolCase } from '../arbitraries/globalPoolCase.js';
import type { PoolCase } from '../arbitraries/poolCase.js';
import { mapTensor } from './tensorOps.js';

const abs = (x: Tensor): Tensor => mapTensor(x, Math.abs);

export function referenceConv(c: ConvCase, convention: ConventionSpec): Tensor {
  return conv(c.input, c.weight, c.bias, { ...c.params, convention });
}

/** Dot-product tolerance of a convolution: magnitude conv(|x|, |w|, |b|), length K·C/g. */
export function convTolerance(c: ConvCase, convention: ConventionSpec): Tolerance {
  const plan = planConv({ ...c.params, convention }, c.input.shape, c.weight.shape, c.bias?.shape);
  const length = elementCount(plan.window.kernel) * plan.inChannelsPerGroup;
  return {
    kind: 'dot-product',
    magnitude: conv(abs(c.input), abs(c.weight), c.bias && abs(c.bias), { ...c.params, convention }).data,
    accumulationLength: length,
    hasBias: c.bias !== undefined && c.bias.data.some((b) => b !== 0),
    ulpBudget: 2 * length,
  };
}

export function referenceDense(c: DenseCase, convention: ConventionSpec): Tensor {
  return dense(c.input, c.weight, c.bias, { ...c.params, convention });
}

export function denseTolerance(c: DenseCase, convention: ConventionSpec): Tolerance {
  const plan = planDense({ ...c.params, convention }, c.input.shape, c.weight.shape, c.bias?.shape);
  const hasBias = c.bias !== undefined && c.bias.data.some((b) => b !== 0);
  return {
    kind: 'dot-product',
    magnitude: dense(abs(c.input), abs(c.weight), c.bias && abs(c.bias), { ...c.params, convention }).data,
    accumulationLength: plan.inFeatures,
    hasBias,
    ulpBudget: 2 * plan.inFeatures + (hasBias ? 1 : 0),
  };
}

export function referencePool(c: PoolCase, convention: ConventionSpec): Tensor {
  return pool(c.input, { ...c.params, convention });
}

/**
 * Max pooling is exact. Average pooling is a dot product with weights 1/count: implementations
 * may divide once or multiply by a reciprocal, so it is judged with the dot-product bound.
 */
export function poolTolerance(c: PoolCase, convention: ConventionSpec): Tolerance {
  if (c.params.kind === 'max') return { kind: 'exact', zeroSignFree: true };
  const volume = elementCount(planPool({ ...c.params, convention }, c.input.shape).window.kernel);
  return {
    kind: 'dot-product',
    magnitude: pool(abs(c.input), { ...c.params, convention }).data,
    accumulationLength: volume,
    hasBias: false,
    ulpBudget: volume + 2,
  };
}

export function referenceGlobalPool(input: Tensor, params: GlobalPoolCase['params'], convention: ConventionSpec): Tensor {
  return globalPool(input, { ...params, convention });
}
