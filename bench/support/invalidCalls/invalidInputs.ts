/**
 * Generators of invalid calls to every public function of the kit. Each case starts from a valid
 * call (small shapes that fit, known options) and damages one to three of its parts with values
 * from invalidValues.ts or with a damage that only makes sense in context (a kernel larger than
 * the padded input, groups that do not divide the channels, a bias of the wrong length, limits
 * nothing fits in). Every case records which parts it damaged and how, so that the statistics
 * show what the generators reach. judgeCall.ts is the oracle that decides what a call may do.
 *
 * spec: error.typed, error.codes, error.limits
 */
import fc from 'fast-check';
import { AUTO_PADDINGS } from '../../../src/ops/window/planWindow.js';
import { CONVENTION_NAMES } from '../../../src/spec/conventions.js';
import { DENSE_WEIGHT_LAYOUTS } from '../../../src/ops/dense/planDense.js';
import { FILL_MODES } from '../../../src/ops/window/fillCoordinate.js';
import { FORMULAS, type FormulaId } from '../../../src/spec/formulas.js';
import {
  KERNEL_LAYOUTS,
  LAYOUTS,
  defaultKernelLayout,
  joinActivationShape,
  joinKernelShape,
  type Layout,
} from '../../../src/tensor/layout.js';
import { LAYER_TYPES, type LayerSpec, type ModelSpec } from '../../../src/shape/LayerSpec.js';
import { LAYERS } from '../../../src/shape/layerRegistry.js';
import { loadFixtures } from '../../../src/fixtures/loadFixtures.js';
import { MAX_DIMENSION } from '../../../src/spec/paramChecks.js';
import { packageRoot } from '../../../src/files/packageRoot.js';
import { POOL_KINDS } from '../../../src/ops/pool/planPool.js';
import { ADJOINT_CONV_KERNEL_LAYOUT, CONV_TRANSPOSE_KERNEL_LAYOUTS } from '../../../src/ops/conv-transpose/planConvTranspose.js';
import { summary } from '../../../src/shape/summary.js';
import type { Fixture } from '../../../src/fixtures/Fixture.js';
import {
  MISSING,
  TINY_LIMITS,
  invalidBoolean,
  invalidConvention,
  invalidEnum,
  invalidInteger,
  invalidLimits,
  invalidPerAxis,
  invalidRecord,
  invalidShape,
  invalidString,
  invalidTensor,
  type Invalid,
  type InvalidityKind,
} from './invalidValues.js';

export { INVALIDITY_KINDS, type InvalidityKind } from './invalidValues.js';

/** Every public function the generators call, with the names of its arguments. */
export const PUBLIC_FUNCTIONS = {
  conv: ['input', 'weight', 'bias', 'params', 'limits'],
  pool: ['input', 'params', 'limits'],
  globalPool: ['input', 'params', 'limits'],
  dense: ['input', 'weight', 'bias', 'params', 'limits'],
  pad: ['input', 'params', 'limits'],
  planConv: ['params', 'inputShape', 'weightShape', 'biasShape', 'limits'],
  planPool: ['params', 'inputShape', 'limits'],
  planGlobalPool: ['params', 'inputShape', 'limits'],
  planDense: ['params', 'inputShape', 'weightShape', 'biasShape', 'limits'],
  planPad: ['params', 'inputShape', 'limits'],
  convTranspose: ['input', 'weight', 'bias', 'params', 'limits'],
  planConvTranspose: ['params', 'inputShape', 'weightShape', 'biasShape', 'limits'],
  samePads: ['inputSize', 'kernel', 'stride', 'dilation', 'mode'],
  outputShape: ['layer', 'inputShape', 'context'],
  modelOutputShape: ['model'],
  paramCount: ['layer', 'inputShape', 'context'],
  modelParamCount: ['model'],
  receptiveField: ['model'],
  summary: ['model', 'limits'],
  formatSummary: ['summary'],
  planLayer: ['layer', 'inputShape', 'context', 'limits'],
  planModel: ['model', 'limits'],
  makeTensor: ['shape', 'values'],
  checkTensor: ['op', 'name', 'value', 'rank'],
  evaluateFormula: ['id', 'scope'],
  loadFixtures: ['dir', 'options'],
  runFixtureOnReference: ['fixture', 'convention'],
  compareWithTolerance: ['expected', 'actual', 'tolerance', 'failing'],
  referenceAdapter: ['convention'],
  'referenceAdapter().conv': ['convention', 'request'],
  'referenceAdapter().pool': ['convention', 'request'],
  'referenceAdapter().globalPool': ['convention', 'request'],
  'referenceAdapter().dense': ['convention', 'request'],
  'referenceAdapter().pad': ['convention', 'request'],
  'referenceAdapter().convTranspose': ['convention', 'request'],
  'referenceAdapter().outputShape': ['convention', 'request'],
  'referenceAdapter().paramCount': ['convention', 'request'],
} as const satisfies Record<string, readonly string[]>;

export type PublicFunction = keyof typeof PUBLIC_FUNCTIONS;

/** A damaged part of a call: how it is invalid and where, e.g. `params.strides[1]`. */
export interface InvalidPart {
  kind: InvalidityKind;
  at: string;
}

/** One call of a public function with at least one invalid part. */
export interface InvalidCall {
  fn: PublicFunction;
  args: unknown[];
  invalid: InvalidPart[];
}

type Path = readonly (string | number)[];

interface Mutation {
  kind: InvalidityKind;
  /** Where, as a path of field names and indices from the argument list. */
  path: Path;
  /** The assignments that make the damage: a path (first entry: argument index) and a value, MISSING to delete. */
  sets: { path: Path; value: unknown }[];
}

// ---------------------------------------------------------------------------------------------
// Applying damage

function isDescendable(value: unknown): value is Record<string | number, unknown> {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A shallow copy that keeps a record without prototype without one, and own `__proto__` keys as own keys. */
function shallowCopy(value: Record<string | number, unknown>): Record<string | number, unknown> {
  if (Array.isArray(value)) return value.slice() as unknown as Record<string | number, unknown>;
  return Object.getPrototypeOf(value) === null ? Object.assign(Object.create(null) as object, value) : { ...value };
}

/** A copy of `root` with `value` at `path` (copying only along the path), or undefined when a parent on the path is not a plain object or array. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  if (!isDescendable(root)) return undefined;
  const [key, ...rest] = path;
  const copy = shallowCopy(root);
  if (rest.length === 0) {
    if (value === MISSING) {
      delete copy[key!]; // an absent field, or a hole (an omitted argument, a missing size)
    } else {
      copy[key!] = value;
    }
    return copy;
  }
  const child = setAt(root[key!], rest, value);
  if (child === undefined) return undefined;
  copy[key!] = child;
  return copy;
}

const startsWith = (path: Path, prefix: Path): boolean => prefix.length <= path.length && prefix.every((key, i) => path[i] === key);

function label(fn: PublicFunction, path: Path): string {
  const names: readonly string[] = PUBLIC_FUNCTIONS[fn];
  const [argument, ...rest] = path;
  let text = names[argument as number] ?? `arguments[${String(argument)}]`;
  for (const key of rest) text += typeof key === 'number' ? `[${key}]` : `.${key}`;
  return text;
}

/** Applies the mutations in order; one that overwrites an earlier damage replaces it, one that cannot reach its place is skipped. */
function damage(fn: PublicFunction, args: unknown[], mutations: Mutation[]): InvalidCall {
  let current: unknown = args;
  let parts: { mutation: Mutation }[] = [];
  for (const mutation of mutations) {
    let next: unknown = current;
    for (const set of mutation.sets) {
      next = next === undefined ? undefined : setAt(next, set.path, set.value);
    }
    if (next === undefined) continue;
    parts = parts.filter(
      ({ mutation: earlier }) => !earlier.sets.some((old) => mutation.sets.some((set) => startsWith(old.path, set.path))),
    );
    parts.push({ mutation });
    current = next;
  }
  return { fn, args: current as unknown[], invalid: parts.map(({ mutation }) => ({ kind: mutation.kind, at: label(fn, mutation.path) })) };
}

const put = (path: Path, arbitrary: fc.Arbitrary<Invalid>): fc.Arbitrary<Mutation> =>
  arbitrary.map((bad) => ({ kind: bad.kind, path, sets: [{ path, value: bad.value }] }));
const drop = (path: Path): fc.Arbitrary<Mutation> => fc.constant({ kind: 'missing' as const, path, sets: [{ path, value: MISSING }] });
const contextual = (kind: InvalidityKind, path: Path, sets: Mutation['sets']): fc.Arbitrary<Mutation> => fc.constant({ kind, path, sets });
const under = (prefix: Path, path: Path): Path => [...prefix, ...path];

/** A valid call damaged by one to three mutations (mostly one). */
function invalidCallOf<B>(
  fn: PublicFunction,
  base: fc.Arbitrary<B>,
  args: (b: B) => unknown[],
  mutations: (b: B) => fc.Arbitrary<Mutation>[],
): fc.Arbitrary<InvalidCall> {
  return base
    .chain((b) => {
      const mutation = fc.oneof(...mutations(b));
      const count = fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) });
      return count.chain((n) => fc.array(mutation, { minLength: n, maxLength: n })).map((ms) => damage(fn, args(b), ms));
    })
    .filter((call) => call.invalid.length > 0); // a mutation can only be skipped after another: never expected to filter
}

// ---------------------------------------------------------------------------------------------
// Valid bases

/** Deterministic finite data: the values do not matter to input validation, only their count. */
function data(count: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => (((i * 7) % 11) - 5) / 4);
}

function tensor(shape: number[]): { shape: number[]; data: Float32Array } {
  return { shape, data: data(shape.reduce((p, s) => p * s, 1)) };
}

type ExplicitPads = { begin: number[]; end: number[] };

interface WindowBase {
  rank: number;
  layout: Layout;
  batch: number;
  channels: number;
  spatial: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
  padding: 'valid' | 'same-upper' | ExplicitPads;
}

/** Per axis: a kernel, stride, dilation and pads, and an input size the dilated kernel fits in. */
const windowBase: fc.Arbitrary<WindowBase> = fc
  .record({
    rank: fc.integer({ min: 1, max: 3 }),
    layout: fc.constantFrom(...LAYOUTS),
    batch: fc.integer({ min: 1, max: 2 }),
    channels: fc.integer({ min: 1, max: 3 }),
    paddingKind: fc.constantFrom('valid', 'same-upper', 'explicit'),
  })
  .chain(({ rank, paddingKind, ...rest }) =>
    fc
      .array(
        fc.record({
          k: fc.integer({ min: 1, max: 3 }),
          s: fc.integer({ min: 1, max: 2 }),
          d: fc.integer({ min: 1, max: 2 }),
          extra: fc.integer({ min: 0, max: 2 }),
          pb: fc.integer({ min: 0, max: 1 }),
          pe: fc.integer({ min: 0, max: 1 }),
        }),
        { minLength: rank, maxLength: rank },
      )
      .map((axes) => ({
        ...rest,
        rank,
        kernel: axes.map((a) => a.k),
        strides: axes.map((a) => a.s),
        dilations: axes.map((a) => a.d),
        spatial: axes.map((a) => a.d * (a.k - 1) + 1 + a.extra),
        padding:
          paddingKind === 'explicit'
            ? { begin: axes.map((a) => a.pb), end: axes.map((a) => a.pe) }
            : (paddingKind as 'valid' | 'same-upper'),
      })),
  );

const activationShape = (w: WindowBase, spatial = w.spatial, channels = w.channels, batch = w.batch): number[] =>
  joinActivationShape({ batch, channels, spatial }, w.layout);

interface ConvBase extends WindowBase {
  groups: number;
  outChannels: number;
  bias: boolean;
}

const convBase: fc.Arbitrary<ConvBase> = fc
  .tuple(windowBase, fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.boolean())
  .map(([w, groups, outPerGroup, bias]) => ({ ...w, channels: w.channels * groups, groups, outChannels: outPerGroup * groups, bias }));

const convWeightShape = (c: ConvBase, kernel = c.kernel, inPerGroup = c.channels / c.groups): number[] =>
  joinKernelShape({ outChannels: c.outChannels, inChannelsPerGroup: inPerGroup, kernel }, defaultKernelLayout(c.layout));

const convParams = (c: ConvBase): Record<string, unknown> => ({
  strides: c.strides,
  dilations: c.dilations,
  padding: c.padding,
  groups: c.groups,
  layout: c.layout,
});

interface ConvTransposeBase extends WindowBase {
  groups: number;
  outChannels: number;
  bias: boolean;
}

/** Inputs of at least 3 per axis: crops of at most 1 per side then always leave an output. */
const convTransposeBase: fc.Arbitrary<ConvTransposeBase> = fc
  .tuple(windowBase, fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.boolean())
  .map(([w, groups, outPerGroup, bias]) => ({
    ...w,
    spatial: w.spatial.map((n) => Math.max(n, 3)),
    channels: w.channels * groups,
    groups,
    outChannels: outPerGroup * groups,
    bias,
  }));

/** The weight in the layout's default kernel layout (spec: conv-transpose.weight-layout). */
const convTransposeWeightShape = (c: ConvTransposeBase, inChannels = c.channels, rankExtra = 0): number[] => [
  ...joinKernelShape(
    { outChannels: inChannels, inChannelsPerGroup: c.outChannels / c.groups, kernel: c.kernel },
    ADJOINT_CONV_KERNEL_LAYOUT[c.layout === 'channels-first' ? 'in-out-spatial' : 'spatial-out-in'],
  ),
  ...new Array<number>(rankExtra).fill(1),
];

const convTransposeParams = (c: ConvTransposeBase): Record<string, unknown> => ({
  strides: c.strides,
  dilations: c.dilations,
  padding: c.padding,
  outputPadding: 0,
  groups: c.groups,
  layout: c.layout,
});

interface PoolBase extends WindowBase {
  kind: 'max' | 'avg';
  ceilMode: boolean;
}

const poolBase: fc.Arbitrary<PoolBase> = fc.tuple(windowBase, fc.constantFrom(...POOL_KINDS), fc.boolean()).map(([w, kind, ceilMode]) => ({
  ...w,
  dilations: w.dilations.map(() => 1),
  spatial: w.spatial.map((n, a) => Math.max(n, w.kernel[a]!)),
  kind,
  ceilMode,
}));

const poolParams = (p: PoolBase): Record<string, unknown> => ({
  kind: p.kind,
  kernel: p.kernel,
  strides: p.strides,
  padding: p.padding,
  ceilMode: p.ceilMode,
  layout: p.layout,
});

interface DenseBase {
  rows: number[];
  nin: number;
  nout: number;
  weightLayout: 'in-out' | 'out-in';
  bias: boolean;
}

const denseBase: fc.Arbitrary<DenseBase> = fc.record({
  rows: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
  nin: fc.integer({ min: 1, max: 4 }),
  nout: fc.integer({ min: 1, max: 4 }),
  weightLayout: fc.constantFrom(...DENSE_WEIGHT_LAYOUTS),
  bias: fc.boolean(),
});

const denseWeightShape = (d: DenseBase, nin = d.nin): number[] => (d.weightLayout === 'in-out' ? [nin, d.nout] : [d.nout, nin]);

interface PadBase extends WindowBase {
  fill: (typeof FILL_MODES)[number];
  pads: ExplicitPads;
}

/** Pads of at most 2 on inputs of at least 3, so that every fill mode can fill them. */
const padBase: fc.Arbitrary<PadBase> = fc
  .tuple(windowBase, fc.constantFrom(...FILL_MODES), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }))
  .map(([w, fill, pads]) => ({
    ...w,
    spatial: w.spatial.map((n) => Math.max(n, 3)),
    fill,
    pads: { begin: pads.slice(0, w.rank), end: pads.slice(3, 3 + w.rank) },
  }));

// ---------------------------------------------------------------------------------------------
// Damage to parameters shared by several functions

function invalidPadding(rank: number): fc.Arbitrary<Invalid> {
  return fc.oneof(
    invalidEnum(AUTO_PADDINGS),
    invalidPerAxis(rank, 0).map((bad) => ({ kind: bad.kind, value: { begin: bad.value, end: 0 } })),
    invalidPerAxis(rank, 0).map((bad) => ({ kind: bad.kind, value: { begin: 0, end: bad.value } })),
    fc.constantFrom({ end: 0 }, { begin: 0 }).map((value) => ({ kind: 'missing' as const, value })),
    fc.constant({ kind: 'unknown-field' as const, value: { begin: 0, end: 0, middle: 0 } }),
    fc.constantFrom(5, ['valid'], true).map((value) => ({ kind: 'wrong-type' as const, value })),
  );
}

/** Damage to the fields of a window (kernel, strides, dilations, padding), under `prefix`. */
function windowMutations(prefix: Path, rank: number, options: { kernel?: 'required' | 'optional' } = {}): fc.Arbitrary<Mutation>[] {
  const list = [
    put(under(prefix, ['strides']), invalidPerAxis(rank, 1)),
    put(under(prefix, ['dilations']), invalidPerAxis(rank, 1)),
    put(under(prefix, ['padding']), invalidPadding(rank)),
  ];
  if (options.kernel !== undefined) list.push(put(under(prefix, ['kernel']), invalidPerAxis(rank, 1)));
  if (options.kernel === 'required') list.push(drop(under(prefix, ['kernel'])));
  return list;
}

/** Damage to the fields every op record has: the record itself, layout, convention. */
function recordMutations(
  prefix: Path,
  record: Record<string, unknown>,
  options: { convention?: boolean; layout?: boolean } = {},
): fc.Arbitrary<Mutation>[] {
  const list = [put(prefix, invalidRecord(record))];
  if (options.layout ?? true) list.push(put(under(prefix, ['layout']), invalidEnum(LAYOUTS)));
  if (options.convention ?? true) list.push(put(under(prefix, ['convention']), invalidConvention));
  return list;
}

const ACTIVATION_RANK = { min: 3, max: 5 };

/** A copy of `spatial` with axis 0 one larger than its padded extent: no window fits. */
const tooLargeKernel = (w: WindowBase): number[] => w.kernel.map((k, a) => (a === 0 ? w.spatial[0]! + 1 : k));

// ---------------------------------------------------------------------------------------------
// Ops on tensors and their planners

function convMutations(
  c: ConvBase,
  at: { input: Path; weight: Path; bias: Path; params: Path; limits?: Path },
  kind: 'tensor' | 'shape',
): fc.Arbitrary<Mutation>[] {
  const input = tensor(activationShape(c));
  const weight = tensor(convWeightShape(c));
  const bias = tensor([c.outChannels]);
  const slot = (t: { shape: number[]; data: Float32Array }, rank: { min: number; max: number }): fc.Arbitrary<Invalid> =>
    kind === 'tensor' ? invalidTensor(t, rank) : invalidShape(t.shape, 1, rank);
  const value = (shape: number[]): unknown => (kind === 'tensor' ? tensor(shape) : shape);
  const params = convParams(c);
  const list = [
    put(at.input, slot(input, ACTIVATION_RANK)),
    put(at.weight, slot(weight, ACTIVATION_RANK)),
    put(at.bias, slot(bias, { min: 1, max: 1 })),
    drop(at.weight),
    ...recordMutations(at.params, params),
    ...windowMutations(at.params, c.rank),
    put(under(at.params, ['groups']), invalidInteger(1)),
    put(under(at.params, ['fill']), invalidEnum(FILL_MODES)),
    put(under(at.params, ['kernelLayout']), invalidEnum(KERNEL_LAYOUTS)),
    contextual('kernel-too-large', at.weight, [
      { path: under(at.params, ['padding']), value: 'valid' },
      { path: at.weight, value: value(convWeightShape(c, tooLargeKernel(c))) },
    ]),
    contextual('groups', under(at.params, ['groups']), [{ path: under(at.params, ['groups']), value: c.channels + 1 }]),
    contextual('shape-mismatch', at.weight, [{ path: at.weight, value: value(convWeightShape(c, c.kernel, c.channels / c.groups + 1)) }]),
    contextual('shape-mismatch', at.bias, [{ path: at.bias, value: value([c.outChannels + 1]) }]),
    contextual('pad-limit', under(at.params, ['padding']), [
      { path: under(at.params, ['fill']), value: 'reflect' },
      { path: under(at.params, ['padding']), value: { begin: c.spatial.map((n, a) => (a === 0 ? n : 0)), end: 0 } },
    ]),
  ];
  if (kind === 'tensor' && at.limits !== undefined) {
    // spec: divergence.same-with-stride — PyTorch refuses same padding with a stride. Only for
    // direct calls: an adapter request carries no convention (the adapter's applies).
    list.push(
      contextual('convention-rule', under(at.params, ['convention']), [
        { path: under(at.params, ['convention']), value: 'pytorch' },
        { path: under(at.params, ['padding']), value: 'same-upper' },
        { path: under(at.params, ['strides']), value: 2 },
      ]),
    );
  }
  if (at.limits !== undefined) {
    list.push(put(at.limits, invalidLimits));
    list.push(contextual('too-large', at.limits, [{ path: at.limits, value: TINY_LIMITS }]));
    // spec: shape.output-size.exact — TOSA needs the stride to divide the span: an odd span along axis 0 with stride 2
    const span = c.spatial[0]! - (c.dilations[0]! * (c.kernel[0]! - 1) + 1);
    list.push(
      contextual('convention-rule', under(at.params, ['convention']), [
        { path: under(at.params, ['convention']), value: 'tosa' },
        { path: under(at.params, ['strides']), value: 2 },
        { path: under(at.params, ['padding']), value: { begin: 0, end: c.spatial.map((_, a) => (a === 0 && span % 2 === 0 ? 1 : 0)) } },
      ]),
    );
  }
  if (kind === 'shape') {
    list.push(contextual('too-large', at.input, [{ path: at.input, value: activationShape(c, c.spatial, c.channels, MAX_DIMENSION) }]));
  }
  return list;
}

function convTransposeMutations(
  c: ConvTransposeBase,
  at: { input: Path; weight: Path; bias: Path; params: Path; limits?: Path },
  kind: 'tensor' | 'shape',
): fc.Arbitrary<Mutation>[] {
  const input = tensor(activationShape(c));
  const weight = tensor(convTransposeWeightShape(c));
  const bias = tensor([c.outChannels]);
  const slot = (t: { shape: number[]; data: Float32Array }, rank: { min: number; max: number }): fc.Arbitrary<Invalid> =>
    kind === 'tensor' ? invalidTensor(t, rank) : invalidShape(t.shape, 1, rank);
  const value = (shape: number[]): unknown => (kind === 'tensor' ? tensor(shape) : shape);
  const param = (name: string): Path => under(at.params, [name]);
  const list = [
    put(at.input, slot(input, ACTIVATION_RANK)),
    put(at.weight, slot(weight, ACTIVATION_RANK)),
    put(at.bias, slot(bias, { min: 1, max: 1 })),
    drop(at.weight),
    ...recordMutations(at.params, convTransposeParams(c)),
    ...windowMutations(at.params, c.rank),
    put(param('groups'), invalidInteger(1)),
    put(param('kernelLayout'), invalidEnum(CONV_TRANSPOSE_KERNEL_LAYOUTS)),
    put(param('outputPadding'), invalidPerAxis(c.rank, 0)),
    // spec: conv-transpose.output-shape — with a crop mode, not explicit crops
    contextual('wrong-arity', param('outputShape'), [
      { path: param('padding'), value: 'valid' },
      { path: param('outputShape'), value: [...c.spatial, 1] },
    ]),
    put(param('outputShape'), invalidPerAxis(c.rank, 1)),
    // spec: conv-transpose.output-padding — below max(stride, dilation)
    contextual('output-padding', param('outputPadding'), [
      { path: param('outputPadding'), value: c.strides.map((s, a) => Math.max(s, c.dilations[a]!)) },
    ]),
    // spec: conv-transpose.output-size — crops that leave no output element
    contextual('empty-output', param('padding'), [
      {
        path: param('padding'),
        value: { begin: c.spatial.map((n, a) => (n - 1) * c.strides[a]! + c.dilations[a]! * (c.kernel[a]! - 1) + 1), end: 0 },
      },
    ]),
    contextual('groups', param('groups'), [{ path: param('groups'), value: c.channels + 1 }]),
    contextual('shape-mismatch', at.weight, [{ path: at.weight, value: value(convTransposeWeightShape(c, c.channels + 1)) }]),
    contextual('shape-mismatch', at.bias, [{ path: at.bias, value: value([c.outChannels + 1]) }]),
    contextual('wrong-rank', at.weight, [{ path: at.weight, value: value(convTransposeWeightShape(c, c.channels, 1)) }]),
  ];
  if (at.limits !== undefined) {
    list.push(put(at.limits, invalidLimits));
    list.push(contextual('too-large', at.limits, [{ path: at.limits, value: TINY_LIMITS }]));
  }
  if (kind === 'shape') {
    list.push(contextual('too-large', at.input, [{ path: at.input, value: activationShape(c, c.spatial, c.channels, MAX_DIMENSION) }]));
  }
  return list;
}

function poolMutations(p: PoolBase, at: { input: Path; params: Path; limits?: Path }, kind: 'tensor' | 'shape'): fc.Arbitrary<Mutation>[] {
  const input = tensor(activationShape(p));
  const params = poolParams(p);
  const list = [
    put(at.input, kind === 'tensor' ? invalidTensor(input, ACTIVATION_RANK) : invalidShape(input.shape, 1, ACTIVATION_RANK)),
    ...recordMutations(at.params, params),
    ...windowMutations(at.params, p.rank, { kernel: 'required' }),
    put(under(at.params, ['kind']), invalidEnum(POOL_KINDS)),
    drop(under(at.params, ['kind'])),
    put(under(at.params, ['ceilMode']), invalidBoolean),
    contextual('kernel-too-large', under(at.params, ['kernel']), [
      { path: under(at.params, ['padding']), value: 'valid' },
      { path: under(at.params, ['ceilMode']), value: false },
      { path: under(at.params, ['kernel']), value: tooLargeKernel(p) },
    ]),
  ];
  if (at.limits !== undefined) {
    // spec: divergence.pool-pad-limit — PyTorch allows pads of at most half the window (direct calls only, as for conv)
    list.push(
      contextual('convention-rule', under(at.params, ['convention']), [
        { path: under(at.params, ['convention']), value: 'pytorch' },
        { path: under(at.params, ['layout']), value: 'channels-first' },
        { path: under(at.params, ['padding']), value: { begin: p.kernel, end: 0 } },
      ]),
    );
  }
  list.push(
    p.kind === 'avg'
      ? put(under(at.params, ['countIncludePad']), invalidBoolean)
      : contextual('unknown-field', under(at.params, ['countIncludePad']), [{ path: under(at.params, ['countIncludePad']), value: true }]),
  );
  if (at.limits !== undefined) {
    list.push(put(at.limits, invalidLimits));
    list.push(contextual('too-large', at.limits, [{ path: at.limits, value: TINY_LIMITS }]));
  }
  if (kind === 'shape')
    list.push(contextual('too-large', at.input, [{ path: at.input, value: activationShape(p, p.spatial, p.channels, MAX_DIMENSION) }]));
  return list;
}

function globalPoolMutations(
  p: PoolBase,
  at: { input: Path; params: Path; limits?: Path },
  kind: 'tensor' | 'shape',
): fc.Arbitrary<Mutation>[] {
  const input = tensor(activationShape(p));
  const list = [
    put(at.input, kind === 'tensor' ? invalidTensor(input, ACTIVATION_RANK) : invalidShape(input.shape, 1, ACTIVATION_RANK)),
    ...recordMutations(at.params, { kind: p.kind, layout: p.layout }),
    put(under(at.params, ['kind']), invalidEnum(POOL_KINDS)),
    drop(under(at.params, ['kind'])),
    put(under(at.params, ['keepDims']), invalidBoolean),
    contextual('unknown-field', under(at.params, ['kernel']), [{ path: under(at.params, ['kernel']), value: p.kernel }]),
  ];
  if (at.limits !== undefined) {
    list.push(put(at.limits, invalidLimits));
    list.push(contextual('too-large', at.limits, [{ path: at.limits, value: TINY_LIMITS }]));
  }
  if (kind === 'shape')
    list.push(contextual('too-large', at.input, [{ path: at.input, value: activationShape(p, p.spatial, p.channels, MAX_DIMENSION) }]));
  return list;
}

function denseMutations(
  d: DenseBase,
  at: { input: Path; weight: Path; bias: Path; params: Path; limits?: Path },
  kind: 'tensor' | 'shape',
): fc.Arbitrary<Mutation>[] {
  const inputShape = [...d.rows, d.nin];
  const slot = (shape: number[], rank: { min: number; max: number }): fc.Arbitrary<Invalid> =>
    kind === 'tensor' ? invalidTensor(tensor(shape), rank) : invalidShape(shape, 1, rank);
  const value = (shape: number[]): unknown => (kind === 'tensor' ? tensor(shape) : shape);
  const list = [
    put(at.input, slot(inputShape, { min: 1, max: Infinity })),
    put(at.weight, slot(denseWeightShape(d), { min: 2, max: 2 })),
    put(at.bias, slot([d.nout], { min: 1, max: 1 })),
    drop(at.weight),
    ...recordMutations(at.params, { weightLayout: d.weightLayout }, { layout: false }),
    put(under(at.params, ['weightLayout']), invalidEnum(DENSE_WEIGHT_LAYOUTS)),
    contextual('shape-mismatch', at.weight, [{ path: at.weight, value: value(denseWeightShape(d, d.nin + 1)) }]),
    contextual('shape-mismatch', at.bias, [{ path: at.bias, value: value([d.nout + 1]) }]),
  ];
  if (at.limits !== undefined) {
    list.push(put(at.limits, invalidLimits));
    list.push(contextual('too-large', at.limits, [{ path: at.limits, value: TINY_LIMITS }]));
  }
  if (kind === 'shape') list.push(contextual('too-large', at.input, [{ path: at.input, value: [MAX_DIMENSION, MAX_DIMENSION, d.nin] }]));
  return list;
}

const padParams = (p: PadBase): Record<string, unknown> => ({ padding: p.pads, fill: p.fill, layout: p.layout });

function padMutations(p: PadBase, at: { input: Path; params: Path; limits?: Path }, kind: 'tensor' | 'shape'): fc.Arbitrary<Mutation>[] {
  const input = tensor(activationShape(p));
  const list = [
    put(at.input, kind === 'tensor' ? invalidTensor(input, ACTIVATION_RANK) : invalidShape(input.shape, 1, ACTIVATION_RANK)),
    ...recordMutations(at.params, padParams(p)),
    put(under(at.params, ['padding']), invalidPadding(p.rank)),
    drop(under(at.params, ['padding'])),
    put(under(at.params, ['padding', 'begin']), invalidPerAxis(p.rank, 0)),
    put(under(at.params, ['padding', 'end']), invalidPerAxis(p.rank, 0)),
    drop(under(at.params, ['padding', 'end'])),
    put(under(at.params, ['fill']), invalidEnum(FILL_MODES)),
    contextual('pad-limit', under(at.params, ['padding']), [
      { path: under(at.params, ['fill']), value: 'reflect' },
      { path: under(at.params, ['padding']), value: { begin: p.spatial.map((n, a) => (a === 0 ? n : 0)), end: 0 } },
    ]),
    contextual('too-large', under(at.params, ['padding']), [{ path: under(at.params, ['padding']), value: { begin: 1e9, end: 1e9 } }]),
  ];
  if (at.limits !== undefined) {
    list.push(put(at.limits, invalidLimits));
    list.push(contextual('too-large', at.limits, [{ path: at.limits, value: TINY_LIMITS }]));
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Layers and models

interface LayerBase {
  layer: LayerSpec;
  inputShape: number[];
  /** Spatial rank of the input (channels-first), 0 for flat inputs. */
  rank: number;
}

const layerBase: fc.Arbitrary<LayerBase> = fc
  .record({
    type: fc.constantFrom(...LAYER_TYPES),
    channels: fc.integer({ min: 1, max: 3 }),
    spatial: fc.array(fc.integer({ min: 3, max: 6 }), { minLength: 1, maxLength: 3 }),
    k: fc.integer({ min: 1, max: 3 }),
    f: fc.integer({ min: 1, max: 4 }),
    padding: fc.constantFrom('valid', 'same-upper'),
    bias: fc.boolean(),
  })
  .map(({ type, channels, spatial, k, f, padding, bias }): LayerBase => {
    const inputShape = [1, channels, ...spatial];
    const rank = spatial.length;
    const window = { kernel: k, strides: 1, padding } as const;
    switch (type) {
      case 'conv':
        return { layer: { type, filters: f, ...window, bias }, inputShape, rank };
      case 'depthwise-conv':
        return { layer: { type, depthMultiplier: 2, ...window, bias }, inputShape, rank };
      case 'separable-conv':
        return { layer: { type, filters: f, ...window, bias }, inputShape, rank };
      case 'conv-transpose':
        return { layer: { type, filters: f, ...window, strides: 2, bias }, inputShape, rank };
      case 'max-pool':
      case 'avg-pool':
        return { layer: { type, kernel: k, strides: k, padding: 'valid' }, inputShape, rank };
      case 'global-max-pool':
      case 'global-avg-pool':
        return { layer: { type, keepDims: bias }, inputShape, rank };
      case 'flatten':
        return { layer: { type }, inputShape, rank };
      case 'dense':
        return { layer: { type, units: f, bias }, inputShape: [2, f + 1], rank: 0 };
    }
  });

function layerMutations(base: LayerBase, at: { layer: Path; inputShape?: Path }): fc.Arbitrary<Mutation>[] {
  const { layer, rank } = base;
  const field = (name: string): Path => under(at.layer, [name]);
  const foreign = layer.type === 'dense' ? 'kernel' : 'units'; // a field of another layer type
  const list = [
    put(at.layer, invalidRecord(layer as unknown as Record<string, unknown>)),
    put(field('type'), invalidEnum(LAYER_TYPES)),
    drop(field('type')),
    put(field('name'), invalidString),
    contextual('unknown-field', field(foreign), [{ path: field(foreign), value: 3 }]),
  ];
  const windowed =
    layer.type === 'conv' ||
    layer.type === 'depthwise-conv' ||
    layer.type === 'separable-conv' ||
    layer.type === 'max-pool' ||
    layer.type === 'avg-pool';
  if (windowed) {
    list.push(...windowMutations(at.layer, rank, { kernel: 'required' }));
    if (at.inputShape !== undefined) {
      list.push(put(at.inputShape, invalidShape(base.inputShape, 1, ACTIVATION_RANK)));
      list.push(contextual('too-large', at.inputShape, [{ path: at.inputShape, value: [MAX_DIMENSION, ...base.inputShape.slice(1)] }]));
    }
    list.push(
      contextual('kernel-too-large', field('kernel'), [
        { path: field('padding'), value: 'valid' },
        { path: field('kernel'), value: base.inputShape.slice(2).map((n, a) => (a === 0 ? n + 1 : 1)) },
      ]),
    );
  } else if (at.inputShape !== undefined) {
    list.push(put(at.inputShape, invalidShape(base.inputShape, 1, { min: layer.type === 'flatten' ? 2 : 1, max: Infinity })));
  }
  if (layer.type === 'conv' || layer.type === 'separable-conv') list.push(put(field('filters'), invalidInteger(1)), drop(field('filters')));
  if (layer.type === 'conv') {
    list.push(put(field('groups'), invalidInteger(1)));
    list.push(contextual('groups', field('groups'), [{ path: field('groups'), value: base.inputShape[1]! + 1 }]));
  }
  if (layer.type === 'conv-transpose') {
    list.push(...windowMutations(at.layer, rank, { kernel: 'required' }));
    list.push(put(field('filters'), invalidInteger(1)), drop(field('filters')), put(field('groups'), invalidInteger(1)));
    list.push(put(field('outputPadding'), invalidPerAxis(rank, 0)), put(field('outputShape'), invalidPerAxis(rank, 1)));
    // spec: conv-transpose.output-padding, conv-transpose.groups — the layer's filters split into the groups
    list.push(contextual('output-padding', field('outputPadding'), [{ path: field('outputPadding'), value: 2 }]));
    list.push(contextual('groups', field('groups'), [{ path: field('groups'), value: base.inputShape[1]! + 1 }]));
    if (at.inputShape !== undefined) list.push(put(at.inputShape, invalidShape(base.inputShape, 1, ACTIVATION_RANK)));
  }
  if (layer.type === 'depthwise-conv' || layer.type === 'separable-conv') list.push(put(field('depthMultiplier'), invalidInteger(1)));
  if (LAYERS[layer.type].hasBias) list.push(put(field('bias'), invalidBoolean));
  if (layer.type === 'conv' || layer.type === 'depthwise-conv') list.push(put(field('fill'), invalidEnum(FILL_MODES)));
  if (layer.type === 'max-pool' || layer.type === 'avg-pool') list.push(put(field('ceilMode'), invalidBoolean));
  if (layer.type === 'avg-pool') list.push(put(field('countIncludePad'), invalidBoolean));
  if (layer.type === 'global-max-pool' || layer.type === 'global-avg-pool') list.push(put(field('keepDims'), invalidBoolean));
  if (layer.type === 'dense') list.push(put(field('units'), invalidInteger(1)), drop(field('units')));
  if (layer.type === 'flatten' && at.inputShape !== undefined)
    list.push(contextual('wrong-rank', at.inputShape, [{ path: at.inputShape, value: [5] }]));
  return list;
}

function contextMutations(at: Path): fc.Arbitrary<Mutation>[] {
  return [
    put(
      at,
      fc.constantFrom<unknown>(null, 5, 'channels-first', [], new Date(0)).map((value) => ({ kind: 'not-an-object' as const, value })),
    ),
    contextual('unknown-field', under(at, ['dataFormat']), [{ path: under(at, ['dataFormat']), value: 'NCHW' }]),
    put(under(at, ['layout']), invalidEnum(LAYOUTS)),
    put(under(at, ['convention']), invalidConvention),
  ];
}

interface ModelBase {
  model: ModelSpec;
  /** The input's spatial size, equal on every axis. */
  size: number;
}

type LayerTemplate = 'conv-same' | 'conv-valid' | 'pool' | 'depthwise';

/** A stack of window layers that all fit, optionally ending in flatten and dense or global pooling. */
const modelBase: fc.Arbitrary<ModelBase> = fc
  .record({
    channels: fc.integer({ min: 1, max: 3 }),
    size: fc.integer({ min: 4, max: 12 }),
    rank: fc.integer({ min: 1, max: 2 }),
    templates: fc.array(fc.constantFrom<LayerTemplate>('conv-same', 'conv-valid', 'pool', 'depthwise'), { maxLength: 4 }),
    head: fc.constantFrom('none', 'flatten-dense', 'global'),
    options: fc.constantFrom<Partial<ModelSpec>>({}, { layout: 'channels-first' }, { convention: 'cnnspec' }, { convention: 'onnx' }),
  })
  .map(({ channels, size, rank, templates, head, options }) => {
    let n = size;
    const layers: LayerSpec[] = [];
    for (const template of templates) {
      if (template === 'conv-same') layers.push({ type: 'conv', filters: 2, kernel: 3, padding: 'same-upper' });
      else if (template === 'depthwise') layers.push({ type: 'depthwise-conv', kernel: 1 });
      else if (template === 'conv-valid' && n >= 3) {
        layers.push({ type: 'conv', filters: 2, kernel: 3 });
        n -= 2;
      } else if (template === 'pool' && n >= 2) {
        layers.push({ type: 'max-pool', kernel: 2, strides: 2 });
        n = Math.floor((n - 2) / 2) + 1;
      }
    }
    if (head === 'flatten-dense') layers.push({ type: 'flatten' }, { type: 'dense', units: 3 });
    if (head === 'global') layers.push({ type: 'global-avg-pool' });
    return { model: { input: [1, channels, ...new Array<number>(rank).fill(size)], ...options, layers }, size };
  });

/** Forty pooling layers of stride 2^31 - 1 on a single pixel: each keeps the size 1, the jump multiplies. */
const DEEP_STACK: LayerSpec[] = Array.from({ length: 40 }, () => ({ type: 'max-pool' as const, kernel: 1, strides: MAX_DIMENSION }));

function modelMutations(base: ModelBase, at: { model: Path; limits?: Path }): fc.Arbitrary<Mutation>[] {
  const { model } = base;
  const field = (name: string): Path => under(at.model, [name]);
  const list = [
    put(at.model, invalidRecord(model as unknown as Record<string, unknown>)),
    put(field('input'), invalidShape(model.input, 1, { min: 1, max: Infinity })),
    drop(field('input')),
    put(field('layout'), invalidEnum(LAYOUTS)),
    put(field('convention'), invalidConvention),
    put(
      field('layers'),
      fc
        .constantFrom<unknown>(null, 5, 'conv', {}, { 0: { type: 'flatten' }, length: 1 })
        .map((value) => ({ kind: 'wrong-type' as const, value })),
    ),
    drop(field('layers')),
    contextual('missing', field('layers'), [{ path: field('layers'), value: new Array(2) }]),
    put(
      under(field('layers'), [model.layers.length]),
      fc.constantFrom<unknown>(null, 5, 'conv', [], new Date(0)).map((value) => ({ kind: 'not-an-object' as const, value })),
    ),
    contextual('kernel-too-large', field('layers'), [
      { path: field('layers'), value: [{ type: 'conv', filters: 1, kernel: base.size + 1 }] },
    ]),
    contextual('too-large', field('layers'), [
      { path: field('input'), value: model.input.map((s, i) => (i < 2 ? s : 1)) },
      { path: field('layers'), value: DEEP_STACK },
    ]),
  ];
  if (model.layers.length > 0) {
    list.push(
      fc.nat({ max: model.layers.length - 1 }).chain((index) => {
        const layer = model.layers[index]!;
        const windowed = 'kernel' in layer;
        return fc.oneof(
          ...layerMutations(
            { layer, inputShape: model.input, rank: windowed ? model.input.length - 2 : 0 },
            { layer: under(field('layers'), [index]) },
          ),
        );
      }),
    );
  }
  if (at.limits !== undefined) {
    list.push(put(at.limits, invalidLimits));
    list.push(contextual('too-large', at.limits, [{ path: at.limits, value: TINY_LIMITS }]));
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Other functions

function summaryMutations(s: ReturnType<typeof summary>): fc.Arbitrary<Mutation>[] {
  const list = [
    put([0], invalidRecord(s as unknown as Record<string, unknown>)),
    put(
      [0, 'rows'],
      fc.constantFrom<unknown>(null, 5, {}, 'rows').map((value) => ({ kind: 'wrong-type' as const, value })),
    ),
    drop([0, 'rows']),
    put([0, 'input'], invalidShape(s.input, 1, { min: 1, max: Infinity })),
    put([0, 'layout'], invalidString),
    put([0, 'convention'], invalidString),
    put(
      [0, 'totals'],
      fc.constantFrom<unknown>(null, 5, [], 'all').map((value) => ({ kind: 'not-an-object' as const, value })),
    ),
    put([0, 'totals', 'total'], invalidInteger(0)),
    drop([0, 'totals', 'weights']),
  ];
  if (s.rows.length > 0) {
    list.push(
      fc.nat({ max: s.rows.length - 1 }).chain((index) => {
        const row = s.rows[index]!;
        const at = (...path: (string | number)[]): Path => [0, 'rows', index, ...path];
        return fc.oneof(
          put(
            at(),
            fc.constantFrom<unknown>(null, 5, 'row', []).map((value) => ({ kind: 'not-an-object' as const, value })),
          ),
          put(at('name'), invalidString),
          put(at('type'), invalidString),
          put(at('outputShape'), invalidShape(row.outputShape, 1, { min: 1, max: Infinity })),
          put(at('params', 'total'), invalidInteger(0)),
          put(at('params', 'biases'), invalidInteger(0)),
          put(
            at('receptiveField'),
            fc.constantFrom<unknown>(null, 5, []).map((value) => ({ kind: 'not-an-object' as const, value })),
          ),
          put(
            at('receptiveField', 'size'),
            fc.constantFrom<unknown>(null, 5, [NaN], ['3']).map((value) => ({ kind: 'wrong-type' as const, value })),
          ),
          put(
            at('receptiveField', 'jump'),
            fc.constantFrom<unknown>(null, [Infinity], [{}]).map((value) => ({ kind: 'wrong-type' as const, value })),
          ),
          drop(at('receptiveField', 'start')),
          contextual('unknown-field', at('colour'), [{ path: at('colour'), value: 'red' }]),
        );
      }),
    );
  }
  return list;
}

const FORMULA_IDS = Object.keys(FORMULAS) as FormulaId[];

/** A valid value for each formula symbol: sizes in their ranges, small enough to stay exact. */
const SYMBOL_VALUES: Record<string, fc.Arbitrary<number>> = {
  n: fc.integer({ min: 4, max: 9 }),
  k: fc.integer({ min: 1, max: 3 }),
  d: fc.integer({ min: 1, max: 2 }),
  s: fc.integer({ min: 1, max: 3 }),
  pb: fc.integer({ min: 0, max: 2 }),
  pe: fc.integer({ min: 0, max: 2 }),
  effK: fc.integer({ min: 1, max: 4 }),
  out: fc.integer({ min: 1, max: 4 }),
  total: fc.integer({ min: 0, max: 3 }),
  o: fc.integer({ min: 0, max: 3 }),
  j: fc.integer({ min: 0, max: 2 }),
  K: fc.integer({ min: 1, max: 9 }),
  cin: fc.integer({ min: 1, max: 4 }),
  cout: fc.integer({ min: 1, max: 4 }),
  g: fc.constant(1),
  dm: fc.integer({ min: 1, max: 2 }),
  f: fc.integer({ min: 1, max: 4 }),
  bias: fc.integer({ min: 0, max: 1 }),
  nin: fc.integer({ min: 1, max: 4 }),
  nout: fc.integer({ min: 1, max: 4 }),
  rf: fc.integer({ min: 1, max: 5 }),
  jump: fc.integer({ min: 1, max: 4 }),
  start: fc.integer({ min: -2, max: 0 }),
};

const formulaBase = fc
  .constantFrom(...FORMULA_IDS)
  .chain((id) =>
    fc
      .record(Object.fromEntries(FORMULAS[id].variables.map((name) => [name, SYMBOL_VALUES[name] ?? fc.integer({ min: 1, max: 3 })])))
      .map((scope) => ({ id, scope })),
  );

function formulaMutations(base: { id: FormulaId; scope: Record<string, number> }): fc.Arbitrary<Mutation>[] {
  const variables = FORMULAS[base.id].variables;
  const list = [
    put([0], invalidEnum(FORMULA_IDS)),
    put(
      [1],
      fc.constantFrom<unknown>(null, 5, 'n=1', [1, 2]).map((value) => ({ kind: 'not-an-object' as const, value })),
    ),
  ];
  if (variables.length > 0) {
    const variable = fc.constantFrom(...variables);
    list.push(
      variable.chain((name) =>
        put(
          [1, name],
          fc.oneof(
            invalidInteger(1).filter((bad) => bad.kind === 'nan' || bad.kind === 'infinite' || bad.kind === 'wrong-type'),
            fc.constant({ kind: 'huge' as const, value: 1e308 }),
          ),
        ),
      ),
      variable.chain((name) => drop([1, name])),
    );
  }
  if (variables.includes('s')) list.push(contextual('zero', [1, 's'], [{ path: [1, 's'], value: 0 }]));
  return list;
}

let fixtureCache: Fixture[] | undefined;

/** The golden fixtures, loaded once: runFixtureOnReference cases damage real fixtures. */
export function goldenFixtures(): Fixture[] {
  fixtureCache ??= loadFixtures().map(({ fixture }) => fixture);
  return fixtureCache;
}

function fixtureMutations(fixture: Fixture): fc.Arbitrary<Mutation>[] {
  const list = [
    put(
      [0],
      fc.constantFrom<unknown>(null, 5, 'conv.3d-valid', [], new Date(0)).map((value) => ({ kind: 'not-an-object' as const, value })),
    ),
    put([0, 'op'], invalidEnum(['conv', 'pool', 'global-pool', 'dense', 'pad', 'model'])),
    contextual('unknown-field', [0, 'colour'], [{ path: [0, 'colour'], value: 'red' }]),
    put(
      [0, 'params'],
      fc.constantFrom<unknown>(null, 5, 'params').map((value) => ({ kind: 'not-an-object' as const, value })),
    ),
    put([1], invalidConvention),
    put(
      [1],
      fc
        .constantFrom<unknown>(...CONVENTION_NAMES.map((name) => ({ base: name })), 'TORCH')
        .map((value) => ({ kind: 'convention' as const, value })),
    ),
  ];
  if (fixture.op !== 'model') {
    const input = fixture.inputs.input;
    list.push(
      drop([0, 'inputs']),
      drop([0, 'inputs', 'input']),
      put([0, 'inputs', 'input', 'shape'], invalidShape(input.shape, 1, { min: 1, max: 5 })),
      contextual('data-length', [0, 'inputs', 'input', 'data'], [{ path: [0, 'inputs', 'input', 'data'], value: input.data.slice(1) }]),
      contextual('data-length', [0, 'inputs', 'input', 'data'], [{ path: [0, 'inputs', 'input', 'data'], value: [...input.data, 0] }]),
      contextual(
        'data-type',
        [0, 'inputs', 'input', 'data'],
        [{ path: [0, 'inputs', 'input', 'data'], value: input.data.map(() => 'one') }],
      ),
      contextual('unknown-field', [0, 'params', 'colour'], [{ path: [0, 'params', 'colour'], value: 'red' }]),
    );
  } else {
    list.push(
      contextual('unknown-field', [0, 'params', 'layers', 0, 'colour'], [{ path: [0, 'params', 'layers', 0, 'colour'], value: 'red' }]),
    );
  }
  return list;
}

interface ToleranceBase {
  n: number;
  exact: boolean;
  hasBias: boolean;
  zeroSignFree: boolean;
  failing: boolean;
}

const toleranceBase: fc.Arbitrary<ToleranceBase> = fc.record({
  n: fc.integer({ min: 1, max: 6 }),
  exact: fc.boolean(),
  hasBias: fc.boolean(),
  zeroSignFree: fc.boolean(),
  failing: fc.boolean(),
});

function toleranceArgs(t: ToleranceBase): unknown[] {
  const expected = { shape: [t.n], data: data(t.n) };
  const actual = { shape: [t.n], data: data(t.n).map((v, i) => (i === 0 ? v + 2 ** -20 : v)) };
  const tolerance = t.exact
    ? { kind: 'exact', zeroSignFree: t.zeroSignFree }
    : { kind: 'dot-product', magnitude: new Float64Array(t.n).fill(1), accumulationLength: 4, hasBias: t.hasBias, ulpBudget: 8 };
  return [expected, actual, tolerance, t.failing ? [] : undefined];
}

function toleranceMutations(t: ToleranceBase): fc.Arbitrary<Mutation>[] {
  const notAnObject = fc.constantFrom<unknown>(null, 5, 'tensor', []).map((value) => ({ kind: 'not-an-object' as const, value }));
  const list = [
    put([0], notAnObject),
    put([0, 'shape'], invalidShape([t.n], 1, { min: 0, max: Infinity })),
    contextual('data-length', [0, 'data'], [{ path: [0, 'data'], value: new Float32Array(t.n + 1) }]),
    put(
      [0, 'data'],
      fc.constantFrom<unknown>(null, 'data', 5, ['1'], [1n]).map((value) => ({ kind: 'data-type' as const, value })),
    ),
    put([1], notAnObject),
    put(
      [1, 'shape'],
      fc.constantFrom<unknown>(null, 5, 'shape').map((value) => ({ kind: 'wrong-type' as const, value })),
    ),
    put(
      [1, 'data'],
      fc.constantFrom<unknown>(null, 'data', 5, new Array(t.n).fill('1')).map((value) => ({ kind: 'data-type' as const, value })),
    ),
    put([2], notAnObject),
    put([2, 'kind'], invalidEnum(['exact', 'dot-product'])),
    drop([2, 'kind']),
    contextual('unknown-field', [2, 'epsilon'], [{ path: [2, 'epsilon'], value: 1e-6 }]),
    put(
      [3],
      fc.constantFrom<unknown>('failing', 5, {}, null, new Set()).map((value) => ({ kind: 'wrong-type' as const, value })),
    ),
  ];
  if (t.exact) {
    list.push(put([2, 'zeroSignFree'], invalidBoolean), drop([2, 'zeroSignFree']));
  } else {
    list.push(
      contextual('data-length', [2, 'magnitude'], [{ path: [2, 'magnitude'], value: new Float64Array(Math.max(t.n - 1, 0)) }]),
      put(
        [2, 'magnitude'],
        fc.constantFrom<unknown>(null, 1, 'abs', new Array(t.n).fill('1')).map((value) => ({ kind: 'data-type' as const, value })),
      ),
      put([2, 'accumulationLength'], invalidInteger(1)),
      drop([2, 'accumulationLength']),
      put([2, 'hasBias'], invalidBoolean),
      put(
        [2, 'ulpBudget'],
        invalidInteger(0).filter((bad) => bad.kind !== 'fractional' && bad.kind !== 'huge'),
      ),
    );
  }
  return list;
}

const loaderMutations: fc.Arbitrary<Mutation>[] = [
  put(
    [0],
    fc.constantFrom<unknown>(5, null, {}, ['fixtures'], true, 10n).map((value) => ({ kind: 'wrong-type' as const, value })),
  ),
  put(
    [0],
    fc.constantFrom('/nonexistent/cnnspec-fixtures', 'fixtures-that-are-not-here').map((value) => ({ kind: 'missing' as const, value })),
  ),
  contextual('wrong-type', [0], [{ path: [0], value: `${packageRoot()}/package.json` }]),
  put(
    [1],
    fc.constantFrom<unknown>(null, 5, 'manifest', [], new Date(0)).map((value) => ({ kind: 'not-an-object' as const, value })),
  ),
  contextual('unknown-field', [1, 'strict'], [{ path: [1, 'strict'], value: true }]),
  put([1, 'manifest'], invalidBoolean),
];

// ---------------------------------------------------------------------------------------------
// Every function

/** The convention of the adapter whose methods get invalid requests. */
const ADAPTER_CONVENTION = 'cnnspec';

/** Damage to a request as a whole. Fields beyond the op's are not damage: requests are structural, callers pass larger case records. */
function requestMutations(): fc.Arbitrary<Mutation>[] {
  return [
    put(
      [1],
      fc.constantFrom<unknown>(null, 5, 'request', [], undefined).map((value) => ({ kind: 'not-an-object' as const, value })),
    ),
  ];
}

const GENERATORS: { [F in PublicFunction]: fc.Arbitrary<InvalidCall> } = {
  conv: invalidCallOf(
    'conv',
    convBase,
    (c) => [tensor(activationShape(c)), tensor(convWeightShape(c)), c.bias ? tensor([c.outChannels]) : undefined, convParams(c), undefined],
    (c) => [...convMutations(c, { input: [0], weight: [1], bias: [2], params: [3], limits: [4] }, 'tensor'), drop([0])],
  ),
  pool: invalidCallOf(
    'pool',
    poolBase,
    (p) => [tensor(activationShape(p)), poolParams(p), undefined],
    (p) => [...poolMutations(p, { input: [0], params: [1], limits: [2] }, 'tensor'), drop([1])],
  ),
  globalPool: invalidCallOf(
    'globalPool',
    poolBase,
    (p) => [tensor(activationShape(p)), { kind: p.kind, layout: p.layout }, undefined],
    (p) => globalPoolMutations(p, { input: [0], params: [1], limits: [2] }, 'tensor'),
  ),
  dense: invalidCallOf(
    'dense',
    denseBase,
    (d) => [
      tensor([...d.rows, d.nin]),
      tensor(denseWeightShape(d)),
      d.bias ? tensor([d.nout]) : undefined,
      { weightLayout: d.weightLayout },
      undefined,
    ],
    (d) => denseMutations(d, { input: [0], weight: [1], bias: [2], params: [3], limits: [4] }, 'tensor'),
  ),
  pad: invalidCallOf(
    'pad',
    padBase,
    (p) => [tensor(activationShape(p)), padParams(p), undefined],
    (p) => [...padMutations(p, { input: [0], params: [1], limits: [2] }, 'tensor'), drop([1])],
  ),
  planConv: invalidCallOf(
    'planConv',
    convBase,
    (c) => [convParams(c), activationShape(c), convWeightShape(c), c.bias ? [c.outChannels] : undefined, undefined],
    (c) => convMutations(c, { params: [0], input: [1], weight: [2], bias: [3], limits: [4] }, 'shape'),
  ),
  convTranspose: invalidCallOf(
    'convTranspose',
    convTransposeBase,
    (c) => [
      tensor(activationShape(c)),
      tensor(convTransposeWeightShape(c)),
      c.bias ? tensor([c.outChannels]) : undefined,
      convTransposeParams(c),
      undefined,
    ],
    (c) => [...convTransposeMutations(c, { input: [0], weight: [1], bias: [2], params: [3], limits: [4] }, 'tensor'), drop([0])],
  ),
  planConvTranspose: invalidCallOf(
    'planConvTranspose',
    convTransposeBase,
    (c) => [convTransposeParams(c), activationShape(c), convTransposeWeightShape(c), c.bias ? [c.outChannels] : undefined, undefined],
    (c) => convTransposeMutations(c, { params: [0], input: [1], weight: [2], bias: [3], limits: [4] }, 'shape'),
  ),
  planPool: invalidCallOf(
    'planPool',
    poolBase,
    (p) => [poolParams(p), activationShape(p), undefined],
    (p) => poolMutations(p, { params: [0], input: [1], limits: [2] }, 'shape'),
  ),
  planGlobalPool: invalidCallOf(
    'planGlobalPool',
    poolBase,
    (p) => [{ kind: p.kind, layout: p.layout }, activationShape(p), undefined],
    (p) => globalPoolMutations(p, { params: [0], input: [1], limits: [2] }, 'shape'),
  ),
  planDense: invalidCallOf(
    'planDense',
    denseBase,
    (d) => [{ weightLayout: d.weightLayout }, [...d.rows, d.nin], denseWeightShape(d), d.bias ? [d.nout] : undefined, undefined],
    (d) => denseMutations(d, { params: [0], input: [1], weight: [2], bias: [3], limits: [4] }, 'shape'),
  ),
  planPad: invalidCallOf(
    'planPad',
    padBase,
    (p) => [padParams(p), activationShape(p), undefined],
    (p) => padMutations(p, { params: [0], input: [1], limits: [2] }, 'shape'),
  ),
  samePads: invalidCallOf(
    'samePads',
    fc.tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 2 }),
      fc.constantFrom('same-upper', 'same-lower'),
    ),
    (args) => [...args],
    () => [
      ...[0, 1, 2, 3].map((index) => put([index], invalidInteger(1))),
      drop([0]),
      drop([1]),
      put([4], invalidEnum(['same-upper', 'same-lower'])),
      contextual(
        'too-large',
        [3],
        [
          { path: [1], value: MAX_DIMENSION },
          { path: [3], value: MAX_DIMENSION },
        ],
      ),
    ],
  ),
  outputShape: invalidCallOf(
    'outputShape',
    layerBase,
    (l) => [l.layer, l.inputShape, {}],
    (l) => [...layerMutations(l, { layer: [0], inputShape: [1] }), ...contextMutations([2])],
  ),
  paramCount: invalidCallOf(
    'paramCount',
    layerBase,
    (l) => [l.layer, l.inputShape, { layout: 'channels-first' }],
    (l) => [...layerMutations(l, { layer: [0], inputShape: [1] }), ...contextMutations([2])],
  ),
  planLayer: invalidCallOf(
    'planLayer',
    layerBase,
    (l) => [l.layer, l.inputShape, {}, undefined],
    (l) => [
      ...layerMutations(l, { layer: [0], inputShape: [1] }),
      ...contextMutations([2]),
      put([3], invalidLimits),
      contextual('too-large', [3], [{ path: [3], value: TINY_LIMITS }]),
    ],
  ),
  modelOutputShape: invalidCallOf(
    'modelOutputShape',
    modelBase,
    (m) => [m.model],
    (m) => modelMutations(m, { model: [0] }),
  ),
  modelParamCount: invalidCallOf(
    'modelParamCount',
    modelBase,
    (m) => [m.model],
    (m) => modelMutations(m, { model: [0] }),
  ),
  receptiveField: invalidCallOf(
    'receptiveField',
    modelBase,
    (m) => [m.model],
    (m) => modelMutations(m, { model: [0] }),
  ),
  summary: invalidCallOf(
    'summary',
    modelBase,
    (m) => [m.model, undefined],
    (m) => modelMutations(m, { model: [0], limits: [1] }),
  ),
  planModel: invalidCallOf(
    'planModel',
    modelBase,
    (m) => [m.model, undefined],
    (m) => modelMutations(m, { model: [0], limits: [1] }),
  ),
  formatSummary: invalidCallOf(
    'formatSummary',
    modelBase.map((m) => summary(m.model)),
    (s) => [s],
    summaryMutations,
  ),
  makeTensor: invalidCallOf(
    'makeTensor',
    fc.tuple(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }), fc.constantFrom('none', 'array', 'float32')),
    ([shape, values]) => {
      const count = shape.reduce((p, s) => p * s, 1);
      return [shape, values === 'none' ? undefined : values === 'array' ? Array.from(data(count)) : data(count)];
    },
    ([shape]) => {
      const count = shape.reduce((p, s) => p * s, 1);
      return [
        put([0], invalidShape(shape, 0, { min: 0, max: Infinity })),
        fc
          .constantFrom(-1, 1)
          .filter((delta) => count + delta >= 0)
          .map((delta) => ({
            kind: 'data-length' as const,
            path: [1],
            sets: [{ path: [1], value: new Array<number>(count + delta).fill(1) }],
          })),
        put(
          [1],
          fc
            .constantFrom<unknown>(
              null,
              'data',
              5,
              { length: count },
              new Array(count).fill('1'),
              new Array(count).fill(1n),
              new Array(count),
              new BigInt64Array(count),
            )
            .map((value) => ({ kind: 'data-type' as const, value })),
        ),
        contextual(
          'too-large',
          [0],
          [
            { path: [0], value: [1e5, 1e5] },
            { path: [1], value: MISSING },
          ],
        ),
        contextual(
          'too-large',
          [0],
          [
            { path: [0], value: [MAX_DIMENSION, MAX_DIMENSION, MAX_DIMENSION] },
            { path: [1], value: MISSING },
          ],
        ),
      ];
    },
  ),
  checkTensor: invalidCallOf(
    'checkTensor',
    fc.tuple(fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }), fc.boolean()),
    ([shape, ranked]) => ['op', 'x', tensor(shape), ranked ? { min: shape.length } : undefined],
    ([shape]) => [
      put([2], invalidTensor(tensor(shape), { min: 0, max: Infinity })),
      contextual('wrong-rank', [3], [{ path: [3], value: { min: shape.length + 1 } }]),
    ],
  ),
  evaluateFormula: invalidCallOf('evaluateFormula', formulaBase, ({ id, scope }) => [id, scope], formulaMutations),
  loadFixtures: invalidCallOf(
    'loadFixtures',
    fc.constant(null),
    () => [undefined, { manifest: true }],
    () => loaderMutations,
  ),
  runFixtureOnReference: invalidCallOf(
    'runFixtureOnReference',
    fc.integer({ min: 0, max: 1e6 }).map((index) => {
      const fixtures = goldenFixtures();
      const fixture = fixtures[index % fixtures.length]!;
      return { fixture, convention: fixture.conventions[index % fixture.conventions.length]! };
    }),
    ({ fixture, convention }) => [fixture, convention],
    ({ fixture }) => fixtureMutations(fixture),
  ),
  compareWithTolerance: invalidCallOf('compareWithTolerance', toleranceBase, toleranceArgs, toleranceMutations),
  referenceAdapter: invalidCallOf(
    'referenceAdapter',
    fc.constantFrom(...CONVENTION_NAMES),
    (name) => [name],
    () => [put([0], invalidConvention)],
  ),
  'referenceAdapter().conv': invalidCallOf(
    'referenceAdapter().conv',
    convBase,
    (c) => [
      ADAPTER_CONVENTION,
      {
        input: tensor(activationShape(c)),
        weight: tensor(convWeightShape(c)),
        ...(c.bias ? { bias: tensor([c.outChannels]) } : {}),
        params: convParams(c),
      },
    ],
    (c) => [
      ...convMutations(c, { input: [1, 'input'], weight: [1, 'weight'], bias: [1, 'bias'], params: [1, 'params'] }, 'tensor'),
      ...requestMutations(),
    ],
  ),
  'referenceAdapter().pool': invalidCallOf(
    'referenceAdapter().pool',
    poolBase,
    (p) => [ADAPTER_CONVENTION, { input: tensor(activationShape(p)), params: poolParams(p) }],
    (p) => [...poolMutations(p, { input: [1, 'input'], params: [1, 'params'] }, 'tensor'), ...requestMutations()],
  ),
  'referenceAdapter().globalPool': invalidCallOf(
    'referenceAdapter().globalPool',
    poolBase,
    (p) => [ADAPTER_CONVENTION, { input: tensor(activationShape(p)), params: { kind: p.kind, layout: p.layout } }],
    (p) => [...globalPoolMutations(p, { input: [1, 'input'], params: [1, 'params'] }, 'tensor'), ...requestMutations()],
  ),
  'referenceAdapter().dense': invalidCallOf(
    'referenceAdapter().dense',
    denseBase,
    (d) => [
      ADAPTER_CONVENTION,
      {
        input: tensor([...d.rows, d.nin]),
        weight: tensor(denseWeightShape(d)),
        ...(d.bias ? { bias: tensor([d.nout]) } : {}),
        params: { weightLayout: d.weightLayout },
      },
    ],
    (d) => [
      ...denseMutations(d, { input: [1, 'input'], weight: [1, 'weight'], bias: [1, 'bias'], params: [1, 'params'] }, 'tensor'),
      ...requestMutations(),
    ],
  ),
  'referenceAdapter().pad': invalidCallOf(
    'referenceAdapter().pad',
    padBase,
    (p) => [ADAPTER_CONVENTION, { input: tensor(activationShape(p)), params: padParams(p) }],
    (p) => [...padMutations(p, { input: [1, 'input'], params: [1, 'params'] }, 'tensor'), ...requestMutations()],
  ),
  'referenceAdapter().convTranspose': invalidCallOf(
    'referenceAdapter().convTranspose',
    convTransposeBase,
    (c) => [
      ADAPTER_CONVENTION,
      {
        input: tensor(activationShape(c)),
        weight: tensor(convTransposeWeightShape(c)),
        ...(c.bias ? { bias: tensor([c.outChannels]) } : {}),
        params: convTransposeParams(c),
      },
    ],
    (c) => [
      ...convTransposeMutations(c, { input: [1, 'input'], weight: [1, 'weight'], bias: [1, 'bias'], params: [1, 'params'] }, 'tensor'),
      ...requestMutations(),
    ],
  ),
  'referenceAdapter().outputShape': invalidCallOf(
    'referenceAdapter().outputShape',
    layerBase,
    (l) => [ADAPTER_CONVENTION, { layer: l.layer, inputShape: l.inputShape, layout: 'channels-first' }],
    (l) => [
      ...layerMutations(l, { layer: [1, 'layer'], inputShape: [1, 'inputShape'] }),
      put([1, 'layout'], invalidEnum(LAYOUTS)),
      ...requestMutations(),
    ],
  ),
  'referenceAdapter().paramCount': invalidCallOf(
    'referenceAdapter().paramCount',
    layerBase,
    (l) => [ADAPTER_CONVENTION, { layer: l.layer, inputShape: l.inputShape, layout: 'channels-first' }],
    (l) => [
      ...layerMutations(l, { layer: [1, 'layer'], inputShape: [1, 'inputShape'] }),
      put([1, 'layout'], invalidEnum(LAYOUTS)),
      ...requestMutations(),
    ],
  ),
};

/** Invalid calls of one public function. */
export function invalidCallsOf(fn: PublicFunction): fc.Arbitrary<InvalidCall> {
  return GENERATORS[fn];
}

/** Invalid calls of every public function, each function equally often. */
export function invalidCall(): fc.Arbitrary<InvalidCall> {
  return fc.oneof(...(Object.keys(GENERATORS) as PublicFunction[]).map((fn) => GENERATORS[fn]));
}
