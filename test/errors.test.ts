/**
 * Every invalid configuration gets a typed error naming the op, the parameter, the value, the
 * rule and the clause, before any output is allocated.
 */
import { describe, expect, it } from 'vitest';
import { CnnSpecError, type ErrorCode } from '../src/spec/CnnSpecError.js';
import { conv } from '../src/ops/conv/conv.js';
import { dense } from '../src/ops/dense/dense.js';
import { globalPool } from '../src/ops/global-pool/globalPool.js';
import { pad } from '../src/ops/pad/pad.js';
import { planConv } from '../src/ops/conv/planConv.js';
import { planLayer } from '../src/shape/planLayer.js';
import { planModel } from '../src/shape/planModel.js';
import { pool } from '../src/ops/pool/pool.js';
import { resolveConvention } from '../src/spec/conventions.js';
import { samePads } from '../src/shape/samePads.js';
import { makeTensor, type Tensor } from '../src/tensor/tensor.js';

interface Expected {
  code: ErrorCode;
  clause: string;
  parameter: string;
}

function caught(action: () => unknown): CnnSpecError {
  try {
    action();
  } catch (error) {
    if (error instanceof CnnSpecError) return error;
    throw new Error(`expected a CnnSpecError, got ${String(error)}`);
  }
  throw new Error('expected a CnnSpecError, but nothing was thrown');
}

function expectError(action: () => unknown, expected: Expected): CnnSpecError {
  const error = caught(action);
  expect({ code: error.code, clause: error.clause, parameter: error.parameter }).toEqual(expected);
  expect(error.rule.length).toBeGreaterThan(0);
  expect(error.message.startsWith(`${error.op}: ${error.parameter} (`)).toBe(true);
  expect(error.message.endsWith(`) must ${error.rule} [${error.code}, spec: ${error.clause}]`)).toBe(true);
  expect(error.toJSON()).toMatchObject({ code: error.code, clause: error.clause, parameter: error.parameter, rule: error.rule });
  return error;
}

const x = (shape: number[]): Tensor => makeTensor(shape);
const x4 = x([1, 2, 5, 5]);
const w4 = x([4, 2, 3, 3]);

describe('convolution rejects', () => {
  const cases: [string, () => unknown, Expected][] = [
    [
      'a zero stride',
      () => conv(x4, w4, undefined, { strides: 0 }),
      { code: 'E_PARAM_RANGE', clause: 'shape.stride', parameter: 'strides' },
    ],
    [
      'a zero stride on one axis',
      () => conv(x4, w4, undefined, { strides: [1, 0] }),
      { code: 'E_PARAM_RANGE', clause: 'shape.stride', parameter: 'strides[1]' },
    ],
    [
      'a fractional stride',
      () => conv(x4, w4, undefined, { strides: 1.5 }),
      { code: 'E_PARAM_RANGE', clause: 'shape.stride', parameter: 'strides' },
    ],
    [
      'a NaN stride',
      () => conv(x4, w4, undefined, { strides: NaN }),
      { code: 'E_PARAM_RANGE', clause: 'shape.stride', parameter: 'strides' },
    ],
    [
      'an infinite stride',
      () => conv(x4, w4, undefined, { strides: Infinity }),
      { code: 'E_PARAM_RANGE', clause: 'shape.stride', parameter: 'strides' },
    ],
    [
      'a huge stride',
      () => conv(x4, w4, undefined, { strides: 2 ** 40 }),
      { code: 'E_PARAM_RANGE', clause: 'shape.stride', parameter: 'strides' },
    ],
    [
      'a string stride',
      () => conv(x4, w4, undefined, { strides: '2' as never }),
      { code: 'E_PARAM_ARITY', clause: 'shape.stride', parameter: 'strides' },
    ],
    [
      'too few strides',
      () => conv(x4, w4, undefined, { strides: [1] }),
      { code: 'E_PARAM_ARITY', clause: 'shape.stride', parameter: 'strides' },
    ],
    [
      'a negative dilation',
      () => conv(x4, w4, undefined, { dilations: [-1, 1] }),
      { code: 'E_PARAM_RANGE', clause: 'shape.dilation', parameter: 'dilations[0]' },
    ],
    [
      'an unknown padding mode',
      () => conv(x4, w4, undefined, { padding: 'same' as never }),
      { code: 'E_PARAM_ENUM', clause: 'padding.modes', parameter: 'padding' },
    ],
    [
      'a negative pad',
      () => conv(x4, w4, undefined, { padding: { begin: -1, end: 0 } }),
      { code: 'E_PARAM_RANGE', clause: 'padding.explicit', parameter: 'padding.begin' },
    ],
    [
      'a missing end pad',
      () => conv(x4, w4, undefined, { padding: { begin: [1, 1] } as never }),
      { code: 'E_PARAM_ARITY', clause: 'padding.explicit', parameter: 'padding.end' },
    ],
    [
      'an unknown pad field',
      () => conv(x4, w4, undefined, { padding: { begin: 1, end: 1, left: 1 } as never }),
      { code: 'E_PARAM_FIELD', clause: 'padding.explicit', parameter: 'padding.left' },
    ],
    [
      'an unknown fill mode',
      () => conv(x4, w4, undefined, { fill: 'mirror' as never }),
      { code: 'E_PARAM_ENUM', clause: 'padding.fill.zeros', parameter: 'fill' },
    ],
    [
      'an unknown parameter (typo)',
      () => conv(x4, w4, undefined, { stride: 2 } as never),
      { code: 'E_PARAM_FIELD', clause: 'conv.shapes', parameter: 'params.stride' },
    ],
    [
      'an unknown layout',
      () => conv(x4, w4, undefined, { layout: 'NCHW' as never }),
      { code: 'E_PARAM_ENUM', clause: 'layout.channels-first', parameter: 'layout' },
    ],
    [
      'an unknown kernel layout',
      () => conv(x4, w4, undefined, { kernelLayout: 'OIHW' as never }),
      { code: 'E_PARAM_ENUM', clause: 'layout.kernel', parameter: 'kernelLayout' },
    ],
    [
      'an unknown convention',
      () => conv(x4, w4, undefined, { convention: 'keras' as never }),
      { code: 'E_PARAM_ENUM', clause: 'convention.model', parameter: 'convention' },
    ],
    ['zero groups', () => conv(x4, w4, undefined, { groups: 0 }), { code: 'E_PARAM_RANGE', clause: 'conv.groups', parameter: 'groups' }],
    [
      'groups that do not divide the input channels',
      () => conv(x([1, 3, 5, 5]), x([4, 1, 3, 3]), undefined, { groups: 2 }),
      { code: 'E_GROUPS', clause: 'conv.groups', parameter: 'groups' },
    ],
    [
      'groups that do not divide the output channels',
      () => conv(x4, x([3, 1, 3, 3]), undefined, { groups: 2 }),
      { code: 'E_GROUPS', clause: 'conv.groups', parameter: 'groups' },
    ],
    [
      'weight channels that do not match',
      () => conv(x4, x([4, 3, 3, 3]), undefined),
      { code: 'E_SHAPE_MISMATCH', clause: 'conv.shapes', parameter: 'weight.shape[1]' },
    ],
    [
      'weight channels that do not match (channels-last)',
      () => conv(x([1, 5, 5, 2]), x([3, 3, 3, 4]), undefined, { layout: 'channels-last' }),
      { code: 'E_SHAPE_MISMATCH', clause: 'conv.shapes', parameter: 'weight.shape[2]' },
    ],
    [
      'a weight of another rank',
      () => conv(x4, x([4, 2, 3]), undefined),
      { code: 'E_SHAPE_MISMATCH', clause: 'conv.shapes', parameter: 'weight.shape' },
    ],
    ['a bias of the wrong length', () => conv(x4, w4, x([3])), { code: 'E_SHAPE_MISMATCH', clause: 'conv.bias', parameter: 'bias.shape' }],
    [
      'an input of rank 2',
      () => conv(x([2, 5]), x([4, 2]), undefined),
      { code: 'E_SHAPE_INVALID', clause: 'conv.shapes', parameter: 'input.shape' },
    ],
    [
      'an input of rank 6',
      () => conv(x([1, 1, 2, 2, 2, 2]), x([1, 1, 1, 1, 1, 1]), undefined),
      { code: 'E_SHAPE_INVALID', clause: 'conv.shapes', parameter: 'input.shape' },
    ],
    [
      'a zero dimension',
      () => conv({ shape: [1, 2, 0, 5], data: new Float32Array(0) }, w4, undefined),
      { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'input.shape[2]' },
    ],
    [
      'a fractional dimension',
      () => planConv({}, [1, 2, 5.5, 5], [4, 2, 3, 3]),
      { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'input.shape[2]' },
    ],
    [
      'data shorter than the shape',
      () => conv({ shape: [1, 2, 5, 5], data: new Float32Array(49) }, w4, undefined),
      { code: 'E_DATA_LENGTH', clause: 'tensor.data-length', parameter: 'input.data.length' },
    ],
    [
      'float64 data',
      () => conv({ shape: [1, 2, 5, 5], data: new Float64Array(50) as never }, w4, undefined),
      { code: 'E_DATA_LENGTH', clause: 'tensor.dtype', parameter: 'input.data' },
    ],
    [
      'a tensor without a shape',
      () => conv({ data: new Float32Array(1) } as never, w4, undefined),
      { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'input.shape' },
    ],
    [
      'something that is not a tensor',
      () => conv(null as never, w4, undefined),
      { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'input' },
    ],
    [
      'a kernel larger than the padded input',
      () => conv(x([1, 2, 2, 5]), w4, undefined),
      { code: 'E_OUTPUT_EMPTY', clause: 'shape.output-size.positive', parameter: 'kernel[0]' },
    ],
    [
      'a dilated kernel larger than the padded input',
      () => conv(x4, w4, undefined, { dilations: [1, 3] }),
      { code: 'E_OUTPUT_EMPTY', clause: 'shape.output-size.positive', parameter: 'kernel[1]' },
    ],
    [
      'reflect padding of n or more',
      () => conv(x([1, 2, 3, 3]), x([1, 2, 1, 1]), undefined, { fill: 'reflect', padding: { begin: [0, 3], end: 0 } }),
      { code: 'E_PAD_LIMIT', clause: 'padding.fill.reflect', parameter: 'padding.begin[1]' },
    ],
    [
      'circular padding of more than n',
      () => conv(x([1, 2, 3, 3]), x([1, 2, 1, 1]), undefined, { fill: 'circular', padding: { begin: 0, end: [4, 0] } }),
      { code: 'E_PAD_LIMIT', clause: 'padding.fill.circular', parameter: 'padding.end[0]' },
    ],
    [
      'same padding with a stride under pytorch',
      () => conv(x4, w4, undefined, { padding: 'same-upper', strides: 2, convention: 'pytorch' }),
      { code: 'E_UNSUPPORTED', clause: 'divergence.same-with-stride', parameter: 'strides' },
    ],
    [
      'same-lower under pytorch',
      () => conv(x4, w4, undefined, { padding: 'same-lower', convention: 'pytorch' }),
      { code: 'E_UNSUPPORTED', clause: 'divergence.feature-availability', parameter: 'padding' },
    ],
    [
      'dilation with a stride under tfjs',
      () => conv(x4, w4, undefined, { dilations: [2, 1], strides: [1, 2], convention: 'tfjs', layout: 'channels-first' }),
      { code: 'E_UNSUPPORTED', clause: 'divergence.dilation-with-stride', parameter: 'dilations' },
    ],
    [
      'an inexact division under tosa',
      () => conv(x([1, 6, 6, 2]), x([3, 3, 2, 4]), undefined, { strides: 2, convention: 'tosa' }),
      { code: 'E_INEXACT', clause: 'shape.output-size.exact', parameter: 'strides[0]' },
    ],
    [
      'a convention override of an unknown knob',
      () => conv(x4, w4, undefined, { convention: { base: 'onnx', overrides: { flavour: 1 } as never } }),
      { code: 'E_PARAM_FIELD', clause: 'convention.model', parameter: 'convention.overrides.flavour' },
    ],
    [
      'a convention override with a bad value',
      () => conv(x4, w4, undefined, { convention: { base: 'onnx', overrides: { rounding: 'round' as never } } }),
      { code: 'E_PARAM_ENUM', clause: 'convention.model', parameter: 'convention.overrides.rounding' },
    ],
    [
      'a convention override with a bad boolean',
      () => conv(x4, w4, undefined, { convention: { base: 'onnx', overrides: { poolCeilMode: 1 as never } } }),
      { code: 'E_PARAM_RANGE', clause: 'convention.model', parameter: 'convention.overrides.poolCeilMode' },
    ],
    [
      'a convention override with an unknown feature',
      () => conv(x4, w4, undefined, { convention: { base: 'onnx', overrides: { undefinedFeatures: ['conv.flip' as never] } } }),
      { code: 'E_PARAM_ENUM', clause: 'convention.model', parameter: 'convention.overrides.undefinedFeatures[0]' },
    ],
    [
      'a convention override list that is not a list',
      () => conv(x4, w4, undefined, { convention: { base: 'onnx', overrides: { undefinedFeatures: 'conv' as never } } }),
      { code: 'E_PARAM_RANGE', clause: 'convention.model', parameter: 'convention.overrides.undefinedFeatures' },
    ],
    [
      'an unknown convention base',
      () => conv(x4, w4, undefined, { convention: { base: 'mxnet' as never, overrides: {} } }),
      { code: 'E_PARAM_ENUM', clause: 'convention.model', parameter: 'convention.base' },
    ],
    [
      'parameters that are not an object',
      () => conv(x4, w4, undefined, 5 as never),
      { code: 'E_PARAM_FIELD', clause: 'conv.shapes', parameter: 'params' },
    ],
  ];
  for (const [name, action, expected] of cases) it(name, () => void expectError(action, expected));
});

// spec: error.limits
describe('limits refuse before allocating', () => {
  it('an output larger than maxElements', () => {
    expectError(() => planConv({}, [1, 1, 2 ** 20, 2 ** 20], [1, 1, 1, 1]), {
      code: 'E_TOO_LARGE',
      clause: 'error.limits',
      parameter: 'output',
    });
  });
  it('more operations than maxOperations', () => {
    expectError(() => planConv({}, [1, 512, 64, 64], [512, 512, 3, 3]), {
      code: 'E_TOO_LARGE',
      clause: 'error.limits',
      parameter: 'operations',
    });
  });
  it('limits set by the caller', () => {
    expectError(() => conv(x4, w4, undefined, {}, { maxElements: 10, maxOperations: 1e9 }), {
      code: 'E_TOO_LARGE',
      clause: 'error.limits',
      parameter: 'output',
    });
    expectError(() => pool(x4, { kind: 'max', kernel: 2 }, { maxElements: 1e6, maxOperations: 10 }), {
      code: 'E_TOO_LARGE',
      clause: 'error.limits',
      parameter: 'operations',
    });
    expectError(() => dense(x([2, 3]), x([3, 4]), undefined, {}, { maxElements: 1e6, maxOperations: 5 }), {
      code: 'E_TOO_LARGE',
      clause: 'error.limits',
      parameter: 'operations',
    });
    expectError(() => pad(x([1, 1, 2, 2]), { padding: { begin: 10, end: 10 } }, { maxElements: 100, maxOperations: 1e9 }), {
      code: 'E_TOO_LARGE',
      clause: 'error.limits',
      parameter: 'output',
    });
  });
});

describe('pooling rejects', () => {
  const cases: [string, () => unknown, Expected][] = [
    [
      'an unknown kind',
      () => pool(x4, { kind: 'min' as never, kernel: 2 }),
      { code: 'E_PARAM_ENUM', clause: 'pool.kinds', parameter: 'kind' },
    ],
    ['a missing kernel', () => pool(x4, { kind: 'max' } as never), { code: 'E_PARAM_ARITY', clause: 'pool.window', parameter: 'kernel' }],
    [
      'a zero kernel',
      () => pool(x4, { kind: 'max', kernel: [2, 0] }),
      { code: 'E_PARAM_RANGE', clause: 'pool.window', parameter: 'kernel[1]' },
    ],
    [
      'countIncludePad on max pooling',
      () => pool(x4, { kind: 'max', kernel: 2, countIncludePad: true }),
      { code: 'E_PARAM_FIELD', clause: 'pool.avg.count-include-pad', parameter: 'countIncludePad' },
    ],
    [
      'a ceil mode that is not a boolean',
      () => pool(x4, { kind: 'max', kernel: 2, ceilMode: 'yes' as never }),
      { code: 'E_PARAM_RANGE', clause: 'pool.ceil-mode', parameter: 'ceilMode' },
    ],
    [
      'a missing stride under tfjs',
      () => pool(x([1, 5, 5, 2]), { kind: 'max', kernel: 2, convention: 'tfjs' }),
      { code: 'E_PARAM_FIELD', clause: 'divergence.pool-default-stride', parameter: 'strides' },
    ],
    [
      'a pad above half the window under pytorch',
      () => pool(x4, { kind: 'max', kernel: 3, strides: 1, padding: { begin: 2, end: 0 }, convention: 'pytorch' }),
      { code: 'E_PAD_LIMIT', clause: 'divergence.pool-pad-limit', parameter: 'padding.begin[0]' },
    ],
    [
      'a pad as large as the window under caffe',
      () => pool(x4, { kind: 'avg', kernel: 2, strides: 1, padding: { begin: 0, end: [0, 2] }, convention: 'caffe' }),
      { code: 'E_PAD_LIMIT', clause: 'divergence.pool-pad-limit', parameter: 'padding.end[1]' },
    ],
    [
      'ceil mode under tensorflow',
      () => pool(x4, { kind: 'max', kernel: 2, ceilMode: true, convention: 'tensorflow', layout: 'channels-first' }),
      { code: 'E_UNSUPPORTED', clause: 'divergence.feature-availability', parameter: 'ceilMode' },
    ],
    [
      'dilated average pooling under pytorch',
      () => pool(x4, { kind: 'avg', kernel: 2, dilations: 2, convention: 'pytorch' }),
      { code: 'E_UNSUPPORTED', clause: 'divergence.feature-availability', parameter: 'dilations' },
    ],
    [
      'a window larger than the input',
      () => pool(x4, { kind: 'avg', kernel: 6 }),
      { code: 'E_OUTPUT_EMPTY', clause: 'shape.output-size.positive', parameter: 'kernel[0]' },
    ],
    [
      'an input of rank 2',
      () => pool(x([1, 4]), { kind: 'avg', kernel: 2 }),
      { code: 'E_SHAPE_INVALID', clause: 'pool.kinds', parameter: 'input.shape' },
    ],
    [
      'an unknown field',
      () => pool(x4, { kind: 'avg', kernel: 2, window: 2 } as never),
      { code: 'E_PARAM_FIELD', clause: 'pool.kinds', parameter: 'params.window' },
    ],
    [
      'global pooling with a keepDims that is not a boolean',
      () => globalPool(x4, { kind: 'max', keepDims: 1 as never }),
      { code: 'E_PARAM_RANGE', clause: 'pool.global', parameter: 'keepDims' },
    ],
    [
      'global pooling of an unknown kind',
      () => globalPool(x4, { kind: 'median' as never }),
      { code: 'E_PARAM_ENUM', clause: 'pool.global', parameter: 'kind' },
    ],
    [
      'global pooling of a rank-2 input',
      () => globalPool(x([2, 3]), { kind: 'avg' }),
      { code: 'E_SHAPE_INVALID', clause: 'pool.kinds', parameter: 'input.shape' },
    ],
  ];
  for (const [name, action, expected] of cases) it(name, () => void expectError(action, expected));
});

describe('dense, pad and shape algebra reject', () => {
  const cases: [string, () => unknown, Expected][] = [
    [
      'weights whose input size differs',
      () => dense(x([2, 3]), x([4, 5]), undefined),
      { code: 'E_SHAPE_MISMATCH', clause: 'dense.weight-layout', parameter: 'weight.shape[0]' },
    ],
    [
      'out-in weights whose input size differs',
      () => dense(x([2, 3]), x([5, 4]), undefined, { weightLayout: 'out-in' }),
      { code: 'E_SHAPE_MISMATCH', clause: 'dense.weight-layout', parameter: 'weight.shape[1]' },
    ],
    [
      'a bias of the wrong length',
      () => dense(x([2, 3]), x([3, 5]), x([4])),
      { code: 'E_SHAPE_MISMATCH', clause: 'dense.bias', parameter: 'bias.shape' },
    ],
    [
      'an unknown weight layout',
      () => dense(x([2, 3]), x([3, 5]), undefined, { weightLayout: 'io' as never }),
      { code: 'E_PARAM_ENUM', clause: 'dense.weight-layout', parameter: 'weightLayout' },
    ],
    [
      'a scalar input',
      () => dense({ shape: [], data: new Float32Array(1) }, x([3, 5]), undefined),
      { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'input.shape' },
    ],
    [
      'a weight of rank 3',
      () => dense(x([2, 3]), x([3, 5, 1]), undefined),
      { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'weight.shape' },
    ],
    ['pad without padding', () => pad(x4, {} as never), { code: 'E_PARAM_FIELD', clause: 'padding.explicit', parameter: 'padding' }],
    [
      'pad with reflect beyond n - 1',
      () => pad(x([1, 1, 3]), { padding: { begin: 3, end: 0 }, fill: 'reflect' }),
      { code: 'E_PAD_LIMIT', clause: 'padding.fill.reflect', parameter: 'padding.begin[0]' },
    ],
    [
      'pad of a rank-2 input',
      () => pad(x([1, 3]), { padding: { begin: 1, end: 1 } }),
      { code: 'E_SHAPE_INVALID', clause: 'padding.op', parameter: 'input.shape' },
    ],
    [
      'pad with a fill mode its convention lacks',
      () => pad(x4, { padding: { begin: 1, end: 1 }, fill: 'reflect', convention: 'onnx' }),
      { code: 'E_UNSUPPORTED', clause: 'divergence.feature-availability', parameter: 'fill' },
    ],
    [
      'an unknown layer type',
      () => planLayer({ type: 'lstm' } as never, [1, 2, 5, 5]),
      { code: 'E_PARAM_ENUM', clause: 'shape.layers', parameter: 'layer.type' },
    ],
    [
      'a field of another layer type',
      () => planLayer({ type: 'conv', filters: 2, kernel: 3, units: 4 } as never, [1, 2, 5, 5]),
      { code: 'E_PARAM_FIELD', clause: 'shape.layers', parameter: 'layer.units' },
    ],
    [
      'zero filters',
      () => planLayer({ type: 'conv', filters: 0, kernel: 3 }, [1, 2, 5, 5]),
      { code: 'E_PARAM_RANGE', clause: 'conv.shapes', parameter: 'filters' },
    ],
    [
      'a bias flag that is not a boolean',
      () => planLayer({ type: 'dense', units: 2, bias: 'no' as never }, [1, 5]),
      { code: 'E_PARAM_RANGE', clause: 'shape.layers', parameter: 'bias' },
    ],
    [
      'a conv layer on a flat input',
      () => planLayer({ type: 'conv', filters: 2, kernel: 3 }, [1, 5]),
      { code: 'E_SHAPE_INVALID', clause: 'conv.shapes', parameter: 'input.shape' },
    ],
    [
      'a conv layer whose groups do not divide',
      () => planLayer({ type: 'conv', filters: 4, kernel: 3, groups: 3 }, [1, 2, 5, 5]),
      { code: 'E_GROUPS', clause: 'conv.groups', parameter: 'groups' },
    ],
    [
      'a flatten of a rank-1 input',
      () => planLayer({ type: 'flatten' }, [5]),
      { code: 'E_SHAPE_INVALID', clause: 'shape.layers', parameter: 'input.shape' },
    ],
    [
      'a depth multiplier of zero',
      () => planLayer({ type: 'depthwise-conv', kernel: 3, depthMultiplier: 0 }, [1, 2, 5, 5]),
      { code: 'E_PARAM_RANGE', clause: 'conv.depthwise', parameter: 'depthMultiplier' },
    ],
    [
      'a model without layers',
      () => planModel({ input: [1, 2, 5, 5] } as never),
      { code: 'E_PARAM_FIELD', clause: 'shape.layers', parameter: 'model.layers' },
    ],
    [
      'a model with a bad input shape',
      () => planModel({ input: [1, -2], layers: [] }),
      { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'model.input[1]' },
    ],
    ['samePads with a zero kernel', () => samePads(5, 0), { code: 'E_PARAM_RANGE', clause: 'padding.same.total', parameter: 'kernel' }],
    [
      'samePads with an unknown mode',
      () => samePads(5, 3, 1, 1, 'same' as never),
      { code: 'E_PARAM_ENUM', clause: 'padding.same.total', parameter: 'mode' },
    ],
  ];
  for (const [name, action, expected] of cases) it(name, () => void expectError(action, expected));

  it('a model names the layer where an error occurs', () => {
    const error = expectError(
      () =>
        planModel({
          input: [1, 1, 8, 8],
          layers: [
            { type: 'conv', filters: 4, kernel: 3 },
            { type: 'conv', name: 'head', filters: 4, kernel: 9 },
          ],
        }),
      { code: 'E_OUTPUT_EMPTY', clause: 'shape.output-size.positive', parameter: 'layers[1] (head).kernel[0]' },
    );
    expect(error.value).toBe(9);
  });

  it('the convention resolver names an unknown name', () => {
    expectError(() => resolveConvention('torch'), { code: 'E_PARAM_ENUM', clause: 'convention.model', parameter: 'convention' });
  });
});
