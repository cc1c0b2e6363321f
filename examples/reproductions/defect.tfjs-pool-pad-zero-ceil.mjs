#!/usr/bin/env node
// defect.tfjs-pool-pad-zero-ceil (spec/conventions.md#defect.tfjs-pool-pad-zero-ceil)
//
// tf.pool takes `pad: 'valid' | 'same' | number | ExplicitPadding` and a `dimRoundingMode`, but
// tfjs-core src/ops/pool.ts replaces the number 0 by 'valid' (`if (pad === 0) { pad = 'valid'; }`)
// before it calls maxPool or avgPool, whose checkPadOnDimRoundingMode refuses a rounding mode with
// a string pad.
//
// TF.js's own rule (tfjs-core src/ops/conv_util.ts, checkPadOnDimRoundingMode, called by maxPool):
//   if (dimRoundingMode != null) { if (typeof pad === 'string') throw ...
//     `pad must be an integer when using dimRoundingMode ${dimRoundingMode} but got pad ${pad}.` }
// i.e. an integer pad with a rounding mode is valid, and tf.pool's signature takes both
// (tfjs-core src/ops/pool.ts: `pad: 'valid'|'same'|number|conv_util.ExplicitPadding`,
// `dimRoundingMode?: 'floor'|'round'|'ceil'`; JSDoc "@param dimRoundingMode A string from: 'ceil',
// 'round', 'floor'"). tf.maxPool(x, [2, 2], [2, 2], 0, 'ceil') and tf.pool with explicit zero pads
// answer shape [1, 3, 3, 1] (ceil((5 - 2) / 2 + 1) = 3).
//
// Run: node examples/reproductions/defect.tfjs-pool-pad-zero-ceil.mjs
// Exit: 0 the defect reproduces (on every backend found), 1 it does not, 2 TF.js is not installed.

let tf;
const versions = {};
try {
  tf = await import('@tensorflow/tfjs-core');
  versions.cpu = (await import('@tensorflow/tfjs-backend-cpu')).version_cpu;
} catch (error) {
  console.log(`not runnable here: @tensorflow/tfjs-core and @tensorflow/tfjs-backend-cpu are needed (${error.message.split('\n')[0]})`);
  process.exit(2);
}
try {
  versions.wasm = (await import('@tensorflow/tfjs-backend-wasm')).version_wasm;
} catch {
  console.log('(@tensorflow/tfjs-backend-wasm is not installed: the cpu backend only)');
}
tf.enableProdMode(); // silences the "use tfjs-node" banner only
console.log(
  `framework: TF.js ${tf.version_core} (tfjs-core), backends ${Object.entries(versions)
    .map(([b, v]) => `${b} ${v}`)
    .join(', ')}`,
);

const fmt = (values) => `[${Array.from(values, String).join(', ')}]`;
const attempt = (f) => {
  try {
    return { shape: f().shape };
  } catch (error) {
    return { error: error.message };
  }
};
const describe = (r) => (r.error !== undefined ? `throws "${r.error}"` : `shape ${fmt(r.shape)}`);

let reproduced = 0;
for (const backend of Object.keys(versions)) {
  await tf.setBackend(backend);
  const x = tf.ones([1, 5, 5, 1]);
  const got = attempt(() => tf.pool(x, [2, 2], 'max', 0, [1, 1], [2, 2], 'ceil'));
  const maxPool = attempt(() => tf.maxPool(x, [2, 2], [2, 2], 0, 'ceil'));
  const explicit = attempt(() =>
    tf.pool(
      x,
      [2, 2],
      'max',
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      [1, 1],
      [2, 2],
      'ceil',
    ),
  );
  console.log(`\nbackend ${backend}: tf.pool(x = ones [1, 5, 5, 1], [2, 2], 'max', 0, [1, 1], [2, 2], 'ceil')`);
  console.log(`  gives:    ${describe(got)}`);
  console.log('  expected: shape [1, 3, 3, 1]');
  console.log(`            (tf.maxPool(x, [2, 2], [2, 2], 0, 'ceil') gives ${describe(maxPool)};`);
  console.log(`             tf.pool with explicit zero pads gives ${describe(explicit)})`);
  const ok = got.error !== undefined && /pad must be an integer/.test(got.error) && maxPool.shape !== undefined;
  console.log(`  => ${ok ? 'reproduced' : 'not reproduced'}`);
  if (ok) reproduced++;
}

const n = Object.keys(versions).length;
const ok = reproduced === n;
console.log(
  `\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ${reproduced} of ${n} backends: tf.pool(..., pad 0, ..., 'ceil') throws "pad must be an integer ... but got pad valid"`,
);
process.exit(ok ? 0 : 1);
