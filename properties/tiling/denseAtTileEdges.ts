/**
 * Dense layers at the tile edges of matrix products: rows, input and output features one below,
 * at and one above 4, 16, 64 and 128. Values are from the exact domain, so the comparison with
 * the reference is exact whatever the kernel's order of accumulation.
 */
import { defineProperty } from '../PropertyDefinition.js';
import { callDense } from '../support/callAdapter.js';
import { expectOutcome } from '../support/expectTensor.js';
import { denseOutcomes } from '../support/referenceOps.js';
import { requireExact } from '../support/requireExact.js';
import { tiledDenseCase } from './tiledDenseCase.js';

export const denseAtTileEdges = defineProperty({
  id: 'dense/tiling/exact-at-tile-edges',
  spec: ['dense.definition', 'dense.weight-layout', 'conformance.every-size', 'conformance.tolerance', 'conformance.exact-domain'],
  features: ['dense'],
  ops: ['dense'],
  description:
    'On the exact domain a dense layer whose rows and features lie at tile edges (w - 1, w, w + 1 for w of 4 to 128) equals the reference exactly.',
  arbitrary: (ctx) => tiledDenseCase(ctx),
  check: async (ctx, c) => {
    const actual = await callDense(ctx.adapter, c);
    expectOutcome(actual, requireExact(denseOutcomes(c, ctx.conventionSpec), 'exact'), 'dense at tile edges compared with the reference');
  },
});

export const DENSE_TILING_PROPERTIES = [denseAtTileEdges];
