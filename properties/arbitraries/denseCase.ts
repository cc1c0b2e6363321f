/**
 * Dense cases: input features, output features (equal to the input features in a quarter of
 * cases), row axes (0 to 2, so inputs of rank 1 to 3), bias and weight layout, then data.
 */
import fc from 'fast-check';
import type { Call } from '../../src/ops/Adapter.js';
import type { DenseParams, DenseWeightLayout } from '../../src/ops/dense/planDense.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { caseSpace } from './caseSpace.js';
import { tensorArbitrary, type ValueDomain } from './elementValues.js';

export interface DenseCase {
  input: Tensor;
  weight: Tensor;
  bias?: Tensor;
  params: Required<Call<DenseParams>>;
  values: ValueDomain;
}

export interface DenseCaseConstraints {
  /** Input ranks to draw from. @defaultValue 1 to 3 (rank 3 only with dense.rank-3) */
  ranks?: number[];
  bias?: 'any' | 'with' | 'without';
  values?: ValueDomain;
}

export function denseCase(ctx: PropertyContext, constraints: DenseCaseConstraints = {}): fc.Arbitrary<DenseCase> {
  const space = caseSpace(ctx);
  const ranks = (constraints.ranks ?? [1, 2, 3]).filter((rank) => rank < 3 || space.denseRank3);
  const biasChoices = constraints.bias === 'with' ? [true] : constraints.bias === 'without' || !space.denseBias ? [false] : [true, false];
  const values = constraints.values ?? 'exact';
  return fc
    .record({
      rank: fc.constantFrom(...ranks),
      nin: fc.integer({ min: 1, max: 8 }),
      noutDraw: fc.integer({ min: 1, max: 8 }),
      square: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 3, arbitrary: fc.constant(false) }),
      rows: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
      bias: fc.constantFrom(...biasChoices),
      weightLayout: fc.constantFrom<DenseWeightLayout>('in-out', 'out-in'),
    })
    .chain((p) => {
      const nout = p.square ? p.nin : p.noutDraw;
      const inputShape = [...p.rows.slice(0, p.rank - 1), p.nin];
      const weightShape = p.weightLayout === 'in-out' ? [p.nin, nout] : [nout, p.nin];
      return fc.record({
        input: tensorArbitrary(inputShape, values),
        weight: tensorArbitrary(weightShape, values === 'special' ? 'exact' : values),
        bias: p.bias ? tensorArbitrary([nout], values === 'special' ? 'exact' : values) : fc.constant(undefined),
        params: fc.constant({ weightLayout: p.weightLayout }),
        values: fc.constant(values),
      });
    })
    .map((c) => (c.bias === undefined ? { input: c.input, weight: c.weight, params: c.params, values: c.values } : c));
}
