/**
 * A module adapter for `cnnspec run --adapter`: an implementation of convolution alone (the
 * reference's conv), declaring the convolution features and nothing of pooling or dense layers.
 */
import type { Adapter } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';

const reference = referenceAdapter('cnnspec');

export const CONV_FEATURES = [
  'conv',
  'conv.bias',
  'conv.dilation',
  'conv.groups',
  'conv.depthwise',
  'padding.same-upper',
  'padding.same-lower',
  'padding.explicit-asymmetric',
  'layout.channels-first',
  'layout.channels-last',
  'spatial-rank-1',
  'spatial-rank-2',
  'spatial-rank-3',
] as const;

const convOnly: Adapter = {
  name: 'conv-only',
  version: '1.0.0',
  adapterApi: reference.adapterApi,
  convention: 'cnnspec',
  features: [...CONV_FEATURES],
  conv: reference.conv!,
};

export default convOnly;
