#!/usr/bin/env node
// defect.onnxruntime-same-pool (spec/conventions.md#defect.onnxruntime-same-pool)
//
// With auto_pad SAME_UPPER or SAME_LOWER, ONNX Runtime's pooling computes the total pad from the
// undilated window and does not clamp it at 0 (microsoft/onnxruntime#10086): a dilated window gives
// an output smaller than ceil(n / s), and a stride larger than the window gives a negative pad,
// rejected as "padding values must be non-negative".
//
// ONNX's own rule (onnx/onnx onnx/defs/nn/defs.cc):
//   MaxPool, auto_pad: "SAME_UPPER or SAME_LOWER mean pad the input so that
//     `output_shape[i] = ceil(input_shape[i] / strides[i])` for each axis `i`."
//   MaxPool, pads: "it can take any value greater than or equal to 0."
//   MaxPool doc: "pad_shape[i] = (output_spatial_shape[i] - 1) * strides_spatial_shape[i] +
//     ((kernel_spatial_shape[i] - 1) * dilations[i] + 1) - input_spatial_shape[i]" (the dilated window)
//   convPoolShapeInference: total_pad from effective_kernel_shape (the dilated window), then
//     "if (total_pad < 0) total_pad = 0;"
// ONNX Runtime runs that shape inference itself: with its default log level it warns, for the
// dilated call below, "Expected shape from model of {1,1,4} does not match actual shape of {1,1,3}".
//
// Run: node examples/reproductions/defect.onnxruntime-same-pool.mjs
// Exit: 0 both parts reproduce, 1 one does not, 2 onnxruntime-node or onnx-proto is not installed.

import { runNode, show } from './onnxNode.mjs';

let reproduced = 0;
const observed = [];

{
  const x = [
    [1, 2, 3, 4],
    [1, 1, 4],
  ];
  const got = await runNode('MaxPool', { auto_pad: 'SAME_UPPER', kernel_shape: [2], dilations: [2], strides: [1] }, [x]);
  const explicit = await runNode('MaxPool', { pads: [1, 1], kernel_shape: [2], dilations: [2], strides: [1] }, [x]);
  console.log(
    '\npart dilated: MaxPool(x = [1, 2, 3, 4] as [1, 1, 4], auto_pad = SAME_UPPER, kernel_shape = [2], dilations = [2], strides = [1])',
  );
  console.log(`  gives:    ${show(got)}`);
  console.log(
    '  expected: shape [1, 1, 4] [2, 3, 4, 3] (ceil(4 / 1) = 4 outputs; pad (4 - 1) * 1 + ((2 - 1) * 2 + 1) - 4 = 2, split 1 + 1)',
  );
  console.log(`            (the same MaxPool with explicit pads [1, 1] gives ${show(explicit)})`);
  const ok = got.shape !== undefined && got.shape[2] < 4;
  console.log(`  => ${ok ? 'reproduced' : 'not reproduced'}`);
  if (ok) reproduced++;
  observed.push(`dilated: ${show(got)} instead of 4 outputs`);
}

{
  const x = [
    [10, 11, 12, 13],
    [1, 1, 4],
  ];
  const got = await runNode('MaxPool', { auto_pad: 'SAME_UPPER', kernel_shape: [1], strides: [4] }, [x]);
  const explicit = await runNode('MaxPool', { pads: [0, 0], kernel_shape: [1], strides: [4] }, [x]);
  console.log('\npart stride: MaxPool(x = [10, 11, 12, 13] as [1, 1, 4], auto_pad = SAME_UPPER, kernel_shape = [1], strides = [4])');
  console.log(`  gives:    ${show(got)}`);
  console.log('  expected: shape [1, 1, 1] [10] (ceil(4 / 4) = 1 output; total pad max(0, (1 - 1) * 4 + 1 - 4) = 0)');
  console.log(`            (the same MaxPool with explicit pads [0, 0] gives ${show(explicit)})`);
  const ok = got.error !== undefined && /padding values must be non-negative/.test(got.error);
  console.log(`  => ${ok ? 'reproduced' : 'not reproduced'}`);
  if (ok) reproduced++;
  observed.push(
    `stride 4 > window 1: ${got.error !== undefined ? `fails, "${got.error.replace(/^.*Status Message: /, '')}"` : show(got)} instead of [10]`,
  );
}

const ok = reproduced === 2;
console.log(`\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ${reproduced} of 2 parts: ${observed.join('; ')}`);
process.exit(ok ? 0 : 1);
