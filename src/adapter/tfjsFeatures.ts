/**
 * The features the TF.js adapter declares (spec: convention.tfjs), and those a given backend can
 * honour: a feature is declared only where the backend registers a kernel for every TF.js op that
 * some API form of it may call (tfjsForms.ts), so that a backend without, say, 3-D pooling kernels
 * does not claim 3-D cases that could only fail as "kernel not registered".
 *
 * @see spec:convention.tfjs
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { Feature } from '../spec/features.js';
import type { TfjsBackend } from './tfjsForms.js';

/** What TF.js can express; everything else is left out (spec: convention.tfjs). */
export const TFJS_FEATURES: readonly Feature[] = [
  'conv',
  'conv.bias',
  'conv.dilation',
  'conv.depthwise', // depthwiseConv2d: 1-D through a height of 1, not 3-D (UnsupportedCase)
  // conv2dTranspose (1-D through a height of 1) and conv3dTranspose; no groups and no dilations
  // (UnsupportedCase). The bias is added after the call and an output padding is a longer
  // outputShape, but the tfjs convention leaves both undefined (conv2d_transpose.ts takes neither),
  // so neither is claimed.
  'conv-transpose',
  'conv-transpose.output-shape',
  'conv-transpose.same', // 'same', the forward convolution's same-upper pads
  'pool.max',
  'pool.avg',
  'pool.global-max', // tf.max over the spatial axes
  'pool.global-avg', // tf.mean over the spatial axes
  'pool.ceil-mode', // dimRoundingMode 'ceil' with explicit or numeric pads
  'pool.same',
  'dense',
  'dense.bias',
  'dense.rank-3',
  'pad', // tf.pad (zeros)
  'padding.same-upper', // 'same'
  'padding.explicit-asymmetric', // 1-D and 2-D; 3-D ops take 'valid', 'same' or one number, so only pads one of those gives
  'layout.channels-first',
  'layout.channels-last',
  'spatial-rank-1',
  'spatial-rank-2',
  'spatial-rank-3',
];

/**
 * The TF.js kernels (by kernel name) that the calls of each feature may run, whatever form a call
 * takes: the plain and fused entry points, `tf.add` for a bias added after the call, `tf.reshape`
 * for a 1-D input given a height of 1, `tf.transpose` for an out-in dense weight. Layouts are
 * converted by the kit, not by TF.js. A feature not listed needs no kernel of its own.
 */
const KERNELS: Partial<Record<Feature, readonly string[]>> = {
  conv: ['Conv2D', 'FusedConv2D', 'Reshape'],
  'conv.bias': ['Add', 'FusedConv2D', 'FusedDepthwiseConv2D'],
  'conv.depthwise': ['DepthwiseConv2dNative', 'FusedDepthwiseConv2D'],
  'conv-transpose': ['Conv2DBackpropInput', 'Add', 'Reshape'],
  'pool.max': ['MaxPool', 'Reshape'],
  'pool.avg': ['AvgPool', 'Reshape'],
  'pool.global-max': ['Max'],
  'pool.global-avg': ['Mean'],
  dense: ['BatchMatMul', '_FusedMatMul', 'Transpose', 'Reshape'],
  'dense.bias': ['Add', '_FusedMatMul'],
  pad: ['PadV2'],
  'spatial-rank-1': ['Reshape'],
};

/** The 3-D kernel of each op that has one: spatial-rank-3 needs every one whose op is declared. */
const KERNELS_3D: Partial<Record<Feature, string>> = {
  conv: 'Conv3D',
  'conv-transpose': 'Conv3DBackpropInputV2',
  'pool.max': 'MaxPool3D',
  'pool.avg': 'AvgPool3D',
};

/** `conv` for `conv.bias`: the feature a refinement needs, where that is a feature of its own. */
const parentOf = (feature: Feature): Feature | undefined => {
  const dot = feature.indexOf('.');
  const parent = feature.slice(0, dot) as Feature;
  return dot > 0 && TFJS_FEATURES.includes(parent) ? parent : undefined;
};

/**
 * The features of TFJS_FEATURES that `backend` has every kernel for, in the same order; a
 * refinement goes with the feature it refines. A backend lacking one 3-D kernel loses
 * spatial-rank-3 for every op: a feature cannot be declared per op.
 */
export function tfjsBackendFeatures(tf: typeof TF, backend: TfjsBackend): Feature[] {
  const registered = new Set(tf.getKernelsForBackend(backend).map((kernel) => kernel.kernelName));
  const has = (feature: Feature): boolean => (KERNELS[feature] ?? []).every((kernel) => registered.has(kernel));
  const kept = TFJS_FEATURES.filter((feature) => has(feature) && (parentOf(feature) === undefined || has(parentOf(feature)!)));
  const rank3 = kept.every((feature) => KERNELS_3D[feature] === undefined || registered.has(KERNELS_3D[feature]));
  return kept.filter((feature) => feature !== 'spatial-rank-3' || rank3);
}
