/**
 * Bad input to every public function of the kit: generated invalid calls
 * (bench/support/invalidCalls/invalidInputs.ts, shared with bench/invalidInputs.ts) must
 * each be answered with a complete typed error, or, when valid after all, with a result of the
 * right kind; never with another error, a hang or a NaN (judgeCall.ts). The generators must
 * reach every function and every kind of invalidity in a measured share of cases. Below, the
 * calls the generators found escaping, as fixed regressions.
 *
 * spec: error.typed, error.codes, error.limits
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CnnSpecError, type ErrorCode } from '../../src/spec/CnnSpecError.js';
import * as kit from '../../src/index.js';
import { MAX_DIMENSION } from '../../src/spec/paramChecks.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { INVALIDITY_KINDS, PUBLIC_FUNCTIONS, goldenFixtures, type InvalidCall } from '../../bench/support/invalidCalls/invalidInputs.js';
import { ERROR_CODES, errorProblem, judgeCall, resultProblem } from '../../bench/support/invalidCalls/judgeCall.js';
import { formatEscape, type OutcomeTally } from '../../bench/support/invalidCalls/OutcomeTally.js';
import { runInvalidCalls, shrinkEscape } from '../../bench/support/invalidCalls/runInvalidCalls.js';

const SEED = 20261128;
const CASES = 2000;
const BUDGET_MS = 1000;

describe('generated invalid calls', () => {
  let tally: OutcomeTally;
  beforeAll(async () => {
    goldenFixtures(); // loaded before the run, so that no case pays for it
    tally = await runInvalidCalls({ seed: SEED, numRuns: CASES, budgetMs: BUDGET_MS });
  }, 60_000);

  it('get a complete typed error or a valid result: no escape', async () => {
    const reports: string[] = [];
    for (const escaped of tally.escapes.slice(0, 5)) {
      const shrunk = await shrinkEscape(escaped, SEED, BUDGET_MS);
      reports.push(`${formatEscape(escaped)}\n  shrunk (${shrunk.shrinks} shrinks): ${fc.stringify(shrunk.call.args)}: ${shrunk.reason}`);
    }
    expect(reports, `${tally.escapes.length} escapes of ${tally.cases} cases`).toEqual([]);
    expect(tally.cases).toBe(CASES);
  }, 60_000);

  it('reach every public function in at least 1.5% of cases', () => {
    const below = Object.keys(PUBLIC_FUNCTIONS).filter((fn) => tally.share(tally.byFunction, fn) < 0.015);
    expect(below, tally.format()).toEqual([]);
  });

  it('reach every kind of invalidity in at least 0.3% of cases', () => {
    const below = INVALIDITY_KINDS.filter((kind) => tally.share(tally.byKind, kind) < 0.003);
    expect(below, tally.format()).toEqual([]);
  });

  it('are answered with every error code of the closed set, and mostly rejected', async () => {
    const unseen = ERROR_CODES.filter((code) => !tally.byAnswer.has(code));
    expect(unseen, tally.format()).toEqual([]);
    // A damaged call that is valid after all is legitimate, but rare: the damage must bite.
    expect(tally.share(tally.byAnswer, 'accepted')).toBeLessThan(0.05);
  });
});

interface Expected {
  code: ErrorCode;
  clause: string;
  parameter: string;
}

/** The error a call throws or rejects with; fails the test for anything but a CnnSpecError. */
async function rejection(action: () => unknown): Promise<CnnSpecError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof CnnSpecError) return error;
    throw new Error(`expected a CnnSpecError, got ${String(error)}`);
  }
  throw new Error('expected a CnnSpecError, but the call succeeded');
}

const x = (shape: number[]): kit.Tensor => kit.makeTensor(shape);
const x4 = x([1, 2, 5, 5]);
const w4 = x([4, 2, 3, 3]);
const sparse = (length: number): number[] => new Array<number>(length);
function cyclicWithoutPrototype(): object {
  const value = Object.create(null) as Record<string, unknown>;
  value.self = value;
  return value;
}

/** Each case is an input that escaped before the fix, with the error it gets now. */
const REGRESSIONS: [string, () => unknown, Expected][] = [
  // Holes in per-axis lists and shapes were skipped by map/forEach and reached the formulas as undefined.
  [
    'conv with a sparse strides list',
    () => kit.conv(x4, w4, undefined, { strides: sparse(2) }),
    { code: 'E_PARAM_RANGE', clause: 'shape.stride', parameter: 'strides[0]' },
  ],
  [
    'planPool with a hole in the input shape',
    () => kit.planPool({ kind: 'max', kernel: 1 }, Object.assign(sparse(4), { 0: 1, 1: 1, 3: 4 })),
    { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'input.shape[2]' },
  ],
  [
    'a model whose layer list has holes',
    () => kit.modelOutputShape({ input: [1, 3, 9, 9], layers: sparse(2) as never }),
    { code: 'E_PARAM_FIELD', clause: 'shape.layers', parameter: 'layers[0].layer' },
  ],
  // A value that neither JSON nor String can print crashed the making of the error message.
  [
    'conv with a cyclic object without prototype as its stride',
    () => kit.conv(x4, w4, undefined, { strides: cyclicWithoutPrototype() as never }),
    { code: 'E_PARAM_ARITY', clause: 'shape.stride', parameter: 'strides' },
  ],
  // Parameter records and limits of null were read as if they were records.
  [
    'planConv with limits of null',
    () => kit.planConv({}, [1, 2, 5, 5], [4, 2, 3, 3], undefined, null as never),
    { code: 'E_PARAM_FIELD', clause: 'error.limits', parameter: 'limits' },
  ],
  [
    'pad with limits whose bound is NaN',
    () => kit.pad(x4, { padding: { begin: 1, end: 1 } }, { maxElements: NaN, maxOperations: 10 }),
    { code: 'E_PARAM_RANGE', clause: 'error.limits', parameter: 'limits.maxElements' },
  ],
  [
    'outputShape with a context of null',
    () => kit.outputShape({ type: 'flatten' }, [1, 2, 3], null as never),
    { code: 'E_PARAM_FIELD', clause: 'shape.layers', parameter: 'context' },
  ],
  [
    'referenceAdapter().conv without a request',
    () => kit.referenceAdapter().conv!(undefined as never),
    { code: 'E_PARAM_FIELD', clause: 'conformance.adapter', parameter: 'request' },
  ],
  [
    'referenceAdapter().outputShape with a request of null',
    () => kit.referenceAdapter().outputShape!(null as never),
    { code: 'E_PARAM_FIELD', clause: 'conformance.adapter', parameter: 'request' },
  ],
  // makeTensor checked nothing: lengths, types and sizes went straight to Float32Array.
  [
    'makeTensor with more values than elements',
    () => kit.makeTensor([2, 1], [1, 2, 3]),
    { code: 'E_DATA_LENGTH', clause: 'tensor.data-length', parameter: 'values.length' },
  ],
  [
    'makeTensor with values that are not a list',
    () => kit.makeTensor([2, 1], { length: 2 } as never),
    { code: 'E_DATA_LENGTH', clause: 'tensor.dtype', parameter: 'values' },
  ],
  [
    'makeTensor with a BigInt among the values',
    () => kit.makeTensor([2], [1, 2n] as never),
    { code: 'E_DATA_LENGTH', clause: 'tensor.dtype', parameter: 'values[1]' },
  ],
  [
    'makeTensor with a Symbol as a size',
    () => kit.makeTensor([3, Symbol('size') as never]),
    { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'shape[1]' },
  ],
  [
    'makeTensor with a missing size',
    () => kit.makeTensor(sparse(1)),
    { code: 'E_SHAPE_INVALID', clause: 'tensor.shape', parameter: 'shape[0]' },
  ],
  ['makeTensor of 10^10 elements', () => kit.makeTensor([1e5, 1e5]), { code: 'E_TOO_LARGE', clause: 'error.limits', parameter: 'shape' }],
  // evaluateFormula treated bad ids and scopes as programming errors (TypeError, Error).
  [
    'evaluateFormula of an unknown id',
    () => kit.evaluateFormula('__proto__' as never, {}),
    { code: 'E_PARAM_ENUM', clause: 'error.typed', parameter: 'id' },
  ],
  [
    'evaluateFormula with a scope of null',
    () => kit.evaluateFormula('effective-kernel', null as never),
    { code: 'E_PARAM_FIELD', clause: 'shape.effective-kernel', parameter: 'scope' },
  ],
  [
    'evaluateFormula without a variable',
    () => kit.evaluateFormula('same.total', { s: 1, effK: 3, n: 5 }),
    { code: 'E_PARAM_FIELD', clause: 'padding.same.total', parameter: 'scope.out' },
  ],
  [
    'evaluateFormula dividing by a stride of 0',
    () => kit.evaluateFormula('output-size.floor', { n: 5, pb: 0, pe: 0, effK: 3, s: 0 }),
    { code: 'E_PARAM_RANGE', clause: 'shape.output-size.floor', parameter: 'scope' },
  ],
  // Sizes beyond 2^31 - 1 (and beyond exact binary64) came out of valid-looking inputs.
  [
    'samePads with a kernel and dilation of 2^31 - 1',
    () => kit.samePads(7, MAX_DIMENSION, 1, MAX_DIMENSION),
    { code: 'E_PARAM_RANGE', clause: 'error.limits', parameter: 'dilation' },
  ],
  [
    'a receptive field through forty strides of 2^31 - 1',
    () =>
      kit.receptiveField({
        input: [1, 1, 1, 1],
        layers: Array.from({ length: 40 }, () => ({ type: 'max-pool' as const, kernel: 1, strides: MAX_DIMENSION })),
      }),
    { code: 'E_TOO_LARGE', clause: 'error.limits', parameter: 'layers[1]' },
  ],
  [
    'a flatten of 2^62 values',
    () => kit.outputShape({ type: 'flatten' }, [1, MAX_DIMENSION, MAX_DIMENSION]),
    { code: 'E_TOO_LARGE', clause: 'error.limits', parameter: 'input.shape' },
  ],
  // loadFixtures passed any dir to the file system and read options only after loading everything.
  [
    'loadFixtures from a file',
    () => kit.loadFixtures(`${packageRoot()}/package.json`),
    { code: 'E_PARAM_RANGE', clause: 'error.typed', parameter: 'dir' },
  ],
  [
    'loadFixtures with options of null',
    () => kit.loadFixtures(undefined, null as never),
    { code: 'E_PARAM_FIELD', clause: 'error.typed', parameter: 'options' },
  ],
  // Fixtures and tolerance records were read without a check.
  [
    'runFixtureOnReference of null',
    () => kit.runFixtureOnReference(null as never, 'cnnspec'),
    { code: 'E_PARAM_FIELD', clause: 'error.typed', parameter: 'fixture' },
  ],
  [
    'runFixtureOnReference under a convention that is not a name',
    () => kit.runFixtureOnReference(goldenFixtures()[0]!, { base: 'onnx' } as never),
    { code: 'E_PARAM_ENUM', clause: 'convention.model', parameter: 'convention' },
  ],
  [
    'compareWithTolerance without an accumulation length',
    () => kit.compareWithTolerance(x([2]), x([2]), { kind: 'dot-product', magnitude: [1, 1], hasBias: false, ulpBudget: 2 } as never),
    { code: 'E_PARAM_RANGE', clause: 'conformance.tolerance', parameter: 'tolerance.accumulationLength' },
  ],
  [
    'compareWithTolerance with data that is a number',
    () => kit.compareWithTolerance({ shape: [2], data: 5 as never }, x([2]), { kind: 'exact', zeroSignFree: true }),
    { code: 'E_DATA_LENGTH', clause: 'conformance.tolerance', parameter: 'expected.data' },
  ],
  [
    'compareWithTolerance with a failing list that is not a list',
    () => kit.compareWithTolerance(x([2]), x([2]), { kind: 'exact', zeroSignFree: true }, 'failing' as never),
    { code: 'E_PARAM_RANGE', clause: 'conformance.tolerance', parameter: 'failing' },
  ],
  [
    'formatSummary of null',
    () => kit.formatSummary(null as never),
    { code: 'E_PARAM_FIELD', clause: 'shape.layers', parameter: 'summary' },
  ],
  [
    'formatSummary of rows that are not a list',
    () => kit.formatSummary({ ...kit.summary({ input: [1, 4], layers: [] }), rows: 5 as never }),
    { code: 'E_PARAM_RANGE', clause: 'shape.layers', parameter: 'summary.rows' },
  ],
];

/** Inputs that were accepted in silence before the fix, though the spec makes them invalid. */
const SILENT_ACCEPTANCES: [string, () => unknown, Expected][] = [
  [
    'a stride of null, read as "omitted"',
    () => kit.conv(x4, w4, undefined, { strides: null as never }),
    { code: 'E_PARAM_ARITY', clause: 'shape.stride', parameter: 'strides' },
  ],
  [
    'a layout of null, read as "omitted"',
    () => kit.pool(x4, { kind: 'max', kernel: 2, layout: null as never }),
    { code: 'E_PARAM_ENUM', clause: 'layout.channels-first', parameter: 'layout' },
  ],
  [
    'parameters that inherit their fields',
    () => kit.planConv(Object.create({ strides: 0 }) as never, [1, 2, 5, 5], [4, 2, 3, 3]),
    { code: 'E_PARAM_FIELD', clause: 'conv.shapes', parameter: 'params' },
  ],
  [
    'overrides of null',
    () => kit.resolveConvention({ base: 'onnx', overrides: null as never }),
    { code: 'E_PARAM_FIELD', clause: 'convention.model', parameter: 'convention.overrides' },
  ],
  [
    'a model without layers of an unknown convention',
    () => kit.modelOutputShape({ input: [1, 4], convention: 'torch' as never, layers: [] }),
    { code: 'E_PARAM_ENUM', clause: 'convention.model', parameter: 'convention' },
  ],
  [
    'a model without layers of an unknown layout',
    () => kit.summary({ input: [1, 4], layout: 'NCHW' as never, layers: [] }),
    { code: 'E_PARAM_ENUM', clause: 'layout.channels-first', parameter: 'model.layout' },
  ],
  [
    'a layer name that is not a string',
    () => kit.planLayer({ type: 'flatten', name: 5 as never }, [1, 2, 3]),
    { code: 'E_PARAM_RANGE', clause: 'shape.layers', parameter: 'name' },
  ],
  [
    'makeTensor with fewer values than elements',
    () => kit.makeTensor([2, 2], [1, 2]),
    { code: 'E_DATA_LENGTH', clause: 'tensor.data-length', parameter: 'values.length' },
  ],
  [
    'loadFixtures with an unknown option',
    () => kit.loadFixtures(undefined, { strict: true } as never),
    { code: 'E_PARAM_FIELD', clause: 'error.typed', parameter: 'options.strict' },
  ],
  [
    'an adapter request that sets a convention, which the adapter overrode',
    () => kit.referenceAdapter('onnx').pool!({ input: x4, params: { kind: 'max', kernel: 2, convention: 'pytorch' } as never }),
    { code: 'E_PARAM_FIELD', clause: 'conformance.adapter', parameter: 'request.params.convention' },
  ],
];

describe('escapes found by the generators, fixed', () => {
  for (const [name, action, expected] of REGRESSIONS) {
    it(name, async () => {
      const error = await rejection(action);
      expect({ code: error.code, clause: error.clause, parameter: error.parameter }).toEqual(expected);
    });
  }
});

describe('a fixture record that breaks the schema', () => {
  it('fails its judgement with the schema problem as a typed error, instead of a TypeError inside the op', async () => {
    const conv = goldenFixtures().find((f) => f.op === 'conv')!;
    const verdict = await kit.runFixtureOnReference({ ...conv, inputs: undefined } as never, conv.conventions[0]!);
    expect(verdict.pass).toBe(false);
    const error = (verdict as { error?: unknown }).error;
    expect(error).toBeInstanceOf(CnnSpecError);
    expect({
      code: (error as CnnSpecError).code,
      clause: (error as CnnSpecError).clause,
      parameter: (error as CnnSpecError).parameter,
    }).toEqual({
      code: 'E_PARAM_FIELD',
      clause: 'error.typed',
      parameter: 'fixture',
    });
    expect((error as CnnSpecError).rule).toMatch(/must have required property 'inputs' \(required\)/);
  });
});

describe('invalid inputs that were accepted in silence, now rejected', () => {
  for (const [name, action, expected] of SILENT_ACCEPTANCES) {
    it(name, async () => {
      const error = await rejection(action);
      expect({ code: error.code, clause: error.clause, parameter: error.parameter }).toEqual(expected);
    });
  }
});

describe('the oracle', () => {
  // The run is only as good as its oracle: it must call out each kind of escape.
  const call = (fn: keyof typeof PUBLIC_FUNCTIONS, args: unknown[]): InvalidCall => ({
    fn,
    args,
    invalid: [{ kind: 'wrong-type', at: 'test' }],
  });

  it('calls another error class, an incomplete typed error or an unregistered clause an escape', () => {
    expect(errorProblem(new TypeError('x is undefined'))).toMatch(/threw TypeError/);
    expect(
      errorProblem(
        new CnnSpecError({ code: 'E_PARAM_RANGE', clause: 'no.such-clause', op: 'conv', parameter: 'strides', value: 0, rule: 'be >= 1' }),
      ),
    ).toMatch(/not an active clause/);
    expect(
      errorProblem(
        new CnnSpecError({ code: 'E_NOPE' as never, clause: 'shape.stride', op: 'conv', parameter: 'strides', value: 0, rule: 'be >= 1' }),
      ),
    ).toMatch(/closed set/);
    expect(
      errorProblem(
        new CnnSpecError({ code: 'E_PARAM_RANGE', clause: 'shape.stride', op: 'conv', parameter: '', value: 0, rule: 'be >= 1' }),
      ),
    ).toMatch(/parameter is empty/);
    expect(
      errorProblem(
        new CnnSpecError({ code: 'E_PARAM_RANGE', clause: 'shape.stride', op: 'conv', parameter: 'strides', value: 0, rule: 'be >= 1' }),
      ),
    ).toBeUndefined();
  });

  it('calls a NaN the input does not explain, a wrong data length or an out-of-range size an escape', () => {
    const nan = { shape: [1], data: Float32Array.of(NaN) };
    expect(resultProblem(call('conv', [x4, w4]), nan)).toMatch(/NaN/);
    expect(resultProblem(call('conv', [{ shape: [1], data: Float32Array.of(Infinity) }]), nan)).toBeUndefined();
    expect(resultProblem(call('pool', [x4, { kind: 'avg', kernel: 1 }]), nan)).toBeUndefined(); // spec: pool.empty-window
    expect(resultProblem(call('pad', [x4]), { shape: [2], data: new Float32Array(3) })).toMatch(/3 elements for shape/);
    expect(resultProblem(call('outputShape', []), [1, 2 ** 31])).toMatch(/not an integer in/);
    expect(resultProblem(call('evaluateFormula', []), Infinity)).toMatch(/evaluated to Infinity/);
  });

  it('calls a slow answer an escape, and judges a valid call as accepted', async () => {
    expect(await judgeCall(call('conv', [x4, w4, undefined, {}]), BUDGET_MS)).toMatchObject({ status: 'accepted' });
    expect(await judgeCall(call('conv', [x4, w4, undefined, {}]), -1)).toMatchObject({
      status: 'escape',
      reason: expect.stringMatching(/answered only after/),
    });
    expect(await judgeCall(call('referenceAdapter().conv', ['nope', {}]), BUDGET_MS)).toMatchObject({
      status: 'rejected',
      code: 'E_PARAM_ENUM',
    });
  });
});
