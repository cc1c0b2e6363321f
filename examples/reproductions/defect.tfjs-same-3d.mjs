#!/usr/bin/env node
// defect.tfjs-same-3d (spec/conventions.md#defect.tfjs-same-3d)
//
// get3DPadAndOutInfo (tfjs-core src/ops/conv_util.ts) computes the 'same' pads as
//   padAlongWidth = (outWidth - 1) * strideWidth + filterWidth - inWidth
// without the Math.max(0, ...) that the 2-D path (getPadAndOutInfo) has, so a stride larger than
// the window gives a negative pad in 3-D and every window is shifted.
//
// TF.js's own rule, the 2-D path of the same file (getPadAndOutInfo, pad === 'same'):
//   const padAlongWidth = Math.max(0, (outWidth - 1) * strideWidth + filterWidth - inWidth);
// and the guide TF.js's JSDoc points to for `pad` (https://www.tensorflow.org/api_docs/python/tf/nn,
// "Notes on padding", 'SAME'):
//   if (in_width % strides[2] == 0): pad_along_width = max(filter_width - strides[2], 0)
//   else: pad_along_width = max(filter_width - (in_width % strides[2]), 0)
// For a width of 2, a window of 1 and a stride of 2: pad 0, one window at column 0, which holds 0.
//
// Run: node examples/reproductions/defect.tfjs-same-3d.mjs
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

const fmt = (values) => `[${Array.from(values, String).join(', ')}]`;

const x3 = tf.tensor5d([0, 1], [1, 1, 1, 2, 1]);
const x2 = tf.tensor4d([0, 1], [1, 1, 2, 1]);
const got = Array.from(await tf.avgPool3d(x3, 1, [1, 1, 2], 'same').data());
const twin = Array.from(await tf.avgPool(x2, 1, [1, 2], 'same').data());
const conv = Array.from(await tf.conv3d(x3, tf.ones([1, 1, 1, 1, 1]), [1, 1, 2], 'same').data());
const info = tf.backend_util.computePool3DInfo([1, 1, 1, 2, 1], 1, [1, 1, 2], 1, 'same');

console.log("\ncall: tf.avgPool3d(x = [0, 1] as [1, 1, 1, 2, 1], 1, [1, 1, 2], 'same')");
console.log(`  gives:    ${fmt(got)} (TF.js's 3-D pads: left ${info.padInfo.left}, right ${info.padInfo.right})`);
console.log('  expected: [0] (total pad max(0, (1 - 1) * 2 + 1 - 2) = 0: the only window is column 0)');
console.log(`            (the 2-D twin, tf.avgPool(x = [0, 1] as [1, 1, 2, 1], 1, [1, 2], 'same'), gives ${fmt(twin)})`);
console.log(`  also: tf.conv3d(x, w = ones [1, 1, 1, 1, 1], [1, 1, 2], 'same') gives ${fmt(conv)}, expected [0]`);
// tf.conv3dTranspose takes "The type of padding algorithm used in the non-transpose version of the
// op" (tfjs-core src/ops/conv3d_transpose.ts): the gradient of that conv3d, with the same shifted pad.
const transposed = Array.from(
  await tf.conv3dTranspose(tf.ones([1, 1, 1, 1, 1]), tf.ones([1, 1, 1, 1, 1]), [1, 1, 1, 2, 1], [1, 1, 2], 'same').data(),
);
const transposedTwin = Array.from(
  await tf.conv2dTranspose(tf.ones([1, 1, 1, 1]), tf.ones([1, 1, 1, 1]), [1, 1, 2, 1], [1, 2], 'same').data(),
);
console.log(
  `  also: tf.conv3dTranspose(x = ones [1, 1, 1, 1, 1], w = ones [1, 1, 1, 1, 1], outputShape [1, 1, 1, 2, 1], [1, 1, 2], 'same') gives ${fmt(transposed)}, expected [1, 0]`,
);
console.log(
  `        (the gradient of the conv3d above, whose one window is column 0; the 2-D twin tf.conv2dTranspose gives ${fmt(transposedTwin)})`,
);
const ok = got[0] === 1 && twin[0] === 0 && transposed[0] === 0 && transposedTwin[0] === 1;
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — avgPool3d same, stride 2 > window 1: ${fmt(got)} instead of [0] (pad left ${info.padInfo.left}); conv3dTranspose ${fmt(transposed)} instead of [1, 0]`,
);
process.exit(ok ? 0 : 1);
