/**
 * Named conventions: one record per framework family, fixing every point where frameworks
 * diverge (spec/conventions.md). Ops take a `convention` parameter; `cnnspec` is the default.
 * A convention may also be given as a base name plus overrides, for an implementation that
 * follows a family except on a few points.
 *
 * The spec's convention tables are rendered from these records (scripts/renderSpec.ts).
 *
 * @see spec:convention.model
 */
import { CnnSpecError } from './CnnSpecError.js';
import { checkEnum, checkKnownFields, orDefault, type CheckContext } from './paramChecks.js';
import { FEATURES, type Feature, type FeatureUse } from './features.js';

export type Layout = 'channels-first' | 'channels-last';

/** Every knob a convention sets, with the clause that describes the divergence. */
export interface ConventionKnobs {
  /** Data layout when an op's `layout` is omitted. @see spec:divergence.default-layout */
  layout: Layout;
  /** Dense weight layout when omitted. @see spec:divergence.dense-weight-layout */
  denseWeightLayout: 'in-out' | 'out-in';
  /**
   * How a non-integer output size is rounded in floor mode: `trunc` toward zero for explicit pads
   * (TF.js), `trunc-always` for every padding mode (integer division in C++ kernels).
   * @see spec:divergence.rounding
   */
  rounding: 'floor' | 'trunc' | 'trunc-always' | 'exact';
  /** Whether an output size of 0 is an error or an empty tensor. @see spec:divergence.zero-sized-output */
  zeroSizedOutput: 'error' | 'allowed';
  /** Whether same padding may be combined with a stride > 1 (convolution). @see spec:divergence.same-with-stride */
  sameWithStride: 'allowed' | 'error';
  /** Whether a dilation > 1 may be combined with a stride > 1. @see spec:divergence.dilation-with-stride */
  dilationWithStride: 'allowed' | 'error';
  /** Pooling stride when omitted. @see spec:divergence.pool-default-stride */
  poolDefaultStride: 'kernel' | 'one' | 'required';
  /** Pooling ceil mode when omitted. @see spec:divergence.ceil-mode-default */
  poolCeilMode: boolean;
  /** When the last ceil-mode window is dropped. @see spec:divergence.last-window */
  lastWindowRule: 'always' | 'when-padded' | 'never';
  /** Average pooling count_include_pad when omitted. @see spec:divergence.count-include-pad */
  countIncludePad: boolean;
  /** Largest pooling pad allowed. @see spec:divergence.pool-pad-limit */
  poolPadLimit: 'none' | 'half-kernel' | 'less-than-kernel' | 'at-most-kernel';
  /** NaN inside a max-pooling window. @see spec:divergence.max-pool-nan */
  maxPoolNan: 'propagate' | 'ignore';
  /** What max pooling yields for a window with no (non-NaN) input. @see spec:divergence.empty-window */
  maxPoolEmpty: '-infinity' | '-float-max';
  /** What average pooling (padding not counted) yields for a window with no input. @see spec:divergence.empty-window */
  avgPoolEmpty: 'nan' | 'zero';
  /** Whether global pooling keeps the spatial axes (as size 1) when omitted. @see spec:divergence.global-keepdims */
  globalKeepDims: boolean;
  /**
   * The bound a transposed convolution's output padding must stay below: `max(s, d)`, `s`, or none.
   * @see spec:conv-transpose.output-padding
   */
  outputPaddingLimit: 'stride-or-dilation' | 'stride' | 'none';
  /**
   * Which output sizes a transposed convolution accepts in `outputShape`: any (`crop`, the total crop
   * split), or only those a convolution with the same parameters maps back to the input size
   * (`conv-preimage`, output padding ignored). @see spec:conv-transpose.output-shape
   */
  outputShapeRule: 'crop' | 'conv-preimage';
  /** Features this convention does not define; the reference refuses them under it. @see spec:divergence.feature-availability */
  undefinedFeatures: readonly Feature[];
}

/** A knob: one point where frameworks diverge. */
export type Knob = Exclude<keyof ConventionKnobs, 'undefinedFeatures'>;

/**
 * Knobs a convention may leave `unspecified` where its sources do not fix one outcome; the
 * conformance judge then accepts every value (spec: convention.unspecified). `element` knobs
 * decide one output element at a time (a window's NaN, an empty window), so each element may
 * follow either value; `call` knobs decide a whole call (its validity, a default), so a call
 * follows one value throughout.
 */
export const OPEN_KNOBS = {
  rounding: 'call',
  zeroSizedOutput: 'call',
  dilationWithStride: 'call',
  poolPadLimit: 'call',
  countIncludePad: 'call',
  maxPoolNan: 'element',
  maxPoolEmpty: 'element',
  avgPoolEmpty: 'element',
  outputPaddingLimit: 'call',
} as const satisfies Partial<Record<Knob, 'call' | 'element'>>;

export type OpenKnob = keyof typeof OPEN_KNOBS;

/** The values an open knob can take. */
export const KNOB_CHOICES: { readonly [K in OpenKnob]: readonly ConventionKnobs[K][] } = {
  // An open rounding is floor or a truncation: exact division is TOSA's alone, and never open.
  rounding: ['floor', 'trunc', 'trunc-always'],
  zeroSizedOutput: ['error', 'allowed'],
  dilationWithStride: ['allowed', 'error'],
  poolPadLimit: ['none', 'half-kernel', 'less-than-kernel', 'at-most-kernel'],
  countIncludePad: [false, true],
  maxPoolNan: ['propagate', 'ignore'],
  maxPoolEmpty: ['-infinity', '-float-max'],
  avgPoolEmpty: ['nan', 'zero'],
  // An open limit is one of the two readings of ONNX's "less than the corresponding stride/dilation".
  outputPaddingLimit: ['stride-or-dilation', 'stride'],
};

/**
 * Knobs as a convention declares them: an open knob may be `unspecified` (any of its values), or
 * a list of the values its sources leave open.
 */
export type DeclaredKnobs = {
  [K in keyof ConventionKnobs]: K extends OpenKnob
    ? ConventionKnobs[K] | 'unspecified' | readonly ConventionKnobs[K][]
    : ConventionKnobs[K];
};

/** The values a convention leaves open, per open knob. */
export type OpenChoices = Readonly<Partial<{ [K in OpenKnob]: readonly ConventionKnobs[K][] }>>;

export const CONVENTION_NAMES = ['cnnspec', 'onnx', 'pytorch', 'tensorflow', 'tfjs', 'caffe', 'tosa', 'webnn'] as const;

export type ConventionName = (typeof CONVENTION_NAMES)[number];

/** A named convention as the spec declares it, open knobs possibly `unspecified`. */
export interface DeclaredConvention extends DeclaredKnobs {
  name: ConventionName;
  /** Who follows it. */
  title: string;
  /** The clause that describes it. */
  clause: string;
}

/**
 * A convention ready to compute with: every knob holds a value. An open knob the convention
 * leaves unspecified holds cnnspec's value (or, where that is not among the values left open,
 * the first of them), which the reference follows; `open` lists the values the conformance judge
 * accepts for it.
 */
export interface Convention extends ConventionKnobs {
  name: ConventionName | `${ConventionName}+custom`;
  /** Who follows it. */
  title: string;
  /** The clause that describes it. */
  clause: string;
  /** Open knobs whose value the convention leaves unspecified. @see spec:convention.unspecified */
  unspecified: readonly OpenKnob[];
  /** For each of them, the values that conform. */
  open: OpenChoices;
}

/** A convention by name, or a named base with some knobs overridden. */
export type ConventionSpec = ConventionName | { base: ConventionName; overrides: Partial<DeclaredKnobs> };

const BASE: ConventionKnobs = {
  layout: 'channels-first',
  denseWeightLayout: 'in-out',
  rounding: 'floor',
  zeroSizedOutput: 'error',
  sameWithStride: 'allowed',
  dilationWithStride: 'allowed',
  poolDefaultStride: 'kernel',
  poolCeilMode: false,
  lastWindowRule: 'always',
  countIncludePad: false,
  poolPadLimit: 'none',
  maxPoolNan: 'propagate',
  maxPoolEmpty: '-infinity',
  avgPoolEmpty: 'nan',
  globalKeepDims: true,
  outputPaddingLimit: 'stride-or-dilation',
  outputShapeRule: 'crop',
  undefinedFeatures: [],
};

const NON_ZERO_FILLS: readonly Feature[] = ['padding.fill.reflect', 'padding.fill.replicate', 'padding.fill.circular'];

export const DECLARED_CONVENTIONS: Readonly<Record<ConventionName, DeclaredConvention>> = Object.freeze({
  cnnspec: {
    ...BASE,
    name: 'cnnspec',
    title: 'cnnspec default',
    clause: 'convention.cnnspec',
  },
  onnx: {
    ...BASE,
    name: 'onnx',
    title: 'ONNX operators (Conv, MaxPool, AveragePool, Global*Pool, Gemm)',
    clause: 'convention.onnx',
    rounding: ['floor', 'trunc-always'],
    zeroSizedOutput: 'unspecified',
    poolDefaultStride: 'one',
    maxPoolNan: 'unspecified',
    maxPoolEmpty: 'unspecified',
    avgPoolEmpty: 'unspecified',
    outputPaddingLimit: 'unspecified',
    undefinedFeatures: [...NON_ZERO_FILLS, 'layout.channels-last'],
  },
  pytorch: {
    ...BASE,
    name: 'pytorch',
    title: 'PyTorch torch.nn and torch.nn.functional',
    clause: 'convention.pytorch',
    denseWeightLayout: 'out-in',
    sameWithStride: 'error',
    countIncludePad: true,
    poolPadLimit: 'half-kernel',
    undefinedFeatures: [
      'padding.same-lower',
      'pool.same',
      'pool.avg.dilation',
      'layout.channels-last',
      'conv-transpose.same',
      'conv-transpose.output-shape',
    ],
  },
  tensorflow: {
    ...BASE,
    name: 'tensorflow',
    title: 'TensorFlow tf.nn and Keras',
    clause: 'convention.tensorflow',
    layout: 'channels-last',
    rounding: ['floor', 'trunc-always'],
    zeroSizedOutput: 'unspecified',
    dilationWithStride: 'unspecified',
    poolPadLimit: ['less-than-kernel', 'at-most-kernel'],
    maxPoolNan: 'unspecified',
    maxPoolEmpty: '-float-max',
    avgPoolEmpty: 'unspecified',
    globalKeepDims: false,
    outputPaddingLimit: 'stride',
    outputShapeRule: 'conv-preimage',
    undefinedFeatures: ['padding.same-lower', ...NON_ZERO_FILLS, 'pool.ceil-mode', 'pool.avg.count-include-pad', 'conv-transpose.groups'],
  },
  tfjs: {
    ...BASE,
    name: 'tfjs',
    title: 'TensorFlow.js tfjs-core ops (CPU backend)',
    clause: 'convention.tfjs',
    layout: 'channels-last',
    rounding: 'trunc',
    zeroSizedOutput: 'allowed',
    dilationWithStride: 'error',
    poolDefaultStride: 'required',
    lastWindowRule: 'never',
    maxPoolNan: 'ignore',
    avgPoolEmpty: 'unspecified',
    globalKeepDims: false,
    outputShapeRule: 'conv-preimage',
    undefinedFeatures: [
      'padding.same-lower',
      ...NON_ZERO_FILLS,
      'conv.groups',
      'pool.max.dilation',
      'pool.avg.dilation',
      'pool.avg.count-include-pad',
      'conv-transpose.bias',
      'conv-transpose.groups',
      'conv-transpose.dilation',
      'conv-transpose.output-padding',
    ],
  },
  caffe: {
    ...BASE,
    name: 'caffe',
    title: 'Caffe Convolution, Pooling and InnerProduct layers',
    clause: 'convention.caffe',
    denseWeightLayout: 'out-in',
    rounding: ['floor', 'trunc-always'],
    zeroSizedOutput: 'unspecified',
    poolDefaultStride: 'one',
    poolCeilMode: true,
    lastWindowRule: 'when-padded',
    countIncludePad: true,
    poolPadLimit: 'less-than-kernel',
    maxPoolNan: 'ignore',
    maxPoolEmpty: '-float-max',
    undefinedFeatures: [
      'padding.same-upper',
      'padding.same-lower',
      'padding.explicit-asymmetric',
      ...NON_ZERO_FILLS,
      'pool.max.dilation',
      'pool.avg.dilation',
      'layout.channels-last',
      'conv-transpose.output-padding',
      'conv-transpose.output-shape',
    ],
  },
  tosa: {
    ...BASE,
    name: 'tosa',
    title: 'TOSA CONV2D, CONV3D, DEPTHWISE_CONV2D, AVG_POOL2D, MAX_POOL2D',
    clause: 'convention.tosa',
    layout: 'channels-last',
    rounding: 'exact',
    poolDefaultStride: 'required',
    poolPadLimit: 'less-than-kernel',
    outputPaddingLimit: 'none',
    undefinedFeatures: [
      'padding.same-upper',
      'padding.same-lower',
      ...NON_ZERO_FILLS,
      'conv.groups',
      'pool.ceil-mode',
      'pool.max.dilation',
      'pool.avg.dilation',
      'pool.avg.count-include-pad',
      'layout.channels-first',
      'spatial-rank-1',
      'conv-transpose.groups',
      'conv-transpose.dilation',
      'conv-transpose.output-shape',
    ],
  },
  webnn: {
    ...BASE,
    name: 'webnn',
    title: 'WebNN conv2d, averagePool2d, maxPool2d and gemm',
    clause: 'convention.webnn',
    poolDefaultStride: 'one',
    lastWindowRule: 'never',
    maxPoolNan: 'unspecified',
    maxPoolEmpty: 'unspecified',
    avgPoolEmpty: 'unspecified',
    outputPaddingLimit: 'stride',
    outputShapeRule: 'conv-preimage',
    undefinedFeatures: [
      'padding.same-upper',
      'padding.same-lower',
      ...NON_ZERO_FILLS,
      'pool.avg.count-include-pad',
      'spatial-rank-1',
      'spatial-rank-3',
    ],
  },
} satisfies Record<ConventionName, DeclaredConvention>);

const KNOB_VALUES: { [K in Exclude<Knob, 'poolCeilMode' | 'countIncludePad' | 'globalKeepDims'>]: readonly ConventionKnobs[K][] } = {
  layout: ['channels-first', 'channels-last'],
  denseWeightLayout: ['in-out', 'out-in'],
  rounding: ['floor', 'trunc', 'trunc-always', 'exact'],
  zeroSizedOutput: KNOB_CHOICES.zeroSizedOutput,
  sameWithStride: ['allowed', 'error'],
  dilationWithStride: KNOB_CHOICES.dilationWithStride,
  poolDefaultStride: ['kernel', 'one', 'required'],
  lastWindowRule: ['always', 'when-padded', 'never'],
  poolPadLimit: KNOB_CHOICES.poolPadLimit,
  maxPoolNan: KNOB_CHOICES.maxPoolNan,
  maxPoolEmpty: KNOB_CHOICES.maxPoolEmpty,
  avgPoolEmpty: KNOB_CHOICES.avgPoolEmpty,
  outputPaddingLimit: ['stride-or-dilation', 'stride', 'none'],
  outputShapeRule: ['crop', 'conv-preimage'],
};

const BOOLEAN_KNOBS = ['poolCeilMode', 'countIncludePad', 'globalKeepDims'] as const;

const isOpenKnob = (knob: string): knob is OpenKnob => Object.hasOwn(OPEN_KNOBS, knob);

/**
 * A declared convention ready to compute with: each open knob it leaves unspecified takes
 * cnnspec's value (or the first value left open) and its open values are listed.
 */
function concretize(declared: Omit<DeclaredConvention, 'name'> & { name: Convention['name'] }): Convention {
  const open: Record<string, readonly unknown[]> = {};
  const values: Record<string, unknown> = {};
  for (const knob of Object.keys(OPEN_KNOBS) as OpenKnob[]) {
    const value: unknown = declared[knob];
    const choices: readonly unknown[] | undefined = value === 'unspecified' ? KNOB_CHOICES[knob] : Array.isArray(value) ? value : undefined;
    if (choices === undefined) continue;
    open[knob] = choices;
    values[knob] = choices.includes(BASE[knob]) ? BASE[knob] : choices[0];
  }
  return { ...declared, ...values, unspecified: Object.keys(open) as OpenKnob[], open } as unknown as Convention;
}

export const CONVENTIONS: Readonly<Record<ConventionName, Convention>> = Object.freeze(
  Object.fromEntries(CONVENTION_NAMES.map((name) => [name, concretize(DECLARED_CONVENTIONS[name])])) as Record<ConventionName, Convention>,
);

/**
 * Resolves a convention name or `{ base, overrides }` into a full record.
 * Unknown names, knobs or knob values throw a typed error. An override may set an open knob to
 * `unspecified`, or fix one its base leaves unspecified.
 */
export function resolveConvention(spec: unknown, op = 'convention'): Convention {
  const ctx: CheckContext = { op, clause: 'convention.model' };
  if (spec === undefined) return CONVENTIONS.cnnspec;
  if (typeof spec === 'string') return CONVENTIONS[checkEnum(ctx, 'convention', spec, CONVENTION_NAMES)];
  const record = checkKnownFields(ctx, 'convention', spec, ['base', 'overrides']);
  const baseName = checkEnum(ctx, 'convention.base', record.base, CONVENTION_NAMES);
  const overrides = checkKnownFields(ctx, 'convention.overrides', orDefault<unknown>(record.overrides, {}), [
    ...Object.keys(KNOB_VALUES),
    ...BOOLEAN_KNOBS,
    'undefinedFeatures',
  ]);
  const declared: Record<string, unknown> = { ...DECLARED_CONVENTIONS[baseName], name: `${baseName}+custom` };
  for (const [knob, value] of Object.entries(overrides)) {
    if (knob === 'undefinedFeatures') {
      if (!Array.isArray(value)) {
        throw new CnnSpecError({
          code: 'E_PARAM_RANGE',
          op,
          clause: 'convention.model',
          parameter: 'convention.overrides.undefinedFeatures',
          value,
          rule: 'be an array of feature names',
        });
      }
      // An index loop, not map: map skips the holes of a sparse array.
      declared.undefinedFeatures = Array.from({ length: value.length }, (_, index) =>
        checkEnum(ctx, `convention.overrides.undefinedFeatures[${index}]`, value[index], FEATURES),
      );
    } else if (value === 'unspecified' && isOpenKnob(knob)) {
      declared[knob] = value; // spec: convention.unspecified
    } else if (Array.isArray(value) && isOpenKnob(knob)) {
      if (value.length === 0) {
        throw new CnnSpecError({
          code: 'E_PARAM_RANGE',
          op,
          clause: 'convention.unspecified',
          parameter: `convention.overrides.${knob}`,
          value,
          rule: 'list at least one value',
        });
      }
      const allowed = KNOB_CHOICES[knob] as readonly unknown[];
      declared[knob] = Array.from({ length: value.length }, (_, index) => {
        const item: unknown = value[index];
        if (!allowed.includes(item)) {
          throw new CnnSpecError({
            code: 'E_PARAM_ENUM',
            op,
            clause: 'convention.unspecified',
            parameter: `convention.overrides.${knob}[${index}]`,
            value: item,
            rule: `be one of ${allowed.map((choice) => JSON.stringify(choice)).join(', ')}`,
          });
        }
        return item;
      });
    } else if ((BOOLEAN_KNOBS as readonly string[]).includes(knob)) {
      if (typeof value !== 'boolean') {
        throw new CnnSpecError({
          code: 'E_PARAM_RANGE',
          op,
          clause: 'convention.model',
          parameter: `convention.overrides.${knob}`,
          value,
          rule: knob === 'countIncludePad' ? "be true, false or 'unspecified'" : 'be true or false',
        });
      }
      declared[knob] = value;
    } else {
      const allowed = KNOB_VALUES[knob as keyof typeof KNOB_VALUES] as readonly string[];
      declared[knob] = checkEnum(ctx, `convention.overrides.${knob}`, value, isOpenKnob(knob) ? [...allowed, 'unspecified'] : allowed);
    }
  }
  return concretize(declared as unknown as DeclaredConvention);
}

/** Throws E_UNSUPPORTED when the convention does not define a feature the call uses. */
export function checkFeatures(op: string, convention: Convention, used: readonly FeatureUse[]): void {
  for (const use of used) {
    if (convention.undefinedFeatures.includes(use.feature)) {
      throw new CnnSpecError({
        code: 'E_UNSUPPORTED',
        op,
        clause: 'divergence.feature-availability',
        parameter: use.parameter,
        value: use.value,
        rule: `use only features that convention ${convention.name} defines (it does not define ${use.feature})`,
      });
    }
  }
}
