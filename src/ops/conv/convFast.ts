/**
 * The convolution of conv.ts, computed faster for the kit's oracle: bitwise the same output and
 * the same typed errors, checked against conv.ts by test/reference/fastPaths.test.ts. conv.ts
 * stays the reading of the spec; this file only moves work out of the loops. The plan and the
 * reading taps of every output position come from convFastPlan (kept per parameters and shapes),
 * and the taps of a position are expanded once for all batches and output channels. Where every
 * tap of a position reads the input, the inputs of a group are gathered once and each output
 * channel's sum runs over two contiguous rows, its weights and those inputs, in the same order.
 *
 * Every output accumulates as in conv.ts (spec: conv.accumulation-order): in float64, input
 * channels of the group in increasing order, for each the reading taps in row-major order, then
 * the bias, then one rounding to float32 (spec: numerics.rounding).
 *
 * @see spec:conv.definition
 */
import { advanceIndex } from '../../tensor/advanceIndex.js';
import type { Limits } from '../../spec/limits.js';
import type { KernelStrides } from '../../tensor/layout.js';
import { checkTensor, makeTensor, type Tensor } from '../../tensor/tensor.js';
import { convFastPlan } from './convFastPlan.js';
import type { ConvParams } from './planConv.js';

export function convFast(input: Tensor, weight: Tensor, bias: Tensor | undefined, params: ConvParams = {}, limits?: Limits): Tensor {
  checkTensor('conv', 'input', input);
  checkTensor('conv', 'weight', weight);
  if (bias !== undefined) checkTensor('conv', 'bias', bias);
  const { plan, x, w, y, axes, tapCapacity } = convFastPlan(params, input.shape, weight.shape, bias?.shape, limits);
  const output = makeTensor(plan.outputShape, undefined, limits);
  if (output.data.length === 0) return output; // spec: divergence.zero-sized-output

  const X = input.data;
  const W = weight.data;
  const Y = output.data;
  const B = bias?.data;
  const { batch, groups, outChannels, inChannelsPerGroup, outChannelsPerGroup } = plan;
  // Each output channel's weights in accumulation order (input channel of the group, then tap):
  // as out-in-spatial stores them, [Cout, C/groups, k1, ..., kr].
  const rows = plan.kernelLayout === 'out-in-spatial' ? W : weightRows(W, w, plan.outChannels, inChannelsPerGroup, plan.window.kernel);
  const rowLength = inChannelsPerGroup * tapCapacity;
  const rank = axes.length;
  const outputSizes = plan.window.output;
  const tapInputOffsets = new Int32Array(tapCapacity);
  const tapWeightOffsets = new Int32Array(tapCapacity);
  const termInputs = new Float64Array(inChannelsPerGroup * tapCapacity); // float32 values, held exactly
  const o = new Int32Array(rank); // output position
  do {
    // The reading taps of this position: the row-major product of each axis's list, expanded in place.
    let reading = 1;
    tapInputOffsets[0] = 0;
    tapWeightOffsets[0] = 0;
    let outputSpatialOffset = 0;
    for (let a = 0; a < rank && reading > 0; a++) {
      const { start, inputOffset, weightOffset } = axes[a]!;
      const first = start[o[a]!]!;
      const count = start[o[a]! + 1]! - first;
      for (let entry = reading - 1; entry >= 0; entry--) {
        const baseInput = tapInputOffsets[entry]!;
        const baseWeight = tapWeightOffsets[entry]!;
        for (let j = count - 1; j >= 0; j--) {
          tapInputOffsets[entry * count + j] = baseInput + inputOffset[first + j]!;
          tapWeightOffsets[entry * count + j] = baseWeight + weightOffset[first + j]!;
        }
      }
      reading *= count;
    }
    for (let a = 0; a < rank; a++) outputSpatialOffset += o[a]! * y.spatial[a]!;

    if (reading === tapCapacity) {
      // Every tap reads: a sum's terms are the output channel's row of weights and the inputs,
      // gathered in the same order once per batch and group for every output channel of the group.
      for (let n = 0; n < batch; n++) {
        for (let group = 0; group < groups; group++) {
          for (let ciInGroup = 0; ciInGroup < inChannelsPerGroup; ciInGroup++) {
            const inputBase = n * x.batch + (group * inChannelsPerGroup + ciInGroup) * x.channel;
            for (let tap = 0; tap < reading; tap++) termInputs[ciInGroup * reading + tap] = X[inputBase + tapInputOffsets[tap]!]!;
          }
          for (let co = group * outChannelsPerGroup; co < (group + 1) * outChannelsPerGroup; co++) {
            const rowBase = co * rowLength;
            let acc = 0;
            for (let term = 0; term < rowLength; term++) acc += termInputs[term]! * rows[rowBase + term]!;
            if (B !== undefined) acc += B[co]!; // spec: conv.bias
            Y[n * y.batch + co * y.channel + outputSpatialOffset] = acc; // spec: numerics.rounding
          }
        }
      }
      continue;
    }
    for (let n = 0; n < batch; n++) {
      for (let co = 0; co < outChannels; co++) {
        const group = Math.floor(co / outChannelsPerGroup); // spec: conv.groups
        let acc = 0;
        for (let ciInGroup = 0; ciInGroup < inChannelsPerGroup; ciInGroup++) {
          const inputBase = n * x.batch + (group * inChannelsPerGroup + ciInGroup) * x.channel;
          const weightBase = co * w.out + ciInGroup * w.in;
          for (let tap = 0; tap < reading; tap++) {
            acc += X[inputBase + tapInputOffsets[tap]!]! * W[weightBase + tapWeightOffsets[tap]!]!;
          }
        }
        if (B !== undefined) acc += B[co]!; // spec: conv.bias
        Y[n * y.batch + co * y.channel + outputSpatialOffset] = acc; // spec: numerics.rounding
      }
    }
  } while (advanceIndex(o, outputSizes));
  return output;
}

/** The weights rearranged as [Cout, C/groups, k1, ..., kr], whatever their layout. */
function weightRows(
  W: Float32Array,
  w: KernelStrides,
  outChannels: number,
  inChannelsPerGroup: number,
  kernel: readonly number[],
): Float32Array {
  const taps = kernel.reduce((product, k) => product * k, 1);
  const rows = new Float32Array(outChannels * inChannelsPerGroup * taps);
  const t = new Int32Array(kernel.length);
  let tap = 0;
  do {
    let spatialOffset = 0;
    for (let a = 0; a < kernel.length; a++) spatialOffset += t[a]! * w.spatial[a]!;
    for (let co = 0; co < outChannels; co++) {
      for (let ciInGroup = 0; ciInGroup < inChannelsPerGroup; ciInGroup++) {
        rows[(co * inChannelsPerGroup + ciInGroup) * taps + tap] = W[co * w.out + ciInGroup * w.in + spatialOffset]!;
      }
    }
    tap += 1;
  } while (advanceIndex(t, kernel));
  return rows;
}
