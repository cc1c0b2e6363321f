#!/usr/bin/env node
// defect.tfjs-gpu-kernels (spec/conventions.md#defect.tfjs-gpu-kernels)
//
// TF.js's WebGL and WebGPU backends (4.22) deviate from TF.js's own rules, and from its CPU
// backend, in kernels of their own. The script loads TF.js (tfjs-core and the cpu, webgl and webgpu
// backends, their UMD builds from node_modules) into a headless Chromium page at http://localhost/
// (a secure context, as WebGPU requires), with SwiftShader for WebGL2 and WebGPU, and runs each part
// on the GPU backends and on cpu.
//
// Parts, with TF.js's own rule for each:
//
//  max-pool-floor      webgl, webgpu:
//                      tf.maxPool(x = [5, 6] as [1, 1, 2, 1], [1, 2], 1, [[0, 0], [0, 0], [0, 2], [0, 0]]),
//                      tf.maxPool(x = [-Infinity, -1e30] as [1, 1, 2, 1], [1, 2], 1, 'valid'),
//                      tf.maxPool3d(x = [-1e30, -1e30] as [1, 1, 1, 2, 1], [1, 1, 2], 1, 'valid'), and
//                      tf.maxPool(x = [NaN, NaN, 1, 2] as [1, 1, 4, 1], [1, 2], [1, 2], 'valid')
//                      Both start every window at -1e20 (webgl pool_gpu.ts `-1.0 / 1e-20`, webgpu
//                      pool_webgpu.ts `-1.0 / pow(10.0, -20.0)`).
//                      rule: a max pooling output is the largest value of its window, "the padded input
//                      values are ignored ... equivalent to the padded values being -infinity" (tf.nn
//                      "Notes on padding", https://www.tensorflow.org/api_docs/python/tf/nn, which TF.js's
//                      JSDoc for `pad` links); TF.js's CPU kernel starts at Number.NEGATIVE_INFINITY
//                      (tfjs-backend-cpu src/utils/pool_utils.ts) -> [6, 6, -Infinity], [-1e30], [-1e30]; max
//                      pooling ignores NaN (tfjs-core src/ops/max_pool_test.ts, ALL_ENVS, 'ignores NaNs'), so a
//                      window of NaN alone has no value, as an empty one -> [-Infinity, 2]
//  unit-window-pads    webgpu:
//                      tf.maxPool(x = [5, 6] as [1, 1, 2, 1], 1, 1, [[0, 0], [0, 0], [1, 1], [0, 0]]),
//                      tf.avgPool of the same, and tf.maxPool(x = [1, 2, 3] as [1, 1, 3, 1], 1, 3, 0, 'ceil'):
//                      the 1x1 kernel (pool_filtersizeone_webgpu.ts) reads x at the output position shifted
//                      by the pad and clamped to the input, ignoring the pads and a ceil-mode window past it
//                      rule: explicit pads count (conv_util.ts getPadAndOutInfo) and pools ignore padded
//                      values (as above) -> [-Infinity, 5, 6, -Infinity]; the average of no value is what
//                      the CPU backend gives, [NaN, 5, 6, NaN]; ceil rounding gives windows at 0 and 3, and 3
//                      is past the input -> [1, -Infinity]
//  pad-rank-5          webgl, webgpu:
//                      tf.pad(x = [1, 2, 3, 4] as [1, 1, 1, 2, 2], [[0, 0], [0, 0], [0, 0], [0, 0], [0, 1]])
//                      rule: tf.pad takes a tensor of any rank, `paddings` "An array of length R (the rank of
//                      the tensor)" (tfjs-core src/ops/pad.ts JSDoc); the CPU backend -> [1, 2, 0, 3, 4, 0]
//  depthwise-dilation-stride
//                      webgpu:
//                      tf.depthwiseConv2d(x = [1..10] as [1, 1, 5, 2], f = [1, 10, 100, 1000] as [1, 2, 2, 1],
//                        [1, 2], 'valid', 'NHWC', [1, 2])
//                      rule: tfjs-core src/ops/depthwise_conv2d.ts JSDoc, dilations: "If it is greater than
//                      1, then all values of `strides` must be 1." -> an error (the cpu and webgl kernels throw)
//  conv2d-nchw-few-channels
//                      webgpu:
//                      tf.conv2d(x = [0..257] as [1, 1, 1, 258], filter = [1, 10] as [1, 2, 1, 1], 1, 'valid', 'NCHW')
//                      throws "tileAHight 32 must be divisible by workgroupSize[1]4, ...": with more than 8
//                      blocks of 32 outputs (batch x ceil(outHeight x outWidth / 32) x ceil(outChannels / 32),
//                      Conv2D_impl.ts) the NCHW kernel is Conv2DMMProgram, whose workgroup for at most 4
//                      output channels is [16, 4] (computeWorkgroupSizeForConv2d) and fails the tile
//                      assertion of makeMatMulPackedSource (its A tile, 4 wide, is not a multiple of 16);
//                      the NHWC twin, and 257 outputs (8 blocks, the im2col kernel), are right
//                      rule: tf.conv2d takes dataFormat "NHWC" or "NCHW" (tfjs-core src/ops/conv2d.ts JSDoc,
//                      "An optional string from: "NHWC", "NCHW""); the CPU backend and the NHWC twin ->
//                      [10, 21, 32, ..., 2826] (x[i] + 10 x[i + 1])
//  nchw-batch-leak     webgpu:
//                      tf.conv2d(x = [1 x 70, NaN, 1 x 69] as [2, 1, 1, 70], filter = [0, 1] as [1, 2, 1, 1], 1,
//                        'valid', 'NCHW'), the same with Infinity for NaN
//                      gives NaN as batch entry 0's first output: NCHW runs on the im2col path
//                      (conv2dWithIm2Col, Conv2D_impl.ts) as filter x im2col matrix, batch broadcast, and
//                      with more than 128 products and few workgroups the matrix product is
//                      MatMulSmallOutputSizeProgram (batchMatMulImpl), whose tiles read the im2col matrix
//                      past the shared dimension (2 here) into entry 1's rows and multiply them by zero
//                      (0 x NaN and 0 x Infinity are NaN); the NHWC twin, whose product has the filter on
//                      the other side, is right
//                      rule: tf.conv2d takes dataFormat "NCHW" (src/ops/conv2d.ts JSDoc) and each output is
//                      the sum over its own window; the CPU backend and the NHWC twin -> [1, 1, ..., 1]
//                      for entry 0 (69 values), then [NaN, 1, ...] for entry 1
//  add-rank-5-vector   webgpu:
//                      tf.add(x = [1..1000] as [1, 1, 1, 500, 2], [10, 20])
//                      gives zeros: a rank-1 operand of fewer than 128 elements takes the shared-memory
//                      kernel (binary_op_webgpu.ts), which indexes its output coordinates as
//                      `coords[4]`, and a rank-5 coordinate is the struct vec5, which WGSL cannot index
//                      ("cannot index type 'vec5'"); the shader does not compile and the output keeps
//                      whatever its buffer held. x has 1000 elements so that the add runs on the GPU (with
//                      fewer, WEBGPU_CPU_FORWARD adds on the CPU, below WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD,
//                      1000); a result of a GPU kernel, such as tf.conv3d's, is on the GPU whatever its
//                      size; the rank-4 twin is right
//                      rule: tf.add "Supports broadcasting" (tfjs-core src/ops/add.ts JSDoc), and a rank-1
//                      tensor broadcasts along the last axis -> [11, 22, 13, 24, ..., 1009, 1020]
//
// Run: node examples/reproductions/defect.tfjs-gpu-kernels.mjs [part]
// Exit: 0 every part reproduces, 1 some part does not, 2 not runnable here (no playwright-core, no
//       Chromium, or no TF.js packages), 3 an unknown part.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const FLAGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];
const SCRIPTS = {
  'tf-core.min.js': '@tensorflow/tfjs-core/dist/tf-core.min.js',
  'tf-backend-cpu.min.js': '@tensorflow/tfjs-backend-cpu/dist/tf-backend-cpu.min.js',
  'tf-backend-webgl.min.js': '@tensorflow/tfjs-backend-webgl/dist/tf-backend-webgl.min.js',
  'tf-backend-webgpu.min.js': '@tensorflow/tfjs-backend-webgpu/dist/tf-backend-webgpu.min.js',
};

const notRunnable = (why) => {
  console.log(`not runnable here: ${why}`);
  process.exit(2);
};

let chromium;
const files = {};
try {
  ({ chromium } = require('playwright-core'));
  for (const [name, path] of Object.entries(SCRIPTS)) files[name] = readFileSync(require.resolve(path), 'utf8');
} catch (error) {
  notRunnable(
    `playwright-core and @tensorflow/tfjs-core, -backend-cpu, -backend-webgl and -backend-webgpu are needed (${error.message.split('\n')[0]})`,
  );
}
const executable = process.env.CHROMIUM ?? CHROMIUM.find((path) => existsSync(path));
if (executable === undefined) notRunnable(`no Chromium at ${CHROMIUM.join(', ')} (set CHROMIUM)`);

// Each part: the calls as printed, the calls as run in the page (source text of a function of tf),
// the backends it concerns, and the answers TF.js's rules give for each call.
const pad4 = (a, b, c, d) => `[[0, 0], [${a}, ${b}], [${c}, ${d}], [0, 0]]`;
const parts = {
  'max-pool-floor': {
    backends: ['webgl', 'webgpu'],
    calls: [
      `tf.maxPool(x = [5, 6] as [1, 1, 2, 1], [1, 2], 1, ${pad4(0, 0, 0, 2)})`,
      "tf.maxPool(x = [-Infinity, -1e30] as [1, 1, 2, 1], [1, 2], 1, 'valid')",
      "tf.maxPool3d(x = [-1e30, -1e30] as [1, 1, 1, 2, 1], [1, 1, 2], 1, 'valid')",
      "tf.maxPool(x = [NaN, NaN, 1, 2] as [1, 1, 4, 1], [1, 2], [1, 2], 'valid')",
    ],
    run: [
      `(tf) => tf.maxPool(tf.tensor4d([5, 6], [1, 1, 2, 1]), [1, 2], 1, ${pad4(0, 0, 0, 2)})`,
      "(tf) => tf.maxPool(tf.tensor4d([-Infinity, -1e30], [1, 1, 2, 1]), [1, 2], 1, 'valid')",
      "(tf) => tf.maxPool3d(tf.tensor5d([-1e30, -1e30], [1, 1, 1, 2, 1]), [1, 1, 2], 1, 'valid')",
      "(tf) => tf.maxPool(tf.tensor4d([NaN, NaN, 1, 2], [1, 1, 4, 1]), [1, 2], [1, 2], 'valid')",
    ],
    expected: [[6, 6, -Infinity], [Math.fround(-1e30)], [Math.fround(-1e30)], [-Infinity, 2]],
  },
  'unit-window-pads': {
    backends: ['webgpu'],
    calls: [
      `tf.maxPool(x = [5, 6] as [1, 1, 2, 1], 1, 1, ${pad4(0, 0, 1, 1)})`,
      `tf.avgPool(x = [5, 6] as [1, 1, 2, 1], 1, 1, ${pad4(0, 0, 1, 1)})`,
      "tf.maxPool(x = [1, 2, 3] as [1, 1, 3, 1], 1, 3, 0, 'ceil')",
    ],
    run: [
      `(tf) => tf.maxPool(tf.tensor4d([5, 6], [1, 1, 2, 1]), 1, 1, ${pad4(0, 0, 1, 1)})`,
      `(tf) => tf.avgPool(tf.tensor4d([5, 6], [1, 1, 2, 1]), 1, 1, ${pad4(0, 0, 1, 1)})`,
      "(tf) => tf.maxPool(tf.tensor4d([1, 2, 3], [1, 1, 3, 1]), 1, 3, 0, 'ceil')",
    ],
    expected: [
      [-Infinity, 5, 6, -Infinity],
      [NaN, 5, 6, NaN],
      [1, -Infinity],
    ],
  },
  'pad-rank-5': {
    backends: ['webgl', 'webgpu'],
    calls: ['tf.pad(x = [1, 2, 3, 4] as [1, 1, 1, 2, 2], [[0, 0], [0, 0], [0, 0], [0, 0], [0, 1]])'],
    run: ['(tf) => tf.pad(tf.tensor5d([1, 2, 3, 4], [1, 1, 1, 2, 2]), [[0, 0], [0, 0], [0, 0], [0, 0], [0, 1]])'],
    expected: [[1, 2, 0, 3, 4, 0]],
  },
  'depthwise-dilation-stride': {
    backends: ['webgpu'],
    calls: ["tf.depthwiseConv2d(x = [1..10] as [1, 1, 5, 2], f = [1, 10, 100, 1000] as [1, 2, 2, 1], [1, 2], 'valid', 'NHWC', [1, 2])"],
    run: [
      "(tf) => tf.depthwiseConv2d(tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1, 5, 2]), tf.tensor4d([1, 10, 100, 1000], [1, 2, 2, 1]), [1, 2], 'valid', 'NHWC', [1, 2])",
    ],
    expected: ['error'],
  },
  'conv2d-nchw-few-channels': {
    backends: ['webgpu'],
    calls: [
      "tf.conv2d(x = [0..257] as [1, 1, 1, 258], filter = [1, 10] as [1, 2, 1, 1], 1, 'valid', 'NCHW')",
      "tf.conv2d(x = [0..257] as [1, 1, 258, 1], filter = [1, 10] as [1, 2, 1, 1], 1, 'valid', 'NHWC') (the NHWC twin)",
      "tf.conv2d(x = [0..256] as [1, 1, 1, 257], filter = [1, 10] as [1, 2, 1, 1], 1, 'valid', 'NCHW') (256 outputs)",
    ],
    run: [
      "(tf) => tf.conv2d(tf.reshape(tf.range(0, 258), [1, 1, 1, 258]), tf.tensor4d([1, 10], [1, 2, 1, 1]), 1, 'valid', 'NCHW')",
      "(tf) => tf.conv2d(tf.reshape(tf.range(0, 258), [1, 1, 258, 1]), tf.tensor4d([1, 10], [1, 2, 1, 1]), 1, 'valid', 'NHWC')",
      "(tf) => tf.conv2d(tf.reshape(tf.range(0, 257), [1, 1, 1, 257]), tf.tensor4d([1, 10], [1, 2, 1, 1]), 1, 'valid', 'NCHW')",
    ],
    expected: [
      Array.from({ length: 257 }, (_, i) => i + 10 * (i + 1)),
      Array.from({ length: 257 }, (_, i) => i + 10 * (i + 1)),
      Array.from({ length: 256 }, (_, i) => i + 10 * (i + 1)),
    ],
  },
  'nchw-batch-leak': {
    backends: ['webgpu'],
    calls: [
      "tf.conv2d(x = [1 x 70, NaN, 1 x 69] as [2, 1, 1, 70], filter = [0, 1] as [1, 2, 1, 1], 1, 'valid', 'NCHW')",
      "tf.conv2d(x = [1 x 70, Infinity, 1 x 69] as [2, 1, 1, 70], filter = [0, 1] as [1, 2, 1, 1], 1, 'valid', 'NCHW')",
      "tf.conv2d(x = [1 x 70, NaN, 1 x 69] as [2, 1, 70, 1], filter = [0, 1] as [1, 2, 1, 1], 1, 'valid', 'NHWC') (the NHWC twin)",
    ],
    run: [
      "(tf) => tf.conv2d(tf.tensor4d([...Array(70).fill(1), NaN, ...Array(69).fill(1)], [2, 1, 1, 70]), tf.tensor4d([0, 1], [1, 2, 1, 1]), 1, 'valid', 'NCHW')",
      "(tf) => tf.conv2d(tf.tensor4d([...Array(70).fill(1), Infinity, ...Array(69).fill(1)], [2, 1, 1, 70]), tf.tensor4d([0, 1], [1, 2, 1, 1]), 1, 'valid', 'NCHW')",
      "(tf) => tf.conv2d(tf.tensor4d([...Array(70).fill(1), NaN, ...Array(69).fill(1)], [2, 1, 70, 1]), tf.tensor4d([0, 1], [1, 2, 1, 1]), 1, 'valid', 'NHWC')",
    ],
    // entry 0: 69 ones; entry 1: 0 x NaN (or 0 x Infinity) + 1 first, then ones
    expected: [
      [...Array(69).fill(1), NaN, ...Array(68).fill(1)],
      [...Array(69).fill(1), NaN, ...Array(68).fill(1)],
      [...Array(69).fill(1), NaN, ...Array(68).fill(1)],
    ],
  },
  'add-rank-5-vector': {
    backends: ['webgpu'],
    calls: ['tf.add(x = [1..1000] as [1, 1, 1, 500, 2], [10, 20])', 'tf.add(x = [1..1000] as [1, 1, 500, 2], [10, 20]) (the rank-4 twin)'],
    run: [
      '(tf) => tf.add(tf.reshape(tf.range(1, 1001), [1, 1, 1, 500, 2]), tf.tensor1d([10, 20]))',
      '(tf) => tf.add(tf.reshape(tf.range(1, 1001), [1, 1, 500, 2]), tf.tensor1d([10, 20]))',
    ],
    expected: [
      Array.from({ length: 1000 }, (_, i) => i + 1 + (i % 2 === 0 ? 10 : 20)),
      Array.from({ length: 1000 }, (_, i) => i + 1 + (i % 2 === 0 ? 10 : 20)),
    ],
  },
};

const [partArg] = process.argv.slice(2);
if (partArg !== undefined && parts[partArg] === undefined) {
  console.log(`unknown part ${partArg}; parts: ${Object.keys(parts).join(', ')}`);
  process.exit(3);
}
const selected = partArg !== undefined ? [partArg] : Object.keys(parts);

const browser = await chromium
  .launch({ executablePath: executable, args: FLAGS })
  .catch((error) => notRunnable(`Chromium did not start: ${error.message.split('\n')[0]}`));
let results;
try {
  const page = await browser.newPage();
  const page_ = ['<!doctype html>', ...Object.keys(SCRIPTS).map((name) => `<script src="/${name}"></script>`)].join('\n');
  await page.route('http://localhost/**', (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: page_ });
    if (files[name] !== undefined) return route.fulfill({ contentType: 'text/javascript', body: files[name] });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto('http://localhost/index.html');
  // The calls of the selected parts, as functions of tf, defined in the page by a script of their own.
  const calls = selected.map((name) => `${JSON.stringify(name)}: [${parts[name].run.join(', ')}]`).join(',\n');
  await page.addScriptTag({ content: `globalThis.reproCalls = {\n${calls}\n};` });
  // Every call runs in the page on each backend; an answer is its shape and values as text (NaN and
  // infinities survive), or the first line of the error it threw.
  results = await page.evaluate(async () => {
    const tf = globalThis.tf;
    const out = { version: tf.version_core, backends: {}, answers: {} };
    for (const backend of ['cpu', 'webgl', 'webgpu']) {
      out.backends[backend] = await tf.setBackend(backend).catch(() => false);
      if (!out.backends[backend]) continue;
      await tf.ready();
      for (const [part, calls] of Object.entries(globalThis.reproCalls)) {
        for (const [i, call] of calls.entries()) {
          let answer;
          try {
            const y = call(tf);
            answer = { shape: y.shape, data: Array.from(await y.data(), String) };
          } catch (error) {
            answer = { error: String(error.message).split('\n')[0] };
          }
          out.answers[`${part}/${i}/${backend}`] = answer;
        }
      }
    }
    return out;
  });
} finally {
  await browser.close();
}

for (const backend of ['webgl', 'webgpu'])
  if (!results.backends[backend]) notRunnable(`the page has no ${backend} backend (TF.js could not initialise it)`);
console.log(`framework: TF.js ${results.version} (tfjs-core), backends cpu, webgl, webgpu; Chromium ${browser.version()} with SwiftShader`);

// Long outputs are shown by their first six and last two values.
const abridged = (values) =>
  values.length <= 12
    ? `[${values.join(', ')}]`
    : `[${values.slice(0, 6).join(', ')}, ..., ${values.slice(-2).join(', ')}] (${values.length} values)`;
const show = (answer) =>
  answer.error !== undefined ? `throws "${answer.error}"` : `shape [${answer.shape.join(', ')}] ${abridged(answer.data)}`;
const matches = (answer, want) =>
  want === 'error'
    ? answer.error !== undefined
    : answer.error === undefined && answer.data.length === want.length && answer.data.every((v, i) => Object.is(Number(v), want[i]));
const outcome = {};
const brief = {};
for (const name of selected) {
  const part = parts[name];
  console.log(`\npart ${name} (${part.backends.join(', ')}):`);
  const deviations = [];
  let cpuAgrees = true;
  part.calls.forEach((call, i) => {
    const want = part.expected[i];
    if (!matches(results.answers[`${name}/${i}/cpu`], want)) cpuAgrees = false;
    console.log(`  ${call}`);
    console.log(`    expected:  ${want === 'error' ? 'an error' : abridged(want)}   (cpu: ${show(results.answers[`${name}/${i}/cpu`])})`);
    for (const backend of part.backends) {
      const answer = results.answers[`${name}/${i}/${backend}`];
      console.log(`    ${backend.padEnd(7)}    ${show(answer)}`);
      if (!matches(answer, want))
        deviations.push(`${backend} ${answer.error !== undefined ? `throws "${answer.error}"` : abridged(answer.data)}`);
    }
  });
  // The part reproduces when the cpu backend answers every call as TF.js's rule says (so that the
  // calls themselves are sound) and every backend the part names deviates in at least one call.
  outcome[name] = cpuAgrees && part.backends.every((backend) => deviations.some((d) => d.startsWith(backend)));
  brief[name] = deviations.join('; ');
  console.log(`  => ${outcome[name] ? 'reproduced' : 'not reproduced'}`);
}

const reproduced = selected.filter((n) => outcome[n]);
const ok = reproduced.length === selected.length;
const observed = selected.map((n) => `${n}: ${brief[n] || 'as expected'}${outcome[n] ? '' : ' (not reproduced)'}`).join('; ');
console.log(`\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ${reproduced.length} of ${selected.length} parts: ${observed}`);
process.exit(ok ? 0 : 1);
