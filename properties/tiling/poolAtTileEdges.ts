/**
 * Pooling at tile edges: output sizes and channels one below, at and one above the widths GPU
 * kernels tile by. Max pooling selects an element and is compared exactly; average pooling
 * divides, and is judged within the dot-product bound of its window (spec: conformance.tolerance).
 */
import type { PoolKind } from '../../src/ops/pool/planPool.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callPool } from '../support/callAdapter.js';
import { expectOutcome } from '../support/expectTensor.js';
import { poolOutcomes } from '../support/referenceOps.js';
import { tiledPoolCase } from './tiledPoolCase.js';

function poolAtTileEdges(kind: PoolKind) {
  return defineProperty({
    id: kind === 'max' ? 'pool/tiling/max-exact-at-tile-edges' : 'pool/tiling/avg-within-bound-at-tile-edges',
    spec: [
      ...(kind === 'max' ? ['pool.max'] : ['pool.avg', 'pool.avg.count-include-pad']),
      'pool.padding',
      'conformance.every-size',
      'conformance.tolerance',
    ],
    features: [`pool.${kind}`],
    ops: ['pool'],
    description:
      kind === 'max'
        ? 'Max pooling whose output sizes and channels lie at tile edges (w - 1, w, w + 1 for w of 4 to 64) equals the reference exactly.'
        : 'Average pooling whose output sizes and channels lie at tile edges (w - 1, w, w + 1 for w of 4 to 64) is within the dot-product bound of the reference.',
    arbitrary: (ctx) => tiledPoolCase(ctx, kind),
    check: async (ctx, c) => {
      const actual = await callPool(ctx.adapter, c);
      // spec: convention.unspecified — where the convention leaves a knob open, any member's answer conforms
      expectOutcome(actual, poolOutcomes(c, ctx.conventionSpec), `${kind} pooling at tile edges compared with the reference`);
    },
  });
}

export const POOL_TILING_PROPERTIES = [poolAtTileEdges('max'), poolAtTileEdges('avg')];
