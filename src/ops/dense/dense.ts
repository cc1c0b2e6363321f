/**
 * Reference dense layer: y[r, o] = b[o] + sum over i of x[r, i] * W[i, o], applied to the last
 * axis; every other axis is a row. Accumulates in float64 over i in increasing order, then adds
 * the bias, then rounds once to float32.
 *
 * @see spec:dense.definition
 * @see spec:dense.accumulation-order
 */
import type { Limits } from '../../spec/limits.js';
import { planDense, type DenseParams } from './planDense.js';
import { checkTensor, makeTensor, type Tensor } from '../../tensor/tensor.js';

export function dense(input: Tensor, weight: Tensor, bias: Tensor | undefined, params: DenseParams = {}, limits?: Limits): Tensor {
  checkTensor('dense', 'input', input);
  checkTensor('dense', 'weight', weight);
  if (bias !== undefined) checkTensor('dense', 'bias', bias);
  const plan = planDense(params, input.shape, weight.shape, bias?.shape, limits);
  const { rows, inFeatures, outFeatures } = plan;
  // spec: dense.weight-layout — W[i, o] is at i * out + o ([in, out]) or o * in + i ([out, in])
  const weightInStride = plan.weightLayout === 'in-out' ? outFeatures : 1;
  const weightOutStride = plan.weightLayout === 'in-out' ? 1 : inFeatures;
  const output = makeTensor(plan.outputShape, undefined, limits);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outFeatures; o++) {
      let acc = 0;
      for (let i = 0; i < inFeatures; i++) {
        acc += input.data[r * inFeatures + i]! * weight.data[i * weightInStride + o * weightOutStride]!;
      }
      if (bias !== undefined) acc += bias.data[o]!; // spec: dense.bias
      output.data[r * outFeatures + o] = acc; // spec: numerics.rounding
    }
  }
  return output;
}
