#!/usr/bin/env node
// defect.tfjs-wasm-pooling (spec/conventions.md#defect.tfjs-wasm-pooling)
//
// The wasm backend of TF.js (4.22, on XNNPACK) deviates from its own cpu backend and from TF.js's
// rules in several ways, each of which reproduces as the first call of a fresh process
// (examples/stdio-tfjs/README.md, "Known deviations of the wasm backend", gives the analysis).
// This script checks every part of the clause; each part runs in a fresh Node process (on wasm,
// then on cpu for comparison), because some parts leave stale heap values or a broken module.
//
// Parts, with TF.js's own rule for each:
//
//  same-conv-stride    tf.conv2d(x = [1..6] as [1, 1, 6, 1], w = [1, 10] as [1, 2, 1, 1], [1, 3], 'same')
//                      rule: tfjs-core src/ops/conv_util.ts getPadAndOutInfo, 'same':
//                        padAlongWidth = Math.max(0, (outWidth - 1) * strideWidth + filterWidth - inWidth)
//                      (https://www.tensorflow.org/api_docs/python/tf/nn "Notes on padding": pad_along_width =
//                      max(filter_width - (in_width % stride_width), 0)) -> pad 0, windows at 0 and 3: [21, 54]
//  unit-window-pads    tf.maxPool(x = [5, 6] as [1, 1, 2, 1], 1, 1, [[0, 0], [0, 0], [1, 1], [0, 0]])
//                      rule: explicit pads count (conv_util.ts getPadAndOutInfo, explicit branch:
//                        outWidth = round((inWidth - filterWidth + left + right) / strideWidth + 1)) and
//                      "In case of pools, the padded input values are ignored ... equivalent to the padded
//                      values being -infinity" (tf.nn "Notes on padding") -> [-Infinity, 5, 6, -Infinity]
//  unit-window-ceil    tf.maxPool(x = [1, 2, 3, 4] as [1, 2, 2, 1], 1, 2, 0, 'ceil')
//                      rule: ceil rounding gives a 2x2 output (conv_util.ts round(), 'ceil'); windows at
//                      rows/columns 0 and 2, and 2 is past the input -> [1, -Infinity, -Infinity, -Infinity]
//                      (the cpu backend answers [1, 2, 3, 4]: defect.tfjs-unit-window-shortcut)
//  ceil-stale          tf.maxPool(x = [1..16] as [1, 4, 4, 1], 3, 2, 0, 'ceil')
//                      rule: as above, a 2x2 output whose windows start at 0 and 2 -> [11, 12, 15, 16]
//  maxpool3d-flt-min   tf.maxPool3d(x = [0] as [1, 1, 1, 1, 1], 1, 1, 'valid'), and
//                      tf.maxPool3d(x = [-1, -2, -3] as [1, 1, 1, 3, 1], [1, 1, 2], 1, 'valid')
//                      rule: tfjs-core src/ops/max_pool_3d_test.ts (ALL_ENVS)
//                        'x=[1,1,1,1,1] f=[1,1,1] s=1 [0] => [0]' -> [0], and [-1, -2]
//  maxpool-nan         tf.maxPool(x = [NaN, -Infinity, Infinity] as [1, 1, 3, 1], [1, 3], 1, 'valid')
//                      rule: tfjs-core src/ops/max_pool_test.ts (ALL_ENVS)
//                        '[x=[3,3,1] f=[2,2] s=1 ignores NaNs' -> [Infinity]
//  avgpool-nan         tf.avgPool(x = [2, NaN, 4, 1] as [1, 1, 4, 1], [1, 4], 1, 'valid'), and the same
//                      window on [Infinity, -Infinity, 1, 2]
//                      rule: tfjs-core src/ops/avg_pool_test.ts (ALL_ENVS)
//                        'x=[3,3,1] f=[2,2] s=1 propagates NaNs' -> [NaN], and NaN (Infinity + -Infinity)
//  empty-window        tf.maxPool(x = [5, 7] as [1, 1, 2, 1], [1, 2], 1, [[0, 0], [0, 1], [0, 0], [0, 0]]), and
//                      tf.avgPool of x = [0, 0] the same way
//                      rule: pools ignore padded values, "equivalent to the padded values being -infinity"
//                      (tf.nn "Notes on padding"): the window of row 1 holds padding only -> [7, -Infinity];
//                      its average has no value -> [0, NaN] (what the cpu backend gives)
//  depthwise-dilation-stride
//                      tf.depthwiseConv2d(x = [1..10] as [1, 1, 5, 2], f = [1, 10, 100, 1000] as [1, 2, 2, 1],
//                        [1, 2], 'valid', 'NHWC', [1, 2])
//                      rule: tfjs-core src/ops/depthwise_conv2d.ts JSDoc, dilations: "If it is greater than
//                      1, then all values of `strides` must be 1." -> an error (the cpu kernel throws)
//  output-size-trap    tf.maxPool(x = zeros [1, 1, 2, 2], [1, 3], 1, 'valid')
//                      rule: the output size ceil((2 - 3 + 1) / 1) = 0 is allowed by TF.js (conv_util.ts does
//                      not refuse it; the cpu backend answers an empty [1, 1, 0, 2]) -> an empty tensor,
//                      not a trap ("memory access out of bounds")
//  module-unusable-after-trap
//                      tf.avgPool(x = zeros [2, 3, 1, 1], [5, 1], [1, 2], 'valid') (traps), then the valid
//                      tf.maxPool(x = [1..9] as [1, 3, 3, 1], 2, 1, 'valid') in the same process
//                      rule: the second call is valid -> [5, 6, 8, 9]
//
// Run: node examples/reproductions/defect.tfjs-wasm-pooling.mjs           (every part)
//      node examples/reproductions/defect.tfjs-wasm-pooling.mjs <part>    (one part, wasm then cpu)
// Exit: 0 every part reproduces, 1 some part does not, 2 TF.js or its wasm backend is not installed,
//       3 an unknown part.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const range = (n) => Array.from({ length: n }, (_, i) => i + 1);
const explicitPads = (top, bottom, left, right) => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

// Each part: the calls as printed, the calls as run (in order, in one fresh process), and the answers
// TF.js's rules give for each compared call (every call, or only the first or the last one).
const parts = {
  'same-conv-stride': {
    calls: ["tf.conv2d(x = [1..6] as [1, 1, 6, 1], w = [1, 10] as [1, 2, 1, 1], [1, 3], 'same')"],
    run: [(tf) => tf.conv2d(tf.tensor4d(range(6), [1, 1, 6, 1]), tf.tensor4d([1, 10], [1, 2, 1, 1]), [1, 3], 'same')],
    expected: [[21, 54]],
  },
  'unit-window-pads': {
    calls: ['tf.maxPool(x = [5, 6] as [1, 1, 2, 1], 1, 1, [[0, 0], [0, 0], [1, 1], [0, 0]])'],
    run: [(tf) => tf.maxPool(tf.tensor4d([5, 6], [1, 1, 2, 1]), 1, 1, explicitPads(0, 0, 1, 1))],
    expected: [[-Infinity, 5, 6, -Infinity]],
  },
  'unit-window-ceil': {
    calls: ["tf.maxPool(x = [1, 2, 3, 4] as [1, 2, 2, 1], 1, 2, 0, 'ceil')"],
    run: [(tf) => tf.maxPool(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), 1, 2, 0, 'ceil')],
    expected: [[1, -Infinity, -Infinity, -Infinity]],
  },
  'ceil-stale': {
    calls: ["tf.maxPool(x = [1..16] as [1, 4, 4, 1], 3, 2, 0, 'ceil')"],
    run: [(tf) => tf.maxPool(tf.tensor4d(range(16), [1, 4, 4, 1]), 3, 2, 0, 'ceil')],
    expected: [[11, 12, 15, 16]],
  },
  'maxpool3d-flt-min': {
    calls: [
      "tf.maxPool3d(x = [0] as [1, 1, 1, 1, 1], 1, 1, 'valid')",
      "tf.maxPool3d(x = [-1, -2, -3] as [1, 1, 1, 3, 1], [1, 1, 2], 1, 'valid')",
    ],
    run: [
      (tf) => tf.maxPool3d(tf.tensor5d([0], [1, 1, 1, 1, 1]), 1, 1, 'valid'),
      (tf) => tf.maxPool3d(tf.tensor5d([-1, -2, -3], [1, 1, 1, 3, 1]), [1, 1, 2], 1, 'valid'),
    ],
    expected: [[0], [-1, -2]],
  },
  'maxpool-nan': {
    calls: ["tf.maxPool(x = [NaN, -Infinity, Infinity] as [1, 1, 3, 1], [1, 3], 1, 'valid')"],
    run: [(tf) => tf.maxPool(tf.tensor4d([NaN, -Infinity, Infinity], [1, 1, 3, 1]), [1, 3], 1, 'valid')],
    expected: [[Infinity]],
  },
  'avgpool-nan': {
    calls: [
      "tf.avgPool(x = [2, NaN, 4, 1] as [1, 1, 4, 1], [1, 4], 1, 'valid')",
      "tf.avgPool(x = [Infinity, -Infinity, 1, 2] as [1, 1, 4, 1], [1, 4], 1, 'valid')",
    ],
    run: [
      (tf) => tf.avgPool(tf.tensor4d([2, NaN, 4, 1], [1, 1, 4, 1]), [1, 4], 1, 'valid'),
      (tf) => tf.avgPool(tf.tensor4d([Infinity, -Infinity, 1, 2], [1, 1, 4, 1]), [1, 4], 1, 'valid'),
    ],
    expected: [[NaN], [NaN]],
  },
  'empty-window': {
    calls: [
      'tf.maxPool(x = [5, 7] as [1, 1, 2, 1], [1, 2], 1, [[0, 0], [0, 1], [0, 0], [0, 0]])',
      'tf.avgPool(x = [0, 0] as [1, 1, 2, 1], [1, 2], 1, [[0, 0], [0, 1], [0, 0], [0, 0]])',
    ],
    run: [
      (tf) => tf.maxPool(tf.tensor4d([5, 7], [1, 1, 2, 1]), [1, 2], 1, explicitPads(0, 1, 0, 0)),
      (tf) => tf.avgPool(tf.tensor4d([0, 0], [1, 1, 2, 1]), [1, 2], 1, explicitPads(0, 1, 0, 0)),
    ],
    expected: [
      [7, -Infinity],
      [0, NaN],
    ],
  },
  'depthwise-dilation-stride': {
    calls: ["tf.depthwiseConv2d(x = [1..10] as [1, 1, 5, 2], f = [1, 10, 100, 1000] as [1, 2, 2, 1], [1, 2], 'valid', 'NHWC', [1, 2])"],
    run: [
      (tf) =>
        tf.depthwiseConv2d(
          tf.tensor4d(range(10), [1, 1, 5, 2]),
          tf.tensor4d([1, 10, 100, 1000], [1, 2, 2, 1]),
          [1, 2],
          'valid',
          'NHWC',
          [1, 2],
        ),
    ],
    expected: ['error'],
  },
  'output-size-trap': {
    // The valid call after it is reported, not compared: after this trap the module still answers.
    calls: [
      "tf.maxPool(x = zeros [1, 1, 2, 2], [1, 3], 1, 'valid'), then (reported only)",
      "tf.maxPool(x = [1..9] as [1, 3, 3, 1], 2, 1, 'valid')",
    ],
    run: [
      (tf) => tf.maxPool(tf.zeros([1, 1, 2, 2]), [1, 3], 1, 'valid'),
      (tf) => tf.maxPool(tf.tensor4d(range(9), [1, 3, 3, 1]), 2, 1, 'valid'),
    ],
    compare: 'first',
    expected: [[]],
    expectedText: ['an empty tensor of shape [1, 1, 0, 2]'],
  },
  'module-unusable-after-trap': {
    calls: ["tf.avgPool(x = zeros [2, 3, 1, 1], [5, 1], [1, 2], 'valid'), then", "tf.maxPool(x = [1..9] as [1, 3, 3, 1], 2, 1, 'valid')"],
    run: [
      (tf) => tf.avgPool(tf.zeros([2, 3, 1, 1]), [5, 1], [1, 2], 'valid'),
      (tf) => tf.maxPool(tf.tensor4d(range(9), [1, 3, 3, 1]), 2, 1, 'valid'),
    ],
    compare: 'last',
    expected: [[5, 6, 8, 9]],
  },
};

const [partArg, backendArg] = process.argv.slice(2);

// Child mode: run one part on one backend as the first calls of this process, print JSON.
if (backendArg !== undefined) {
  const tf = await import('@tensorflow/tfjs-core');
  await import(`@tensorflow/tfjs-backend-${backendArg}`);
  tf.enableProdMode(); // silences the "use tfjs-node" banner only
  await tf.setBackend(backendArg);
  const answers = [];
  // The calls run one after the other, each caught, so that a trap does not stop the next call.
  for (const call of parts[partArg].run) {
    try {
      const y = call(tf);
      answers.push({ shape: y.shape, data: Array.from(await y.data(), String) });
    } catch (error) {
      answers.push({ error: error.message.split('\n')[0] });
    }
  }
  console.log(JSON.stringify(answers));
  process.exit(0);
}

// Parent mode.
let tf, cpu, wasm;
try {
  tf = await import('@tensorflow/tfjs-core');
  cpu = await import('@tensorflow/tfjs-backend-cpu');
  wasm = await import('@tensorflow/tfjs-backend-wasm');
} catch (error) {
  console.log(`not runnable here: @tensorflow/tfjs-core, -backend-cpu and -backend-wasm are needed (${error.message.split('\n')[0]})`);
  process.exit(2);
}
console.log(`framework: TF.js ${tf.version_core} (tfjs-core), backends wasm ${wasm.version_wasm}, cpu ${cpu.version_cpu}`);
console.log('each part runs in a fresh Node process, on wasm then on cpu');

const self = fileURLToPath(import.meta.url);
function child(part, backend) {
  const r = spawnSync(process.execPath, [self, part, backend], { encoding: 'utf8', timeout: 60_000 });
  if (r.error?.code === 'ETIMEDOUT') return { hung: true };
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return { answers: JSON.parse(line) };
  } catch {
    return { crashed: `exit ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0] ?? ''}` };
  }
}
const values = (answer) => answer.data.map(Number);
const show = (answer) =>
  answer.error !== undefined ? `throws "${answer.error}"` : `shape [${answer.shape.join(', ')}] [${answer.data.join(', ')}]`;
const matches = (answer, want) =>
  want === 'error'
    ? answer.error !== undefined
    : answer.error === undefined && values(answer).length === want.length && values(answer).every((v, i) => Object.is(v, want[i]));

const selected = partArg !== undefined ? [partArg] : Object.keys(parts);
const outcome = {};
const brief = {};
for (const name of selected) {
  const part = parts[name];
  if (part === undefined) {
    console.log(`unknown part ${name}; parts: ${Object.keys(parts).join(', ')}`);
    process.exit(3);
  }
  const w = child(name, 'wasm');
  const c = child(name, 'cpu');
  console.log(`\npart ${name}: ${part.calls.join('\n    ')}`);
  if (w.answers === undefined) {
    console.log(`  wasm: ${w.hung ? 'no answer within 60 s' : w.crashed}`);
    outcome[name] = false;
    brief[name] = w.hung ? 'no answer within 60 s' : w.crashed;
    continue;
  }
  const pick = (answers) => (part.compare === 'first' ? answers.slice(0, 1) : part.compare === 'last' ? answers.slice(-1) : answers);
  const compared = pick(w.answers);
  const cpuCompared = c.answers === undefined ? [] : pick(c.answers);
  if (part.compare === 'last') console.log(`  first call:    wasm ${show(w.answers[0])}${c.answers ? `; cpu ${show(c.answers[0])}` : ''}`);
  let deviates = true;
  compared.forEach((answer, i) => {
    const want = part.expected[i];
    const wantText = part.expectedText?.[i] ?? (want === 'error' ? 'an error' : `[${want.join(', ')}]`);
    console.log(`  gives (wasm):  ${show(answer)}`);
    console.log(`  expected:      ${wantText}${cpuCompared[i] ? `   (cpu: ${show(cpuCompared[i])})` : ''}`);
    if (matches(answer, want)) deviates = false;
  });
  if (part.compare === 'first') console.log(`  then (wasm):   ${show(w.answers[1])}`);
  outcome[name] = deviates;
  brief[name] = compared.map((a) => (a.error !== undefined ? `throws "${a.error}"` : `[${a.data.join(', ')}]`)).join(' and ');
  console.log(`  => ${deviates ? 'reproduced' : 'not reproduced'}`);
}

const reproduced = selected.filter((n) => outcome[n]);
const missing = selected.filter((n) => !outcome[n]);
const ok = missing.length === 0;
const observed = selected.map((n) => `${n} ${brief[n]}${outcome[n] ? '' : ' (not reproduced)'}`).join('; ');
console.log(`\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ${reproduced.length} of ${selected.length} parts: ${observed}`);
process.exit(ok ? 0 : 1);
