/// <reference types="@webgpu/types" />
/**
 * A browser adapter of one's own: 2-D convolution as one hand-written WGSL compute shader
 * (convShader.ts), run on WebGPU in the page the kit opens:
 *
 *   npx cnnspec run --browser --adapter examples/browser-webgpu/adapter.ts --profile conv
 *
 * The kit bundles this module for the page (spec: browser.module), which is served from
 * http://localhost/, a secure context, as WebGPU requires (spec: browser.page).
 *
 * The kit's planner (`planConv`) checks each request and resolves its geometry, as it does for the
 * reference: layouts and their defaults, groups, strides, dilations, explicit and same pads, the
 * output shape, and a typed error for every invalid configuration (spec: error.typed). What the
 * adapter adds is the arithmetic: the shader computes every output element on the GPU.
 *
 * Convention `cnnspec` (spec: convention.cnnspec): the kernel computes the spec's own definition
 * and takes no position of a framework's. It is also `planConv`'s default, so the parameters go to
 * the planner as the kit sends them: floor rounding of output sizes, same padding and dilation
 * allowed with any stride, an empty output rejected (spec: divergence.zero-sized-output).
 *
 * Declared features: what the shader computes. Not declared: 1-D and 3-D convolution and the
 * padding fills other than zeros (reflect, replicate, circular); a request that uses them anyway
 * is refused with UnsupportedCase, as is one beyond the device's limits.
 */
import { ADAPTER_API_VERSION, UnsupportedCase, type Adapter, type ConvRequest, type TensorAnswer } from '../../src/ops/Adapter.js';
import { planConv, type ConvPlan } from '../../src/ops/conv/planConv.js';
import type { Feature } from '../../src/spec/features.js';
import { activationStrides, kernelStrides } from '../../src/tensor/layout.js';
import { checkTensor, makeTensor } from '../../src/tensor/tensor.js';
import { CONV_SHADER, packConvParams, WORKGROUP_SIZE } from './convShader.js';

export const WEBGPU_CONV_FEATURES: readonly Feature[] = [
  'conv',
  'conv.bias',
  'conv.dilation',
  'conv.groups',
  'conv.depthwise',
  'padding.same-upper', // pads from planConv; the shader reads explicit top and left pads
  'padding.same-lower',
  'padding.explicit-asymmetric',
  'layout.channels-first', // the shader addresses tensors by element strides (convShader.ts)
  'layout.channels-last',
  'spatial-rank-2',
];

/** The largest value a shader coordinate argument may hold (convShader.ts: the wrap-around test). */
const MAX_SHADER_VALUE = 2 ** 31 - 1;

/** The adapter as a factory: the kit awaits it once per page. */
export default async function webgpuConvAdapter(): Promise<Adapter> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (gpu === undefined) {
    throw new Error(
      'WebGPU is unavailable: navigator.gpu is undefined (WebGPU needs a secure context such as http://localhost/ and a browser with WebGPU enabled)',
    );
  }
  const gpuAdapter = await gpu.requestAdapter();
  if (gpuAdapter === null) {
    throw new Error(
      'WebGPU is unavailable: navigator.gpu.requestAdapter() returned null (no GPU adapter; headless Chromium without a GPU needs --enable-unsafe-webgpu --use-webgpu-adapter=swiftshader)',
    );
  }
  // The adapter's own storage limits, not the defaults (128 MiB per binding): the kit's tensors
  // reach 2^26 elements.
  const device = await gpuAdapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: gpuAdapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: gpuAdapter.limits.maxBufferSize,
    },
  });
  let lost: string | undefined;
  void device.lost.then((info) => {
    lost = `${info.reason}: ${info.message}`;
    if (info.reason !== 'destroyed') console.error(`WebGPU device lost (${lost})`);
  });
  // Says in the report's adapter events which GPU ran the run (a real one or SwiftShader's).
  // GPUAdapter.info is newer than the @webgpu/types that TF.js brings.
  const info = (gpuAdapter as { info?: GPUAdapterInfo }).info;
  console.info(`WebGPU adapter: ${[info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unnamed'}`);

  const module = device.createShaderModule({ code: CONV_SHADER });
  const compiled = await module.getCompilationInfo();
  const errors = compiled.messages.filter((m) => m.type === 'error');
  if (errors.length > 0)
    throw new Error(`the WGSL shader does not compile: ${errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ')}`);
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const limits = device.limits;

  /** A storage buffer holding `data`, refused beyond the device's binding limit. */
  function storageBuffer(name: string, data: Float32Array | undefined, elements: number, usage: number): GPUBuffer {
    // A binding cannot be empty: a missing bias binds one unused element.
    const size = Math.max(elements, 1) * 4;
    if (size > limits.maxStorageBufferBindingSize || size > limits.maxBufferSize) {
      throw new UnsupportedCase(
        `${name} takes ${size} bytes, beyond the device's maxStorageBufferBindingSize (${limits.maxStorageBufferBindingSize}) or maxBufferSize (${limits.maxBufferSize})`,
      );
    }
    const buffer = device.createBuffer({ size, usage, mappedAtCreation: data !== undefined });
    if (data !== undefined) {
      new Float32Array(buffer.getMappedRange()).set(data);
      buffer.unmap();
    }
    return buffer;
  }

  /** Workgroups along x and y for `count` invocations: one row, or rows of the widest dispatch. */
  function dispatchSize(count: number): { x: number; y: number } {
    const groups = Math.ceil(count / WORKGROUP_SIZE);
    const x = Math.min(groups, limits.maxComputeWorkgroupsPerDimension);
    const y = Math.ceil(groups / x);
    if (y > limits.maxComputeWorkgroupsPerDimension) {
      throw new UnsupportedCase(
        `${count} output elements need ${groups} workgroups, beyond maxComputeWorkgroupsPerDimension² (${limits.maxComputeWorkgroupsPerDimension}²)`,
      );
    }
    return { x, y };
  }

  async function run(request: ConvRequest, plan: ConvPlan): Promise<Float32Array> {
    const { window } = plan;
    for (const [name, values] of [
      ['input', window.input],
      ['padBegin', window.padBegin],
      ['padEnd', window.padEnd],
      ['strides', window.strides],
      ['dilations', window.dilations],
    ] as const) {
      if (values.some((v) => v > MAX_SHADER_VALUE)) {
        throw new UnsupportedCase(`${name} [${values.join(', ')}] exceeds 2^31 - 1, the shader's coordinate range`);
      }
    }
    const outputCount = plan.outputShape.reduce((a, b) => a * b, 1);
    const { x: groupsX, y: groupsY } = dispatchSize(outputCount);
    const xs = activationStrides(plan.inputShape, plan.layout);
    const ws = kernelStrides(plan.weightShape, plan.kernelLayout);
    const ys = activationStrides(plan.outputShape, plan.layout);
    const words = packConvParams({
      outputCount,
      rowLength: groupsX * WORKGROUP_SIZE,
      outChannels: plan.outChannels,
      outH: window.output[0]!,
      outW: window.output[1]!,
      inH: window.input[0]!,
      inW: window.input[1]!,
      kernelH: window.kernel[0]!,
      kernelW: window.kernel[1]!,
      strideH: window.strides[0]!,
      strideW: window.strides[1]!,
      dilationH: window.dilations[0]!,
      dilationW: window.dilations[1]!,
      padTop: window.padBegin[0]!,
      padLeft: window.padBegin[1]!,
      inChannelsPerGroup: plan.inChannelsPerGroup,
      outChannelsPerGroup: plan.outChannelsPerGroup,
      hasBias: plan.hasBias ? 1 : 0,
      xN: xs.batch,
      xC: xs.channel,
      xH: xs.spatial[0]!,
      xW: xs.spatial[1]!,
      wO: ws.out,
      wI: ws.in,
      wH: ws.spatial[0]!,
      wW: ws.spatial[1]!,
      yN: ys.batch,
      yC: ys.channel,
      yH: ys.spatial[0]!,
      yW: ys.spatial[1]!,
    });

    const buffers: GPUBuffer[] = [];
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    try {
      const params = device.createBuffer({ size: words.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      buffers.push(params);
      device.queue.writeBuffer(params, 0, words);
      const read = GPUBufferUsage.STORAGE;
      const input = storageBuffer('input', request.input.data, request.input.data.length, read);
      buffers.push(input);
      const weight = storageBuffer('weight', request.weight.data, request.weight.data.length, read);
      buffers.push(weight);
      const bias = storageBuffer('bias', request.bias?.data ?? new Float32Array(1), request.bias?.data.length ?? 1, read);
      buffers.push(bias);
      const output = storageBuffer('output', undefined, outputCount, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
      buffers.push(output);
      const staging = device.createBuffer({ size: output.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      buffers.push(staging);

      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [params, input, weight, bias, output].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(groupsX, groupsY);
      pass.end();
      encoder.copyBufferToBuffer(output, 0, staging, 0, output.size);
      device.queue.submit([encoder.finish()]);

      const validation = await device.popErrorScope();
      const memory = await device.popErrorScope();
      if (memory !== null) throw new UnsupportedCase(`WebGPU ran out of memory: ${memory.message}`);
      if (validation !== null) throw new Error(`WebGPU validation error: ${validation.message}`);
      await staging.mapAsync(GPUMapMode.READ);
      const data = new Float32Array(staging.getMappedRange(0, outputCount * 4).slice(0));
      staging.unmap();
      return data;
    } finally {
      for (const buffer of buffers) buffer.destroy();
    }
  }

  return {
    name: 'webgpu-wgsl-conv',
    version: '0.1.0',
    adapterApi: ADAPTER_API_VERSION,
    convention: 'cnnspec',
    features: WEBGPU_CONV_FEATURES,

    async conv(request): Promise<TensorAnswer> {
      if (lost !== undefined) throw new Error(`the WebGPU device was lost (${lost})`);
      checkTensor('conv', 'input', request.input);
      checkTensor('conv', 'weight', request.weight);
      if (request.bias !== undefined) checkTensor('conv', 'bias', request.bias);
      const plan = planConv(request.params, request.input.shape, request.weight.shape, request.bias?.shape);
      const unsupported = plan.features.find((use) => !WEBGPU_CONV_FEATURES.includes(use.feature));
      if (unsupported !== undefined) {
        throw new UnsupportedCase(
          `the shader does not compute ${unsupported.feature} (${unsupported.parameter}: ${JSON.stringify(unsupported.value)})`,
        );
      }
      // spec: divergence.zero-sized-output — cnnspec rejects an empty output in planConv; a
      // convention that allows one gets an empty tensor, not a dispatch of zero workgroups.
      if (plan.outputShape.includes(0)) return makeTensor(plan.outputShape);
      return { shape: plan.outputShape, data: await run(request, plan) };
    },

    async dispose() {
      device.destroy();
    },
  };
}
