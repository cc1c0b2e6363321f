/**
 * The tolerance model: how an implementation's output is judged against the reference.
 *
 * - `exact`: on the exact domain (small integers, dyadic rationals) and for max pooling, pad
 *   and shapes, every element must be the same float32 (NaN matches NaN; the sign of a zero
 *   result of a sum is free). spec: numerics.accumulation, numerics.signed-zero
 * - `dot-product`: for general floats, each element is a dot product of length KS and must lie
 *   within the bound TOSA's conformance uses: the error, normalised by the magnitude bound
 *   sum(|x|·|w|) (+|b|) times 2^-24, must not exceed 6·ksb (ksb = KS, plus 1 with a bias). It
 *   copes with cancellation, where a bound relative to |ref| does not. The reference's own
 *   float32 rounding is at most half an ulp of the bound and is absorbed by it.
 *   Reported alongside, for information: the largest distance in ulps and the ulp budget that
 *   WebNN's conformance tests derive for the op (conv 2·K·Cin/g, dense 2·K (+1 with bias),
 *   average pooling window + 2).
 * - `ulp`: a fixture's own bound, at most that many float32 units in the last place apart.
 *
 * Where the spec leaves an element's value open (spec: convention.unspecified), the output is
 * compared with several alternatives at once: an element passes when it is within its bound of
 * any of them.
 *
 * spec: numerics.accumulation
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { isSubnormal, sameElement } from './compareExact.js';
import { checkBoolean, checkEnum, checkInteger, checkKnownFields, type CheckContext } from '../spec/paramChecks.js';
import { checkShape, elementCount } from '../tensor/tensor.js';

/** Smallest positive normal float32. */
const NORMAL_MIN = 2 ** -126;

/** Distance in float32 units in the last place; equal values (including +0 and -0) are 0 apart. */
export function ulpDistance(a: number, b: number): number {
  if (a === b) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  const view = new DataView(new ArrayBuffer(8));
  const ordered = (value: number): number => {
    view.setFloat32(0, value);
    const bits = view.getInt32(0);
    return bits < 0 ? -(bits & 0x7fffffff) : bits;
  };
  return Math.abs(ordered(a) - ordered(b));
}

export interface DotProductTolerance {
  kind: 'dot-product';
  /** Per element: sum(|x|·|w|) (+|b|) over the terms of the dot product. */
  magnitude: ArrayLike<number>;
  /** Number of products per output element (KS). */
  accumulationLength: number;
  /** Whether a non-zero bias adds a term. */
  hasBias: boolean;
  /** WebNN-style ulp budget, reported for information. */
  ulpBudget: number;
}

export interface ExactTolerance {
  kind: 'exact';
  zeroSignFree: boolean;
}

/** At most `maxUlp` float32 units in the last place from the expected value (a fixture's own bound). */
export interface UlpTolerance {
  kind: 'ulp';
  maxUlp: number;
}

export type Tolerance = ExactTolerance | DotProductTolerance | UlpTolerance;

/** One acceptable result and the tolerance it is judged with. */
export interface Alternative {
  expected: { shape: readonly number[]; data: ArrayLike<number> };
  tolerance: Tolerance;
}

export interface ComparisonReport {
  pass: boolean;
  /** Which bound decided. */
  metric: Tolerance['kind'];
  elements: number;
  failures: number;
  shapeMismatch?: { expected: number[]; actual: number[] };
  /** The element that came closest to (or went furthest past) its bound. */
  worst?: { index: number; expected: number; actual: number; error: number; bound: number };
  /** bound - |error| at the worst element, in units of the normalised error; negative on failure. */
  margin: number;
  /** Largest ulp distance seen, and the WebNN ulp budget (information only). */
  maxUlp: number;
  ulpBudget?: number;
  withinUlpBudget?: boolean;
}

const OP = 'compareWithTolerance';
const CTX: CheckContext = { op: OP, clause: 'conformance.tolerance' };

/** Whether a value is an array or a typed array of numbers (not of BigInts). */
function isNumberList(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  return (
    ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array)
  );
}

/** Requires a list of numbers (any number: NaN and infinities are values to compare). */
function checkNumbers(parameter: string, value: unknown, length?: number): ArrayLike<number> {
  if (!isNumberList(value)) {
    throw new CnnSpecError({ code: 'E_DATA_LENGTH', ...CTX, parameter, value, rule: 'be an array or a typed array of numbers' });
  }
  if (length !== undefined && value.length !== length) {
    throw new CnnSpecError({
      code: 'E_DATA_LENGTH',
      ...CTX,
      parameter: `${parameter}.length`,
      value: value.length,
      rule: `equal ${length}`,
    });
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (typeof value[index] !== 'number') {
        throw new CnnSpecError({
          code: 'E_DATA_LENGTH',
          ...CTX,
          parameter: `${parameter}[${index}]`,
          value: value[index],
          rule: 'be a number',
        });
      }
    }
  }
  return value as ArrayLike<number>;
}

/**
 * Requires a tensor-like record { shape, data }. The reference side (`expected`) must be
 * consistent; the implementation's side (`actual`) only well-formed, since a shape or length
 * that differs from the reference's is a result to report, not bad input.
 */
function checkTensorLike(parameter: string, value: unknown, consistent: boolean): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CnnSpecError({ code: 'E_SHAPE_INVALID', ...CTX, parameter, value, rule: 'be a tensor { shape, data }' });
  }
  const { shape, data } = value as { shape?: unknown; data?: unknown };
  if (consistent) {
    checkShape(OP, `${parameter}.shape`, shape, undefined, 0);
    checkNumbers(`${parameter}.data`, data, elementCount(shape as number[]));
  } else {
    if (!Array.isArray(shape))
      throw new CnnSpecError({
        code: 'E_SHAPE_INVALID',
        ...CTX,
        parameter: `${parameter}.shape`,
        value: shape,
        rule: 'be an array of dimension sizes',
      });
    checkNumbers(`${parameter}.data`, data);
  }
}

/** Requires a complete tolerance record of a known kind. */
function checkTolerance(tolerance: unknown, elements: number): void {
  const kind = checkEnum(CTX, 'tolerance.kind', (tolerance as { kind?: unknown } | null)?.kind, ['exact', 'dot-product', 'ulp'] as const);
  if (kind === 'exact') {
    const record = checkKnownFields(CTX, 'tolerance', tolerance, ['kind', 'zeroSignFree']);
    checkBoolean(CTX, 'tolerance.zeroSignFree', record.zeroSignFree);
    return;
  }
  if (kind === 'ulp') {
    const record = checkKnownFields(CTX, 'tolerance', tolerance, ['kind', 'maxUlp']);
    checkInteger(CTX, 'tolerance.maxUlp', record.maxUlp, 0);
    return;
  }
  const record = checkKnownFields(CTX, 'tolerance', tolerance, ['kind', 'magnitude', 'accumulationLength', 'hasBias', 'ulpBudget']);
  checkNumbers('tolerance.magnitude', record.magnitude, elements);
  checkInteger(CTX, 'tolerance.accumulationLength', record.accumulationLength, 0);
  checkBoolean(CTX, 'tolerance.hasBias', record.hasBias);
  const budget = record.ulpBudget;
  if (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0) {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      ...CTX,
      parameter: 'tolerance.ulpBudget',
      value: budget,
      rule: 'be a finite number >= 0',
    });
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, axis) => size === b[axis]);
}

/** How one element fares against one alternative: within its bound, by how much. */
interface ElementJudgement {
  ok: boolean;
  /** The element's error in the tolerance's units (Infinity when it must match exactly and does not). */
  error: number;
  /** bound - |error|: the room left, negative when outside. */
  slack: number;
  bound: number;
}

function judgeElement(e: number, a: number, tolerance: Tolerance, index: number): ElementJudgement {
  if (tolerance.kind === 'exact' || !Number.isFinite(e)) {
    // Non-finite reference values must be reproduced: NaN by any NaN, infinities exactly.
    const ok = sameElement(e, a, tolerance.kind === 'exact' ? tolerance.zeroSignFree : true);
    const bound = tolerance.kind === 'dot-product' ? dotProductBound(tolerance) : tolerance.kind === 'ulp' ? tolerance.maxUlp : 0;
    return { ok, error: ok ? 0 : Infinity, slack: ok ? bound : -Infinity, bound };
  }
  if (tolerance.kind === 'ulp') {
    // spec: numerics.subnormals — a subnormal flushed to zero conforms whatever the fixture's ulp bound
    if (a === 0 && isSubnormal(Math.fround(e))) return { ok: true, error: 0, slack: tolerance.maxUlp, bound: tolerance.maxUlp };
    const distance = ulpDistance(e, a);
    const ok = !Number.isNaN(distance) && distance <= tolerance.maxUlp;
    return {
      ok,
      error: Number.isNaN(distance) ? Infinity : distance,
      slack: Number.isNaN(distance) ? -Infinity : tolerance.maxUlp - distance,
      bound: tolerance.maxUlp,
    };
  }
  const bound = dotProductBound(tolerance);
  const magnitude = tolerance.magnitude[index]!;
  if (!Number.isFinite(magnitude)) return { ok: true, error: 0, slack: bound, bound }; // the bound overflows: not checkable (TOSA)
  if (magnitude === 0) {
    const ok = a === 0;
    return { ok, error: ok ? 0 : Infinity, slack: ok ? bound : -Infinity, bound };
  }
  const error = (a - e) / Math.max(magnitude * 2 ** -24, NORMAL_MIN);
  return { ok: Math.abs(error) <= bound, error, slack: bound - Math.abs(error), bound };
}

/** TOSA's float32 dot-product bound: 6·(KS + 1 with a non-zero bias), in units of M·2^-24. */
const dotProductBound = (tolerance: DotProductTolerance): number => 6 * (tolerance.accumulationLength + (tolerance.hasBias ? 1 : 0));

/**
 * Compares `actual` with the reference's `expected` under a tolerance. Shapes must match
 * exactly under every tolerance. When `failing` is given, the flat index of every element
 * outside its bound is appended to it (reports mark those cells).
 */
export function compareWithTolerance(
  expected: { shape: readonly number[]; data: ArrayLike<number> },
  actual: { shape: readonly number[]; data: ArrayLike<number> },
  tolerance: Tolerance,
  failing?: number[],
): ComparisonReport {
  return compareWithAlternatives([{ expected, tolerance }], actual, failing);
}

/**
 * Compares `actual` with several acceptable results of the same shape, element by element: an
 * element passes when it is within its bound of any alternative. spec: convention.unspecified
 */
export function compareWithAlternatives(
  alternatives: readonly Alternative[],
  actual: { shape: readonly number[]; data: ArrayLike<number> },
  failing?: number[],
): ComparisonReport {
  if (!Array.isArray(alternatives) || alternatives.length === 0) {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      ...CTX,
      parameter: 'alternatives',
      value: alternatives,
      rule: 'be a non-empty array of { expected, tolerance }',
    });
  }
  alternatives.forEach((alternative, index) => {
    const name = alternatives.length === 1 ? 'expected' : `alternatives[${index}].expected`;
    checkTensorLike(name, alternative?.expected, true);
    checkTolerance(alternative.tolerance, alternative.expected.data.length);
    if (!sameShape(alternative.expected.shape, alternatives[0]!.expected.shape)) {
      throw new CnnSpecError({
        code: 'E_SHAPE_INVALID',
        ...CTX,
        parameter: `${name}.shape`,
        value: alternative.expected.shape,
        rule: `equal the shape of the first alternative [${alternatives[0]!.expected.shape.join(', ')}]`,
      });
    }
  });
  checkTensorLike('actual', actual, false);
  if (failing !== undefined && !Array.isArray(failing)) {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      ...CTX,
      parameter: 'failing',
      value: failing,
      rule: 'be an array (of flat indices, filled in) or be omitted',
    });
  }
  const first = alternatives[0]!;
  const metric = first.tolerance.kind;
  const elements = first.expected.data.length;
  if (!sameShape(first.expected.shape, actual.shape) || actual.data.length !== elements) {
    return {
      pass: false,
      metric,
      elements,
      failures: elements,
      shapeMismatch: { expected: [...first.expected.shape], actual: [...actual.shape] },
      margin: -Infinity,
      maxUlp: Infinity,
    };
  }
  let failures = 0;
  let maxUlp = 0;
  let worst: ComparisonReport['worst'];
  let margin = Infinity;
  for (let index = 0; index < elements; index++) {
    const a = actual.data[index]!;
    // The alternative this element comes closest to (or goes least far past).
    let best: (ElementJudgement & { expected: number }) | undefined;
    for (const alternative of alternatives) {
      const e = alternative.expected.data[index]!;
      const judged = judgeElement(e, a, alternative.tolerance, index);
      if (best === undefined || (judged.ok && !best.ok) || (judged.ok === best.ok && judged.slack > best.slack))
        best = { ...judged, expected: e };
    }
    const ulp = ulpDistance(best!.expected, a);
    if (!Number.isNaN(ulp)) maxUlp = Math.max(maxUlp, ulp);
    if (!best!.ok) {
      failures += 1;
      failing?.push(index);
    }
    if (best!.slack < margin || (!best!.ok && worst === undefined)) {
      margin = best!.slack;
      worst = { index, expected: best!.expected, actual: a, error: best!.error, bound: best!.bound };
    }
  }
  const report: ComparisonReport = { pass: failures === 0, metric, elements, failures, margin, maxUlp };
  if (worst !== undefined) report.worst = worst;
  const dotProduct = alternatives.find((alternative) => alternative.tolerance.kind === 'dot-product')?.tolerance as
    | DotProductTolerance
    | undefined;
  if (dotProduct !== undefined) {
    report.ulpBudget = dotProduct.ulpBudget;
    report.withinUlpBudget = maxUlp <= dotProduct.ulpBudget;
  }
  return report;
}
