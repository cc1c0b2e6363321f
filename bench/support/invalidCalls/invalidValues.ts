/**
 * Invalid values by the kind of slot they go into (an integer, a per-axis list, a string option,
 * a flag, a shape, a tensor, a parameter record, a convention, limits), each labelled with the
 * kind of invalidity it is. The case generators of invalidInputs.ts put them into otherwise
 * valid calls.
 *
 * spec: error.typed, error.codes, error.limits
 */
import fc from 'fast-check';
import { MAX_DIMENSION } from '../../../src/spec/paramChecks.js';

/** Every kind of invalidity the generators produce, for the statistics. */
export const INVALIDITY_KINDS = [
  'zero',
  'negative',
  'fractional',
  'nan',
  'infinite',
  'huge',
  'missing',
  'wrong-arity',
  'wrong-type',
  'not-an-object',
  'wrong-rank',
  'unknown-enum',
  'convention',
  'unknown-field',
  'prototype-key',
  'kernel-too-large',
  'groups',
  'shape-mismatch',
  'data-length',
  'data-type',
  'pad-limit',
  'output-padding',
  'empty-output',
  'convention-rule',
  'too-large',
  'bad-limits',
] as const;

export type InvalidityKind = (typeof INVALIDITY_KINDS)[number];

/** Marks a part to delete: an absent field, an omitted argument, a hole in an array. */
export const MISSING: unique symbol = Symbol('missing');

/** One invalid value and what makes it invalid. */
export interface Invalid {
  kind: InvalidityKind;
  value: unknown;
}

const invalid = (kind: InvalidityKind, value: fc.Arbitrary<unknown>): fc.Arbitrary<Invalid> => value.map((v) => ({ kind, value: v }));
const constant = (kind: InvalidityKind, ...values: unknown[]): fc.Arbitrary<Invalid> => invalid(kind, fc.constantFrom(...values));

/** An object that refers to itself and has no prototype: neither JSON nor String can print it. */
function cyclicWithoutPrototype(): object {
  const value = Object.create(null) as Record<string, unknown>;
  value.self = value;
  return value;
}

/** Records with prototype-pollution-shaped own keys, as JSON.parse makes them. */
export const PROTOTYPE_KEYED: readonly unknown[] = [
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { constructor: 1 },
  Object.create({ inherited: 1 }),
];

/** Values of a type no parameter of the kit takes. */
const EXOTIC: readonly unknown[] = [10n, Symbol('value'), () => 1, new Date(0), new Map(), cyclicWithoutPrototype()];

/** Any value of the wrong type for a number. */
const notANumber: fc.Arbitrary<Invalid> = constant('wrong-type', '2', '', true, false, null, {}, [[1]], ...EXOTIC);

/** An integer slot accepting [min, 2^31 - 1]: every kind of bad number, and non-numbers. */
export function invalidInteger(min: number): fc.Arbitrary<Invalid> {
  const options: fc.Arbitrary<Invalid>[] = [
    invalid(
      'negative',
      fc.integer({ min: -(2 ** 31), max: -1 }).map((v) => Math.min(v, min - 1)),
    ),
    invalid(
      'fractional',
      fc.integer({ min: Math.max(min, 0), max: 64 }).map((v) => v + 0.5),
    ),
    constant('nan', NaN),
    constant('infinite', Infinity, -Infinity),
    constant('huge', MAX_DIMENSION + 1, 2 ** 32, 2 ** 53, 1e308, Number.MAX_VALUE),
    notANumber,
  ];
  if (min >= 1) options.push(constant('zero', 0, -0));
  return fc.oneof(...options);
}

/** A per-axis slot (one integer, or one per spatial axis) of `rank` axes accepting [min, 2^31 - 1]. */
export function invalidPerAxis(rank: number, min: number): fc.Arbitrary<Invalid> {
  const valid = fc.integer({ min: Math.max(min, 1), max: 2 });
  return fc.oneof(
    { weight: 2, arbitrary: invalidInteger(min) },
    invalid(
      'wrong-arity',
      fc.oneof(
        fc.constant([]),
        fc.array(valid, { minLength: rank + 1, maxLength: rank + 2 }),
        fc.array(valid, { minLength: Math.max(rank - 1, 0), maxLength: Math.max(rank - 1, 0) }).filter((a) => a.length !== rank),
      ),
    ),
    {
      weight: 2,
      arbitrary: fc.tuple(fc.integer({ min: 0, max: rank - 1 }), invalidInteger(min), valid).map(([axis, entry, fill]) => {
        const list: unknown[] = new Array<unknown>(rank).fill(fill);
        list[axis] = entry.value;
        return { kind: entry.kind, value: list };
      }),
    },
    fc.integer({ min: 0, max: rank - 1 }).map((axis) => {
      const list: unknown[] = new Array<unknown>(rank).fill(1);
      delete list[axis]; // a hole
      return { kind: 'missing' as const, value: list };
    }),
    constant('wrong-type', new Array(rank).fill([1]), '1,1', { 0: 1, length: rank }),
  );
}

/** A string option that must be one of `allowed`. */
export function invalidEnum(allowed: readonly string[]): fc.Arbitrary<Invalid> {
  const unknown = ['', 'nope', 'SAME', 'same', 'Valid', 'max ', 'channels_last', 'NCHW', 'in_out'].filter((s) => !allowed.includes(s));
  return fc.oneof(
    constant('unknown-enum', ...unknown, ...allowed.map((s) => s.toUpperCase()).filter((s) => !allowed.includes(s))),
    constant('prototype-key', '__proto__', 'constructor', 'toString', 'hasOwnProperty'),
    constant('wrong-type', 1, 0, true, null, {}, [allowed[0]], ...EXOTIC),
  );
}

/** A flag that must be true or false. */
export const invalidBoolean: fc.Arbitrary<Invalid> = constant('wrong-type', 'true', 'false', 1, 0, null, {}, [true], ...EXOTIC);

/** A string that must be a string. */
export const invalidString: fc.Arbitrary<Invalid> = constant('wrong-type', 1, null, true, {}, ['name'], ...EXOTIC);

/**
 * A shape slot: an array of integer sizes in [minSize, 2^31 - 1] whose rank is in
 * [minRank, maxRank]; `base` is a valid shape to damage.
 */
export function invalidShape(base: readonly number[], minSize: number, rank: { min: number; max: number }): fc.Arbitrary<Invalid> {
  const options: fc.Arbitrary<Invalid>[] = [
    fc.tuple(fc.integer({ min: 0, max: Math.max(base.length - 1, 0) }), invalidInteger(minSize)).map(([axis, entry]) => {
      const shape: unknown[] = [...base];
      shape[axis] = entry.value;
      return { kind: entry.kind === 'wrong-type' ? 'wrong-type' : entry.kind, value: shape };
    }),
    fc.integer({ min: 0, max: Math.max(base.length - 1, 0) }).map((axis) => {
      const shape: unknown[] = [...base];
      if (shape.length === 0) shape.length = 1;
      delete shape[axis]; // a missing size
      return { kind: 'missing' as const, value: shape };
    }),
    constant('wrong-type', null, 5, '1,2,3', { 0: 1, length: 1 }, Int32Array.from(base.length > 0 ? base : [1]), [[...base]], ...EXOTIC),
  ];
  const wrongRanks = [rank.min - 1, rank.max + 1, rank.max + 3].filter((r) => r >= 0 && r !== base.length && r <= 40);
  if (wrongRanks.length > 0 && (rank.min > 0 || Number.isFinite(rank.max))) {
    options.push(
      fc
        .constantFrom(...wrongRanks)
        .map((r) => ({ kind: 'wrong-rank' as const, value: Array.from({ length: r }, (_, i) => base[i] ?? 2) })),
    );
  }
  return fc.oneof(...options);
}

/** A tensor slot: a { shape, data } whose shape and data are each damaged, or not a tensor at all. */
export function invalidTensor(
  base: { shape: readonly number[]; data: Float32Array },
  rank: { min: number; max: number },
): fc.Arbitrary<Invalid> {
  const count = base.data.length;
  return fc.oneof(
    invalidShape(base.shape, 1, rank).map((bad) => ({ kind: bad.kind, value: { shape: bad.value, data: base.data } })),
    fc.constantFrom(-1, 1, count).map((delta) => ({
      kind: 'data-length' as const,
      value: { shape: [...base.shape], data: new Float32Array(count + delta) },
    })),
    fc
      .constantFrom<unknown>(
        Float64Array.from(base.data),
        Array.from(base.data),
        Int32Array.from(base.data),
        new Uint8Array(count * 4),
        null,
        'data',
        { length: count },
      )
      .map((data) => ({ kind: 'data-type' as const, value: { shape: [...base.shape], data } })),
    constant('not-an-object', null, 5, 'tensor', true, [base.shape, base.data]),
    constant('missing', { data: base.data }, { shape: [...base.shape] }),
  );
}

/**
 * `base` with the own keys of `extra` defined on it (never assigned, so that `__proto__` stays an
 * own key); `extra` itself when it has no own keys but an unusual prototype.
 */
function withOwnKeys(base: Record<string, unknown>, extra: object): object {
  if (Object.keys(extra).length === 0) return extra;
  const merged: Record<string, unknown> = { ...base };
  for (const key of Object.keys(extra)) {
    Object.defineProperty(merged, key, {
      value: (extra as Record<string, unknown>)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

/** A parameter record slot: not an object, an unknown field, or a prototype-pollution-shaped key. */
export function invalidRecord(base: Record<string, unknown>): fc.Arbitrary<Invalid> {
  return fc.oneof(
    constant('not-an-object', null, 5, 'params', true, [base], new Date(0), new Map(Object.entries(base))),
    constant(
      'unknown-field',
      { ...base, colour: 'red' },
      { ...base, stride: 1 },
      { ...base, Strides: 1 },
      { ...base, undefinedField: undefined },
    ),
    fc.constantFrom(...PROTOTYPE_KEYED).map((extra) => ({ kind: 'prototype-key' as const, value: withOwnKeys(base, extra as object) })),
  );
}

/** A convention slot: an unknown name, a malformed `{ base, overrides }`, or not a convention at all. */
export const invalidConvention: fc.Arbitrary<Invalid> = fc.oneof(
  constant(
    'convention',
    'nope',
    'torch',
    'ONNX',
    '',
    { base: 'nope' },
    { base: 'onnx', overrides: { flavour: 1 } },
    { base: 'onnx', overrides: { rounding: 'round' } },
  ),
  constant(
    'convention',
    { base: 'onnx', overrides: { poolCeilMode: 'yes' } },
    { base: 'onnx', overrides: { undefinedFeatures: ['conv.flip'] } },
    { base: 'onnx', overrides: { undefinedFeatures: 'conv' } },
  ),
  constant(
    'convention',
    { base: 'onnx', overrides: null },
    { base: 'onnx', overrides: 5 },
    { overrides: {} },
    { base: 'onnx', extra: 1 },
    ['onnx'],
    { base: ['onnx'] },
  ),
  constant(
    'prototype-key',
    '__proto__',
    'constructor',
    { base: '__proto__' },
    { base: 'onnx', overrides: JSON.parse('{"__proto__": {"layout": "channels-last"}}') },
  ),
  constant('wrong-type', 5, true, null, ...EXOTIC),
);

/** A limits slot: not an object, or bounds that are not non-negative integers. */
export const invalidLimits: fc.Arbitrary<Invalid> = fc.oneof(
  constant('bad-limits', null, 5, 'big', {}, { maxElements: 100 }, { maxOperations: 100 }),
  constant(
    'bad-limits',
    { maxElements: -1, maxOperations: 100 },
    { maxElements: NaN, maxOperations: 100 },
    { maxElements: 100, maxOperations: 'many' },
  ),
  constant(
    'bad-limits',
    { maxElements: 1.5, maxOperations: 100 },
    { maxElements: 100, maxOperations: null },
    { maxElements: 100, maxOperations: 100, maxMemory: 1 },
  ),
);

/** Limits that no call producing an output fits in. */
export const TINY_LIMITS = Object.freeze({ maxElements: 0, maxOperations: 0 });
