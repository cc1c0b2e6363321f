/**
 * Converts ONNX backend node tests, as export.py prints them, into golden fixture records under
 * the onnx convention, in memory. Each ONNX attribute maps onto the cnnspec parameter that states
 * it; an attribute the node leaves out is left out of the fixture too, so that the convention's
 * default stands where ONNX's default does. A test cnnspec cannot state is returned as skipped,
 * with the reason. Every converted record is valid by the fixture schema, or conversion throws.
 */
import { planConvTranspose } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import type {
  ConvFixture,
  ConvTransposeFixture,
  DenseFixture,
  Fixture,
  FixtureClauseId,
  FixtureLayout,
  FixturePadding,
  FixtureTensor,
  GlobalPoolFixture,
  PoolFixture,
} from '../../src/fixtures/Fixture.js';
import { encodeFixtureNumber, shortestFloat32 } from '../../src/fixtures/fixtureValues.js';
import { validateFixture } from '../../src/fixtures/validateFixture.js';
import { FIXTURE_ELEMENT_LIMITS } from '../../src/fixtures/fixtureElementLimits.js';

/** An element as export.py writes it: the exact value of a float32, or a non-finite one by name. */
export type OnnxNodeNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export interface OnnxNodeTensor {
  name: string;
  shape: number[];
  dtype: string;
  data: OnnxNodeNumber[];
}

export type OnnxAttributeValue = number | string | number[] | string[];

/** One node test: a single-node model, its inputs and expected outputs. */
export interface OnnxNodeTest {
  /** e.g. `test_averagepool_2d_ceil` */
  name: string;
  /** Generator module under onnx/backend/test/case/node, e.g. `averagepool`. */
  module: string;
  opType: string;
  opset: number | null;
  attributes: Record<string, OnnxAttributeValue>;
  inputs: OnnxNodeTensor[];
  outputs: OnnxNodeTensor[];
}

export interface SkippedNodeTest {
  name: string;
  opType: string;
  reason: string;
}

/** What export.py prints. */
export interface OnnxNodeTestExport {
  onnx: string;
  numpy: string;
  cases: OnnxNodeTest[];
  skipped: SkippedNodeTest[];
}

export interface ConvertedNodeTest {
  test: OnnxNodeTest;
  fixture: Exclude<Fixture, { op: 'model' | 'pad' }>;
}

export interface NodeTestConversion {
  onnx: string;
  numpy: string;
  converted: ConvertedNodeTest[];
  /** Tests export.py left out and tests cnnspec cannot state, in the export's order. */
  skipped: SkippedNodeTest[];
}

/** A test cnnspec cannot state; its message is the reason. */
class NotExpressible extends Error {}

const SUPPORTED_OPS = ['Conv', 'AveragePool', 'MaxPool', 'GlobalAveragePool', 'GlobalMaxPool', 'Gemm', 'ConvTranspose'] as const;

/** Attributes each op maps onto cnnspec parameters; any other one makes the test inexpressible. */
const KNOWN_ATTRIBUTES: Record<(typeof SUPPORTED_OPS)[number], readonly string[]> = {
  Conv: ['kernel_shape', 'strides', 'dilations', 'pads', 'auto_pad', 'group'],
  AveragePool: ['kernel_shape', 'strides', 'dilations', 'pads', 'auto_pad', 'ceil_mode', 'count_include_pad'],
  MaxPool: ['kernel_shape', 'strides', 'dilations', 'pads', 'auto_pad', 'ceil_mode'],
  GlobalAveragePool: [],
  GlobalMaxPool: [],
  Gemm: ['transA', 'transB', 'alpha', 'beta'],
  ConvTranspose: ['kernel_shape', 'strides', 'dilations', 'pads', 'auto_pad', 'group', 'output_padding', 'output_shape'],
};

const shapeText = (shape: readonly number[]): string => `[${shape.join(',')}]`;

function fixtureTensor(test: OnnxNodeTest, tensor: OnnxNodeTensor, layout: FixtureLayout, shape: number[] = tensor.shape): FixtureTensor {
  if (tensor.dtype !== 'float32')
    throw new Error(`${test.name}: ${tensor.name} of dtype ${tensor.dtype} must be float32 (export.py exports float32 tensors only)`);
  const count = shape.reduce((product, size) => product * size, 1);
  if (tensor.data.length !== count)
    throw new Error(`${test.name}: ${tensor.name} with ${tensor.data.length} elements must match its shape ${shapeText(shape)} (${count})`);
  return {
    shape: [...shape],
    dtype: 'float32',
    layout,
    data: tensor.data.map((value) => {
      const number = typeof value === 'number' ? value : value === 'NaN' ? NaN : value === 'Infinity' ? Infinity : -Infinity;
      if (Math.fround(number) !== number && !Number.isNaN(number))
        throw new Error(`${test.name}: ${tensor.name} element ${value} must be a float32 value`);
      return encodeFixtureNumber(shortestFloat32(number));
    }),
  };
}

function intList(test: OnnxNodeTest, name: string, length: number): number[] | undefined {
  const value = test.attributes[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length !== length || !value.every((v) => Number.isInteger(v))) {
    throw new Error(`${test.name}: attribute ${name} ${JSON.stringify(value)} must be ${length} integers`);
  }
  return value as number[];
}

function intAttribute(test: OnnxNodeTest, name: string): number | undefined {
  const value = test.attributes[name];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) throw new Error(`${test.name}: attribute ${name} ${JSON.stringify(value)} must be an integer`);
  return value as number;
}

function flag(test: OnnxNodeTest, name: string): boolean | undefined {
  const value = intAttribute(test, name);
  if (value === undefined) return undefined;
  if (value !== 0 && value !== 1) throw new Error(`${test.name}: attribute ${name} ${value} must be 0 or 1`);
  return value === 1;
}

/** auto_pad and pads as a cnnspec padding; both omitted (or NOTSET without pads) leave it omitted. */
function padding(test: OnnxNodeTest, rank: number): FixturePadding | undefined {
  const autoPad = test.attributes.auto_pad ?? 'NOTSET';
  const pads = intList(test, 'pads', 2 * rank);
  if (autoPad === 'NOTSET') return pads === undefined ? undefined : { begin: pads.slice(0, rank), end: pads.slice(rank) };
  if (pads !== undefined)
    throw new NotExpressible(`auto_pad ${autoPad} together with pads ${shapeText(pads)} (ONNX allows one or the other)`);
  if (autoPad === 'VALID') return 'valid';
  if (autoPad === 'SAME_UPPER') return 'same-upper';
  if (autoPad === 'SAME_LOWER') return 'same-lower';
  throw new NotExpressible(`auto_pad ${JSON.stringify(autoPad)} is none of NOTSET, VALID, SAME_UPPER, SAME_LOWER`);
}

/** Clause IDs of a window op's padding. */
function paddingClauses(value: FixturePadding | undefined): FixtureClauseId[] {
  if (value === undefined) return [];
  if (value === 'valid') return ['padding.valid'];
  if (value === 'same-upper' || value === 'same-lower') return [`padding.${value}`, 'padding.same.total', 'padding.same.output-size'];
  return ['padding.explicit'];
}

function attributesText(test: OnnxNodeTest): string {
  return Object.entries(test.attributes)
    .map(([name, value]) => `${name} ${Array.isArray(value) ? shapeText(value as number[]) : value}`)
    .join(', ');
}

/** The fields every record starts with. */
function header(test: OnnxNodeTest, op: Fixture['op']) {
  const shapes = test.inputs.map((tensor) => `${tensor.name}=${shapeText(tensor.shape)}`).join(' ');
  const attributes = attributesText(test);
  return {
    format: 'cnnspec-fixture/1' as const,
    // the test's own name, capitals included (`dense.test_gemm_transposeB`), so that a record is found by it
    id: `${op}.${test.name}`,
    description: `${test.opType} ${shapes}${attributes === '' ? '' : `, ${attributes}`} (ONNX node test ${test.name})`,
  };
}

function provenance(test: OnnxNodeTest, onnxVersion: string): Fixture['provenance'] {
  return {
    method: 'hand-derived',
    source: `onnx ${onnxVersion} backend node test ${test.name}`,
    notes:
      `Inputs and expected output as the generator in onnx/backend/test/case/node/${test.module}.py makes them ` +
      `(numpy, seeded with np.random.seed(0) by ONNX before each generator); ${
        test.opset === null
          ? `the generator file of the source tree named in the source, run with the installed onnx (${test.opType}'s opset not recorded).`
          : `${test.opType} opset ${test.opset}.`
      }`,
  };
}

function tensorCount(test: OnnxNodeTest, inputs: readonly number[], outputs: number): void {
  if (!inputs.includes(test.inputs.length))
    throw new Error(`${test.name}: ${test.opType} with ${test.inputs.length} inputs must have ${inputs.join(' or ')}`);
  if (test.outputs.length !== outputs)
    throw new Error(`${test.name}: ${test.opType} with ${test.outputs.length} outputs must have ${outputs}`);
}

function convFixture(test: OnnxNodeTest, onnxVersion: string): ConvFixture {
  tensorCount(test, [2, 3], 1);
  const [x, w, b] = test.inputs as [OnnxNodeTensor, OnnxNodeTensor, OnnxNodeTensor | undefined];
  const rank = x.shape.length - 2;
  const kernel = intList(test, 'kernel_shape', rank);
  if (kernel !== undefined && shapeText(kernel) !== shapeText(w.shape.slice(2))) {
    throw new Error(
      `${test.name}: kernel_shape ${shapeText(kernel)} must equal the spatial shape of ${w.name} ${shapeText(w.shape.slice(2))}`,
    );
  }
  const strides = intList(test, 'strides', rank);
  const dilations = intList(test, 'dilations', rank);
  const groups = intAttribute(test, 'group');
  const pad = padding(test, rank);
  const spec: FixtureClauseId[] = ['conv.definition', ...paddingClauses(pad)];
  if (strides !== undefined) spec.push('shape.stride');
  if (dilations !== undefined) spec.push('shape.dilation');
  if (groups !== undefined) spec.push('conv.groups');
  if (b !== undefined) spec.push('conv.bias');
  return {
    ...header(test, 'conv'),
    op: 'conv',
    spec,
    conventions: ['onnx'],
    params: {
      ...(strides && { strides }),
      ...(dilations && { dilations }),
      ...(pad !== undefined && { padding: pad }),
      ...(groups !== undefined && { groups }),
      layout: 'channels-first',
      kernelLayout: 'out-in-spatial',
    },
    inputs: {
      input: fixtureTensor(test, x, 'channels-first'),
      weight: fixtureTensor(test, w, 'out-in-spatial'),
      ...(b && { bias: fixtureTensor(test, b, 'vector') }),
    },
    expected: { output: fixtureTensor(test, test.outputs[0]!, 'channels-first') },
    provenance: provenance(test, onnxVersion),
  };
}

/** Clause IDs of a transposed convolution's crops. */
function cropClauses(value: FixturePadding | undefined, outputShape: readonly number[] | undefined): FixtureClauseId[] {
  const clauses: FixtureClauseId[] = [];
  if (value !== undefined && typeof value === 'object') clauses.push('padding.explicit', 'conv-transpose.output-size');
  if (value === 'same-upper' || value === 'same-lower') {
    clauses.push(`padding.${value}`, 'conv-transpose.crop-split');
    if (outputShape === undefined) clauses.push('conv-transpose.same');
  }
  if (outputShape !== undefined) clauses.push('conv-transpose.output-shape', 'conv-transpose.crop-split');
  return [...new Set(clauses)];
}

/**
 * ConvTranspose: X [N, C, n...], W [C, M/group, k...] (in-out-spatial), B [M]. A test whose
 * attributes cnnspec rejects (pads together with output_shape, an output_shape with batch and
 * channels) becomes an error fixture under the onnx convention: its notes give the rule and the
 * output ONNX expects instead.
 */
function convTransposeFixture(test: OnnxNodeTest, onnxVersion: string): ConvTransposeFixture {
  tensorCount(test, [2, 3], 1);
  const [x, w, b] = test.inputs as [OnnxNodeTensor, OnnxNodeTensor, OnnxNodeTensor | undefined];
  const rank = x.shape.length - 2;
  const kernel = intList(test, 'kernel_shape', rank);
  if (kernel !== undefined && shapeText(kernel) !== shapeText(w.shape.slice(2))) {
    throw new Error(
      `${test.name}: kernel_shape ${shapeText(kernel)} must equal the spatial shape of ${w.name} ${shapeText(w.shape.slice(2))}`,
    );
  }
  const strides = intList(test, 'strides', rank);
  const dilations = intList(test, 'dilations', rank);
  const groups = intAttribute(test, 'group');
  const outputPadding = intList(test, 'output_padding', rank);
  const shapeValue = test.attributes.output_shape;
  if (shapeValue !== undefined && (!Array.isArray(shapeValue) || !shapeValue.every((v) => Number.isInteger(v)))) {
    throw new Error(`${test.name}: attribute output_shape ${JSON.stringify(shapeValue)} must be a list of integers`);
  }
  const outputShape = shapeValue as number[] | undefined;
  const pad = padding(test, rank);
  const params = {
    ...(strides && { strides }),
    ...(dilations && { dilations }),
    ...(pad !== undefined && { padding: pad }),
    ...(outputPadding && { outputPadding }),
    ...(outputShape && { outputShape }),
    ...(groups !== undefined && { groups }),
    layout: 'channels-first' as const,
    kernelLayout: 'in-out-spatial' as const,
  };
  const spec: FixtureClauseId[] = ['conv-transpose.definition', 'conv-transpose.weight-layout', ...cropClauses(pad, outputShape)];
  if (strides !== undefined) spec.push('shape.stride');
  if (dilations !== undefined) spec.push('conv-transpose.dilation');
  if (outputPadding !== undefined) spec.push('conv-transpose.output-padding');
  if (groups !== undefined) spec.push('conv-transpose.groups');
  if (b !== undefined) spec.push('conv-transpose.bias');
  const inputs = {
    input: fixtureTensor(test, x, 'channels-first'),
    weight: fixtureTensor(test, w, 'in-out-spatial'),
    ...(b && { bias: fixtureTensor(test, b, 'vector') }),
  };
  const base = { ...header(test, 'conv-transpose'), op: 'conv-transpose' as const, conventions: ['onnx' as const], params, inputs };
  const y = test.outputs[0]!;
  let rejection: CnnSpecError | undefined;
  try {
    planConvTranspose({ ...params, convention: 'onnx' }, x.shape, w.shape, b?.shape);
  } catch (error) {
    if (!(error instanceof CnnSpecError)) throw error;
    rejection = error;
  }
  if (rejection === undefined) {
    return {
      ...base,
      spec,
      expected: { output: fixtureTensor(test, y, 'channels-first') },
      provenance: provenance(test, onnxVersion),
    };
  }
  const clause = rejection.clause as FixtureClauseId;
  const source = provenance(test, onnxVersion);
  return {
    ...base,
    spec: [...new Set<FixtureClauseId>([clause, 'conv-transpose.divergences', ...spec])],
    expected: { error: { code: rejection.code, clause } },
    provenance: {
      ...source,
      notes: `${source.notes} ONNX expects an output of shape ${shapeText(y.shape)}; cnnspec rejects the attributes (${rejection.message}), a documented divergence (spec: conv-transpose.divergences).`,
    },
  };
}

function poolFixture(test: OnnxNodeTest, onnxVersion: string): PoolFixture {
  tensorCount(test, [1], 1);
  const x = test.inputs[0]!;
  const rank = x.shape.length - 2;
  const kind = test.opType === 'MaxPool' ? 'max' : 'avg';
  const kernel = intList(test, 'kernel_shape', rank);
  if (kernel === undefined) throw new Error(`${test.name}: ${test.opType} must have kernel_shape (a required attribute)`);
  const strides = intList(test, 'strides', rank);
  const dilations = intList(test, 'dilations', rank);
  const ceilMode = flag(test, 'ceil_mode');
  const countIncludePad = flag(test, 'count_include_pad');
  const pad = padding(test, rank);
  const spec: FixtureClauseId[] = [`pool.${kind}`, 'pool.window', ...paddingClauses(pad)];
  if (pad !== undefined && pad !== 'valid') spec.push('pool.padding');
  spec.push(strides === undefined ? 'pool.default-stride' : 'shape.stride');
  if (dilations !== undefined) spec.push('pool.dilation');
  if (ceilMode !== undefined) spec.push('pool.ceil-mode');
  if (countIncludePad !== undefined) spec.push('pool.avg.count-include-pad');
  return {
    ...header(test, 'pool'),
    op: 'pool',
    spec,
    conventions: ['onnx'],
    params: {
      kind,
      kernel,
      ...(strides && { strides }),
      ...(dilations && { dilations }),
      ...(pad !== undefined && { padding: pad }),
      ...(ceilMode !== undefined && { ceilMode }),
      ...(countIncludePad !== undefined && { countIncludePad }),
      layout: 'channels-first',
    },
    inputs: { input: fixtureTensor(test, x, 'channels-first') },
    expected: { output: fixtureTensor(test, test.outputs[0]!, 'channels-first') },
    provenance: provenance(test, onnxVersion),
  };
}

function globalPoolFixture(test: OnnxNodeTest, onnxVersion: string): GlobalPoolFixture {
  tensorCount(test, [1], 1);
  const kind = test.opType === 'GlobalMaxPool' ? 'max' : 'avg';
  return {
    ...header(test, 'global-pool'),
    op: 'global-pool',
    spec: ['pool.global', `pool.${kind}`],
    conventions: ['onnx'],
    // ONNX global pooling keeps the spatial axes as size 1.
    params: { kind, keepDims: true, layout: 'channels-first' },
    inputs: { input: fixtureTensor(test, test.inputs[0]!, 'channels-first') },
    expected: { output: fixtureTensor(test, test.outputs[0]!, 'channels-first') },
    provenance: provenance(test, onnxVersion),
  };
}

/** Gemm as a dense layer: Y = A·B + C with A [M, K], B [K, N] (transB 0) or [N, K] (transB 1), C one bias per column. */
function denseFixture(test: OnnxNodeTest, onnxVersion: string): DenseFixture {
  tensorCount(test, [2, 3], 1);
  const [a, b, c] = test.inputs as [OnnxNodeTensor, OnnxNodeTensor, OnnxNodeTensor | undefined];
  if (flag(test, 'transA') === true) throw new NotExpressible('transA 1: a dense layer reads its input as [rows, features], untransposed');
  for (const name of ['alpha', 'beta']) {
    const value = test.attributes[name];
    if (value !== undefined && value !== 1)
      throw new NotExpressible(`${name} ${value}: a dense layer adds A·B and the bias unscaled (alpha = beta = 1)`);
  }
  const transB = flag(test, 'transB');
  if (a.shape.length !== 2 || b.shape.length !== 2)
    throw new Error(`${test.name}: Gemm inputs ${a.name} ${shapeText(a.shape)} and ${b.name} ${shapeText(b.shape)} must be matrices`);
  const outFeatures = transB === true ? b.shape[0]! : b.shape[1]!;
  let bias: FixtureTensor | undefined;
  if (c !== undefined) {
    const perColumn = shapeText(c.shape) === shapeText([outFeatures]) || shapeText(c.shape) === shapeText([1, outFeatures]);
    if (!perColumn) {
      throw new NotExpressible(
        `C of shape ${shapeText(c.shape)} broadcast to [${a.shape[0]},${outFeatures}]: a dense bias holds one value per output feature ([${outFeatures}] or [1,${outFeatures}])`,
      );
    }
    // [1, N] broadcasts over the rows exactly as a bias vector [N] does.
    bias = fixtureTensor(test, c, 'vector', [outFeatures]);
  }
  const spec: FixtureClauseId[] = ['dense.definition'];
  if (transB !== undefined) spec.push('dense.weight-layout');
  if (bias !== undefined) spec.push('dense.bias');
  return {
    ...header(test, 'dense'),
    op: 'dense',
    spec,
    conventions: ['onnx'],
    params: transB === undefined ? {} : { weightLayout: transB ? 'out-in' : 'in-out' },
    inputs: {
      input: fixtureTensor(test, a, 'features'),
      weight: fixtureTensor(test, b, transB === true ? 'out-in' : 'in-out'),
      ...(bias && { bias }),
    },
    expected: { output: fixtureTensor(test, test.outputs[0]!, 'features') },
    provenance: provenance(test, onnxVersion),
  };
}

/** The fixture of one node test; throws NotExpressible for a test cnnspec cannot state. */
function toFixture(test: OnnxNodeTest, onnxVersion: string): ConvertedNodeTest['fixture'] {
  const op = test.opType as (typeof SUPPORTED_OPS)[number];
  if (!SUPPORTED_OPS.includes(op)) throw new NotExpressible(`op ${test.opType} is none of ${SUPPORTED_OPS.join(', ')}`);
  const unknown = Object.keys(test.attributes).filter((name) => !KNOWN_ATTRIBUTES[op].includes(name));
  if (unknown.length > 0) throw new NotExpressible(`attribute ${unknown.join(', ')} of ${op} has no cnnspec counterpart`);
  switch (op) {
    case 'Conv':
      return convFixture(test, onnxVersion);
    case 'AveragePool':
    case 'MaxPool':
      return poolFixture(test, onnxVersion);
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
      return globalPoolFixture(test, onnxVersion);
    case 'Gemm':
      return denseFixture(test, onnxVersion);
    case 'ConvTranspose':
      return convTransposeFixture(test, onnxVersion);
  }
}

/**
 * Most elements a fixture tensor holds without the fixture's `large` mark: the converted records
 * stay ordinary fixtures, so that what converts does not depend on a mark the tests never chose.
 */
function fixtureTensorLimit(): number {
  return FIXTURE_ELEMENT_LIMITS.default;
}

/** A test whose tensors do not fit in a fixture cannot be one. */
function checkSize(test: OnnxNodeTest, limit: number): void {
  const large = [...test.inputs, ...test.outputs].filter((tensor) => tensor.data.length > limit);
  if (large.length > 0) {
    throw new NotExpressible(
      `${large.map((t) => `${t.name} ${shapeText(t.shape)} has ${t.data.length} elements`).join(', ')}; a fixture tensor holds at most ${limit}`,
    );
  }
}

/** Every exported node test as a fixture record, or skipped with the reason. */
export function toFixtures(exported: OnnxNodeTestExport): NodeTestConversion {
  const converted: ConvertedNodeTest[] = [];
  const skipped: SkippedNodeTest[] = [...exported.skipped];
  const limit = fixtureTensorLimit();
  for (const test of exported.cases) {
    try {
      checkSize(test, limit);
      const fixture = toFixture(test, exported.onnx);
      const problems = validateFixture(fixture);
      if (problems.length > 0) {
        throw new Error(
          `${test.name}: the converted fixture ${fixture.id} is invalid: ${problems.map((p) => `${p.path} ${p.rule}`).join('; ')}`,
        );
      }
      converted.push({ test, fixture });
    } catch (error) {
      if (!(error instanceof NotExpressible)) throw error;
      skipped.push({ name: test.name, opType: test.opType, reason: error.message });
    }
  }
  return { onnx: exported.onnx, numpy: exported.numpy, converted, skipped };
}
