/**
 * The `depthwise-conv` layer of a model file: groups = input channels, `depthMultiplier` filters
 * per channel (spec: conv.depthwise).
 *
 * @see spec:params.depthwise
 */
import { checkInteger, orDefault } from '../../spec/paramChecks.js';
import { joinKernelShape } from '../../tensor/layout.js';
import { countParams, kernelVolume } from '../../shape/countParams.js';
import type { LayerDescriptor, ParamFormula, ParamInput } from '../../shape/LayerDescriptor.js';
import type { FillMode } from '../window/fillCoordinate.js';
import { convLayerInput, type WindowHyperParameters } from './convLayerInput.js';
import { planConv } from './planConv.js';

/** Depthwise convolution: groups = input channels, `depthMultiplier` filters per channel. */
export interface DepthwiseConvLayer extends WindowHyperParameters {
  type: 'depthwise-conv';
  name?: string;
  /** @defaultValue 1 */
  depthMultiplier?: number;
  /** @defaultValue 'zeros' */
  fill?: FillMode;
  /** @defaultValue true */
  bias?: boolean;
}

/** spec: params.depthwise */
const paramFormula = (layer: DepthwiseConvLayer, input: ParamInput): ParamFormula => ({
  id: 'params.depthwise',
  scope: {
    K: kernelVolume(layer.kernel, input.rank),
    cin: BigInt(input.channels),
    dm: BigInt(layer.depthMultiplier ?? 1),
    bias: BigInt(input.bias),
  },
});

export const depthwiseConvLayer: LayerDescriptor<DepthwiseConvLayer> = {
  fields: ['type', 'name', 'depthMultiplier', 'kernel', 'strides', 'dilations', 'padding', 'fill', 'bias'],
  hasBias: true,
  readsLayout: true,
  paramFormula,
  plan: (layer, input) => {
    const { type, shape, bias } = input;
    const { cin, kernel, kernelLayout } = convLayerInput(layer, input);
    const dm = checkInteger({ op: type, clause: 'conv.depthwise' }, 'depthMultiplier', orDefault<unknown>(layer.depthMultiplier, 1), 1);
    const depthwiseShape = joinKernelShape({ outChannels: cin * dm, inChannelsPerGroup: 1, kernel }, kernelLayout);
    const plan = planConv(
      {
        strides: layer.strides,
        dilations: layer.dilations,
        padding: layer.padding,
        groups: cin,
        fill: layer.fill,
        layout: input.layout,
        convention: input.conventionSpec,
      },
      shape,
      depthwiseShape,
      bias ? [cin * dm] : undefined,
      input.limits,
    );
    return {
      outputShape: plan.outputShape,
      weightShapes: [{ name: 'depthwise', shape: depthwiseShape }, ...(bias ? [{ name: 'bias', shape: [cin * dm] }] : [])],
      params: countParams(paramFormula(layer, { channels: cin, features: cin, rank: kernel.length, bias: bias ? 1 : 0 })),
      spatial: { kind: 'window', window: plan.window },
    };
  },
};
