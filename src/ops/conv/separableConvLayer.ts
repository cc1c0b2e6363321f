/**
 * The `separable-conv` layer of a model file: a depthwise convolution without bias, then a 1x1
 * convolution (Keras `SeparableConv2D`).
 *
 * @see spec:params.separable
 */
import { checkInteger, orDefault } from '../../spec/paramChecks.js';
import { joinKernelShape } from '../../tensor/layout.js';
import { countParams } from '../../shape/countParams.js';
import type { LayerDescriptor } from '../../shape/LayerDescriptor.js';
import { convLayerInput, type WindowHyperParameters } from './convLayerInput.js';
import { planConv } from './planConv.js';

/** Separable convolution: a depthwise convolution without bias, then a 1x1 convolution. */
export interface SeparableConvLayer extends WindowHyperParameters {
  type: 'separable-conv';
  name?: string;
  filters: number;
  /** @defaultValue 1 */
  depthMultiplier?: number;
  /** Bias of the pointwise step. @defaultValue true */
  bias?: boolean;
}

export const separableConvLayer: LayerDescriptor<SeparableConvLayer> = {
  fields: ['type', 'name', 'filters', 'depthMultiplier', 'kernel', 'strides', 'dilations', 'padding', 'bias'],
  hasBias: true,
  readsLayout: true,
  plan: (layer, input) => {
    const { type, shape, bias } = input;
    const { cin, kernel, K, kernelLayout } = convLayerInput(layer, input);
    const dm = checkInteger({ op: type, clause: 'conv.depthwise' }, 'depthMultiplier', orDefault<unknown>(layer.depthMultiplier, 1), 1);
    const f = checkInteger({ op: type, clause: 'params.separable' }, 'filters', layer.filters, 1);
    const common = { layout: input.layout, convention: input.conventionSpec };
    const depthwiseShape = joinKernelShape({ outChannels: cin * dm, inChannelsPerGroup: 1, kernel }, kernelLayout);
    const depthwise = planConv(
      { strides: layer.strides, dilations: layer.dilations, padding: layer.padding, groups: cin, ...common },
      shape,
      depthwiseShape,
      undefined,
      input.limits,
    );
    const pointwiseShape = joinKernelShape({ outChannels: f, inChannelsPerGroup: cin * dm, kernel: kernel.map(() => 1) }, kernelLayout);
    const pointwise = planConv({ ...common }, depthwise.outputShape, pointwiseShape, bias ? [f] : undefined, input.limits);
    return {
      outputShape: pointwise.outputShape,
      weightShapes: [
        { name: 'depthwise', shape: depthwiseShape },
        { name: 'pointwise', shape: pointwiseShape },
        ...(bias ? [{ name: 'bias', shape: [f] }] : []),
      ],
      params: countParams('params.separable', { K, cin, dm, f, bias: bias ? 1 : 0 }),
      spatial: { kind: 'window', window: depthwise.window },
    };
  },
};
