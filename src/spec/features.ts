/**
 * The closed vocabulary of features: named capabilities an implementation may or may not have.
 * Planners report which features a call uses; a convention lists the ones it does not define;
 * the property suite and the runner use the same names to decide what applies.
 *
 * @see spec:convention.features
 */
export const FEATURES = [
  'conv',
  'conv.bias',
  'conv.dilation',
  'conv.groups',
  'conv.depthwise',
  'conv-transpose',
  'conv-transpose.bias',
  'conv-transpose.groups',
  'conv-transpose.dilation',
  'conv-transpose.output-padding',
  'conv-transpose.output-shape',
  'conv-transpose.same',
  'pool.max',
  'pool.avg',
  'pool.global-max',
  'pool.global-avg',
  'pool.ceil-mode',
  'pool.max.dilation',
  'pool.avg.dilation',
  'pool.avg.count-include-pad',
  'pool.same',
  'dense',
  'dense.bias',
  'dense.rank-3',
  'pad',
  'padding.same-upper',
  'padding.same-lower',
  'padding.explicit-asymmetric',
  'padding.fill.reflect',
  'padding.fill.replicate',
  'padding.fill.circular',
  'layout.channels-first',
  'layout.channels-last',
  'spatial-rank-1',
  'spatial-rank-2',
  'spatial-rank-3',
] as const;

export type Feature = (typeof FEATURES)[number];

/** A feature together with the parameter and value that made a call use it. */
export interface FeatureUse {
  feature: Feature;
  parameter: string;
  value: unknown;
}
