/**
 * The WGSL compute shader of the WebGPU example adapter, and the parameter record it reads.
 *
 * One invocation computes one output element (spec: conv.definition):
 *
 *   y[n, co, oy, ox] = b[co] + sum over the input channels ci of co's group, over taps (ky, kx):
 *                      x[n, ci, oy·sy - pt + ky·dy, ox·sx - pl + kx·dx] · w[co, ci - g·C/groups, ky, kx]
 *
 * in float32, input channels in increasing order and taps row-major (spec: conv.accumulation-order),
 * the bias last (spec: conv.bias). Every tensor is addressed through its element strides, which the
 * host computes from the layout and the kernel layout: the same shader serves channels-first and
 * channels-last data, out-in-spatial and spatial-in-out weights (spec: layout.kernel).
 */

/** Threads of one workgroup; the host divides the output into workgroups of this size. */
export const WORKGROUP_SIZE = 64;

/** The fields of the shader's `Params` struct, in order: all u32. */
export const CONV_PARAM_FIELDS = [
  'outputCount',
  'rowLength',
  'outChannels',
  'outH',
  'outW',
  'inH',
  'inW',
  'kernelH',
  'kernelW',
  'strideH',
  'strideW',
  'dilationH',
  'dilationW',
  'padTop',
  'padLeft',
  'inChannelsPerGroup',
  'outChannelsPerGroup',
  'hasBias',
  'xN',
  'xC',
  'xH',
  'xW',
  'wO',
  'wI',
  'wH',
  'wW',
  'yN',
  'yC',
  'yH',
  'yW',
] as const;

export type ConvShaderParams = Record<(typeof CONV_PARAM_FIELDS)[number], number>;

/**
 * The parameter record as the uniform buffer holds it: one u32 per field, padded to a multiple of
 * 16 bytes (WGSL's uniform layout rounds a struct's size up to 16).
 */
export function packConvParams(params: ConvShaderParams): Uint32Array<ArrayBuffer> {
  const words = new Uint32Array(Math.ceil(CONV_PARAM_FIELDS.length / 4) * 4);
  CONV_PARAM_FIELDS.forEach((field, i) => {
    words[i] = params[field];
  });
  return words;
}

export const CONV_SHADER = /* wgsl */ `
struct Params {
${CONV_PARAM_FIELDS.map((field) => `  ${field}: u32,`).join('\n')}
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  // The dispatch may be folded into rows of workgroups (maxComputeWorkgroupsPerDimension).
  let index = id.y * p.rowLength + id.x;
  if (index >= p.outputCount) {
    return;
  }
  // The output element's logical coordinates, enumerated as [N, Cout, H, W] whatever the layout.
  let ox = index % p.outW;
  let oy = (index / p.outW) % p.outH;
  let co = (index / (p.outW * p.outH)) % p.outChannels;
  let n = index / (p.outW * p.outH * p.outChannels);
  let group = co / p.outChannelsPerGroup; // spec: conv.groups

  var acc = 0.0;
  for (var c = 0u; c < p.inChannelsPerGroup; c++) {
    let ci = group * p.inChannelsPerGroup + c;
    for (var ky = 0u; ky < p.kernelH; ky++) {
      // spec: shape.window — u32 arithmetic wraps modulo 2^32. A row in the top padding wraps to
      // 2^32 - pt or more, above 2^31 as pads and sizes are below 2^31, so one unsigned
      // comparison finds rows on either side of the input; products past 2^32 wrap to the same
      // residue as the exact value.
      let iy = oy * p.strideH + ky * p.dilationH - p.padTop;
      if (iy >= p.inH) {
        continue; // spec: numerics.padding-taps — a zero tap adds nothing, not even 0 · w
      }
      for (var kx = 0u; kx < p.kernelW; kx++) {
        let ix = ox * p.strideW + kx * p.dilationW - p.padLeft;
        if (ix >= p.inW) {
          continue;
        }
        acc += x[n * p.xN + ci * p.xC + iy * p.xH + ix * p.xW] * w[co * p.wO + c * p.wI + ky * p.wH + kx * p.wW];
      }
    }
  }
  if (p.hasBias != 0u) {
    acc += b[co];
  }
  y[n * p.yN + co * p.yC + oy * p.yH + ox * p.yW] = acc;
}
`;
