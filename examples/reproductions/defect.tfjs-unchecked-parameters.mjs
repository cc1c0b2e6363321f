#!/usr/bin/env node
// defect.tfjs-unchecked-parameters (spec/conventions.md#defect.tfjs-unchecked-parameters)
//
// tfjs-core checks that strides and dilations are positive in tf.conv2d, tf.conv1d and tf.conv3d
// (src/ops/conv2d.ts and siblings):
//   util.assert(conv_util.stridesOrDilationsArePositive(strides), () => 'Error in conv2D: Strides should be larger than 0.');
//   util.assert(conv_util.stridesOrDilationsArePositive(dilations), () => 'Error in conv2D: Dilated rates should be larger than 0.');
// and tf.avgPool3d (src/ops/avg_pool_3d.ts): "Error in avgPool3d: Stride must be > 0".
// tf.depthwiseConv2d (src/ops/depthwise_conv2d.ts), the 2-D pools tf.maxPool and tf.avgPool
// (src/ops/max_pool.ts, avg_pool.ts) and tf.maxPool3d (src/ops/max_pool_3d.ts) make neither check and answer a tensor for a stride of -1 or
// a dilation of 0, where the same layer through tf.conv2d (a depthwise convolution of one channel
// with a multiplier of 1 is a convolution) or tf.avgPool3d is refused.
//
// tf.pad (src/ops/pad.ts) documents `paddings` as "a length-2 tuple of ints [padBefore,
// padAfter]" but does not check it: a pad of 0.5 gives a tensor whose shape holds 5.5, which
// TF.js's own tensor constructors refuse ("Tensor must have a shape comprised of positive
// integers", src/util_base.ts assertNonNegativeIntegerDimensions).
//
// On the wasm backend tf.pad does not check its pads either, and a negative pad that leaves an
// axis below 0 never returns: tf.pad(ones [2, 1, 3], [[0, 0], [-2, -2], [0, 0]]) runs until it is
// killed, where the CPU backend throws ("Invalid typed array length: -18"). The script runs that
// call in a child process and kills it after 10 s.
//
// Run: node examples/reproductions/defect.tfjs-unchecked-parameters.mjs
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

/** What a call gives: its shape, or the first line of what it throws. */
const attempt = (call) => {
  try {
    const out = call();
    return { answered: true, text: `a tensor of shape [${out.shape.join(', ')}]` };
  } catch (error) {
    return { answered: false, text: `throws "${String(error.message).split('\n')[0]}"` };
  }
};

// With explicit pads TF.js's output size is (n - k + pads) / s + 1, which a stride of -1 keeps at 1
// when n = k; 'valid' divides differently and gives -1 there.
const zeroPads = [
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
];
const x1 = tf.ones([1, 1, 1, 1]);
const x = tf.ones([1, 1, 3, 1]);
const w = tf.ones([1, 1, 1, 1]);
// zeroPads: [[0, 0], [0, 0], [0, 0], [0, 0]]
const parts = [
  {
    name: 'depthwise-stride',
    call: 'tf.depthwiseConv2d(ones [1, 1, 1, 1], ones [1, 1, 1, 1], [1, -1], zeroPads)',
    got: attempt(() => tf.depthwiseConv2d(x1, w, [1, -1], zeroPads)),
    twinCall: 'tf.conv2d(ones [1, 1, 1, 1], ones [1, 1, 1, 1], [1, -1], zeroPads)',
    twin: attempt(() => tf.conv2d(x1, w, [1, -1], zeroPads)),
  },
  {
    name: 'depthwise-dilation',
    call: "tf.depthwiseConv2d(ones [1, 1, 3, 1], ones [1, 1, 1, 1], 1, 'valid', 'NHWC', [1, 0])",
    got: attempt(() => tf.depthwiseConv2d(x, w, 1, 'valid', 'NHWC', [1, 0])),
    twinCall: "tf.conv2d(ones [1, 1, 3, 1], ones [1, 1, 1, 1], 1, 'valid', 'NHWC', [1, 0])",
    twin: attempt(() => tf.conv2d(x, w, 1, 'valid', 'NHWC', [1, 0])),
  },
  {
    name: 'pool-stride',
    call: 'tf.maxPool(ones [1, 1, 1, 1], [1, 1], [1, -1], zeroPads)',
    got: attempt(() => tf.maxPool(x1, [1, 1], [1, -1], zeroPads)),
    twinCall: "tf.avgPool3d(ones [1, 1, 1, 1, 1], [1, 1, 1], [1, 1, -1], 'valid')",
    twin: attempt(() => tf.avgPool3d(tf.ones([1, 1, 1, 1, 1]), [1, 1, 1], [1, 1, -1], 'valid')),
  },
  {
    name: 'pool3d-stride',
    call: "tf.maxPool3d(ones [1, 1, 1, 1, 1], [1, 1, 1], [-1, 1, 1], 'valid')",
    got: attempt(() => tf.maxPool3d(tf.ones([1, 1, 1, 1, 1]), [1, 1, 1], [-1, 1, 1], 'valid')),
    twinCall: "tf.avgPool3d(ones [1, 1, 1, 1, 1], [1, 1, 1], [-1, 1, 1], 'valid')",
    twin: attempt(() => tf.avgPool3d(tf.ones([1, 1, 1, 1, 1]), [1, 1, 1], [-1, 1, 1], 'valid')),
  },
  {
    name: 'pad-non-integer',
    call: 'tf.pad(ones [1, 1, 5], [[0, 0], [0, 0], [0.5, 0]])',
    got: attempt(() =>
      tf.pad(tf.ones([1, 1, 5]), [
        [0, 0],
        [0, 0],
        [0.5, 0],
      ]),
    ),
    twinCall: 'tf.zeros([1, 1, 5.5])',
    twin: attempt(() => tf.zeros([1, 1, 5.5])),
  },
];

// The wasm hang, in a child process that is killed after 10 s (a hang blocks its event loop).
const { spawnSync } = await import('node:child_process');
const child = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    "const tf = await import('@tensorflow/tfjs-core'); await import('@tensorflow/tfjs-backend-wasm'); tf.enableProdMode(); await tf.setBackend('wasm'); " +
      "try { const y = tf.pad(tf.ones([2, 1, 3]), [[0, 0], [-2, -2], [0, 0]]); console.log('ANSWERED ' + JSON.stringify(y.shape)); } catch (e) { console.log('THREW ' + String(e.message).split('\\n')[0]); }",
  ],
  { cwd: new URL('.', import.meta.url), timeout: 10_000, encoding: 'utf8', killSignal: 'SIGKILL' },
);
const hung = child.error?.code === 'ETIMEDOUT' || child.signal === 'SIGKILL';
const wasmText = hung ? 'no answer within 10 s (killed)' : (child.stdout.trim().split('\n').pop() ?? `exit ${child.status}`);
parts.push({
  name: 'wasm-pad-negative-hang',
  call: 'tf.pad(ones [2, 1, 3], [[0, 0], [-2, -2], [0, 0]]) on the wasm backend',
  got: { answered: hung, text: wasmText },
  twinCall: 'tf.pad on the cpu backend',
  twin: attempt(() =>
    tf.pad(tf.ones([2, 1, 3]), [
      [0, 0],
      [-2, -2],
      [0, 0],
    ]),
  ),
});

let reproduced = 0;
for (const part of parts) {
  const shown = part.got.answered && !part.twin.answered;
  if (shown) reproduced += 1;
  console.log(`\n${part.name}: ${part.call}`);
  console.log(`  gives:    ${part.got.text}`);
  console.log(
    `  expected: an error, as TF.js's own ${part.twinCall} ${part.twin.text.startsWith('throws') ? part.twin.text : `(which ${part.twin.text})`}`,
  );
}
const summary = parts.map((part) => `${part.name}: ${part.got.text}`).join('; ');
console.log(
  `\nRESULT: ${reproduced === parts.length ? 'reproduced' : 'not reproduced'} — ${reproduced} of ${parts.length} parts: ${summary}`,
);
process.exit(reproduced === parts.length ? 0 : 1);
