/**
 * Reference convolution over 1, 2 or 3 spatial axes: cross-correlation (the kernel is not
 * flipped) with stride, dilation, padding with a fill mode, groups and bias.
 *
 *   y[n, co, o] = b[co] + sum over ci in the group of co, over taps t:
 *                 x[n, ci, o * s - pb + t * d] * w[co, ci - g * C/groups, t]
 *
 * Accumulates in float64: input channels of the group in increasing order, and for each the
 * kernel taps in row-major order; then adds the bias; then rounds once to float32.
 *
 * @see spec:conv.definition
 * @see spec:conv.accumulation-order
 */
import { advanceIndex } from '../../tensor/advanceIndex.js';
import { fillCoordinate, NO_SOURCE } from '../window/fillCoordinate.js';
import { windowTapTable } from '../window/windowTaps.js';
import { activationStrides, kernelStrides } from '../../tensor/layout.js';
import type { Limits } from '../../spec/limits.js';
import { planConv, type ConvParams } from './planConv.js';
import { checkTensor, elementCount, makeTensor, type Tensor } from '../../tensor/tensor.js';

export function conv(input: Tensor, weight: Tensor, bias: Tensor | undefined, params: ConvParams = {}, limits?: Limits): Tensor {
  checkTensor('conv', 'input', input);
  checkTensor('conv', 'weight', weight);
  if (bias !== undefined) checkTensor('conv', 'bias', bias);
  const plan = planConv(params, input.shape, weight.shape, bias?.shape, limits);
  const { window, fill } = plan;
  const rank = window.rank;

  const x = activationStrides(plan.inputShape, plan.layout);
  const w = kernelStrides(plan.weightShape, plan.kernelLayout);
  const y = activationStrides(plan.outputShape, plan.layout);
  const output = makeTensor(plan.outputShape, undefined, limits);
  if (output.data.length === 0) return output; // spec: divergence.zero-sized-output

  const { batch, outChannels, inChannelsPerGroup, outChannelsPerGroup } = plan;
  // The taps of one output position that read the input, in row-major order (spec:
  // conv.accumulation-order): their spatial offsets into the input and the weight. They depend on
  // the output position only, so they are found once per position, not once per batch, output
  // and input channel.
  const tapCount = elementCount(window.kernel);
  const tapInputOffsets = new Int32Array(tapCount);
  const tapWeightOffsets = new Int32Array(tapCount);
  const taps = windowTapTable(window, window.output);
  const o = new Int32Array(rank); // output position
  const t = new Int32Array(rank); // kernel tap
  do {
    let reading = 0;
    do {
      // spec: shape.window — the tap's coordinate, read through the fill
      let inputOffset = 0;
      let weightOffset = 0;
      let readsInput = true;
      for (let a = 0; a < rank; a++) {
        const i = taps[a]![o[a]! * window.kernel[a]! + t[a]!]!;
        const source = fillCoordinate(i, window.input[a]!, window.padBegin[a]!, window.padEnd[a]!, fill);
        if (source === NO_SOURCE) {
          readsInput = false; // spec: numerics.padding-taps — a zero tap adds nothing
          break;
        }
        inputOffset += source * x.spatial[a]!;
        weightOffset += t[a]! * w.spatial[a]!;
      }
      if (readsInput) {
        tapInputOffsets[reading] = inputOffset;
        tapWeightOffsets[reading] = weightOffset;
        reading += 1;
      }
    } while (advanceIndex(t, window.kernel));

    let outputSpatialOffset = 0;
    for (let a = 0; a < rank; a++) outputSpatialOffset += o[a]! * y.spatial[a]!;
    for (let n = 0; n < batch; n++) {
      for (let co = 0; co < outChannels; co++) {
        const group = Math.floor(co / outChannelsPerGroup); // spec: conv.groups
        let acc = 0;
        for (let ciInGroup = 0; ciInGroup < inChannelsPerGroup; ciInGroup++) {
          const ci = group * inChannelsPerGroup + ciInGroup;
          const inputBase = n * x.batch + ci * x.channel;
          const weightBase = co * w.out + ciInGroup * w.in;
          for (let tap = 0; tap < reading; tap++) {
            acc += input.data[inputBase + tapInputOffsets[tap]!]! * weight.data[weightBase + tapWeightOffsets[tap]!]!;
          }
        }
        if (bias !== undefined) acc += bias.data[co]!; // spec: conv.bias
        output.data[n * y.batch + co * y.channel + outputSpatialOffset] = acc; // spec: numerics.rounding — the one rounding to float32
      }
    }
  } while (advanceIndex(o, window.output));
  return output;
}
