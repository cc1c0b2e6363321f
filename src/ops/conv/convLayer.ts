/**
 * The `conv` layer of a model file: a convolution by its hyper-parameters (spec: shape.layers).
 *
 * @see spec:params.conv
 * @see spec:params.grouped
 */
import { checkInteger, orDefault } from '../../spec/paramChecks.js';
import { joinKernelShape } from '../../tensor/layout.js';
import { countParams, kernelVolume } from '../../shape/countParams.js';
import type { LayerDescriptor, ParamFormula, ParamInput } from '../../shape/LayerDescriptor.js';
import type { FillMode } from '../window/fillCoordinate.js';
import { convLayerInput, type WindowHyperParameters } from './convLayerInput.js';
import { planConv } from './planConv.js';

export interface ConvLayer extends WindowHyperParameters {
  type: 'conv';
  name?: string;
  /** Output channels. */
  filters: number;
  /** @defaultValue 1 */
  groups?: number;
  /** @defaultValue 'zeros' */
  fill?: FillMode;
  /** @defaultValue true */
  bias?: boolean;
}

/** spec: params.conv */
const paramFormula = (layer: ConvLayer, input: ParamInput): ParamFormula => ({
  id: 'params.conv',
  scope: {
    K: kernelVolume(layer.kernel, input.rank),
    cin: BigInt(input.channels),
    g: BigInt(layer.groups ?? 1),
    cout: BigInt(layer.filters),
    bias: BigInt(input.bias),
  },
});

export const convLayer: LayerDescriptor<ConvLayer> = {
  fields: ['type', 'name', 'filters', 'kernel', 'strides', 'dilations', 'padding', 'groups', 'fill', 'bias'],
  hasBias: true,
  readsLayout: true,
  paramFormula,
  plan: (layer, input) => {
    const { type, shape, bias } = input;
    const { cin, kernel, kernelLayout } = convLayerInput(layer, input);
    const cout = checkInteger({ op: type, clause: 'conv.shapes' }, 'filters', layer.filters, 1);
    const groups = checkInteger({ op: type, clause: 'conv.groups' }, 'groups', orDefault<unknown>(layer.groups, 1), 1);
    // A group count that does not divide the channels is reported by planConv, which states the rule.
    const inPerGroup = Math.max(1, Math.floor(cin / groups));
    const weightShape = joinKernelShape({ outChannels: cout, inChannelsPerGroup: inPerGroup, kernel }, kernelLayout);
    const plan = planConv(
      {
        strides: layer.strides,
        dilations: layer.dilations,
        padding: layer.padding,
        groups,
        fill: layer.fill,
        layout: input.layout,
        convention: input.conventionSpec,
      },
      shape,
      weightShape,
      bias ? [cout] : undefined,
      input.limits,
    );
    return {
      outputShape: plan.outputShape,
      weightShapes: [{ name: 'weight', shape: weightShape }, ...(bias ? [{ name: 'bias', shape: [cout] }] : [])],
      params: countParams(paramFormula(layer, { channels: cin, features: cin, rank: kernel.length, bias: bias ? 1 : 0 })),
      spatial: { kind: 'window', window: plan.window },
    };
  },
};
