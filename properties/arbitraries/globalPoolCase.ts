/**
 * Global pooling cases: kind, layout, spatial rank and sizes, batch and channels, keepDims, and
 * an input of that shape.
 */
import fc from 'fast-check';
import type { Call } from '../../src/ops/Adapter.js';
import { joinActivationShape } from '../../src/tensor/layout.js';
import type { GlobalPoolParams } from '../../src/ops/global-pool/planGlobalPool.js';
import type { PoolKind } from '../../src/ops/pool/planPool.js';
import { elementCount, type Tensor } from '../../src/tensor/tensor.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { caseSpace } from './caseSpace.js';
import { layoutChoice, rankChoice, requireChoices } from './requireChoices.js';
import { tensorArbitrary, type ValueDomain } from './elementValues.js';

export interface GlobalPoolCase {
  input: Tensor;
  params: Required<Pick<Call<GlobalPoolParams>, 'kind' | 'layout'>> & Pick<Call<GlobalPoolParams>, 'keepDims'>;
}

export interface GlobalPoolCaseConstraints {
  /** Only kinds the adapter also supports as windowed pooling. @defaultValue false */
  windowedToo?: boolean;
  /** Leave keepDims out (the convention's default applies). @defaultValue false */
  omitKeepDims?: boolean;
  values?: ValueDomain;
}

export function globalPoolCase(ctx: PropertyContext, constraints: GlobalPoolCaseConstraints = {}): fc.Arbitrary<GlobalPoolCase> {
  const space = caseSpace(ctx);
  const kinds: PoolKind[] = [
    ...(ctx.features.has('pool.global-max') && (!constraints.windowedToo || space.maxPool) ? ['max' as const] : []),
    ...(ctx.features.has('pool.global-avg') && (!constraints.windowedToo || space.avgPool) ? ['avg' as const] : []),
  ];
  requireChoices(ctx, 'global pooling', [
    {
      name: 'kind',
      supported: kinds.length,
      needs: ['pool.global-max', 'pool.global-avg', ...(constraints.windowedToo ? (['pool.max', 'pool.avg'] as const) : [])],
    },
    rankChoice(space),
    layoutChoice(space),
  ]);
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      rank: fc.constantFrom(...space.ranks),
      layout: fc.constantFrom(...space.layouts),
      keepDims: fc.boolean(),
      batch: fc.integer({ min: 1, max: 2 }),
      channels: fc.integer({ min: 1, max: 3 }),
    })
    .chain((p) =>
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: p.rank, maxLength: p.rank }).chain((spatial) =>
        tensorArbitrary(
          joinActivationShape({ batch: p.batch, channels: p.channels, spatial }, p.layout),
          constraints.values ?? 'exact',
        ).map(
          (input): GlobalPoolCase => ({
            input,
            params: { kind: p.kind, layout: p.layout, ...(constraints.omitKeepDims ? {} : { keepDims: p.keepDims }) },
          }),
        ),
      ),
    )
    .filter((c) => elementCount(c.input.shape) <= ctx.maxElements);
}
