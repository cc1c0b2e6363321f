/**
 * The `conv-transpose` layer of a model file: a transposed convolution by its hyper-parameters
 * (spec: shape.layers), planned by planConvTranspose on the weight shape its fields imply, so
 * that the shape algebra and the reference cannot disagree.
 *
 * @see spec:params.conv-transpose
 * @see spec:rf.transpose
 */
import { CnnSpecError } from '../../spec/CnnSpecError.js';
import { evaluateFormula } from '../../spec/formulas.js';
import { checkInteger, orDefault } from '../../spec/paramChecks.js';
import { joinKernelShape } from '../../tensor/layout.js';
import { countParams, kernelVolume } from '../../shape/countParams.js';
import type { LayerDescriptor, ParamFormula, ParamInput } from '../../shape/LayerDescriptor.js';
import type { WindowHyperParameters } from '../conv/convLayerInput.js';
import { convLayerInput } from '../conv/convLayerInput.js';
import { ADJOINT_CONV_KERNEL_LAYOUT, planConvTranspose } from './planConvTranspose.js';

export interface ConvTransposeLayer extends WindowHyperParameters {
  type: 'conv-transpose';
  name?: string;
  /** Output channels. */
  filters: number;
  /** Elements appended at the end of every spatial axis. @defaultValue 0 */
  outputPadding?: number | number[];
  /** The spatial output sizes, which decide the crops. @defaultValue none */
  outputShape?: number[];
  /** @defaultValue 1 */
  groups?: number;
  /** @defaultValue true */
  bias?: boolean;
}

/** spec: params.conv-transpose */
const paramFormula = (layer: ConvTransposeLayer, input: ParamInput): ParamFormula => ({
  id: 'params.conv-transpose',
  scope: {
    K: kernelVolume(layer.kernel, input.rank),
    cin: BigInt(input.channels),
    g: BigInt(layer.groups ?? 1),
    cout: BigInt(layer.filters),
    bias: BigInt(input.bias),
  },
});

export const convTransposeLayer: LayerDescriptor<ConvTransposeLayer> = {
  fields: ['type', 'name', 'filters', 'kernel', 'strides', 'dilations', 'padding', 'outputPadding', 'outputShape', 'groups', 'bias'],
  hasBias: true,
  readsLayout: true,
  paramFormula,
  plan: (layer, input) => {
    const { type, shape, bias } = input;
    const { cin, kernel } = convLayerInput(layer, input, 'conv-transpose.weight-layout');
    const cout = checkInteger({ op: type, clause: 'conv-transpose.weight-layout' }, 'filters', layer.filters, 1);
    const groups = checkInteger({ op: type, clause: 'conv-transpose.groups' }, 'groups', orDefault<unknown>(layer.groups, 1), 1);
    // The weight holds cout / groups output channels per group: the filters split evenly.
    if (cout % groups !== 0) {
      throw new CnnSpecError({
        code: 'E_GROUPS',
        op: type,
        clause: 'conv-transpose.groups',
        parameter: 'filters',
        value: cout,
        rule: `be divisible by groups (${groups})`,
      });
    }
    // The default kernel layout of the data layout (spec: conv-transpose.weight-layout), as the op plans it.
    const kernelLayout = input.layout === 'channels-first' ? 'in-out-spatial' : 'spatial-out-in';
    const weightShape = joinKernelShape(
      { outChannels: cin, inChannelsPerGroup: cout / groups, kernel },
      ADJOINT_CONV_KERNEL_LAYOUT[kernelLayout],
    );
    const plan = planConvTranspose(
      {
        strides: layer.strides,
        dilations: layer.dilations,
        padding: layer.padding,
        outputPadding: layer.outputPadding,
        outputShape: layer.outputShape,
        groups,
        layout: input.layout,
        kernelLayout,
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
      spatial: {
        kind: 'transposed-window',
        window: {
          rank: plan.rank,
          effectiveKernel: plan.kernel.map((k, axis) => evaluateFormula('effective-kernel', { k, d: plan.dilations[axis]! })),
          strides: plan.strides,
          cropBegin: plan.cropBegin,
          output: plan.output,
        },
      },
    };
  },
};
