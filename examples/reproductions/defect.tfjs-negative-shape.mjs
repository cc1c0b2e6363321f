#!/usr/bin/env node
// defect.tfjs-negative-shape (spec/conventions.md#defect.tfjs-negative-shape)
//
// TF.js computes output sizes without checking them. In 2-D a window longer than the input by more
// than a stride gives a tensor with a negative dimension; in 3-D (computeOutputShape4D) a window
// longer than the padded input gives an empty tensor even where the size would be negative.
//
// TF.js's own rule for a shape (tfjs-core src/util_base.ts, assertNonNegativeIntegerDimensions,
// checked by tf.tensor, tf.zeros, tf.buffer):
//   "Tensor must have a shape comprised of positive integers but got shape [...]"
//   (every dimension must satisfy Number.isInteger(dimSize) && dimSize >= 0)
// and the output size TF.js computes for 'valid' (tfjs-core src/ops/conv_util.ts getPadAndOutInfo,
// after https://www.tensorflow.org/api_docs/python/tf/nn "Notes on padding"):
//   outHeight = Math.ceil((inHeight - filterHeight + 1) / strideHeight)
// which is -1 for a window of 3 on an input of 1 with stride 1: no tensor can have that shape, so
// the call must be refused (as tf.maxPool on the cpu backend does for the same 2-D window, through
// the buffer it allocates).
//
// Run: node examples/reproductions/defect.tfjs-negative-shape.mjs
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
const attempt = (f) => {
  try {
    return { tensor: f() };
  } catch (error) {
    return { error: error.message };
  }
};
const describe = (r) => (r.error !== undefined ? `throws "${r.error}"` : `a tensor of shape ${fmt(r.tensor.shape)}`);
let reproduced = 0;

{
  const rule = attempt(() => tf.zeros([1, 1, -1, -1]));
  console.log(`\nTF.js's shape rule: tf.zeros([1, 1, -1, -1]) ${describe(rule)}`);
}

// Part 2-D: the clause's shape [1, 1, -1, -1] (a channels-first convolution).
{
  const got = attempt(() => tf.conv2d(tf.zeros([1, 1, 1, 1]), tf.zeros([3, 3, 1, 1]), 1, 'valid', 'NCHW'));
  const pool = attempt(() => tf.maxPool(tf.zeros([1, 1, 1, 1]), 3, 1, 'valid'));
  console.log("\npart 2-D: tf.conv2d(x = zeros [1, 1, 1, 1], w = zeros [3, 3, 1, 1], 1, 'valid', 'NCHW')");
  console.log(`  gives:    ${describe(got)}`);
  console.log('  expected: an error (output size ceil((1 - 3 + 1) / 1) = -1 on both axes)');
  console.log(`            (the 2-D pooling twin, tf.maxPool(zeros [1, 1, 1, 1], 3, 1, 'valid'), ${describe(pool)})`);
  const ok = got.tensor !== undefined && got.tensor.shape.some((d) => d < 0);
  console.log(`  => ${ok ? 'reproduced' : 'not reproduced'}`);
  if (ok) reproduced++;
}

// Part 3-D: examples/stdio-tfjs's call.
{
  const got = attempt(() => tf.maxPool3d(tf.zeros([1, 1, 1, 1, 2]), [3, 1, 1], 1, 'valid'));
  const twin = attempt(() => tf.maxPool(tf.zeros([1, 1, 1, 2]), [3, 1], 1, 'valid'));
  console.log("\npart 3-D: tf.maxPool3d(x = zeros [1, 1, 1, 1, 2], [3, 1, 1], 1, 'valid')");
  console.log(`  gives:    ${describe(got)}`);
  console.log("  expected: an error (output depth trunc((1 - 3 + 0) / 1 + 1) = -1, computeOutputShape4D's own formula)");
  console.log(`            (the 2-D twin, tf.maxPool(zeros [1, 1, 1, 2], [3, 1], 1, 'valid'), ${describe(twin)})`);
  const ok = got.tensor !== undefined && got.tensor.shape[1] === 0;
  console.log(`  => ${ok ? 'reproduced: an empty tensor where the size would be -1' : 'not reproduced'}`);
  if (ok) reproduced++;
}

const ok = reproduced === 2;
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ${reproduced} of 2 parts: conv2d answers shape [1, 1, -1, -1]; maxPool3d answers an empty tensor for a size of -1`,
);
process.exit(ok ? 0 : 1);
