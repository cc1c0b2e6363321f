#!/usr/bin/env node
// defect.tfjs-unit-window-shortcut (spec/conventions.md#defect.tfjs-unit-window-shortcut)
//
// The cpu backend returns the input unchanged when the pooling window is 1x1 and the output shape
// equals the input shape (tfjs-backend-cpu src/kernels/MaxPool.ts and AvgPool.ts:
// `convInfo.filterWidth === 1 && convInfo.filterHeight === 1 &&
//  util.arraysEqual(convInfo.inShape, convInfo.outShape)` -> identity). Two consequences:
//   - in ceil mode with a stride of 2 on a 2x2 input the output is 2x2, and the input comes back
//     instead of a pooling with the stride;
//   - max pooling copies a NaN that its own pooling loop ignores.
//
// TF.js's own rules, from its shared test suite (tfjs-core src/ops/*_test.ts, run on every
// backend, ALL_ENVS):
//   identity_pool_test.ts '1x1 pool size with strides': a 1x1 window with strides [3, 4] picks
//     every 3rd row and 4th column, i.e. the stride is honoured by 1x1 windows;
//   max_pool_test.ts '[x=[3,3,1] f=[2,2] s=1 ignores NaNs': maxPool([1..7, NaN, 9]) = [5, 6, 7, 9].
// and TF.js's own pooling loop (tfjs-backend-cpu src/utils/pool_utils.ts, pool()), the code the
// shortcut skips: every window starts at -Infinity and takes `pixel > minMaxValue`, so NaN is
// never taken and a window with no input stays -Infinity. The script runs that loop directly on
// the same arguments to show what it gives.
//
// Run: node examples/reproductions/defect.tfjs-unit-window-shortcut.mjs
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
const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

// TF.js's own max-pooling loop on the same arguments (what MaxPool runs when the shortcut is off).
function ownLoop(values, shape, filterSize, strides, pad, dimRoundingMode) {
  const convInfo = tf.backend_util.computePool2DInfo(shape, filterSize, strides, 1, pad, dimRoundingMode);
  return Array.from(poolUtils.pool(Float32Array.from(values), shape, 'float32', tf.util.computeStrides(shape), convInfo, 'max').values);
}

let reproduced = 0;
const observed = [];

{
  const values = [1, 2, 3, 4];
  const got = Array.from(await tf.maxPool(tf.tensor4d(values, [1, 2, 2, 1]), 1, 2, 0, 'ceil').data());
  const want = ownLoop(values, [1, 2, 2, 1], 1, 2, 0, 'ceil');
  console.log("\npart ceil-stride: tf.maxPool(x = [1, 2, 3, 4] as [1, 2, 2, 1], 1, 2, 0, 'ceil')");
  console.log(`  gives:    ${fmt(got)} (the input)`);
  console.log(`  expected: ${fmt(want)} (TF.js's own pooling loop: windows at rows/columns 0 and 2; 2 is past the input)`);
  const ok = same(got, values) && !same(got, want);
  console.log(`  => ${ok ? 'reproduced' : 'not reproduced'}`);
  if (ok) reproduced++;
  observed.push(`1x1 stride 2 ceil: ${fmt(got)} instead of ${fmt(want)}`);
}

{
  const values = [NaN, 0];
  const got = Array.from(await tf.maxPool(tf.tensor4d(values, [1, 2, 1, 1]), 1, 1, 'valid').data());
  const want = ownLoop(values, [1, 2, 1, 1], 1, 1, 'valid');
  const loopIgnores = Array.from(await tf.maxPool(tf.tensor4d(values, [1, 2, 1, 1]), [2, 1], 1, 'same').data());
  console.log("\npart nan: tf.maxPool(x = [NaN, 0] as [1, 2, 1, 1], 1, 1, 'valid')");
  console.log(`  gives:    ${fmt(got)}`);
  console.log(`  expected: ${fmt(want)} (TF.js's own pooling loop ignores NaN; the window [NaN] holds no other value)`);
  console.log(`            (a 2x1 window, which takes the loop, ignores the NaN: tf.maxPool(x, [2, 1], 1, 'same') = ${fmt(loopIgnores)})`);
  const ok = Number.isNaN(got[0]) && !Number.isNaN(want[0]);
  console.log(`  => ${ok ? 'reproduced' : 'not reproduced'}`);
  if (ok) reproduced++;
  observed.push(`1x1 of [NaN, 0]: ${fmt(got)} instead of ${fmt(want)}`);
}

const ok = reproduced === 2;
console.log(`\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ${reproduced} of 2 parts: ${observed.join('; ')}`);
process.exit(ok ? 0 : 1);
