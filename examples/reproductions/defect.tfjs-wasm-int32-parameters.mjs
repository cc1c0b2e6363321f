#!/usr/bin/env node
// defect.tfjs-wasm-int32-parameters (spec/conventions.md#defect.tfjs-wasm-int32-parameters)
//
// The wasm backend hands strides and dilations to its C++ kernels as 32-bit integers
// (tfjs-backend-wasm src/kernels/MaxPool.ts, Conv2D.ts, FusedConv2D.ts: the kernel functions are
// declared with 'number' arguments that emscripten passes as int32), so a stride or dilation of
// 2^32 arrives as 0. XNNPACK refuses the operator ("XNN status for xnn_create_max_pooling2d_nhwc_f32
// is not successful", printed on standard error) and the backend returns the output buffer
// unwritten: values that are not in the input at all (denormals from the heap), where the CPU
// backend, given the same call, computes the windows that tfjs-core's own computePool2DInfo /
// computeConv2DInfo describe.
//
// TF.js's own rule: tf.maxPool and tf.conv2d take strides and dilations as numbers
// (tfjs-core src/ops/max_pool.ts, conv2d.ts: "strides: The strides of the pooling/convolution")
// and describe every window through computePool2DInfo / computeConv2DInfo, which the wasm
// backend calls too for the output shape; a max pooling's outputs are maxima of input values
// (TensorFlow's "Notes on padding", which TF.js's JSDoc links). Both backends agree at 2^31 - 1.
//
// Run: node examples/reproductions/defect.tfjs-wasm-int32-parameters.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 TF.js (with its wasm backend) is not installed.

let tf, cpu, wasm;
try {
  tf = await import('@tensorflow/tfjs-core');
  cpu = await import('@tensorflow/tfjs-backend-cpu');
  wasm = await import('@tensorflow/tfjs-backend-wasm');
} catch (error) {
  console.log(`not runnable here: @tensorflow/tfjs-core, -backend-cpu and -backend-wasm are needed (${error.message.split('\n')[0]})`);
  process.exit(2);
}
tf.enableProdMode(); // silences the "use tfjs-node" banner only
console.log(`framework: TF.js ${tf.version_core} (tfjs-core), backends wasm ${wasm.version_wasm}, cpu ${cpu.version_cpu}`);

const fmt = (values) => `[${Array.from(values, String).join(', ')}]`;
const zeroPads = [
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
];
const big = 2 ** 32;

async function run(backend) {
  await tf.setBackend(backend);
  // 3 rows of 2: a stride of 2^32 down the rows leaves one window row, the first
  const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 3, 2, 1]);
  const pool = Array.from(await tf.maxPool(x, [1, 2], [big, 1], zeroPads).data());
  const poolEdge = Array.from(await tf.maxPool(x, [1, 2], [2 ** 31 - 1, 1], zeroPads).data());
  // a 2x1 kernel dilated by 2^32 down the rows cannot fit in 3 rows; with 2 the layer is the
  // same shape, so dilate the columns by 2^32 with a kernel of 1 column instead: a one-tap axis
  const w = tf.tensor4d([1, -1], [2, 1, 1, 1]);
  const conv = Array.from(await tf.conv2d(x, w, 1, zeroPads, 'NHWC', [1, big]).data());
  const convOne = Array.from(await tf.conv2d(x, w, 1, zeroPads, 'NHWC', [1, 1]).data());
  return { pool, poolEdge, conv, convOne };
}

const c = await run('cpu');
const w = await run('wasm');
console.log('\ncall: tf.maxPool(x = [1..6] as [1, 3, 2, 1], [1, 2], [2 ** 32, 1], zero pads)');
console.log(`  gives (wasm): ${fmt(w.pool)}`);
console.log(
  `  expected:     ${fmt(c.pool)} (cpu; the one window row holds 1 and 2); with a stride of 2^31 - 1 wasm gives ${fmt(w.poolEdge)}`,
);
console.log("call: tf.conv2d(x, w = [1, -1] as [2, 1, 1, 1], 1, zero pads, 'NHWC', dilations [1, 2 ** 32])");
console.log(`  gives (wasm): ${fmt(w.conv)}`);
console.log(`  expected:     ${fmt(c.conv)} (cpu; a dilation on an axis of one tap changes nothing: dilation 1 gives ${fmt(w.convOne)})`);
const differs = (a, b) => a.length !== b.length || a.some((v, i) => v !== b[i]);
const parts = [
  ['pool-stride', differs(w.pool, c.pool) && !differs(w.poolEdge, c.poolEdge)],
  ['conv-dilation', differs(w.conv, c.conv) && !differs(w.convOne, c.conv)],
];
const shown = parts.filter(([, ok]) => ok).length;
console.log(
  `\nRESULT: ${shown === parts.length ? 'reproduced' : 'not reproduced'} — ${shown} of ${parts.length} parts: maxPool stride 2^32 gives ${fmt(w.pool)} instead of ${fmt(c.pool)}; conv2d dilation 2^32 gives ${fmt(w.conv)} instead of ${fmt(c.conv)}`,
);
process.exit(shown === parts.length ? 0 : 1);
