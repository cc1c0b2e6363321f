#!/usr/bin/env node
// defect.onnxruntime-conv-transpose-size-check (spec/conventions.md#defect.onnxruntime-conv-transpose-size-check)
//
// ONNX Runtime 1.30's ConvTranspose checks that a convolution of its output, with the same stride
// and the total pad clamped at 0, gives back the input size, and refuses the node otherwise. ONNX
// asks for no such check, so two kinds of nodes ONNX gives an output shape are refused:
//   - an output_padding at or above the stride, though below the dilation:
//     ConvTranspose(x = [1] as [1, 1, 1], w = [1] as [1, 1, 1], strides = [1], dilations = [2],
//     output_padding = [1]) fails "Computed output shape is inconsistent with input spatial
//     dimensions. output_padding (1) may be too large for stride (1)" instead of giving [1, 0];
//   - an output_shape s or more elements beyond the uncropped output:
//     ConvTranspose(x = [1, 2, 3], w = [1, 10, 100], strides = [2], output_shape = [9]) fails
//     "Explicit output_shape is inconsistent with input spatial dimensions and convolution
//     parameters. Expected input size 4 but got 3" instead of giving 9 elements, the last two
//     holding no product.
// The script also checks the clause's rule (refused exactly where floor((out + max(0, T) - effK) / s) + 1
// differs from the input size, T being the total padding of ONNX's formula and out the output size)
// over inputs 1-2, kernels 1-2, strides 1-3, dilations 1-3, every output padding below
// max(stride, dilation), with pads, auto_pad and output sizes around the uncropped one.
//
// ONNX's own rule (onnx/onnx onnx/defs/nn/defs.cc at f7546912001bc31e92a238b17068a21b373d882e):
//   ConvTranspose doc: "output_shape[i] = stride[i] * (input_size[i] - 1) + output_padding[i] +
//     ((kernel_shape[i] - 1) * dilations[i] + 1) - pads[start_i] - pads[end_i]"; "output_shape can
//     also be explicitly specified in which case pads values are auto generated using these
//     equations: total_padding[i] = stride[i] * (input_size[i] - 1) + output_padding[i] +
//     ((kernel_shape[i] - 1) * dilations[i] + 1) - output_shape[i]".
//   output_padding: "Each padding value in "output_padding" must be less than the corresponding
//     stride/dilation dimension." (1 is less than the dilation 2; PyTorch reads it as
//     output_padding < max(stride, dilation).)
//   convTransposeShapeInference: output_padding is only checked for "must not contain negative
//     values"; an output_shape is taken as the output's spatial shape whenever it is not smaller
//     than the input's ("final_output_shape->add_dim()->set_dim_value(output_shape[i])").
//   Node test test_convtranspose_output_shape (onnx/backend/test/case/node/convtranspose.py):
//     strides [3, 2], output_shape [10, 8] on a 3x3 input and 3x3 kernel, a total padding of -1 on
//     both axes, the extra elements appended.
//
// Run: node examples/reproductions/defect.onnxruntime-conv-transpose-size-check.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 onnxruntime-node or onnx-proto is not installed.

import { runNode, show } from './onnxNode.mjs';

const refused = (r) => r.error !== undefined && /inconsistent with input spatial dimensions/.test(r.error);

// Part 1: output padding 1 with stride 1 and dilation 2.
const opadAttrs = { strides: [1], dilations: [2], output_padding: [1] };
const opad = await runNode('ConvTranspose', opadAttrs, [
  [[1], [1, 1, 1]],
  [[1], [1, 1, 1]],
]);
console.log('\ncall: ConvTranspose(x = [1] as [1, 1, 1], w = [1] as [1, 1, 1], strides = [1], dilations = [2], output_padding = [1])');
console.log(`  gives:    ${show(opad)}`);
console.log('  expected: shape [1, 1, 2] [1, 0] (1 * (1 - 1) + 1 + ((1 - 1) * 2 + 1) - 0 - 0 = 2; the appended element holds no product)');
const part1 = refused(opad);

// Part 2: output_shape two elements beyond the uncropped 7, with stride 2.
const shapeAttrs = { strides: [2], output_shape: [9] };
const shape = await runNode('ConvTranspose', shapeAttrs, [
  [
    [1, 2, 3],
    [1, 1, 3],
  ],
  [
    [1, 10, 100],
    [1, 1, 3],
  ],
]);
const within = await runNode('ConvTranspose', { strides: [2], output_shape: [8] }, [
  [
    [1, 2, 3],
    [1, 1, 3],
  ],
  [
    [1, 10, 100],
    [1, 1, 3],
  ],
]);
console.log('\ncall: ConvTranspose(x = [1, 2, 3] as [1, 1, 3], w = [1, 10, 100] as [1, 1, 3], strides = [2], output_shape = [9])');
console.log(`  gives:    ${show(shape)}`);
console.log(
  '  expected: shape [1, 1, 9] [1, 10, 102, 20, 203, 30, 300, 0, 0] (total_padding 2 * 2 + 0 + 3 - 9 = -2: two elements beyond the full output)',
);
console.log(`            (output_shape = [8], one element beyond, gives ${show(within)})`);
const part2 = refused(shape) && within.shape?.[2] === 8;

// The rule over a grid: 1-D, x[i] = 1, w = ones; each node run with pads (0, 0), auto_pad SAME_UPPER
// and output_shape from 2 below the uncropped size (output padding included) to s + 1 beyond it.
console.log(
  '\nsweep: ConvTranspose, n 1-2, k 1-2, s 1-3, d 1-3, output_padding < max(s, d); pads 0, SAME_UPPER, output_shape full-2..full+s+1',
);
let cases = 0;
let agree = 0;
const disagreements = [];
const check = (n, k, s, d, op, attrs, out, total, r) => {
  const effK = d * (k - 1) + 1;
  const predicted = Math.floor((out + Math.max(0, total) - effK) / s) + 1 !== n;
  cases++;
  if (predicted === refused(r)) agree++;
  else
    disagreements.push(
      `n=${n} k=${k} s=${s} d=${d} op=${op} ${JSON.stringify(attrs)}: ${show(r)}, rule says ${predicted ? 'refused' : 'runs'}`,
    );
};
for (let n = 1; n <= 2; n++)
  for (let k = 1; k <= 2; k++)
    for (let s = 1; s <= 3; s++)
      for (let d = 1; d <= 3; d++)
        for (let op = 0; op < Math.max(s, d); op++) {
          const inputs = [
            [new Array(n).fill(1), [1, 1, n]],
            [new Array(k).fill(1), [1, 1, k]],
          ];
          const full = (n - 1) * s + d * (k - 1) + 1 + op;
          const base = { strides: [s], dilations: [d], output_padding: [op] };
          check(n, k, s, d, op, { pads: [0, 0] }, full, 0, await runNode('ConvTranspose', { ...base, pads: [0, 0] }, inputs));
          const same = Math.max(0, full - n * s);
          check(
            n,
            k,
            s,
            d,
            op,
            { auto_pad: 'SAME_UPPER' },
            full - same,
            same,
            await runNode('ConvTranspose', { ...base, auto_pad: 'SAME_UPPER' }, inputs),
          );
          for (let out = Math.max(1, full - 2); out <= full + s + 1; out++) {
            const attrs = { output_shape: [out] };
            check(n, k, s, d, op, attrs, out, full - out, await runNode('ConvTranspose', { ...base, ...attrs }, inputs));
          }
        }
console.log(`  refused exactly where the clause's rule says in ${agree} of ${cases} nodes`);
for (const line of disagreements.slice(0, 10)) console.log(`  differs: ${line}`);
const sweep = agree === cases;

const ok = part1 && part2 && sweep;
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — output_padding 1 below dilation 2, stride 1: ${part1 ? 'refused' : show(opad)}; output_shape [9], 2 beyond the full 7 with stride 2: ${part2 ? 'refused' : show(shape)}; rule holds in ${agree} of ${cases} nodes`,
);
process.exit(ok ? 0 : 1);
