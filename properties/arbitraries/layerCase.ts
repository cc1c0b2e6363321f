/**
 * Layer records (src/shape/LayerSpec.ts) with an input shape, for an adapter's own shape inference and
 * parameter counting: convolution, depthwise and separable convolution, transposed convolution,
 * pooling and dense layers, drawn from the op generators so that every layer is valid under every member of the
 * adapter's convention and uses only features it declares (spec: shape.layers).
 */
import fc from 'fast-check';
import type { Layout } from '../../src/spec/conventions.js';
import type { LayerSpec } from '../../src/shape/LayerSpec.js';
import { ADJOINT_CONV_KERNEL_LAYOUT } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { splitActivationShape, splitKernelShape } from '../../src/tensor/layout.js';
import { convTransposeCase, type ConvTransposeCase } from '../conv-transpose/convTransposeCase.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { NotApplicable } from '../PropertyDefinition.js';
import { convCase, type ConvCase } from './convCase.js';
import { denseCase } from './denseCase.js';
import { poolCase } from './poolCase.js';

export interface LayerCase {
  layer: LayerSpec;
  /** Input shape with the batch axis. */
  inputShape: number[];
  layout: Layout;
}

const kernelOf = (c: ConvCase): number[] => splitKernelShape(c.weight.shape, c.params.kernelLayout).kernel;

/** The convolution of a case as a `conv` layer record. */
function convLayer(c: ConvCase): LayerCase {
  const layer: LayerSpec = {
    type: 'conv',
    filters: splitKernelShape(c.weight.shape, c.params.kernelLayout).outChannels,
    kernel: kernelOf(c),
    strides: c.params.strides as number[],
    dilations: c.params.dilations as number[],
    padding: c.params.padding,
    groups: c.params.groups,
    bias: c.bias !== undefined,
  };
  return { layer, inputShape: [...c.input.shape], layout: c.params.layout };
}

/** A depthwise case (groups = channels) as a `depthwise-conv` record: spec: conv.depthwise, params.depthwise. */
function depthwiseLayer(c: ConvCase): LayerCase {
  const channels = splitActivationShape(c.input.shape, c.params.layout).channels;
  const layer: LayerSpec = {
    type: 'depthwise-conv',
    kernel: kernelOf(c),
    depthMultiplier: splitKernelShape(c.weight.shape, c.params.kernelLayout).outChannels / channels,
    strides: c.params.strides as number[],
    dilations: c.params.dilations as number[],
    padding: c.params.padding,
    bias: c.bias !== undefined,
  };
  return { layer, inputShape: [...c.input.shape], layout: c.params.layout };
}

/** A depthwise case followed by a 1x1 convolution of `filters` outputs: spec: params.separable. */
function separableLayer(c: ConvCase, filters: number, bias: boolean): LayerCase {
  const { layer } = depthwiseLayer(c);
  const { type: _type, bias: _bias, ...window } = layer as Extract<LayerSpec, { type: 'depthwise-conv' }>;
  return { layer: { ...window, type: 'separable-conv', filters, bias }, inputShape: [...c.input.shape], layout: c.params.layout };
}

/**
 * A transposed-convolution case as a `conv-transpose` record: spec: params.conv-transpose. The
 * record has no kernel layout (its weight is in the layout's default one), which changes no size.
 */
function convTransposeLayer(c: ConvTransposeCase): LayerCase {
  const weight = splitKernelShape(c.weight.shape, ADJOINT_CONV_KERNEL_LAYOUT[c.params.kernelLayout]);
  const layer: LayerSpec = {
    type: 'conv-transpose',
    filters: weight.inChannelsPerGroup * c.params.groups,
    kernel: weight.kernel,
    strides: c.params.strides,
    dilations: c.params.dilations,
    padding: c.params.padding,
    outputPadding: c.params.outputPadding,
    ...(c.params.outputShape === undefined ? {} : { outputShape: c.params.outputShape }),
    groups: c.params.groups,
    bias: c.bias !== undefined,
  };
  return { layer, inputShape: [...c.input.shape], layout: c.params.layout };
}

export interface LayerCaseOptions {
  /**
   * Whether transposed convolutions are drawn. The reductions of values beyond the limit
   * (properties/support/beyondLimit.ts) and the parameter rules of invalid layers are those of
   * sliding windows, not yet of transposed ones. @defaultValue true
   */
  transposed?: boolean;
}

export function layerCase(ctx: PropertyContext, options: LayerCaseOptions = {}): fc.Arbitrary<LayerCase> {
  const choices: fc.Arbitrary<LayerCase>[] = [];
  if (ctx.features.has('conv')) {
    choices.push(convCase(ctx, { fills: ['zeros'] }).map(convLayer));
    if (ctx.features.has('conv.depthwise')) {
      choices.push(convCase(ctx, { fills: ['zeros'], groups: 'depthwise' }).map(depthwiseLayer));
      const biasChoices = ctx.features.has('conv.bias') ? [true, false] : [false];
      choices.push(
        fc
          .record({
            c: convCase(ctx, { fills: ['zeros'], groups: 'depthwise', bias: 'without' }),
            filters: fc.integer({ min: 1, max: 3 }),
            bias: fc.constantFrom(...biasChoices),
          })
          .map(({ c, filters, bias }) => separableLayer(c, filters, bias)),
      );
    }
  }
  if (ctx.features.has('conv-transpose') && (options.transposed ?? true)) choices.push(convTransposeCase(ctx).map(convTransposeLayer));
  if (ctx.features.has('pool.max') || ctx.features.has('pool.avg')) {
    choices.push(
      poolCase(ctx).map((c) => ({
        layer: {
          type: c.params.kind === 'max' ? 'max-pool' : 'avg-pool',
          kernel: c.params.kernel,
          strides: c.params.strides,
          dilations: c.params.dilations,
          padding: c.params.padding,
          ceilMode: c.params.ceilMode,
          ...(c.params.kind === 'avg' ? { countIncludePad: c.params.countIncludePad } : {}),
        } as LayerSpec,
        inputShape: [...c.input.shape],
        layout: c.params.layout,
      })),
    );
  }
  if (ctx.features.has('dense')) {
    choices.push(
      denseCase(ctx).map((c) => ({
        layer: {
          type: 'dense',
          units: c.params.weightLayout === 'in-out' ? c.weight.shape[1]! : c.weight.shape[0]!,
          bias: c.bias !== undefined,
        } as LayerSpec,
        inputShape: [...c.input.shape],
        layout: 'channels-first' as const,
      })),
    );
  }
  if (choices.length === 0) throw NotApplicable.needsOneOf('conv', 'conv-transpose', 'pool.max', 'pool.avg', 'dense');
  return fc.oneof(...choices);
}
