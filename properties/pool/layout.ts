/**
 * Pooling in the channels-last layout gives the channels-first result transposed.
 */
import { convertLayout } from '../../src/tensor/layout.js';
import { poolCase } from '../arbitraries/poolCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callPool } from '../support/callAdapter.js';
import { expectTensor } from '../support/expectTensor.js';
import { openElements } from '../support/openElements.js';

export const poolChannelsLastIsTransposed = defineProperty({
  id: 'pool/layout/channels-last-is-transposed-channels-first',
  spec: ['layout.channels-last'],
  features: ['layout.channels-first', 'layout.channels-last'],
  ops: ['pool'],
  description: 'Pooling a channels-last input gives the channels-first result of the same data transposed to channels-last.',
  arbitrary: (ctx) => poolCase(ctx, { layouts: ['channels-first'] }),
  check: async (ctx, c) => {
    const first = await callPool(ctx.adapter, { input: c.input, params: c.params });
    const lastRequest = {
      input: convertLayout(c.input, 'channels-first', 'channels-last'),
      params: { ...c.params, layout: 'channels-last' as const },
    };
    const last = await callPool(ctx.adapter, lastRequest);
    // spec: convention.unspecified — an open element may be decided differently in each layout
    const open = openElements({ op: 'pool', request: lastRequest }, ctx.conventionSpec);
    expectTensor(
      last,
      convertLayout(first, 'channels-first', 'channels-last'),
      `${c.params.kind} pooling in channels-last`,
      undefined,
      open,
    );
  },
});

export const LAYOUT_PROPERTIES = [poolChannelsLastIsTransposed];
