/**
 * A deliberately broken variant of the adapter: its convolution flips the kernel, computing the
 * mathematical convolution instead of cross-correlation (spec: conv.no-flip). Used to see what
 * cnnspec's failures look like; `EXAMPLE_BUG=flip-kernel npm test` selects it.
 */
import type { Adapter, ConvRequest } from 'cnnspec';

export function withFlippedKernel(adapter: Adapter): Adapter {
  return {
    ...adapter,
    name: `${adapter.name} with a flipped kernel`,
    conv: (request: ConvRequest) => adapter.conv!({ ...request, weight: flipSpatialAxes(request.weight) }),
  };
}

/** Reverses the two spatial axes of an [out, in, kh, kw] kernel. */
function flipSpatialAxes(weight: ConvRequest['weight']): ConvRequest['weight'] {
  const [outChannels = 1, inChannels = 1, kh = 1, kw = 1] = weight.shape;
  const data = new Float32Array(weight.data.length);
  for (let plane = 0; plane < outChannels * inChannels; plane++) {
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) data[(plane * kh + y) * kw + x] = weight.data[(plane * kh + (kh - 1 - y)) * kw + (kw - 1 - x)]!;
    }
  }
  return { shape: weight.shape, data };
}
