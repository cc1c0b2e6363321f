/**
 * 2-D max and average pooling of an NCHW input. Taps in the padding are never values: max
 * pooling ignores them, average pooling divides by the taps inside the input, or with
 * `countIncludePad` by every tap inside the padded input. A window with nothing to take yields
 * -Infinity (max) or 0 / 0 = NaN (average).
 */
import { LayerConfigError } from './LayerConfigError.js';
import { perAxis, planWindow, type Padding } from './planWindow.js';
import type { Tensor } from './Tensor.js';

export interface Pool2dOptions {
  kind: 'max' | 'avg';
  kernel: number | readonly number[];
  /** @defaultValue the kernel */
  strides?: number | readonly number[];
  padding?: Padding;
  countIncludePad?: boolean;
}

export function pool2d(input: Tensor, options: Pool2dOptions): Tensor {
  if (input.shape.length !== 4)
    throw new LayerConfigError('pool2d', 'input.shape', input.shape, 'have rank 4: [batch, channels, height, width]');
  if (options.kind !== 'max' && options.kind !== 'avg') throw new LayerConfigError('pool2d', 'kind', options.kind, 'be "max" or "avg"');
  if (options.kind === 'max' && options.countIncludePad !== undefined) {
    throw new LayerConfigError('pool2d', 'countIncludePad', options.countIncludePad, 'be left out for max pooling');
  }
  const [batch, channels, height, width] = input.shape as [number, number, number, number];
  const kernel = perAxis('pool2d', 'kernel', options.kernel, 1);
  const window = planWindow('pool2d', [height, width], kernel, { strides: options.strides ?? kernel, padding: options.padding ?? 'valid' });
  const [outHeight, outWidth] = window.output;
  const output = new Float32Array(batch * channels * outHeight * outWidth);
  let next = 0;
  for (let plane = 0; plane < batch * channels; plane++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        let max = -Infinity;
        let sum = 0;
        let inside = 0;
        let padded = 0;
        for (let ty = 0; ty < kernel[0]; ty++) {
          const y = oy * window.strides[0] - window.padBegin[0] + ty;
          for (let tx = 0; tx < kernel[1]; tx++) {
            const x = ox * window.strides[1] - window.padBegin[1] + tx;
            if (y >= -window.padBegin[0] && y < height + window.padEnd[0] && x >= -window.padBegin[1] && x < width + window.padEnd[1])
              padded++;
            if (y < 0 || y >= height || x < 0 || x >= width) continue;
            const value = input.data[(plane * height + y) * width + x]!;
            // once NaN, the maximum stays NaN: no comparison with NaN is true
            if (Number.isNaN(value) || value > max) max = value;
            sum += value;
            inside++;
          }
        }
        output[next++] = options.kind === 'max' ? max : sum / (options.countIncludePad === true ? padded : inside);
      }
    }
  }
  return { shape: [batch, channels, outHeight, outWidth], data: output };
}
