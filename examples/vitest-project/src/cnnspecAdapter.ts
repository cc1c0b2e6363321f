/**
 * The adapter through which cnnspec checks this library: it declares the convention the library
 * follows and exactly the features it implements, and turns cnnspec's requests into calls of
 * conv2d, pool2d and dense. A request the library cannot express although it is valid (another
 * layout, fill mode or rank) is refused with UnsupportedCase, so that cnnspec skips that case.
 */
import { UnsupportedCase, type Adapter, type ConvRequest, type DenseRequest, type PoolRequest } from 'cnnspec';
import { conv2d } from './conv2d.js';
import { dense } from './dense.js';
import { LayerConfigError } from './LayerConfigError.js';
import { pool2d } from './pool2d.js';
import type { Padding } from './planWindow.js';
import { SUPPORTED_FEATURES } from './supportedFeatures.js';

export const cnnspecAdapter: Adapter = {
  name: 'naive-ts',
  version: '1.0.0',
  adapterApi: 1,
  convention: 'cnnspec',
  features: SUPPORTED_FEATURES,

  async conv({ input, weight, bias, params }: ConvRequest) {
    checkFields('conv', params, ['strides', 'dilations', 'padding', 'fill', 'groups', 'layout', 'kernelLayout']);
    expressible('conv', input.shape.length === 4, 'only 2-D convolution (rank-4 input)');
    expressible('conv', (params.layout ?? 'channels-first') === 'channels-first', 'only channels-first data');
    expressible('conv', (params.kernelLayout ?? 'out-in-spatial') === 'out-in-spatial', 'only [out, in, kh, kw] kernels');
    expressible('conv', (params.fill ?? 'zeros') === 'zeros', 'only zero padding');
    return conv2d(input, weight, bias, {
      ...(params.strides === undefined ? {} : { strides: params.strides }),
      ...(params.dilations === undefined ? {} : { dilations: params.dilations }),
      ...(params.groups === undefined ? {} : { groups: params.groups }),
      ...(params.padding === undefined ? {} : { padding: padding('conv', params.padding) }),
    });
  },

  async pool({ input, params }: PoolRequest) {
    checkFields('pool', params, ['kind', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode', 'countIncludePad', 'layout']);
    expressible('pool', input.shape.length === 4, 'only 2-D pooling (rank-4 input)');
    expressible('pool', (params.layout ?? 'channels-first') === 'channels-first', 'only channels-first data');
    expressible('pool', params.ceilMode !== true, 'no ceil mode');
    expressible(
      'pool',
      [params.dilations ?? 1].flat().every((d) => d === 1),
      'no dilated pooling',
    );
    return pool2d(input, {
      kind: params.kind,
      kernel: params.kernel,
      ...(params.strides === undefined ? {} : { strides: params.strides }),
      ...(params.padding === undefined ? {} : { padding: padding('pool', params.padding) }),
      ...(params.countIncludePad === undefined ? {} : { countIncludePad: params.countIncludePad }),
    });
  },

  async dense({ input, weight, bias, params }: DenseRequest) {
    checkFields('dense', params, ['weightLayout']);
    return dense(input, weight, bias, params.weightLayout === undefined ? {} : { weightLayout: params.weightLayout });
  },
};

function padding(layer: string, value: NonNullable<ConvRequest['params']['padding']>): Padding {
  expressible(layer, value !== 'same-lower', 'no same-lower padding');
  return value as Padding;
}

function expressible(layer: string, condition: boolean, what: string): void {
  if (!condition) throw new UnsupportedCase(`${layer}: this library supports ${what}`);
}

function checkFields(layer: string, params: object, known: readonly string[]): void {
  for (const [key, value] of Object.entries(params)) {
    if (!known.includes(key))
      throw new LayerConfigError(layer, `params.${key}`, value, `not be set: known parameters are ${known.join(', ')}`);
  }
}
