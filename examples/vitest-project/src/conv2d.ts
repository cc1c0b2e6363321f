/**
 * 2-D convolution (cross-correlation) of an NCHW input with an [out, in / groups, kh, kw]
 * weight, with stride, dilation, padding, groups and an optional bias. Plain loops: each output
 * is a sum over the taps of its window, formed in double precision and rounded to float32 once.
 */
import { LayerConfigError } from './LayerConfigError.js';
import { planWindow, type WindowOptions } from './planWindow.js';
import type { Tensor } from './Tensor.js';

export interface Conv2dOptions extends WindowOptions {
  groups?: number;
}

export function conv2d(input: Tensor, weight: Tensor, bias: Tensor | undefined, options: Conv2dOptions = {}): Tensor {
  if (input.shape.length !== 4)
    throw new LayerConfigError('conv2d', 'input.shape', input.shape, 'have rank 4: [batch, channels, height, width]');
  if (weight.shape.length !== 4)
    throw new LayerConfigError('conv2d', 'weight.shape', weight.shape, 'have rank 4: [out, in / groups, kh, kw]');
  const [batch, channels, height, width] = input.shape as [number, number, number, number];
  const [outChannels, inPerGroup, kh, kw] = weight.shape as [number, number, number, number];
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new LayerConfigError('conv2d', 'groups', groups, 'be an integer >= 1');
  if (channels % groups !== 0) throw new LayerConfigError('conv2d', 'groups', groups, `divide the input channels (${channels})`);
  if (outChannels % groups !== 0) throw new LayerConfigError('conv2d', 'groups', groups, `divide the output channels (${outChannels})`);
  if (inPerGroup !== channels / groups)
    throw new LayerConfigError('conv2d', 'weight.shape[1]', inPerGroup, `equal channels / groups (${channels / groups})`);
  if (bias !== undefined && (bias.shape.length !== 1 || bias.shape[0] !== outChannels)) {
    throw new LayerConfigError('conv2d', 'bias.shape', bias.shape, `be [${outChannels}]`);
  }
  const window = planWindow('conv2d', [height, width], [kh, kw], options);
  const [outHeight, outWidth] = window.output;
  const outPerGroup = outChannels / groups;
  const output = new Float32Array(batch * outChannels * outHeight * outWidth);
  let next = 0;
  for (let n = 0; n < batch; n++) {
    for (let co = 0; co < outChannels; co++) {
      const firstChannel = Math.floor(co / outPerGroup) * inPerGroup;
      for (let oy = 0; oy < outHeight; oy++) {
        for (let ox = 0; ox < outWidth; ox++) {
          let sum = 0;
          for (let c = 0; c < inPerGroup; c++) {
            for (let ty = 0; ty < kh; ty++) {
              const y = oy * window.strides[0] - window.padBegin[0] + ty * window.dilations[0];
              if (y < 0 || y >= height) continue; // a tap in the zero padding adds nothing
              for (let tx = 0; tx < kw; tx++) {
                const x = ox * window.strides[1] - window.padBegin[1] + tx * window.dilations[1];
                if (x < 0 || x >= width) continue;
                const value = input.data[((n * channels + firstChannel + c) * height + y) * width + x]!;
                const tap = weight.data[((co * inPerGroup + c) * kh + ty) * kw + tx]!;
                sum += value * tap;
              }
            }
          }
          output[next++] = bias === undefined ? sum : sum + bias.data[co]!;
        }
      }
    }
  }
  return { shape: [batch, outChannels, outHeight, outWidth], data: output };
}
