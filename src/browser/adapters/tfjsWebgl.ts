/**
 * The built-in browser adapter `tfjs-webgl`: TF.js (tfjs-core 4.x) on its WebGL backend, in the
 * page the browser runner opens (convention `tfjs`, spec: convention.tfjs). TF.js and the backend
 * are imported statically, so that the bundle holds them.
 *
 * Precision: TF.js's defaults are kept, and checked rather than set.
 * - `WEBGL_RENDER_FLOAT32_ENABLED` must be true: without float32 render targets (WebGL2 with
 *   EXT_color_buffer_float) TF.js stores every texture in 16-bit floats, whose results the float32
 *   tolerance model does not cover, so the adapter refuses to start.
 * - `WEBGL_FORCE_F16_TEXTURES` false (default): float32 textures.
 * - `WEBGL_PACK` true (default): the packed kernels (four values per texel) that users get.
 * - `WEBGL_CPU_FORWARD` true (default): an op whose inputs still live on the CPU and hold fewer
 *   than `CPU_HANDOFF_SIZE_THRESHOLD` (128) elements runs TF.js's shared CPU code instead of a
 *   shader (among the ops called here: Max, Mean, Transpose and Add, the global pools, an
 *   out-in dense weight and a bias added after the call); convolutions, pooling, padding and
 *   matrix products always run as shaders.
 *
 * One flag is set, for speed alone: `WEBGL_USE_SHAPES_UNIFORMS` true (default false) passes tensor
 * shapes to the shaders as uniforms instead of compiling them in as constants. Without it nearly
 * every generated case, having shapes of its own, compiles new shader programs: under SwiftShader
 * 160 ms per conv2d or maxPool call against 34 ms with it. The shaders' arithmetic is the same;
 * only their index computations read the shapes from uniforms.
 *
 * Shader arithmetic follows GLSL ES 3.00 §4.5.1 (Range and Precision): highp floats have binary32's
 * range and precision, but NaNs need not be generated and subnormals may be flushed to zero.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import type { Adapter } from '../../ops/Adapter.js';
import { tfjsAdapterOn } from '../../adapter/tfjsAdapter.js';

/** What the page lacks that TF.js's WebGL backend needs, as far as it can be told from outside TF.js. */
function whatWebglLacks(): string {
  // The kit's TypeScript has no DOM types: the page's globals are described where they are used.
  const { document } = globalThis as unknown as { document: { createElement(tag: 'canvas'): { getContext(kind: string): unknown } } };
  const canvas = document.createElement('canvas');
  if (canvas.getContext('webgl2') === null && canvas.getContext('webgl') === null) return 'the page has no WebGL context';
  return 'see the console output above for the error TF.js gave';
}

export default async function tfjsWebgl(): Promise<Adapter> {
  if (!(await tf.setBackend('webgl'))) {
    throw new Error(`TF.js could not initialise its webgl backend: ${whatWebglLacks()}`);
  }
  await tf.ready();
  tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', true);
  if (!tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')) {
    throw new Error(
      `TF.js's webgl backend runs without float32 render targets (WebGL ${tf.env().getNumber('WEBGL_VERSION')}; ` +
        'WEBGL_RENDER_FLOAT32_CAPABLE false: no EXT_color_buffer_float), so it would compute in 16-bit floats; ' +
        'the adapter needs float32 textures',
    );
  }
  return tfjsAdapterOn(tf, 'webgl');
}
