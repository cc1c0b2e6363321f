#!/usr/bin/env node
// defect.tfjs-wasm-conv3d-transpose (spec/conventions.md#defect.tfjs-wasm-conv3d-transpose)
//
// The wasm backend's 3-D transposed convolution (tfjs-backend-wasm src/cc/conv3d_impl.h,
// NDHWCConv3DBackpropInputV2Impl, run by tf.conv3dTranspose) sums, for output position x with
// c = x - (k - 1 - pad), the input positions y from max(0, DivCeil(c, s)) up to
//   depth:          y < min(outDepth, DivFloor(filter_depth, stride_depth))
//   height, width:  y < min(outHeight, DivFloor(filter_height + xr_corner, stride_height))
// where DivFloor(a, b) is a / b and DivCeil(a, b) is a / b + (a % b != 0) in C++ integer
// arithmetic: DivCeil is one too large for a negative a that b does not divide, the depth bound
// leaves out the position (xf_corner) and both bounds truncate, so taps are dropped.
//
// TF.js's own rule: tf.conv3dTranspose is the gradient of tf.conv3d ("Computes the transposed 3D
// convolution of a volume, also known as a deconvolution", tfjs-core src/ops/conv3d_transpose.ts,
// running the kernel Conv3DBackpropInputV2, the gradient of Conv3D in
// tfjs-core src/gradients/Conv3D_grad.ts), so <conv3d(a, w), x> = <a, conv3dTranspose(x, w)> for
// every a and x; and the CPU backend's kernel (tfjs-backend-cpu src/kernels/Conv3DBackpropInputV2.ts)
// bounds the taps by the real quotient, yRMax = Math.min(outHeight, (filterHeight + xRCorner) / strideHeight),
// as wasm's own 2-D kernel (src/cc/kernels/Conv2DBackpropInput.cc, "Follows the implementation in
// the TFJS CPU backend") does in float.
//
// Run: node examples/reproductions/defect.tfjs-wasm-conv3d-transpose.mjs
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
const dot = (a, b) => a.reduce((sum, value, i) => sum + value * b[i], 0);

/** conv3dTranspose of x with filter w, and the adjoint check against conv3d, on one backend. */
async function run(backend, c) {
  await tf.setBackend(backend);
  const x = tf.tensor5d(c.x, c.xShape);
  const w = tf.tensor5d(c.w, c.wShape);
  const y = Array.from(await tf.conv3dTranspose(x, w, c.outputShape, c.strides, 'valid').data());
  // <conv3d(a, w), x> with a = ones of the transposed convolution's output shape
  const a = tf.ones([1, ...c.outputShape.slice(1, 4), c.wShape[3]]);
  const forward = Array.from(await tf.conv3d(a, w, c.strides, 'valid').data());
  return { y, left: dot(forward, c.x), right: y.reduce((sum, value) => sum + value, 0) };
}

const cases = [
  {
    part: 'depth',
    what: 'x = [1, 2] as [1, 2, 1, 1, 1] (two depth slices), w = ones [1, 1, 1, 1, 1], outputShape [1, 2, 1, 1, 1], strides 1',
    x: [1, 2],
    xShape: [1, 2, 1, 1, 1],
    w: [1],
    wShape: [1, 1, 1, 1, 1],
    outputShape: [1, 2, 1, 1, 1],
    strides: 1,
    expected: [1, 2],
  },
  {
    part: 'height',
    what: 'x = [1] as [1, 1, 1, 1, 1], w = [1, 2] as [1, 2, 1, 1, 1], outputShape [1, 1, 2, 1, 1], strides [1, 3, 1]',
    x: [1],
    xShape: [1, 1, 1, 1, 1],
    w: [1, 2],
    wShape: [1, 2, 1, 1, 1],
    outputShape: [1, 1, 2, 1, 1],
    strides: [1, 3, 1],
    expected: [1, 2],
  },
];

let reproduced = 0;
const observed = [];
for (const c of cases) {
  const onWasm = await run('wasm', c);
  const onCpu = await run('cpu', c);
  // The 2-D twin on wasm: the same call with the depth axis dropped.
  await tf.setBackend('wasm');
  const twin2d =
    c.xShape[1] === 1
      ? fmt(
          await tf
            .conv2dTranspose(
              tf.tensor4d(c.x, c.xShape.slice(1)),
              tf.tensor4d(c.w, c.wShape.slice(1)),
              c.outputShape.slice(1),
              c.strides === 1 ? 1 : c.strides.slice(1),
              'valid',
            )
            .data(),
        )
      : undefined;
  console.log(`\npart ${c.part}: tf.conv3dTranspose(${c.what}, 'valid')`);
  console.log(`  wasm gives: ${fmt(onWasm.y)}; <conv3d(ones, w), x> = ${onWasm.left} but <ones, conv3dTranspose(x, w)> = ${onWasm.right}`);
  console.log(`  cpu gives:  ${fmt(onCpu.y)}; <conv3d(ones, w), x> = ${onCpu.left}, <ones, conv3dTranspose(x, w)> = ${onCpu.right}`);
  if (twin2d !== undefined) console.log(`  the 2-D twin tf.conv2dTranspose on wasm gives ${twin2d}`);
  console.log(`  expected:   ${fmt(c.expected)} (each input element spreads its copy of the kernel)`);
  const hit = fmt(onWasm.y) !== fmt(c.expected) && fmt(onCpu.y) === fmt(c.expected) && onWasm.left !== onWasm.right;
  console.log(`  => ${hit ? 'reproduced' : 'not reproduced'}`);
  if (hit) reproduced++;
  observed.push(`${c.part}: wasm ${fmt(onWasm.y)} instead of ${fmt(c.expected)}`);
}

const ok = reproduced === cases.length;
console.log(`\nRESULT: ${ok ? 'reproduced' : 'not reproduced'} — ${reproduced} of ${cases.length} parts: ${observed.join('; ')}`);
process.exit(ok ? 0 : 1);
