/**
 * Reference transposed convolution over 1, 2 or 3 spatial axes, in gather form: each output
 * element collects the products of the input elements whose kernel copy reaches it.
 *
 *   y[n, co, o] = b[co] + sum over ci in the group of co, over taps t with
 *                 i = (o + pb - t * d) / s an integer in [0, n):
 *                 x[n, ci, i] * w[ci, co - g * Cout/groups, t]
 *
 * Accumulates in float64: input channels of the group in increasing order, and for each the
 * kernel taps in row-major order; then adds the bias; then rounds once to float32.
 *
 * @see spec:conv-transpose.definition
 * @see spec:conv-transpose.accumulation-order
 */
import type { Limits } from '../../spec/limits.js';
import { advanceIndex } from '../../tensor/advanceIndex.js';
import { activationStrides, kernelStrides } from '../../tensor/layout.js';
import { checkTensor, elementCount, makeTensor, type Tensor } from '../../tensor/tensor.js';
import { ADJOINT_CONV_KERNEL_LAYOUT, planConvTranspose, type ConvTransposeParams } from './planConvTranspose.js';

export function convTranspose(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | undefined,
  params: ConvTransposeParams = {},
  limits?: Limits,
): Tensor {
  checkTensor('conv-transpose', 'input', input);
  checkTensor('conv-transpose', 'weight', weight);
  if (bias !== undefined) checkTensor('conv-transpose', 'bias', bias);
  const plan = planConvTranspose(params, input.shape, weight.shape, bias?.shape, limits);
  const { rank, kernel, strides, dilations, cropBegin } = plan;

  const x = activationStrides(plan.inputShape, plan.layout);
  // The adjoint convolution's `out` axis is this op's input channel, its `in` axis the output channel in the group.
  const w = kernelStrides(plan.weightShape, ADJOINT_CONV_KERNEL_LAYOUT[plan.kernelLayout]);
  const y = activationStrides(plan.outputShape, plan.layout);
  const output = makeTensor(plan.outputShape, undefined, limits);

  const { batch, outChannels, inChannelsPerGroup, outChannelsPerGroup } = plan;
  const tapCount = elementCount(kernel);
  const tapInputOffsets = new Int32Array(tapCount);
  const tapWeightOffsets = new Int32Array(tapCount);
  const o = new Int32Array(rank); // output position
  const t = new Int32Array(rank); // kernel tap
  do {
    // spec: conv-transpose.definition — the taps whose input coordinate is a whole input element
    let reading = 0;
    do {
      let inputOffset = 0;
      let weightOffset = 0;
      let readsInput = true;
      for (let a = 0; a < rank; a++) {
        const reach = o[a]! + cropBegin[a]! - t[a]! * dilations[a]!;
        const i = reach / strides[a]!;
        if (reach < 0 || !Number.isInteger(i) || i >= plan.input[a]!) {
          readsInput = false;
          break;
        }
        inputOffset += i * x.spatial[a]!;
        weightOffset += t[a]! * w.spatial[a]!;
      }
      if (readsInput) {
        tapInputOffsets[reading] = inputOffset;
        tapWeightOffsets[reading] = weightOffset;
        reading += 1;
      }
    } while (advanceIndex(t, kernel));

    let outputSpatialOffset = 0;
    for (let a = 0; a < rank; a++) outputSpatialOffset += o[a]! * y.spatial[a]!;
    for (let n = 0; n < batch; n++) {
      for (let co = 0; co < outChannels; co++) {
        const group = Math.floor(co / outChannelsPerGroup); // spec: conv-transpose.groups
        const coInGroup = co - group * outChannelsPerGroup;
        let acc = 0;
        for (let ciInGroup = 0; ciInGroup < inChannelsPerGroup; ciInGroup++) {
          const ci = group * inChannelsPerGroup + ciInGroup;
          const inputBase = n * x.batch + ci * x.channel;
          const weightBase = ci * w.out + coInGroup * w.in;
          for (let tap = 0; tap < reading; tap++) {
            acc += input.data[inputBase + tapInputOffsets[tap]!]! * weight.data[weightBase + tapWeightOffsets[tap]!]!;
          }
        }
        if (bias !== undefined) acc += bias.data[co]!; // spec: conv-transpose.bias
        output.data[n * y.batch + co * y.channel + outputSpatialOffset] = acc; // spec: numerics.rounding — the one rounding to float32
      }
    }
  } while (advanceIndex(o, plan.output));
  return output;
}
