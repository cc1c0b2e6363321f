/**
 * Convolution at tile edges: output sizes and channel counts one below, at and one above the
 * widths GPU kernels tile by, where a partial tile or a channel count that is not a multiple of
 * the vector width goes wrong. The reference is the oracle; values are from the exact domain, so
 * the comparison is exact whatever the kernel's order of accumulation.
 */
import { defineProperty } from '../PropertyDefinition.js';
import { callConv } from '../support/callAdapter.js';
import { expectOutcome } from '../support/expectTensor.js';
import { convOutcomes } from '../support/referenceOps.js';
import { requireExact } from '../support/requireExact.js';
import { tiledConvCase, type TiledGroups } from './tiledConvCase.js';

const GROUP_CLAUSES: Readonly<Record<TiledGroups, readonly string[]>> = {
  one: [],
  grouped: ['conv.groups'],
  depthwise: ['conv.depthwise'],
};

function convAtTileEdges(groups: TiledGroups) {
  const kind = groups === 'one' ? '' : `${groups} `;
  return defineProperty({
    id: `conv/tiling/${groups === 'one' ? '' : `${groups}-`}exact-at-tile-edges`,
    spec: ['conv.definition', ...GROUP_CLAUSES[groups], 'conformance.every-size', 'conformance.tolerance', 'conformance.exact-domain'],
    features: [
      'conv',
      ...(groups === 'grouped' ? (['conv.groups'] as const) : groups === 'depthwise' ? (['conv.depthwise'] as const) : []),
    ],
    ops: ['conv'],
    description: `On the exact domain a ${kind}convolution whose output sizes and channels lie at tile edges (w - 1, w, w + 1 for w of 4 to 64) equals the reference exactly.`,
    arbitrary: (ctx) => tiledConvCase(ctx, groups),
    check: async (ctx, c) => {
      const actual = await callConv(ctx.adapter, c);
      expectOutcome(
        actual,
        requireExact(convOutcomes(c, ctx.conventionSpec), 'exact'),
        `${kind}conv at tile edges compared with the reference`,
      );
    },
  });
}

export const CONV_TILING_PROPERTIES = [convAtTileEdges('one'), convAtTileEdges('grouped'), convAtTileEdges('depthwise')];
