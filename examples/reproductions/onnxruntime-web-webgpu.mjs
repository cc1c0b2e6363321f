#!/usr/bin/env node
// What the onnxruntime-web-webgpu adapter's failures come from (examples/expectations/onnxruntime-web-webgpu.json),
// shown with ONNX Runtime Web alone (nothing from cnnspec): one-node ONNX models (IR 10, opset 21)
// built in Node with onnx-proto and run in headless Chromium (SwiftShader's WebGPU) on the WebGPU
// execution provider of `onnxruntime-web/webgpu` 1.30, the CPU fallback disabled, each next to the
// same model on the wasm (CPU) provider. None of these has a defect clause yet; each part prints
// ONNX's own rule it breaks.
//
// end-pad: Conv with stride 1, zero begin pads and a positive end pad on the last axis, on some
//   shapes (two images; one 2x2 image): the output is the unpadded result laid out flat, the
//   padded positions all at the end, with a kernel of 1 or 2. Not every such shape: one image of
//   one row, strides of 2 and 3-D convolutions come out right. ONNX Conv (onnx/defs/nn/defs.cc):
//   `pads` "the padding for the beginning and ending along each spatial axis ... the number of
//   pixels added to the beginning and end part of the corresponding axis"; the output at batch n,
//   position i reads only input image n.
// grouped-transpose: ConvTranspose with group > 1, one output channel per group and more than one
//   input channel per group: every group after the first reads the wrong weights. ONNX
//   ConvTranspose: `group` "number of groups input channels and output channels are divided into";
//   W has shape (C x M/group x kH x kW), group g using input channels g·C/group .. (g+1)·C/group - 1.
// groups-not-dividing: Conv with C = 3 input channels and group = 2 (W of shape [2, 1, 1]) is run
//   instead of refused. ONNX Conv: W is (M x C/group x kH x kW), "C is the number of channels";
//   ONNX Runtime's CPU provider refuses it ("Input channels C is not equal to kernel channels * group").
// transposed-weight: ConvTranspose fed by a Transpose of its weight (a graph input), group 2 and
//   output_shape, fails at session creation in the layout transformer ("PermuteDims ... Permutation
//   length 4 does not match rank 3"); the same graph runs on wasm. A valid ONNX graph.
//
// Run: node examples/reproductions/onnxruntime-web-webgpu.mjs [chromium path]
// Exit: 0 every part reproduces, 1 some part does not, 2 not runnable here (no Chromium, no WebGPU
// adapter, or a package missing).

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let chromium;
let onnx;
let ortDist;
try {
  ({ chromium } = await import('playwright-core'));
  ({ onnx } = require('onnx-proto'));
  // the package exports no ./package.json: its main file is dist/ort.node.min.js
  ortDist = dirname(require.resolve('onnxruntime-web'));
} catch (error) {
  console.log(`not runnable here: playwright-core, onnx-proto and onnxruntime-web are needed (${error.message.split('\n')[0]})`);
  process.exit(2);
}
const ortVersion = JSON.parse(await readFile(join(ortDist, '..', 'package.json'), 'utf8')).version;

/** A one-node model: float inputs `x0, x1, ...` of static shapes (or a Transpose of x1 into W). */
function model(opType, attributes, shapes, { transposeWeight } = {}) {
  const A = onnx.AttributeProto.AttributeType;
  const attribute = Object.entries(attributes).map(([name, v]) =>
    typeof v === 'number' ? { name, type: A.INT, i: v } : { name, type: A.INTS, ints: v },
  );
  const info = (name, shape) => ({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        ...(shape ? { shape: { dim: shape.map((dimValue) => ({ dimValue })) } } : {}),
      },
    },
  });
  const names = shapes.map((_, i) => `x${i}`);
  const node = [];
  if (transposeWeight)
    node.push({ opType: 'Transpose', input: ['x1'], output: ['w'], attribute: [{ name: 'perm', type: A.INTS, ints: transposeWeight }] });
  node.push({ opType, input: transposeWeight ? ['x0', 'w'] : names, output: ['y'], attribute });
  const graph = { name: 'repro', node, input: shapes.map((shape, i) => info(names[i], shape)), output: [info('y')] };
  const proto = onnx.ModelProto.create({ irVersion: 10, opsetImport: [{ domain: '', version: 21 }], graph });
  return Array.from(onnx.ModelProto.encode(proto).finish());
}

const cases = {
  'end-pad': {
    call: 'Conv(x = [1, 2] as [2, 1, 1] (two images of one element), w = [1] as [1, 1, 1], pads = [0, 1])',
    expected: '[1, 0, 2, 0] (image 0: 1, then the pad; image 1: 2, then the pad)',
    model: model('Conv', { pads: [0, 1] }, [
      [2, 1, 1],
      [1, 1, 1],
    ]),
    feeds: [
      [
        [1, 2],
        [2, 1, 1],
      ],
      [[1], [1, 1, 1]],
    ],
    reproduced: (y) => y.data !== undefined && y.data.join() === '1,2,0,0',
  },
  'end-pad, kernel 2': {
    call: 'Conv(x = [[1, 2], [3, 4]] as [2, 1, 2], w = [1, 1] as [1, 1, 2], pads = [0, 1])',
    expected: '[3, 2, 7, 4] (image 0: 1 + 2, 2 + pad; image 1: 3 + 4, 4 + pad)',
    model: model('Conv', { pads: [0, 1] }, [
      [2, 1, 2],
      [1, 1, 2],
    ]),
    feeds: [
      [
        [1, 2, 3, 4],
        [2, 1, 2],
      ],
      [
        [1, 1],
        [1, 1, 2],
      ],
    ],
    reproduced: (y) => y.data !== undefined && y.data.join() === '3,7,0,0',
  },
  'grouped-transpose': {
    call: 'ConvTranspose(x = [1, 2, 3, 4] as [1, 4, 1], w = [1, 10, 100, 1000] as [4, 1, 1], group = 2)',
    expected: '[21, 4300] (group 0: 1·1 + 2·10; group 1: 3·100 + 4·1000)',
    model: model('ConvTranspose', { group: 2 }, [
      [1, 4, 1],
      [4, 1, 1],
    ]),
    feeds: [
      [
        [1, 2, 3, 4],
        [1, 4, 1],
      ],
      [
        [1, 10, 100, 1000],
        [4, 1, 1],
      ],
    ],
    reproduced: (y) => y.data !== undefined && y.data[0] === 21 && y.data[1] !== 4300,
  },
  'groups-not-dividing': {
    call: 'Conv(x = 1..12 as [1, 3, 4], w = [1, 1] as [2, 1, 1], group = 2)',
    expected: 'an error: 3 input channels do not divide into 2 groups',
    model: model('Conv', { group: 2 }, [
      [1, 3, 4],
      [2, 1, 1],
    ]),
    feeds: [
      [Array.from({ length: 12 }, (_, i) => i + 1), [1, 3, 4]],
      [
        [1, 1],
        [2, 1, 1],
      ],
    ],
    reproduced: (y) => y.data !== undefined,
  },
  'transposed-weight': {
    call: 'ConvTranspose(x as [1, 4, 4, 2], Transpose(w as [3, 1, 1, 4], perm = [3, 2, 0, 1]), group = 2, kernel_shape = [3, 1], dilations = [2, 2], output_shape = [7, 1])',
    expected: 'a session and an answer of shape [1, 2, 7, 1], as the same graph gives on wasm',
    model: model(
      'ConvTranspose',
      { group: 2, kernel_shape: [3, 1], dilations: [2, 2], strides: [1, 1], output_shape: [7, 1] },
      [
        [1, 4, 4, 2],
        [3, 1, 1, 4],
      ],
      { transposeWeight: [3, 2, 0, 1] },
    ),
    feeds: [
      [Array.from({ length: 32 }, (_, i) => (i % 5) - 2), [1, 4, 4, 2]],
      [Array.from({ length: 12 }, (_, i) => (i % 3) - 1), [3, 1, 1, 4]],
    ],
    reproduced: (y) => y.error !== undefined && /PermuteDims/.test(y.error),
  },
};

// The page: ONNX Runtime Web's own ES module, served from the installed package at http://localhost/
// (WebGPU needs a secure context), one thread (the page is not cross-origin isolated).
async function inPage(list) {
  const ort = await import('/ort/ort.webgpu.min.mjs');
  ort.env.wasm.wasmPaths = '/ort/';
  ort.env.wasm.numThreads = 1;
  const adapter = navigator.gpu ? await navigator.gpu.requestAdapter() : null;
  if (adapter === null) return { noWebgpu: navigator.gpu ? 'requestAdapter() returned null' : 'navigator.gpu is undefined' };
  const results = {};
  for (const [name, { model, feeds }] of list) {
    for (const ep of ['webgpu', 'wasm']) {
      try {
        const options = {
          executionProviders: [ep],
          logSeverityLevel: 4,
          extra: { session: { disable_cpu_ep_fallback: ep === 'webgpu' ? '1' : '0' } },
        };
        const session = await ort.InferenceSession.create(Uint8Array.from(model), options);
        const input = Object.fromEntries(
          feeds.map(([data, shape], i) => [`x${i}`, new ort.Tensor('float32', Float32Array.from(data), shape)]),
        );
        const { y } = await session.run(input);
        results[`${name} ${ep}`] = { shape: Array.from(y.dims), data: Array.from(y.data) };
        await session.release();
      } catch (error) {
        results[`${name} ${ep}`] = { error: String(error.message).split('\n')[0] };
      }
    }
  }
  return { results };
}

const executablePath = process.argv[2] ?? '/usr/bin/chromium';
let browser;
try {
  browser = await chromium.launch({
    executablePath,
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'],
  });
} catch (error) {
  console.log(`not runnable here: cannot start Chromium at ${executablePath} (${error.message.split('\n')[0]})`);
  process.exit(2);
}
console.log(`framework: ONNX Runtime Web ${ortVersion} (onnxruntime-web/webgpu), WebGPU execution provider, in ${browser.version()}`);
const page = await browser.newPage();
await page.route('http://localhost/**', async (route) => {
  const { pathname } = new URL(route.request().url());
  if (pathname === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html>' });
  if (!pathname.startsWith('/ort/')) return route.fulfill({ status: 404, body: '' });
  const file = join(ortDist, pathname.slice('/ort/'.length));
  const contentType = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
  return route.fulfill({ contentType, body: await readFile(file).catch(() => '') });
});
await page.goto('http://localhost/');
const list = Object.entries(cases).map(([name, c]) => [name, { model: c.model, feeds: c.feeds }]);
const answer = await page.evaluate(inPage, list);
await browser.close();
if (answer.noWebgpu !== undefined) {
  console.log(`not runnable here: no WebGPU adapter in the page (${answer.noWebgpu})`);
  process.exit(2);
}

const show = (r) => (r.error !== undefined ? `fails: ${r.error.slice(0, 240)}` : `shape [${r.shape.join(', ')}] [${r.data.join(', ')}]`);
let all = true;
for (const [name, c] of Object.entries(cases)) {
  const gpu = answer.results[`${name} webgpu`];
  const wasm = answer.results[`${name} wasm`];
  const ok = c.reproduced(gpu);
  all &&= ok;
  console.log(`\n${name}: ${c.call}`);
  console.log(`  webgpu gives: ${show(gpu)}`);
  console.log(`  wasm gives:   ${show(wasm)}`);
  console.log(`  expected:     ${c.expected}`);
  console.log(`  ${ok ? 'reproduced' : 'NOT reproduced'}`);
}
console.log(`\nRESULT: ${all ? 'reproduced — every part' : 'not reproduced — see the parts above'}`);
process.exit(all ? 0 : 1);
