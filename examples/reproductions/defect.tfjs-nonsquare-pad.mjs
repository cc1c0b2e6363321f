#!/usr/bin/env node
// defect.tfjs-nonsquare-pad (spec/conventions.md#defect.tfjs-nonsquare-pad)
//
// TF.js computes the output width of a numeric pad from the filter HEIGHT and the stride HEIGHT
// (tfjs-core src/ops/conv_util.ts, getPadAndOutInfo -> computeOutputShape2D(inShape, fieldSize =
// filterHeight, stride = strideHeight, ...); tensorflow/tfjs#649, closed as stale). A non-square
// window or stride with a numeric pad gets the width of a square one.
//
// TF.js's own rule, in the same function, for explicit pads (the numeric pad p means
// [[0, 0], [p, p], [p, p], [0, 0]]):
//   outWidth = round((inWidth - filterWidth + left + right) / strideWidth + 1, roundingMode)
//   (tfjs-core src/ops/conv_util.ts, getPadAndOutInfo, branch `typeof pad === 'object'`)
// and the guide TF.js's JSDoc points to for `pad` (https://www.tensorflow.org/api_docs/python/tf/nn,
// "Notes on padding", 'VALID', which the pad 0 is):
//   out_width = ceil((in_width - filter_width + 1) / stride_width)
//
// tf.conv2dTranspose (tfjs-core src/ops/conv2d_transpose.ts) takes "The type of padding algorithm
// used in the non-transpose version of the op" and runs the gradient of that convolution
// (Conv2DBackpropInput, which computes the same Conv2DInfo from its outputShape): a numeric pad
// with a non-square window or stride sizes that convolution wrongly too, and the CPU kernel then
// reads the output gradient with the wrong width.
//
// Run: node examples/reproductions/defect.tfjs-nonsquare-pad.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 TF.js is not installed.

let tf, cpu;
try {
  tf = await import('@tensorflow/tfjs-core');
  cpu = await import('@tensorflow/tfjs-backend-cpu');
} catch (error) {
  console.log(`not runnable here: @tensorflow/tfjs-core and @tensorflow/tfjs-backend-cpu are needed (${error.message.split('\n')[0]})`);
  process.exit(2);
}
tf.enableProdMode(); // silences the "use tfjs-node" banner only
await tf.setBackend('cpu');
console.log(`framework: TF.js ${tf.version_core} (tfjs-core), backend cpu ${cpu.version_cpu}`);

const fmt = (values) => `[${Array.from(values, String).join(', ')}]`; // keeps NaN and Infinity readable
const zeroPads = [
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
];
let reproduced = 0;
const observed = [];

// Part 1: a non-square window (the conv1d example of examples/stdio-tfjs: a 1x3 filter as TF.js
// sees it after conv1d's reshape to 2-D).
{
  const x = tf.ones([1, 5, 1]);
  const w = tf.ones([3, 1, 1]);
  const got = tf.conv1d(x, w, 1, 0);
  const want = tf.conv1d(x, w, 1, 'valid');
  console.log('\npart window: tf.conv1d(x = ones [1, 5, 1], w = ones [3, 1, 1], stride 1, pad 0)');
  console.log(`  gives:    shape ${fmt(got.shape)} ${fmt(await got.data())}`);
  console.log(
    `  expected: shape ${fmt(want.shape)} ${fmt(await want.data())}\n            (TF.js's explicit-pad formula: trunc((5 - 3 + 0 + 0) / 1 + 1) = 3, as tf.conv1d(x, w, 1, 'valid') gives)`,
  );
  const same = got.shape[1] === want.shape[1];
  console.log(`  => ${same ? 'not reproduced' : 'reproduced'}: width ${got.shape[1]} instead of ${want.shape[1]}`);
  if (!same) reproduced++;
  observed.push(`conv1d pad 0: width ${got.shape[1]} instead of ${want.shape[1]}`);
}

// Part 2: a non-square stride.
{
  const x = tf.tensor4d(
    Array.from({ length: 25 }, (_, i) => i),
    [1, 5, 5, 1],
  );
  const got = tf.maxPool(x, [2, 2], [1, 2], 0);
  const want = tf.maxPool(x, [2, 2], [1, 2], zeroPads);
  console.log('\npart stride: tf.maxPool(x = 0..24 as [1, 5, 5, 1], [2, 2], strides [1, 2], pad 0)');
  console.log(`  gives:    shape ${fmt(got.shape)} ${fmt(await got.data())}`);
  console.log(
    `  expected: shape ${fmt(want.shape)} ${fmt(await want.data())}\n            (TF.js's explicit-pad formula: trunc((5 - 2 + 0 + 0) / 2 + 1) = 2, as the call with explicit zero pads gives)`,
  );
  const same = got.shape[2] === want.shape[2];
  console.log(`  => ${same ? 'not reproduced' : 'reproduced'}: width ${got.shape[2]} instead of ${want.shape[2]}`);
  if (!same) reproduced++;
  observed.push(`maxPool strides [1, 2] pad 0: width ${got.shape[2]} instead of ${want.shape[2]}`);
}

// Part 3: the gradient of a convolution with a non-square window. tf.conv2dTranspose sizes the
// forward convolution on its outputShape with the same formula, and its kernel then reads x
// (the output gradient) with that width, past the end of each row (no check compares the two).
{
  const x = tf.tensor4d([1, 2, 3], [1, 1, 3, 1]);
  const w = tf.tensor4d([1, 10], [1, 2, 1, 1]);
  const got = tf.conv2dTranspose(x, w, [1, 1, 4, 1], 1, 0);
  const want = tf.conv2dTranspose(x, w, [1, 1, 4, 1], 1, 'valid');
  const info = tf.backend_util.computeConv2DInfo([1, 1, 4, 1], [1, 2, 1, 1], 1, 1, 0);
  console.log(
    '\npart transpose: tf.conv2dTranspose(x = [1, 2, 3] as [1, 1, 3, 1], w = [1, 10] as [1, 2, 1, 1], outputShape [1, 1, 4, 1], strides 1, pad 0)',
  );
  console.log(`  gives:    ${fmt(await got.data())} (the forward convolution's width as TF.js computes it: ${info.outWidth}, x has 3)`);
  console.log(
    `  expected: ${fmt(await want.data())}\n            (the forward convolution of width 4, window 2, pad 0 has width trunc((4 - 2 + 0 + 0) / 1 + 1) = 3, x's width; the call with 'valid' gives this)`,
  );
  const gotData = Array.from(await got.data());
  const wantData = Array.from(await want.data());
  const same = fmt(gotData) === fmt(wantData);
  console.log(`  => ${same ? 'not reproduced' : 'reproduced'}: ${fmt(gotData)} instead of ${fmt(wantData)}`);
  if (!same) reproduced++;
  observed.push(`conv2dTranspose pad 0: ${fmt(gotData)} instead of ${fmt(wantData)}`);
}

const ok = reproduced === 3;
console.log(`\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ${reproduced} of 3 parts: ${observed.join('; ')}`);
process.exit(ok ? 0 : 1);
