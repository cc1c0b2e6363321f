#!/usr/bin/env node
// defect.onnxruntime-webgpu-kernels (spec/conventions.md#defect.onnxruntime-webgpu-kernels), shown
// with ONNX Runtime Web alone (nothing from cnnspec): one-node ONNX models (IR 10, opset 21) built
// in Node with onnx-proto and run in headless Chromium (SwiftShader's WebGPU) on the WebGPU
// execution provider of `onnxruntime-web/webgpu` 1.30, the CPU fallback disabled, each next to the
// same model on the wasm (CPU) provider. Every part has a near miss that the provider gets right.
// ONNX's rules (onnx/onnx docs/Operators.md):
//
// matmul-end-pads: Conv with one group, no begin pads and an end pad, whose kernel is 1x1 with
//   stride 1 or the size of the input, runs as a matrix product that ignores the end pads and
//   writes its result flat, the padded positions all at the end. Conv `pads`: "the number of
//   pixels added to the beginning and end part of the corresponding axis"; each output image reads
//   its own input image only.
// vec3-input-channels: 1-D or 2-D Conv with one group, off that shortcut, whose input channels are a
//   multiple of 3 other than 3 and not of 4 and whose output channels are a multiple of 4: the
//   tiled kernel, reading 3 input channels to a vector, answers wrong values. Conv: Y is the sum
//   over every input channel of the group and every kernel position.
// grouped-channel-vectors: grouped Conv with 4 or more output channels per group writes 4 (M % 4
//   = 0) or 2 (M % 2 = 0) output channels to a vector, each vector with the group of its first
//   channel: a channel in a vector that straddles two groups reads the previous group's inputs.
//   Conv `group`: "number of groups input channels and output channels are divided into".
// grouped-transpose-weights: ConvTranspose with group > 1, one output channel per group and an
//   even number of input channels per group: groups after the first read the wrong weights.
//   ConvTranspose `group`, and W of shape (C x M/group x kH x kW).
// groups-not-dividing: Conv with C = 3 input channels and group = 2 is run instead of refused.
//   Conv W: "(M x C/group x kH x kW), where C is the number of channels"; ONNX Runtime's CPU
//   provider refuses it ("Input channels C is not equal to kernel channels * group").
// output-shape-crop: ConvTranspose with an output_shape smaller than its full output fails at
//   session creation in the layout transformer ("PermuteDims ... Permutation length 3 does not
//   match rank 2"). ConvTranspose `output_shape`: "If output_shape is specified pads values are
//   ignored"; total_padding = stride·(input - 1) + output_padding + ((kernel - 1)·dilation + 1) -
//   output_shape, split between start and end.
//
// Run: node examples/reproductions/defect.onnxruntime-webgpu-kernels.mjs [chromium path]
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

/** A one-node model: float inputs `x0, x1, ...` of static shapes. */
function model(opType, attributes, shapes) {
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
  const node = [{ opType, input: names, output: ['y'], attribute }];
  const graph = { name: 'repro', node, input: shapes.map((shape, i) => info(names[i], shape)), output: [info('y')] };
  const proto = onnx.ModelProto.create({ irVersion: 10, opsetImport: [{ domain: '', version: 21 }], graph });
  return Array.from(onnx.ModelProto.encode(proto).finish());
}

/** x0 = 1, 2, ...; x1 = the weight as given; both of the given shapes. */
const ramp = (shape) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i + 1);
const conv = (attributes, x, w, weight = ramp(w), options) => ({
  model: model(options?.op ?? 'Conv', attributes, [x, w]),
  feeds: [
    [ramp(x), x],
    [weight, w],
  ],
});
const gpuFails = (pattern) => (gpu) => gpu.error !== undefined && pattern.test(gpu.error);
const gpuGives = (text) => (gpu) => gpu.data !== undefined && gpu.data.join(', ') === text;
// A near miss: the provider agrees with wasm.
const agrees = (gpu, wasm) => gpu.data !== undefined && JSON.stringify(gpu) === JSON.stringify(wasm);

const cases = {
  'matmul-end-pads, 1x1 kernel': {
    call: 'Conv(x = [1, 2] as [2, 1, 1] (two images of one element), w = [1] as [1, 1, 1], pads = [0, 1])',
    expected: '[1, 0, 2, 0] (image 0: 1, then the pad; image 1: 2, then the pad)',
    ...conv({ pads: [0, 1] }, [2, 1, 1], [1, 1, 1]),
    reproduced: gpuGives('1, 2, 0, 0'),
  },
  'matmul-end-pads, kernel the size of the input': {
    call: 'Conv(x = [1, 2] as [1, 1, 2], w = [1, 2] as [1, 1, 2], pads = [0, 1])',
    expected: '[5, 2] (1·1 + 2·2, then 2·1 + pad)',
    ...conv({ pads: [0, 1] }, [1, 1, 2], [1, 1, 2]),
    reproduced: gpuGives('5, 0'),
  },
  'matmul-end-pads, 2-D, end pad on the last axis': {
    call: 'Conv(x = [[1, 2], [3, 4]] as [1, 1, 2, 2], w = [1] as [1, 1, 1, 1], pads = [0, 0, 0, 1])',
    expected: '[1, 2, 0, 3, 4, 0]',
    ...conv({ pads: [0, 0, 0, 1] }, [1, 1, 2, 2], [1, 1, 1, 1]),
    reproduced: gpuGives('1, 2, 3, 4, 0, 0'),
  },
  'matmul-end-pads near miss: a begin pad': {
    call: 'Conv(x = [1, 2] as [2, 1, 1], w = [1] as [1, 1, 1], pads = [1, 1])',
    expected: '[0, 1, 0, 0, 2, 0] (as wasm)',
    ...conv({ pads: [1, 1] }, [2, 1, 1], [1, 1, 1]),
    nearMiss: true,
  },
  'matmul-end-pads near miss: stride 2': {
    call: 'Conv(x = [1, 2, 3, 4] as [2, 1, 2], w = [1] as [1, 1, 1], pads = [0, 1], strides = [2])',
    expected: '[1, 0, 3, 0] (as wasm)',
    ...conv({ pads: [0, 1], strides: [2] }, [2, 1, 2], [1, 1, 1]),
    nearMiss: true,
  },
  'vec3-input-channels': {
    call: 'Conv(x = 1..18 as [1, 6, 3], w = 1..48 as [4, 6, 2])',
    expected: '[915, 993, 2211, 2433, 3507, 3873, 4803, 5313] (as wasm)',
    ...conv({}, [1, 6, 3], [4, 6, 2]),
    reproduced: (gpu, wasm) => gpu.data !== undefined && !agrees(gpu, wasm),
  },
  'vec3-input-channels near miss: 3 input channels': {
    call: 'Conv(x = 1..9 as [1, 3, 3], w = 1..24 as [4, 3, 2])',
    expected: 'as wasm',
    ...conv({}, [1, 3, 3], [4, 3, 2]),
    nearMiss: true,
  },
  'vec3-input-channels near miss: 12 input channels': {
    call: 'Conv(x = 1..36 as [1, 12, 3], w = 1..96 as [4, 12, 2])',
    expected: 'as wasm',
    ...conv({}, [1, 12, 3], [4, 12, 2]),
    nearMiss: true,
  },
  'grouped-channel-vectors': {
    call: 'Conv(x = [1, 2] as [1, 2, 1], w = 1..10 as [10, 1, 1], group = 2)',
    expected: '[1, 2, 3, 4, 5, 12, 14, 16, 18, 20] (group 1, channels 5-9, reads x[1] = 2)',
    ...conv({ group: 2 }, [1, 2, 1], [10, 1, 1]),
    reproduced: gpuGives('1, 2, 3, 4, 5, 6, 14, 16, 18, 20'),
  },
  'grouped-channel-vectors, 2-D': {
    call: 'Conv(x = [1, 2] as [1, 2, 1, 1], w = 1..10 as [10, 1, 1, 1], group = 2)',
    expected: '[1, 2, 3, 4, 5, 12, 14, 16, 18, 20]',
    ...conv({ group: 2 }, [1, 2, 1, 1], [10, 1, 1, 1]),
    reproduced: gpuGives('1, 2, 3, 4, 5, 6, 14, 16, 18, 20'),
  },
  'grouped-channel-vectors near miss: 3 channels per group': {
    call: 'Conv(x = [1, 2] as [1, 2, 1], w = 1..6 as [6, 1, 1], group = 2)',
    expected: '[1, 2, 3, 8, 10, 12] (as wasm)',
    ...conv({ group: 2 }, [1, 2, 1], [6, 1, 1]),
    nearMiss: true,
  },
  'grouped-transpose-weights': {
    call: 'ConvTranspose(x = [1, 2, 3, 4] as [1, 4, 1], w = [1, 10, 100, 1000] as [4, 1, 1], group = 2)',
    expected: '[21, 4300] (group 0: 1·1 + 2·10; group 1: 3·100 + 4·1000)',
    ...conv({ group: 2 }, [1, 4, 1], [4, 1, 1], [1, 10, 100, 1000], { op: 'ConvTranspose' }),
    reproduced: (gpu) => gpu.data !== undefined && gpu.data[0] === 21 && gpu.data[1] !== 4300,
  },
  'grouped-transpose-weights near miss: 3 input channels per group': {
    call: 'ConvTranspose(x = 1..6 as [1, 6, 1], w = 1..6 as [6, 1, 1], group = 2)',
    expected: '[14, 77] (as wasm)',
    ...conv({ group: 2 }, [1, 6, 1], [6, 1, 1], undefined, { op: 'ConvTranspose' }),
    nearMiss: true,
  },
  'groups-not-dividing': {
    call: 'Conv(x = 1..12 as [1, 3, 4], w = [1, 1] as [2, 1, 1], group = 2)',
    expected: 'an error: 3 input channels do not divide into 2 groups',
    ...conv({ group: 2 }, [1, 3, 4], [2, 1, 1], [1, 1]),
    reproduced: (gpu) => gpu.data !== undefined,
  },
  'output-shape-crop': {
    call: 'ConvTranspose(x = [1, 2] as [1, 1, 2], w = [1] as [1, 1, 1], output_shape = [1])',
    expected: 'a session and [2] (full output [1, 2], total padding 1 at the start), as wasm gives',
    ...conv({ output_shape: [1] }, [1, 1, 2], [1, 1, 1], undefined, { op: 'ConvTranspose' }),
    reproduced: gpuFails(/PermuteDims/),
  },
  'output-shape-crop near miss: the same crop as pads': {
    call: 'ConvTranspose(x = [1, 2] as [1, 1, 2], w = [1] as [1, 1, 1], pads = [1, 0])',
    expected: '[2] (as wasm)',
    ...conv({ pads: [1, 0] }, [1, 1, 2], [1, 1, 1], undefined, { op: 'ConvTranspose' }),
    nearMiss: true,
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
  const ok = c.nearMiss ? agrees(gpu, wasm) : c.reproduced(gpu, wasm);
  all &&= ok;
  console.log(`\n${name}: ${c.call}`);
  console.log(`  webgpu gives: ${show(gpu)}`);
  console.log(`  wasm gives:   ${show(wasm)}`);
  console.log(`  expected:     ${c.expected}`);
  console.log(
    `  ${c.nearMiss ? (ok ? 'right, as expected of a near miss' : 'NOT right: the rule is wider than stated') : ok ? 'reproduced' : 'NOT reproduced'}`,
  );
}
console.log(`\nRESULT: ${all ? 'reproduced — every part' : 'not reproduced — see the parts above'}`);
process.exit(all ? 0 : 1);
