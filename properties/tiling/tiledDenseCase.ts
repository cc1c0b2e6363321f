/**
 * Dense cases at the tile edges of matrix products: rows, input features and output features
 * each around 4, 16, 64 or 128 (or 1 to 3), made smaller in a random order of importance until
 * the input, the weights and the output are within the run's element cap and the product
 * within its operation cap (see tiledConvCase). The input has rank 2, weights either layout,
 * values from the exact domain.
 */
import fc from 'fast-check';
import type { DenseWeightLayout } from '../../src/ops/dense/planDense.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import type { DenseCase } from '../arbitraries/denseCase.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { operationCap } from './operationCap.js';
import { edgeOrSmall, MATRIX_TILE_WIDTHS, shrinkToFit, tileEdges } from './tileEdges.js';

type SizeKey = 'rows' | 'nin' | 'nout';
const EDGES = tileEdges(MATRIX_TILE_WIDTHS);

export function tiledDenseCase(ctx: PropertyContext): fc.Arbitrary<DenseCase> {
  const space = caseSpace(ctx);
  const fits = (s: Readonly<Record<SizeKey, number>>): boolean =>
    s.rows * s.nin <= ctx.maxElements &&
    s.nin * s.nout <= ctx.maxElements &&
    s.rows * s.nout <= ctx.maxElements &&
    s.rows * s.nin * s.nout <= operationCap(ctx);
  return fc
    .record({
      sizes: fc.record({
        rows: edgeOrSmall(MATRIX_TILE_WIDTHS),
        nin: edgeOrSmall(MATRIX_TILE_WIDTHS),
        nout: edgeOrSmall(MATRIX_TILE_WIDTHS),
      }),
      order: fc.shuffledSubarray(['rows', 'nin', 'nout'] as SizeKey[], { minLength: 3, maxLength: 3 }),
      bias: fc.constantFrom(...(space.denseBias ? [true, false] : [false])),
      weightLayout: fc.constantFrom<DenseWeightLayout>('in-out', 'out-in'),
    })
    .map((d) => ({ ...d, sizes: shrinkToFit(d.sizes, d.order, { rows: 1, nin: 1, nout: 1 }, EDGES, fits) }))
    .filter((d) => d.sizes !== undefined)
    .chain(({ sizes, bias, weightLayout }) => {
      const { rows, nin, nout } = sizes!;
      return fc.record({
        input: tensorArbitrary([rows, nin], 'exact'),
        weight: tensorArbitrary(weightLayout === 'in-out' ? [nin, nout] : [nout, nin], 'exact'),
        bias: bias ? tensorArbitrary([nout], 'exact') : fc.constant(undefined),
        params: fc.constant({ weightLayout }),
        values: fc.constant('exact' as const),
      });
    })
    .map((c) => (c.bias === undefined ? { input: c.input, weight: c.weight, params: c.params, values: c.values } : c));
}
