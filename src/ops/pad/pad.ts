/**
 * Reference pad: materialises the padded input that convolution reads, for every fill mode.
 * Only spatial axes are padded. Convolving pad(x) with valid padding equals convolving x with
 * the same explicit pads and fill.
 *
 * @see spec:padding.op
 */
import { advanceIndex } from '../../tensor/advanceIndex.js';
import { checkPreconditions } from '../../spec/checkPreconditions.js';
import { checkFeatures, resolveConvention, type Convention, type ConventionSpec } from '../../spec/conventions.js';
import type { FeatureUse } from '../../spec/features.js';
import { checkFillLimits, fillCoordinate, FILL_MODES, NO_SOURCE, type FillMode } from '../window/fillCoordinate.js';
import { activationStrides, joinActivationShape, LAYOUTS, splitActivationShape, type Layout } from '../../tensor/layout.js';
import { checkLimit, checkLimits, DEFAULT_LIMITS, type Limits } from '../../spec/limits.js';
import { checkEnum, checkKnownFields, checkPerAxis, orDefault } from '../../spec/paramChecks.js';
import type { ExplicitPadding } from '../window/planWindow.js';
import { checkShape, checkTensor, elementCount, makeTensor, type Tensor } from '../../tensor/tensor.js';
import { PAD_RANK_RULES } from './padPreconditions.js';

export interface PadParams {
  padding: ExplicitPadding;
  /** @defaultValue 'zeros' */
  fill?: FillMode;
  /** @defaultValue the convention's layout */
  layout?: Layout;
  /** @defaultValue 'cnnspec' */
  convention?: ConventionSpec;
}

export const PAD_PARAM_FIELDS = ['padding', 'fill', 'layout', 'convention'] as const;

export interface PadPlan {
  op: 'pad';
  convention: Convention;
  layout: Layout;
  fill: FillMode;
  input: number[];
  padBegin: number[];
  padEnd: number[];
  inputShape: number[];
  outputShape: number[];
  features: FeatureUse[];
}

const OP = 'pad';

export function planPad(params: PadParams, inputShape: readonly number[], limits: Limits = DEFAULT_LIMITS): PadPlan {
  const record = checkKnownFields({ op: OP, clause: 'padding.op' }, 'params', params, PAD_PARAM_FIELDS);
  checkLimits(OP, limits);
  const convention = resolveConvention(params.convention, OP);
  const layout = checkEnum(
    { op: OP, clause: 'layout.channels-first' },
    'layout',
    orDefault<unknown>(params.layout, convention.layout),
    LAYOUTS,
  );
  const fill = checkEnum({ op: OP, clause: 'padding.fill.zeros' }, 'fill', orDefault<unknown>(params.fill, 'zeros'), FILL_MODES);
  checkPreconditions(OP, PAD_RANK_RULES, { inputShape });
  checkShape(OP, 'input.shape', inputShape);
  const dims = splitActivationShape(inputShape, layout);
  const rank = dims.spatial.length;
  const padding = checkKnownFields({ op: OP, clause: 'padding.explicit' }, 'padding', record.padding, ['begin', 'end']);
  const padBegin = checkPerAxis({ op: OP, clause: 'padding.explicit' }, 'padding.begin', padding.begin, rank, 0);
  const padEnd = checkPerAxis({ op: OP, clause: 'padding.explicit' }, 'padding.end', padding.end, rank, 0);
  checkFillLimits(OP, fill, dims.spatial, padBegin, padEnd);
  const features: FeatureUse[] = [
    { feature: 'pad', parameter: 'op', value: OP },
    { feature: `layout.${layout}`, parameter: 'layout', value: layout },
  ];
  if (fill !== 'zeros') features.push({ feature: `padding.fill.${fill}`, parameter: 'fill', value: fill });
  checkFeatures(OP, convention, features);
  const outputSpatial = dims.spatial.map((n, a) => n + padBegin[a]! + padEnd[a]!);
  const outputShape = joinActivationShape({ ...dims, spatial: outputSpatial }, layout);
  checkLimit(OP, 'output', elementCount(outputShape), limits.maxElements, 'output elements');
  return { op: OP, convention, layout, fill, input: dims.spatial, padBegin, padEnd, inputShape: [...inputShape], outputShape, features };
}

export function pad(input: Tensor, params: PadParams, limits?: Limits): Tensor {
  checkTensor(OP, 'input', input);
  const plan = planPad(params, input.shape, limits);
  const rank = plan.input.length;
  const dims = splitActivationShape(plan.outputShape, plan.layout);
  const x = activationStrides(plan.inputShape, plan.layout);
  const y = activationStrides(plan.outputShape, plan.layout);
  const output = makeTensor(plan.outputShape, undefined, limits);
  const p = new Int32Array(rank); // position in the padded output
  for (let n = 0; n < dims.batch; n++) {
    for (let c = 0; c < dims.channels; c++) {
      do {
        let inputOffset = n * x.batch + c * x.channel;
        let outputOffset = n * y.batch + c * y.channel;
        let readsInput = true;
        for (let a = 0; a < rank; a++) {
          const source = fillCoordinate(p[a]! - plan.padBegin[a]!, plan.input[a]!, plan.padBegin[a]!, plan.padEnd[a]!, plan.fill);
          if (source === NO_SOURCE) readsInput = false;
          else inputOffset += source * x.spatial[a]!;
          outputOffset += p[a]! * y.spatial[a]!;
        }
        output.data[outputOffset] = readsInput ? input.data[inputOffset]! : 0; // spec: padding.fill.zeros
      } while (advanceIndex(p, dims.spatial));
    }
  }
  return output;
}
