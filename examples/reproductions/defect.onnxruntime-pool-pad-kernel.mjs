#!/usr/bin/env node
// defect.onnxruntime-pool-pad-kernel (spec/conventions.md#defect.onnxruntime-pool-pad-kernel)
//
// ONNX Runtime's PoolAttributes (onnxruntime/core/providers/cpu/nn/pool_attributes.h) rejects a
// pad that is not smaller than the window ("Pad should be smaller than kernel",
// microsoft/onnxruntime#23088), so windows wholly in the padding cannot be run.
//
// ONNX's own rule (onnx/onnx onnx/defs/nn/defs.cc, MaxPool and AveragePool):
//   pads: "Padding for the beginning and ending along each spatial axis, it can take any value
//     greater than or equal to 0."
//   "output_spatial_shape[i] = floor((input_spatial_shape[i] + pad_shape[i] -
//     ((kernel_spatial_shape[i] - 1) * dilations[i] + 1)) / strides_spatial_shape[i] + 1)"
//   "The output of each pooling window is maximum number of elements exclude pad."
// For x = [1, 2, 3], a window of 2 and pads [2, 0]: floor((3 + 2 - 2) / 1 + 1) = 4 outputs; the
// windows holding input give 1, 2, 3; the first window holds padding only, and its value is not
// fixed by ONNX (spec/conventions.md#divergence.empty-window), but the call is valid.
//
// Run: node examples/reproductions/defect.onnxruntime-pool-pad-kernel.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 onnxruntime-node or onnx-proto is not installed.

import { runNode, show } from './onnxNode.mjs';
const brief = (r) =>
  r.error !== undefined && /Pad should be smaller than kernel/.test(r.error)
    ? `fails: ${r.error.replace(/^.*?(pool_attributes\.h:\d+).*?(pads\[dim\].*)$/, '$1 ... $2')}`
    : show(r);

const x = [
  [1, 2, 3],
  [1, 1, 3],
];
const max = await runNode('MaxPool', { kernel_shape: [2], pads: [2, 0] }, [x]);
const avg = await runNode('AveragePool', { kernel_shape: [2], pads: [2, 0] }, [x]);
const smaller = await runNode('MaxPool', { kernel_shape: [2], pads: [1, 0] }, [x]);
console.log('\ncall: MaxPool(x = [1, 2, 3] as [1, 1, 3], kernel_shape = [2], pads = [2, 0])');
console.log(`  gives:    ${brief(max)}`);
console.log('  expected: a tensor of shape [1, 1, 4], [?, 1, 2, 3] (floor((3 + 2 - 2) / 1 + 1) = 4; the first window is all padding)');
console.log(`  also: AveragePool with the same attributes ${brief(avg)}`);
console.log(`        MaxPool with pads [1, 0] (smaller than the window) gives ${show(smaller)}`);
const ok = max.error !== undefined && /Pad should be smaller than kernel/.test(max.error);
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — MaxPool window 2, pads [2, 0]: ${ok ? 'refused, "Pad should be smaller than kernel"' : show(max)}`,
);
process.exit(ok ? 0 : 1);
