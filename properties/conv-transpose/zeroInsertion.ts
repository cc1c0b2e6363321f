/**
 * A transposed convolution equals a stride-1 convolution of its input with s - 1 zeros inserted
 * between neighbouring elements, padded by d·(k - 1) - pb at the beginning and
 * d·(k - 1) - pe + op at the end (a negative pad crops), with the kernel flipped along every
 * spatial axis and its two channel axes swapped within each group (spec:
 * conv-transpose.definition). The convolution is the kit's reference, in channels-first layout.
 */
import { convFast } from '../../src/ops/conv/convFast.js';
import { planConvTranspose } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { advanceIndex } from '../../src/tensor/advanceIndex.js';
import { convertKernelLayout, convertLayout } from '../../src/tensor/layout.js';
import { makeTensor, rowMajorStrides, type Tensor } from '../../src/tensor/tensor.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callOp } from '../support/callAdapter.js';
import { expectTensor } from '../support/expectTensor.js';
import { convTransposeCase } from './convTransposeCase.js';

/** A channels-first input with s - 1 zeros between elements and the given pads per axis (negative: cropped). */
function upsampleAndPad(x: Tensor, strides: readonly number[], padBegin: readonly number[], padEnd: readonly number[]): Tensor {
  const [batch, channels, ...spatial] = x.shape as number[];
  const sizes = spatial.map((n, a) => (n - 1) * strides[a]! + 1 + padBegin[a]! + padEnd[a]!);
  const shape = [batch!, channels!, ...sizes];
  const y = makeTensor(shape);
  const from = rowMajorStrides(x.shape);
  const index = new Array<number>(shape.length).fill(0);
  let flat = 0;
  do {
    let source = index[0]! * from[0]! + index[1]! * from[1]!;
    let inside = true;
    for (let a = 0; a < spatial.length && inside; a++) {
      const m = index[a + 2]! - padBegin[a]!; // the coordinate in the upsampled input
      const i = m / strides[a]!;
      inside = m >= 0 && Number.isInteger(i) && i < spatial[a]!;
      source += i * from[a + 2]!;
    }
    if (inside) y.data[flat] = x.data[source]!;
    flat += 1;
  } while (advanceIndex(index, shape));
  return y;
}

/** The convolution kernel [Cout, C/g, k...]: the transposed weight [C, Cout/g, k...] flipped, channels swapped per group. */
function flippedSwapped(w: Tensor, groups: number): Tensor {
  const [inChannels, outPerGroup, ...kernel] = w.shape as number[];
  const inPerGroup = inChannels! / groups;
  const shape = [outPerGroup! * groups, inPerGroup, ...kernel];
  const y = makeTensor(shape);
  const from = rowMajorStrides(w.shape);
  const index = new Array<number>(shape.length).fill(0);
  let flat = 0;
  do {
    const co = index[0]!;
    const q = Math.floor(co / outPerGroup!);
    let source = (q * inPerGroup + index[1]!) * from[0]! + (co - q * outPerGroup!) * from[1]!;
    kernel.forEach((k, a) => {
      source += (k - 1 - index[a + 2]!) * from[a + 2]!;
    });
    y.data[flat++] = w.data[source]!;
  } while (advanceIndex(index, shape));
  return y;
}

export const zeroInsertionEquivalence = defineProperty({
  id: 'conv-transpose/equivalence/zero-insertion',
  spec: ['conv-transpose.definition', 'conv-transpose.output-size', 'conv-transpose.output-padding'],
  features: ['conv-transpose'],
  ops: ['convTranspose'],
  description:
    'A transposed convolution equals a stride-1 convolution of the zero-inserted, padded input with the flipped, channel-swapped kernel.',
  arbitrary: (ctx) => convTransposeCase(ctx, { bias: 'without' }),
  check: async (ctx, c) => {
    const plan = planConvTranspose({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape);
    const actual = await callOp(ctx.adapter, 'conv-transpose', { input: c.input, weight: c.weight, params: c.params });
    const reach = plan.kernel.map((k, a) => plan.dilations[a]! * (k - 1));
    const upsampled = upsampleAndPad(
      convertLayout(c.input, plan.layout, 'channels-first'),
      plan.strides,
      reach.map((r, a) => r - plan.cropBegin[a]!),
      reach.map((r, a) => r - plan.cropEnd[a]! + plan.outputPadding[a]!),
    );
    // The transposed weight read as [C, Cout/g, k...] whatever its layout (spec: conv-transpose.weight-layout).
    const weight = plan.kernelLayout === 'in-out-spatial' ? c.weight : convertKernelLayout(c.weight, 'spatial-in-out', 'out-in-spatial');
    const expected = convFast(upsampled, flippedSwapped(weight, plan.groups), undefined, {
      dilations: plan.dilations,
      groups: plan.groups,
      layout: 'channels-first',
      kernelLayout: 'out-in-spatial',
      convention: 'cnnspec',
    });
    expectTensor(
      actual,
      convertLayout(expected, 'channels-first', plan.layout),
      'transposed convolution against zero insertion and a stride-1 convolution',
    );
  },
});

export const CONV_TRANSPOSE_EQUIVALENCE_PROPERTIES = [zeroInsertionEquivalence];
