#!/usr/bin/env node
// defect.tfjs-wasm-fused-matmul-bias (spec/conventions.md#defect.tfjs-wasm-fused-matmul-bias)
//
// The wasm backend's slow_batch_matmul (tfjs-backend-wasm src/cc/batch_mat_mul_impl.cc, taken
// with transposeA, transposeB or a batch) reads the bias at min(i * right_dim + j, size - 1), the
// flat output index clamped to the bias's last element, instead of at the column j: every row
// after the first gets the last bias element.
//
// TF.js's own rule (tfjs-core src/ops/fused/mat_mul.ts, tf.fused.matMul JSDoc):
//   "- `bias` Matrix to be added to the result."
// and its unfused path in the same function, used when fusing is off:
//   result = unfusedMatMul(a, b, transposeA, transposeB); if (bias != null) result = add(result, bias);
// so the bias broadcasts over rows: a = [[1, 2], [3, 4]], b = identity, transposeB, bias = [10, 20]
// gives [[11, 22], [13, 24]].
//
// Run: node examples/reproductions/defect.tfjs-wasm-fused-matmul-bias.mjs
// Exit: 0 the defect reproduces, 1 it does not, 2 TF.js or its wasm backend is not installed.

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
const expected = [11, 22, 13, 24];

async function run(backend) {
  await tf.setBackend(backend);
  const a = tf.tensor2d([
    [1, 2],
    [3, 4],
  ]);
  const b = tf.tensor2d([
    [1, 0],
    [0, 1],
  ]);
  const bias = tf.tensor1d([10, 20]);
  return {
    fused: Array.from(await tf.fused.matMul({ a, b, transposeB: true, bias }).data()),
    unfused: Array.from(await tf.add(tf.matMul(a, b, false, true), bias).data()),
    noTranspose: Array.from(await tf.fused.matMul({ a, b, bias }).data()),
  };
}

const w = await run('wasm');
const c = await run('cpu');
console.log('\ncall: tf.fused.matMul({ a = [[1, 2], [3, 4]], b = [[1, 0], [0, 1]], transposeB: true, bias = [10, 20] })');
console.log(`  gives (wasm):  ${fmt(w.fused)}`);
console.log(`  expected:      ${fmt(expected)} (add(matMul(a, b, false, true), bias): wasm ${fmt(w.unfused)}, cpu ${fmt(c.unfused)})`);
console.log(`  cpu fused:     ${fmt(c.fused)}; wasm fused without transposeB: ${fmt(w.noTranspose)}`);
const ok = w.fused[2] === 23 && w.unfused.every((v, i) => v === expected[i]);
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — wasm fused.matMul with transposeB: ${fmt(w.fused)} instead of ${fmt(expected)}`,
);
process.exit(ok ? 0 : 1);
