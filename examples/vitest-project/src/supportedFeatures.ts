/**
 * Every cnnspec feature this library implements (spec: convention.features): cnnspec runs the
 * tests that need only these and skips the others. Declaring a feature the library lacks fails
 * its tests; leaving out one it has only skips them.
 */
import type { Feature } from 'cnnspec';

export const SUPPORTED_FEATURES: readonly Feature[] = [
  'conv',
  'conv.bias',
  'conv.dilation',
  'conv.groups',
  'conv.depthwise',
  'pool.max',
  'pool.avg',
  'pool.avg.count-include-pad',
  'pool.same',
  'dense',
  'dense.bias',
  'dense.rank-3',
  'padding.same-upper',
  'padding.explicit-asymmetric',
  'layout.channels-first',
  'spatial-rank-2',
];
