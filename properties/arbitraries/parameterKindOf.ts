/**
 * The kind of src/spec/parameterRules.ts a generated invalid call or layer belongs to: what its
 * convention's rule is looked up by (spec: error.parameter-range). The generators name their
 * cases in words (`negative stride, dilation or kernel size`) and by the parameter they change
 * (`dilations[1]`); the table distinguishes what frameworks rule on separately (a negative pad
 * of a convolution and one of the pad op, a stride and a pad that are not integers, the batch,
 * channel and spatial axes of an input).
 */
import type { Layout } from '../../src/spec/conventions.js';
import type { LayerSpec } from '../../src/shape/LayerSpec.js';
import type { ParameterKind } from '../../src/spec/parameterRules.js';

/** What names a case: its op (for calls), its words, the parameter changed. */
export interface NamedCase {
  op?: string;
  kind: string;
  parameter: string;
}

/** The window field a parameter name starts with (`strides[0]`, `weight.shape (kernel[1])`). */
function windowField(parameter: string): 'strides' | 'dilations' | 'kernel' | 'padding' | undefined {
  if (parameter.startsWith('strides')) return 'strides';
  if (parameter.startsWith('dilations')) return 'dilations';
  if (parameter.startsWith('kernel') || parameter.startsWith('weight.shape (kernel')) return 'kernel';
  if (parameter.startsWith('padding')) return 'padding';
  return undefined;
}

const BELOW_ONE = { strides: 'stride-below-1', dilations: 'dilation-below-1', kernel: 'window-below-1' } as const;
const BEYOND = { strides: 'stride-beyond-limit', dilations: 'dilation-beyond-limit', kernel: 'window-beyond-limit' } as const;

function unknown(c: NamedCase): never {
  throw new Error(`no parameter kind for ${c.op ?? 'layer'} case "${c.kind}" (${c.parameter})`);
}

/** The kind of an invalid transposed-convolution call: its rules are the op's own (src/spec/parameterRules.ts). */
function convTransposeParameterKind(c: NamedCase): ParameterKind {
  switch (c.kind) {
    case 'output padding not below the stride or the dilation':
      return 'conv-transpose-output-padding';
    case 'output shape of another length':
    case 'output shape entry 0':
      return 'conv-transpose-output-shape';
    case 'groups that do not divide the channels':
    case 'weight input channels not the input channels':
    case 'weight of another rank':
      return 'conv-transpose-channels';
    case 'non-integer parameter':
      return c.parameter.startsWith('outputPadding') ? 'conv-transpose-output-padding' : 'conv-transpose-window';
    case 'stride 0':
    case 'dilation 0':
    case 'kernel size 0':
    case 'negative pad':
    case 'negative stride, dilation or kernel size':
      return 'conv-transpose-window';
    default:
      return unknown(c);
  }
}

/** The kind of an invalid op call (properties/arbitraries/invalidCallCase.ts). */
export function callParameterKind(c: NamedCase): ParameterKind {
  if (c.op === 'conv-transpose') return convTransposeParameterKind(c);
  const field = windowField(c.parameter);
  switch (c.kind) {
    case 'stride 0':
      return 'stride-below-1';
    case 'dilation 0':
      return 'dilation-below-1';
    case 'kernel size 0':
      return 'window-below-1';
    case 'negative pad':
      return c.op === 'pad' ? 'pad-op-negative' : 'negative-pad';
    case 'negative stride, dilation or kernel size':
      if (field === undefined || field === 'padding') return unknown(c);
      return BELOW_ONE[field];
    case 'non-integer parameter':
      if (c.op === 'pad') return 'pad-op-non-integer';
      return field === 'padding' ? 'non-integer-pad' : 'non-integer-window';
    case 'dilated window longer than the padded input':
      return 'window-beyond-input';
    case 'weight without output features':
      return 'dense-weight-without-units';
    case 'weight without input features':
      return 'empty-features';
    case 'empty spatial axis':
      return 'global-pool-empty-axis';
    case 'stride beyond 2^31 - 1':
      return 'stride-beyond-limit';
    case 'dilation beyond 2^31 - 1':
      return 'dilation-beyond-limit';
    case 'kernel size beyond 2^31 - 1':
      return 'window-beyond-limit';
    default:
      return unknown(c);
  }
}

/** A layer's input axis: batch, channels, spatial or (dense) features. */
export function inputAxisRole(layer: LayerSpec, rank: number, layout: Layout, axis: number): 'batch' | 'channels' | 'spatial' | 'features' {
  if (layer.type === 'dense' || layer.type === 'flatten') return axis === rank - 1 ? 'features' : 'batch';
  if (axis === 0) return 'batch';
  const channels = layout === 'channels-first' ? 1 : rank - 1;
  return axis === channels ? 'channels' : 'spatial';
}

const EMPTY = { batch: 'empty-batch', channels: 'empty-channels', spatial: 'empty-spatial', features: 'empty-features' } as const;

/** The kind of an invalid layer (properties/arbitraries/invalidLayerCase.ts). */
export function layerParameterKind(c: NamedCase & { layer: LayerSpec; inputShape: readonly number[]; layout: Layout }): ParameterKind {
  const field = windowField(c.parameter);
  switch (c.kind) {
    case 'stride 0':
    case 'dilation 0':
    case 'kernel size 0':
    case 'negative stride, dilation or kernel size':
      if (field === undefined || field === 'padding') return unknown(c);
      return BELOW_ONE[field];
    case 'negative pad':
      return 'negative-pad';
    case 'non-integer parameter':
      if (field === 'padding') return 'non-integer-pad';
      return field === undefined ? 'non-integer-count' : 'non-integer-window';
    case 'groups that do not divide the channels':
      return 'groups-not-dividing';
    case 'zero filters, units or depth multiplier':
      return c.parameter === 'units' ? 'zero-units' : 'zero-filters';
    case 'input size 0':
      return EMPTY[inputAxisRole(c.layer, c.inputShape.length, c.layout, inputAxisOf(c.parameter))];
    case 'window longer than the padded input':
      return 'window-beyond-input';
    case 'window parameter beyond 2^31 - 1':
      if (field === undefined || field === 'padding') return unknown(c);
      return BEYOND[field];
    case 'input size beyond 2^31 - 1':
      return 'input-beyond-limit';
    default:
      return unknown(c);
  }
}

/** The axis of an `inputShape[a]` parameter. */
export function inputAxisOf(parameter: string): number {
  const match = /^inputShape\[(\d+)\]$/.exec(parameter);
  if (match === null) throw new Error(`not an input axis: ${parameter}`);
  return Number(match[1]);
}
