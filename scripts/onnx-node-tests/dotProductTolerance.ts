/**
 * The dot-product tolerance of src/tolerance.ts for a fixture, as the differential properties
 * build it (properties/support/referenceOps.ts): the magnitude is the reference op on |x|, |w|
 * and |b| under the fixture's convention; the accumulation length is K·C_in/g for a convolution,
 * the input features for a dense layer, and the window volume for average pooling. Max pooling
 * has none: it is exact.
 */
import { conv } from '../../src/conv.js';
import type { ConventionName } from '../../src/conventions.js';
import { dense } from '../../src/dense.js';
import type { Fixture } from '../../src/Fixture.js';
import { decodeFixtureTensor } from '../../src/fixtureValues.js';
import { globalPool } from '../../src/globalPool.js';
import { planConv } from '../../src/planConv.js';
import { planDense } from '../../src/planDense.js';
import { planPool } from '../../src/planPool.js';
import { pool } from '../../src/pool.js';
import { elementCount, type Tensor } from '../../src/tensor.js';
import type { DotProductTolerance } from '../../src/tolerance.js';

const abs = (tensor: Tensor): Tensor => ({ shape: tensor.shape, data: tensor.data.map(Math.abs) });

/** The dot-product tolerance of a fixture's op under a convention, or undefined where the op is exact (max pooling, pad, shapes). */
export function dotProductTolerance(fixture: Fixture, convention: ConventionName): DotProductTolerance | undefined {
  if (fixture.op === 'model' || fixture.op === 'pad') return undefined;
  const input = decodeFixtureTensor(fixture.inputs.input);
  switch (fixture.op) {
    case 'conv': {
      const weight = decodeFixtureTensor(fixture.inputs.weight);
      const bias = fixture.inputs.bias && decodeFixtureTensor(fixture.inputs.bias);
      const params = { ...fixture.params, convention };
      const plan = planConv(params, input.shape, weight.shape, bias?.shape);
      const length = elementCount(plan.window.kernel) * plan.inChannelsPerGroup;
      return {
        kind: 'dot-product',
        magnitude: conv(abs(input), abs(weight), bias && abs(bias), params).data,
        accumulationLength: length,
        hasBias: bias !== undefined && bias.data.some((b) => b !== 0),
        ulpBudget: 2 * length,
      };
    }
    case 'dense': {
      const weight = decodeFixtureTensor(fixture.inputs.weight);
      const bias = fixture.inputs.bias && decodeFixtureTensor(fixture.inputs.bias);
      const params = { ...fixture.params, convention };
      const plan = planDense(params, input.shape, weight.shape, bias?.shape);
      const hasBias = bias !== undefined && bias.data.some((b) => b !== 0);
      return {
        kind: 'dot-product',
        magnitude: dense(abs(input), abs(weight), bias && abs(bias), params).data,
        accumulationLength: plan.inFeatures,
        hasBias,
        ulpBudget: 2 * plan.inFeatures + (hasBias ? 1 : 0),
      };
    }
    case 'pool': {
      if (fixture.params.kind === 'max') return undefined;
      const params = { ...fixture.params, convention };
      const volume = elementCount(planPool(params, input.shape).window.kernel);
      return { kind: 'dot-product', magnitude: pool(abs(input), params).data, accumulationLength: volume, hasBias: false, ulpBudget: volume + 2 };
    }
    case 'global-pool': {
      if (fixture.params.kind === 'max') return undefined;
      const magnitude = globalPool(abs(input), { ...fixture.params, convention }).data;
      const volume = input.data.length / magnitude.length;
      return { kind: 'dot-product', magnitude, accumulationLength: volume, hasBias: false, ulpBudget: volume + 2 };
    }
  }
}
