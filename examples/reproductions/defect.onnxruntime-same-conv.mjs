#!/usr/bin/env node
// defect.onnxruntime-same-conv (spec/conventions.md#defect.onnxruntime-same-conv)
//
// ONNX Runtime's ComputePad (onnxruntime/core/providers/common.h) works out SAME_UPPER and
// SAME_LOWER pads as (ceil(n / s) - 1) * s + k - n without clamping at 0, and halves a negative
// total with C++ integer division. Where the total is negative enough, every window starts past
// where it should: Conv(x = [10, 11, 12, 13] as [1, 1, 4], w = [1], auto_pad = SAME_UPPER,
// strides = [4]) gives [11] instead of [10]. The script also checks the clause's measured shift
// over kernels 1 to 3, strides 3 to 7 and inputs 1 to 9.
//
// ONNX's own rule (onnx/onnx onnx/defs/nn/defs.cc):
//   Conv, auto_pad: "SAME_UPPER or SAME_LOWER mean pad the input so that
//     `output_shape[i] = ceil(input_shape[i] / strides[i])` for each axis `i`."
//   Conv, pads: "it can take any value greater than or equal to 0."
//   convPoolShapeInference (the shape inference of Conv and the pooling operators):
//     int64_t total_pad = residual == 0 ? effective_kernel_shape[i] - stride
//                                       : effective_kernel_shape[i] - residual;
//     if (total_pad < 0) total_pad = 0;
// For n = 4, k = 1, s = 4: one output, total pad max(0, 1 - 4) = 0, so the only window is x[0] = 10.
//
// Run: node examples/reproductions/defect.onnxruntime-same-conv.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 onnxruntime-node or onnx-proto is not installed.

import { runNode, show } from './onnxNode.mjs';

const x = [
  [10, 11, 12, 13],
  [1, 1, 4],
];
const w = [[1], [1, 1, 1]];
const upper = await runNode('Conv', { auto_pad: 'SAME_UPPER', kernel_shape: [1], strides: [4] }, [x, w]);
const explicit = await runNode('Conv', { pads: [0, 0], kernel_shape: [1], strides: [4] }, [x, w]);
const lower = await runNode('Conv', { auto_pad: 'SAME_LOWER', kernel_shape: [1], strides: [4] }, [x, w]);

console.log(
  '\ncall: Conv(x = [10, 11, 12, 13] as [1, 1, 4], w = [1] as [1, 1, 1], auto_pad = SAME_UPPER, kernel_shape = [1], strides = [4])',
);
console.log(`  gives:    ${show(upper)}`);
console.log('  expected: shape [1, 1, 1] [10] (ceil(4 / 4) = 1 output; total pad max(0, (1 - 1) * 4 + 1 - 4) = 0)');
console.log(`            (the same Conv with explicit pads [0, 0] gives ${show(explicit)})`);
console.log(`  also: SAME_LOWER gives ${show(lower)} (unclamped total -3: no shift yet for SAME_LOWER, as the clause says)`);
const example = upper.data !== undefined && upper.data[0] === 11 && explicit.data?.[0] === 10;
console.log(`  => ${example ? 'reproduced' : 'not reproduced'}`);

// The clause's measurement: over kernels 1 to 3, strides 3 to 7 and inputs 1 to 9 (1-D, every
// case) the windows are shifted by max(0, floor((-t - 1) / 2)) positions for SAME_UPPER and
// max(0, floor((-t - 2) / 2)) for SAME_LOWER, t being the unclamped total pad. The input is
// x[i] = 2^i and the weights are ones, so each window sum names the taps it read.
console.log('\nsweep: Conv, auto_pad SAME_UPPER and SAME_LOWER, kernels 1-3, strides 3-7, inputs 1-9, x[i] = 2^i, w = ones');
let cases = 0;
let agree = 0;
const disagreements = [];
for (const autoPad of ['SAME_UPPER', 'SAME_LOWER']) {
  for (let k = 1; k <= 3; k++) {
    for (let s = 3; s <= 7; s++) {
      for (let n = 1; n <= 9; n++) {
        const data = Array.from({ length: n }, (_, i) => 2 ** i);
        const out = Math.ceil(n / s);
        const t = (out - 1) * s + k - n;
        const total = Math.max(0, t);
        const begin = autoPad === 'SAME_UPPER' ? Math.floor(total / 2) : total - Math.floor(total / 2);
        const windows = (shift) =>
          Array.from({ length: out }, (_, o) => {
            let sum = 0;
            for (let j = 0; j < k; j++) {
              const i = o * s - begin + shift + j;
              if (i >= 0 && i < n) sum += data[i];
            }
            return sum;
          });
        const r = await runNode('Conv', { auto_pad: autoPad, kernel_shape: [k], strides: [s] }, [
          [data, [1, 1, n]],
          [new Array(k).fill(1), [1, 1, k]],
        ]);
        let shift = null;
        if (r.data !== undefined && r.data.length === out) {
          for (let d = 0; d <= n + k && shift === null; d++) if (windows(d).every((v, o) => v === r.data[o])) shift = d;
        }
        const predicted = Math.max(0, Math.floor((-t - (autoPad === 'SAME_UPPER' ? 1 : 2)) / 2));
        cases++;
        if (shift === predicted) agree++;
        else
          disagreements.push(`${autoPad} k=${k} s=${s} n=${n} t=${t}: shift ${shift ?? `unexplained (${show(r)})`}, formula ${predicted}`);
      }
    }
  }
}
console.log(`  measured shift = the clause's formula in ${agree} of ${cases} cases`);
for (const line of disagreements.slice(0, 10)) console.log(`  differs: ${line}`);
const sweep = agree === cases;
console.log(`  => ${sweep ? 'reproduced' : 'not reproduced'}`);

const ok = example && sweep;
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — Conv SAME_UPPER, stride 4, kernel 1 on [10, 11, 12, 13]: ${show(upper)} instead of [10]; shift formula holds in ${agree} of ${cases} cases`,
);
process.exit(ok ? 0 : 1);
