/**
 * What the convolution layers of a model file (conv, depthwise-conv, separable-conv) share: the
 * window hyper-parameters of their records and the reading of their input shape.
 */
import { CnnSpecError } from '../../spec/CnnSpecError.js';
import { checkPerAxis } from '../../spec/paramChecks.js';
import { defaultKernelLayout, splitActivationShape, type KernelLayout } from '../../tensor/layout.js';
import type { LayerPlanInput } from '../../shape/LayerDescriptor.js';
import type { Padding } from '../window/planWindow.js';

export interface WindowHyperParameters {
  /** Kernel (window) size per spatial axis, or one value for all. */
  kernel: number | number[];
  strides?: number | number[];
  dilations?: number | number[];
  /** @defaultValue 'valid' */
  padding?: Padding;
}

export interface ConvLayerInput {
  /** Input channels. */
  cin: number;
  /** Kernel size per spatial axis. */
  kernel: number[];
  kernelLayout: KernelLayout;
}

/** Reads a convolution layer's input shape and kernel; the rank rule is spec: conv.shapes. */
export function convLayerInput(layer: WindowHyperParameters, input: LayerPlanInput, clause = 'conv.shapes'): ConvLayerInput {
  const { type, shape, layout } = input;
  const dims = shape.length >= 3 ? splitActivationShape(shape, layout) : undefined;
  if (dims === undefined) {
    throw new CnnSpecError({
      code: 'E_SHAPE_INVALID',
      op: type,
      clause,
      parameter: 'input.shape',
      value: shape,
      rule: 'have rank 3 to 5: batch, channels and 1 to 3 spatial axes',
    });
  }
  const kernel = checkPerAxis({ op: type, clause }, 'kernel', layer.kernel, dims.spatial.length, 1);
  return { cin: dims.channels, kernel, kernelLayout: defaultKernelLayout(layout) };
}
