#!/usr/bin/env node
// defect.onnxruntime-same-conv-transpose (spec/conventions.md#defect.onnxruntime-same-conv-transpose)
//
// ONNX Runtime's ConvTranspose works out the total padding of SAME_UPPER and SAME_LOWER against
// n * s but clamps it at 0 (ComputeTotalPad, onnxruntime/core/providers/cpu/nn/conv_transpose_attributes.h),
// so where the full output, output padding included, is shorter than n * s it answers the full
// output: ConvTranspose(x = [1, 2, 3] as [1, 1, 3], w = [1] as [1, 1, 1], auto_pad = SAME_UPPER,
// strides = [2]) gives 5 elements [1, 0, 2, 0, 3] instead of 6. The same node with
// output_shape = [6] gives 6. The script also checks, over inputs 1-3, kernels 1-3, strides 1-4,
// dilations 1-2 and output paddings below the stride, that SAME_UPPER and SAME_LOWER answer
// min(n * s, full) elements, as the clause says.
//
// ONNX's own rule (onnx/onnx onnx/defs/nn/defs.cc at f7546912001bc31e92a238b17068a21b373d882e):
//   ConvTranspose, auto_pad: "SAME_UPPER or SAME_LOWER mean pad the input so that
//     `output_shape[i] = input_shape[i] * strides[i]` for each axis `i`."
//   ConvTranspose doc: "total_padding[i] = stride[i] * (input_size[i] - 1) + output_padding[i] +
//     ((kernel_shape[i] - 1) * dilations[i] + 1) - output_shape[i]" (here 2 * 2 + 0 + 1 - 6 = -1).
// (ONNX's shape inference, convTransposeShapeInference, clamps its total_pad at 0 as well and so
// infers 5 for this node: it contradicts the operator text, which cnnspec follows.)
//
// Run: node examples/reproductions/defect.onnxruntime-same-conv-transpose.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 onnxruntime-node or onnx-proto is not installed.

import { fmt, runNode, show } from './onnxNode.mjs';

const x = [
  [1, 2, 3],
  [1, 1, 3],
];
const w = [[1], [1, 1, 1]];
const upper = await runNode('ConvTranspose', { auto_pad: 'SAME_UPPER', strides: [2] }, [x, w]);
const lower = await runNode('ConvTranspose', { auto_pad: 'SAME_LOWER', strides: [2] }, [x, w]);
const shaped = await runNode('ConvTranspose', { auto_pad: 'SAME_UPPER', strides: [2], output_shape: [6] }, [x, w]);

console.log('\ncall: ConvTranspose(x = [1, 2, 3] as [1, 1, 3], w = [1] as [1, 1, 1], auto_pad = SAME_UPPER, strides = [2])');
console.log(`  gives:    ${show(upper)}`);
console.log('  expected: shape [1, 1, 6] [1, 0, 2, 0, 3, 0] (output_shape = input_shape * strides = 6)');
console.log(`  also: SAME_LOWER gives ${show(lower)}; SAME_UPPER with output_shape = [6] gives ${show(shaped)}`);
const example = upper.shape?.[2] === 5 && lower.shape?.[2] === 5 && shaped.shape?.[2] === 6;
console.log(`  => ${example ? 'reproduced' : 'not reproduced'}`);

// The clause's rule over a grid (1-D, x[i] = 2^i, w[t] = 2^(4 (t + 1))): SAME_* answers
// min(n * s, full) elements, the first of the full output's, where full = (n - 1) * s + d * (k - 1) + 1 + opad.
console.log('\nsweep: ConvTranspose SAME_UPPER and SAME_LOWER, n 1-3, k 1-3, s 1-4, d 1-2, output_padding < s');
let cases = 0;
let agree = 0;
let short = 0;
const disagreements = [];
for (const autoPad of ['SAME_UPPER', 'SAME_LOWER'])
  for (let n = 1; n <= 3; n++)
    for (let k = 1; k <= 3; k++)
      for (let s = 1; s <= 4; s++)
        for (let d = 1; d <= 2; d++)
          for (let op = 0; op < s; op++) {
            const xs = Array.from({ length: n }, (_, i) => 2 ** i);
            const ws = Array.from({ length: k }, (_, t) => 2 ** (4 * (t + 1)));
            const fullSize = (n - 1) * s + d * (k - 1) + 1 + op;
            const full = new Array(fullSize).fill(0);
            for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) full[i * s + t * d] += xs[i] * ws[t];
            const r = await runNode('ConvTranspose', { auto_pad: autoPad, strides: [s], dilations: [d], output_padding: [op] }, [
              [xs, [1, 1, n]],
              [ws, [1, 1, k]],
            ]);
            cases++;
            if (fullSize >= n * s) {
              // not the clamped region: ONNX's n * s, the odd element cropped as ONNX's text splits it
              const total = fullSize - n * s;
              const begin = autoPad === 'SAME_UPPER' ? Math.floor(total / 2) : total - Math.floor(total / 2);
              const expected = full.slice(begin, begin + n * s);
              if (r.data !== undefined && r.data.length === n * s && r.data.every((v, i) => v === expected[i])) agree++;
              else disagreements.push(`${autoPad} n=${n} k=${k} s=${s} d=${d} op=${op}: ${show(r)}, expected ${fmt(expected)}`);
            } else {
              short++;
              if (r.data !== undefined && r.data.length === fullSize && r.data.every((v, i) => v === full[i])) agree++;
              else disagreements.push(`${autoPad} n=${n} k=${k} s=${s} d=${d} op=${op}: ${show(r)}, clause says the full ${fmt(full)}`);
            }
          }
console.log(`  answered min(n * s, full) elements, the full output's own, in ${agree} of ${cases} nodes (${short} with full < n * s)`);
for (const line of disagreements.slice(0, 10)) console.log(`  differs: ${line}`);
const sweep = agree === cases && short > 0;
console.log(`  => ${sweep ? 'reproduced' : 'not reproduced'}`);

const ok = example && sweep;
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ConvTranspose SAME_UPPER, stride 2, kernel 1 on [1, 2, 3]: ${show(upper)} instead of 6 elements; min(n * s, full) in ${agree} of ${cases} nodes`,
);
process.exit(ok ? 0 : 1);
