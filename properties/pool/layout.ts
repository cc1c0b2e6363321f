/**
 * Pooling in the channels-last layout gives the channels-first result transposed.
 */
import { convertLayout } from '../../src/layout.js';
import { poolCase } from '../arbitraries/poolCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callPool } from '../support/callAdapter.js';
import { expectTensor } from '../support/expectTensor.js';

export const poolChannelsLastIsTransposed = defineProperty({
  id: 'pool/layout/channels-last-is-transposed-channels-first',
  spec: ['layout.channels-last'],
  features: ['layout.channels-first', 'layout.channels-last'],
  ops: ['pool'],
  description: 'Pooling a channels-last input gives the channels-first result of the same data transposed to channels-last.',
  arbitrary: (ctx) => poolCase(ctx, { layouts: ['channels-first'] }),
  check: async (ctx, c) => {
    const first = await callPool(ctx.adapter, { input: c.input, params: c.params });
    const last = await callPool(ctx.adapter, {
      input: convertLayout(c.input, 'channels-first', 'channels-last'),
      params: { ...c.params, layout: 'channels-last' },
    });
    expectTensor(last, convertLayout(first, 'channels-first', 'channels-last'), `${c.params.kind} pooling in channels-last`);
  },
});

export const LAYOUT_PROPERTIES = [poolChannelsLastIsTransposed];
