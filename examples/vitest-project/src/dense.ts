/**
 * A dense (fully connected) layer on the last axis of an input of any rank: every other axis is
 * a row. The weight is [in, out], or [out, in] with `weightLayout: 'out-in'`.
 */
import { LayerConfigError } from './LayerConfigError.js';
import type { Tensor } from './Tensor.js';

export interface DenseOptions {
  /** @defaultValue 'in-out' */
  weightLayout?: 'in-out' | 'out-in';
}

export function dense(input: Tensor, weight: Tensor, bias: Tensor | undefined, options: DenseOptions = {}): Tensor {
  const weightLayout = options.weightLayout ?? 'in-out';
  if (weightLayout !== 'in-out' && weightLayout !== 'out-in')
    throw new LayerConfigError('dense', 'weightLayout', weightLayout, 'be "in-out" or "out-in"');
  if (input.shape.length < 1) throw new LayerConfigError('dense', 'input.shape', input.shape, 'have rank 1 or more');
  if (weight.shape.length !== 2) throw new LayerConfigError('dense', 'weight.shape', weight.shape, 'have rank 2');
  const inFeatures = input.shape[input.shape.length - 1]!;
  const [weightIn, outFeatures] = (weightLayout === 'in-out' ? weight.shape : [weight.shape[1], weight.shape[0]]) as [number, number];
  if (weightIn !== inFeatures)
    throw new LayerConfigError('dense', 'weight.shape', weight.shape, `hold ${inFeatures} inputs, the size of the input's last axis`);
  if (bias !== undefined && (bias.shape.length !== 1 || bias.shape[0] !== outFeatures))
    throw new LayerConfigError('dense', 'bias.shape', bias.shape, `be [${outFeatures}]`);
  const rows = input.data.length / inFeatures;
  const output = new Float32Array(rows * outFeatures);
  for (let row = 0; row < rows; row++) {
    for (let o = 0; o < outFeatures; o++) {
      let sum = 0;
      for (let i = 0; i < inFeatures; i++) {
        const w = weightLayout === 'in-out' ? weight.data[i * outFeatures + o]! : weight.data[o * inFeatures + i]!;
        sum += input.data[row * inFeatures + i]! * w;
      }
      output[row * outFeatures + o] = bias === undefined ? sum : sum + bias.data[o]!;
    }
  }
  return { shape: [...input.shape.slice(0, -1), outFeatures], data: output };
}
