#!/usr/bin/env node
// defect.onnxruntime-maxpool-nan (spec/conventions.md#defect.onnxruntime-maxpool-nan)
//
// ONNX leaves NaN in MaxPool unspecified, so a window holding NaN may yield NaN or the maximum of
// its other values; ONNX Runtime 1.30 can yield neither. MaxPool(x, kernel_shape = [4, 2],
// strides = [1, 1]) on the 6x3 input
//   [[NaN, 0, 0], [NaN, 0, NaN], [0, 0, 0], [0, 0, 0], [1, 0, 0], [0, 0, 0]]
// gives [[0, 0], [0, NaN], [1, 0]]: the window at [1, 0] holds NaN, 0, 0, 0, 0, 0, 1, 0, whose
// maximum is 1 (or NaN), and the same window pooled alone gives 1.
//
// ONNX's own rule (onnx/onnx onnx/defs/nn/defs.cc, MaxPool):
//   "max pooling consisting of computing the max on all values of a subset of the input tensor
//    according to the kernel size"; "The output of each pooling window is maximum number of
//    elements exclude pad."
// The window at [1, 0] (rows 1..4, columns 0..1) holds 1, so its output is 1 (or NaN if NaN
// propagates, a choice ONNX leaves open), never 0.
//
// Run: node examples/reproductions/defect.onnxruntime-maxpool-nan.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 onnxruntime-node or onnx-proto is not installed.

import { fmt, runNode, show } from './onnxNode.mjs';

const x = [NaN, 0, 0, NaN, 0, NaN, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0];
const got = await runNode('MaxPool', { kernel_shape: [4, 2], strides: [1, 1] }, [[x, [1, 1, 6, 3]]]);
const alone = await runNode('MaxPool', { kernel_shape: [4, 2] }, [
  [
    [NaN, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 4, 2],
  ],
]);
console.log('\ncall: MaxPool(x as [1, 1, 6, 3], kernel_shape = [4, 2], strides = [1, 1]) with');
console.log('      x = [[NaN, 0, 0], [NaN, 0, NaN], [0, 0, 0], [0, 0, 0], [1, 0, 0], [0, 0, 0]]');
console.log(`  gives:    ${show(got)}`);
console.log('  expected: output [1, 0] (the window rows 1..4, columns 0..1 = NaN, 0, 0, 0, 0, 0, 1, 0) is 1 or NaN');
console.log(`            (that window pooled alone, MaxPool(x as [1, 1, 4, 2], kernel_shape = [4, 2]), gives ${show(alone)})`);
const at10 = got.data?.[2];
const ok = at10 !== undefined && at10 !== 1 && !Number.isNaN(at10);
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — output [1, 0] is ${at10}, neither 1 nor NaN (alone: ${alone.data ? fmt(alone.data) : show(alone)})`,
);
process.exit(ok ? 0 : 1);
