/**
 * Transposed convolution at tile edges: output sizes and channel counts one below, at and one
 * above the widths GPU kernels tile by. The reference is the oracle; values are from the exact
 * domain, so the comparison is exact whatever the kernel's order of accumulation.
 */
import { defineProperty } from '../PropertyDefinition.js';
import { callOp } from '../support/callAdapter.js';
import { expectOutcome } from '../support/expectTensor.js';
import { callOutcomes } from '../support/referenceOps.js';
import { requireExact } from '../support/requireExact.js';
import { tiledConvTransposeCase } from './tiledConvTransposeCase.js';

export const convTransposeAtTileEdges = defineProperty({
  id: 'conv-transpose/tiling/exact-at-tile-edges',
  spec: [
    'conv-transpose.definition',
    'conv-transpose.output-size',
    'conformance.every-size',
    'conformance.tolerance',
    'conformance.exact-domain',
  ],
  features: ['conv-transpose'],
  ops: ['convTranspose'],
  description:
    'On the exact domain a transposed convolution whose output sizes and channels lie at tile edges (w - 1, w, w + 1 for w of 4 to 64) equals the reference exactly.',
  arbitrary: (ctx) => tiledConvTransposeCase(ctx),
  check: async (ctx, c) => {
    const request = { input: c.input, weight: c.weight, ...(c.bias === undefined ? {} : { bias: c.bias }), params: c.params };
    const actual = await callOp(ctx.adapter, 'conv-transpose', request);
    const outcomes = requireExact(callOutcomes({ op: 'conv-transpose', request }, ctx.conventionSpec), 'exact');
    expectOutcome(actual, outcomes, 'transposed convolution at tile edges compared with the reference');
  },
});

export const CONV_TRANSPOSE_TILING_PROPERTIES = [convTransposeAtTileEdges];
