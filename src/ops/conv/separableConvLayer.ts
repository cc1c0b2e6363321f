/**
 * The `separable-conv` layer of a model file: a depthwise convolution without bias, then a 1x1
 * convolution (Keras `SeparableConv2D`).
 *
 * @see spec:params.separable
 */
import { checkInteger, orDefault } from '../../spec/paramChecks.js';
import { joinKernelShape } from '../../tensor/layout.js';
import { countParams, kernelVolume } from '../../shape/countParams.js';
import type { LayerDescriptor, ParamFormula, ParamInput } from '../../shape/LayerDescriptor.js';
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

/** spec: params.separable */
const paramFormula = (layer: SeparableConvLayer, input: ParamInput): ParamFormula => ({
  id: 'params.separable',
  scope: {
    K: kernelVolume(layer.kernel, input.rank),
    cin: BigInt(input.channels),
    dm: BigInt(layer.depthMultiplier ?? 1),
    f: BigInt(layer.filters),
    bias: BigInt(input.bias),
  },
});

export const separableConvLayer: LayerDescriptor<SeparableConvLayer> = {
  fields: ['type', 'name', 'filters', 'depthMultiplier', 'kernel', 'strides', 'dilations', 'padding', 'bias'],
  hasBias: true,
  readsLayout: true,
  paramFormula,
  plan: (layer, input) => {
    const { type, shape, bias } = input;
    const { cin, kernel, kernelLayout } = convLayerInput(layer, input);
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
      params: countParams(paramFormula(layer, { channels: cin, features: cin, rank: kernel.length, bias: bias ? 1 : 0 })),
      spatial: { kind: 'window', window: depthwise.window },
    };
  },
};
