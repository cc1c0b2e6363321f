#!/usr/bin/env node
// defect.tfjs-dilated-pool (spec/conventions.md#defect.tfjs-dilated-pool)
//
// The cpu backend's pool() helper (tfjs-backend-cpu src/utils/pool_utils.ts) starts each window at
//   const xCMin = Math.max(0, xCCorner);
// and steps from there by the dilation (`for (let xC = xCMin; xC < xCMax; xC += dilationWidth)`).
// When a dilated window starts in the padding, its taps are shifted onto the wrong columns.
// The example is the fixture pool.max-dilated-begin-pad-border: x = [5, 1, 4, 2, 3], window 2,
// dilation 2, stride 1, pads (1, 1).
//
// TF.js's own rule for where the taps are: its shape function (tfjs-core src/ops/conv_util.ts
// computePool2DInfo) uses the effective window `filterWidth + (filterWidth - 1) * (dilation - 1)`,
// citing https://www.tensorflow.org/api_docs/python/tf/nn/atrous_conv2d ("equivalent to standard
// convolution with upsampled filters ... produced by inserting dilation - 1 zeros along
// consecutive elements"): the taps of window o are the columns o - padLeft + dilation * j, and
// padded columns are ignored by pools (https://www.tensorflow.org/api_docs/python/tf/nn, "Notes
// on padding": "In case of pools, the padded input values are ignored"). Window 0 has the taps
// -1 (padding) and 1, so its maximum is x[1] = 1: the output is [1, 5, 2, 4, 2].
//
// No public TF.js 4.22 op hands a dilation > 1 to this helper: tf.maxPool and tf.avgPool fix the
// dilation at 1, and tf.pool with a dilation goes through spaceToBatchND. The script therefore calls
// the helper itself (part "helper", which decides the exit code), and shows what the public
// tf.pool does with the same arguments (part "tf.pool", reported only).
//
// Run: node examples/reproductions/defect.tfjs-dilated-pool.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 TF.js is not installed.

let tf, cpu, poolUtils;
try {
  tf = await import('@tensorflow/tfjs-core');
  cpu = await import('@tensorflow/tfjs-backend-cpu');
  poolUtils = await import('@tensorflow/tfjs-backend-cpu/dist/utils/pool_utils.js');
} catch (error) {
  console.log(`not runnable here: @tensorflow/tfjs-core and @tensorflow/tfjs-backend-cpu are needed (${error.message.split('\n')[0]})`);
  process.exit(2);
}
tf.enableProdMode(); // silences the "use tfjs-node" banner only
await tf.setBackend('cpu');
console.log(`framework: TF.js ${tf.version_core} (tfjs-core), backend cpu ${cpu.version_cpu}`);

const fmt = (values) => `[${Array.from(values, String).join(', ')}]`;
const values = [5, 1, 4, 2, 3];
const shape = [1, 1, 5, 1];
const pads = [
  [0, 0],
  [0, 0],
  [1, 1],
  [0, 0],
];
const expected = [1, 5, 2, 4, 2];

const info = tf.backend_util.computePool2DInfo(shape, [1, 2], 1, [1, 2], pads);
const helper = Array.from(poolUtils.pool(Float32Array.from(values), shape, 'float32', tf.util.computeStrides(shape), info, 'max').values);
console.log('\npart helper: pool(x = [5, 1, 4, 2, 3] as [1, 1, 5, 1], max) with');
console.log('  convInfo = tf.backend_util.computePool2DInfo([1, 1, 5, 1], [1, 2], 1, [1, 2], [[0, 0], [0, 0], [1, 1], [0, 0]])');
console.log(
  `  (output shape ${fmt(info.outShape)}, pads left ${info.padInfo.left} right ${info.padInfo.right}, effective window ${info.effectiveFilterWidth})`,
);
console.log(`  gives:    ${fmt(helper)}`);
console.log(`  expected: ${fmt(expected)} (window 0 has the taps -1 (padding) and 1: max = 1, not x[0] = 5)`);
const ok = helper[0] === 5 && helper.slice(1).every((v, i) => v === expected[i + 1]);
console.log(`  => ${ok ? 'reproduced' : 'not reproduced'}`);

const pub = tf.pool(tf.tensor4d(values, shape), [1, 2], 'max', pads, [1, 2], 1);
const pubSame = tf.pool(tf.tensor4d(values, shape), [1, 2], 'max', 'same', [1, 2], 1);
console.log("\npart tf.pool (reported only): tf.pool(x, [1, 2], 'max', [[0, 0], [0, 0], [1, 1], [0, 0]], [1, 2], 1)");
console.log(`  gives:    shape ${fmt(pub.shape)} ${fmt(await pub.data())}`);
console.log(`  expected: shape ${fmt(info.outShape)} ${fmt(expected)} (the shape tf.pool's own computePool2DInfo call computes)`);
console.log(`  note: with a dilation tf.pool runs spaceToBatchND and a 'valid' pooling; the explicit pads are dropped, so`);
console.log(`        the helper above is not reached. With 'same' (pads (1, 1) here) it gives ${fmt(await pubSame.data())}.`);

console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — pool() helper: ${fmt(helper)} instead of ${fmt(expected)}; the public tf.pool with these pads gives shape ${fmt(pub.shape)} ${fmt(await pub.data())} (pads dropped)`,
);
process.exit(ok ? 0 : 1);
