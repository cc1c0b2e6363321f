/**
 * The oracle for invalid calls: a public function must either throw a CnnSpecError that is
 * complete (a code of the closed set, a registered clause, the parameter, the value and the
 * rule), or, when the damaged call is valid after all, return a result of the right kind (a
 * tensor whose data fits its shape and holds no NaN the input does not explain, sizes that are
 * integers in range). Anything else is an escape: another error class, a call slower than the
 * time budget, a NaN where none belongs, a malformed result.
 *
 * spec: error.typed, error.codes, error.limits
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as kit from '../../../src/index.js';
import { MAX_DIMENSION } from '../../../src/spec/paramChecks.js';
import { packageRoot } from '../../../src/files/packageRoot.js';
import type { InvalidCall, PublicFunction } from './invalidInputs.js';

/** The closed set of error codes, read from the table of spec/errors.md (spec: error.codes). */
export const ERROR_CODES: readonly string[] = (() => {
  const text = readFileSync(join(packageRoot(), 'spec', 'errors.md'), 'utf8');
  const table = text.slice(text.indexOf('<a id="error.codes"></a>'), text.indexOf('<a id="error.limits"></a>'));
  return [...table.matchAll(/^\| `(E_[A-Z_]+)` \|/gm)].map((match) => match[1]!);
})();

export type Outcome =
  | { status: 'rejected'; code: string; ms: number }
  | { status: 'accepted'; ms: number }
  | { status: 'escape'; reason: string; ms: number };

type Loose = (...args: unknown[]) => unknown;
const loose = (f: unknown): Loose => f as Loose;

function adapterMethod(name: 'conv' | 'pool' | 'globalPool' | 'dense' | 'pad' | 'convTranspose' | 'outputShape' | 'paramCount'): Loose {
  return (convention, request) => loose(kit.referenceAdapter(convention as kit.ConventionSpec)[name])(request);
}

const CALLS: Record<PublicFunction, Loose> = {
  conv: loose(kit.conv),
  pool: loose(kit.pool),
  globalPool: loose(kit.globalPool),
  dense: loose(kit.dense),
  pad: loose(kit.pad),
  planConv: loose(kit.planConv),
  planPool: loose(kit.planPool),
  planGlobalPool: loose(kit.planGlobalPool),
  planDense: loose(kit.planDense),
  planPad: loose(kit.planPad),
  convTranspose: loose(kit.convTranspose),
  planConvTranspose: loose(kit.planConvTranspose),
  samePads: loose(kit.samePads),
  outputShape: loose(kit.outputShape),
  modelOutputShape: loose(kit.modelOutputShape),
  paramCount: loose(kit.paramCount),
  modelParamCount: loose(kit.modelParamCount),
  receptiveField: loose(kit.receptiveField),
  summary: loose(kit.summary),
  formatSummary: loose(kit.formatSummary),
  planLayer: loose(kit.planLayer),
  planModel: loose(kit.planModel),
  makeTensor: loose(kit.makeTensor),
  checkTensor: loose(kit.checkTensor),
  evaluateFormula: loose(kit.evaluateFormula),
  loadFixtures: loose(kit.loadFixtures),
  runFixtureOnReference: loose(kit.runFixtureOnReference),
  compareWithTolerance: loose(kit.compareWithTolerance),
  referenceAdapter: loose(kit.referenceAdapter),
  'referenceAdapter().conv': adapterMethod('conv'),
  'referenceAdapter().pool': adapterMethod('pool'),
  'referenceAdapter().globalPool': adapterMethod('globalPool'),
  'referenceAdapter().dense': adapterMethod('dense'),
  'referenceAdapter().pad': adapterMethod('pad'),
  'referenceAdapter().convTranspose': adapterMethod('convTranspose'),
  'referenceAdapter().outputShape': adapterMethod('outputShape'),
  'referenceAdapter().paramCount': adapterMethod('paramCount'),
};

/** Calls the function with the case's arguments (holes become undefined, as omitted arguments). */
export function invoke(call: InvalidCall): unknown {
  return CALLS[call.fn](...Array.from(call.args));
}

/** What is wrong with a thrown value, or undefined when it is a complete CnnSpecError. */
export function errorProblem(error: unknown): string | undefined {
  if (!(error instanceof kit.CnnSpecError)) {
    const name = error instanceof Error ? error.constructor.name : typeof error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `threw ${name}: ${message}`;
  }
  if (!ERROR_CODES.includes(error.code)) return `code ${error.code} is not in the closed set of spec/errors.md`;
  const clause = kit.clauseById(error.clause);
  if (clause === undefined || clause.status !== 'active') return `clause ${error.clause} is not an active clause of the registry`;
  if (typeof error.op !== 'string' || error.op === '') return 'op is empty';
  if (typeof error.parameter !== 'string' || error.parameter === '') return 'parameter is empty';
  if (typeof error.rule !== 'string' || error.rule === '') return 'rule is empty';
  if (!Object.prototype.hasOwnProperty.call(error, 'value')) return 'value is absent';
  if (!error.message.startsWith(`${error.op}: ${error.parameter} (`) || !error.message.endsWith(`[${error.code}, spec: ${error.clause}]`)) {
    return `message does not follow the format of spec: error.typed: ${error.message}`;
  }
  return undefined;
}

const isSize = (value: unknown, min = 0): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_DIMENSION;
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function shapeProblem(value: unknown, name: string): string | undefined {
  if (!Array.isArray(value)) return `${name} is not an array`;
  for (let axis = 0; axis < value.length; axis++) {
    if (!isSize(value[axis])) return `${name}[${axis}] is ${String(value[axis])}, not an integer in [0, 2^31 - 1]`;
  }
  return undefined;
}

/** Whether any Float32Array among the arguments holds NaN or an infinity (which may make NaN). */
function hasNonFiniteInput(value: unknown, depth = 0): boolean {
  if (value instanceof Float32Array) return value.some((v) => !Number.isFinite(v));
  if (depth > 4 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => hasNonFiniteInput(v, depth + 1));
}

/** Average pooling may return NaN for a window with no input (spec: pool.empty-window). */
function mayPoolEmptyWindows(call: InvalidCall): boolean {
  const params =
    call.fn === 'pool'
      ? call.args[1]
      : call.fn === 'referenceAdapter().pool'
        ? (call.args[1] as { params?: unknown } | undefined)?.params
        : undefined;
  return typeof params === 'object' && params !== null && (params as { kind?: unknown }).kind === 'avg';
}

function tensorProblem(value: unknown, nanAllowed: boolean, minSize = 0): string | undefined {
  if (typeof value !== 'object' || value === null) return `returned ${String(value)}, not a tensor`;
  const { shape, data } = value as { shape?: unknown; data?: unknown };
  const problem = shapeProblem(shape, 'shape');
  if (problem !== undefined) return problem;
  if ((shape as number[]).some((size) => size < minSize)) return `shape [${String(shape)}] has a size below ${minSize}`;
  if (!(data instanceof Float32Array)) return 'data is not a Float32Array';
  const count = (shape as number[]).reduce((p, s) => p * s, 1);
  if (data.length !== count) return `data has ${data.length} elements for shape [${String(shape)}]`;
  if (!nanAllowed && data.some((v) => Number.isNaN(v))) return 'NaN in the output of an input without NaN or infinities';
  return undefined;
}

function windowProblem(window: unknown): string | undefined {
  if (typeof window !== 'object' || window === null) return 'window is not a record';
  for (const key of ['input', 'kernel', 'strides', 'dilations', 'effectiveKernel', 'padBegin', 'padEnd', 'output'] as const) {
    const problem = shapeProblem((window as Record<string, unknown>)[key], `window.${key}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function planProblem(plan: unknown): string | undefined {
  if (typeof plan !== 'object' || plan === null) return 'plan is not a record';
  const record = plan as Record<string, unknown>;
  const problem = shapeProblem(record.outputShape, 'outputShape');
  if (problem !== undefined) return problem;
  if ('operations' in record && !isCount(record.operations)) return `operations is ${String(record.operations)}`;
  if ('window' in record) return windowProblem(record.window);
  if ('pool' in record) return planProblem(record.pool);
  return undefined;
}

function parameterCountProblem(count: unknown): string | undefined {
  if (typeof count !== 'object' || count === null) return 'parameter count is not a record';
  const { total, weights, biases } = count as Record<string, unknown>;
  if (!isCount(total) || !isCount(weights) || !isCount(biases))
    return `parameter count ${JSON.stringify(count)} is not made of safe integers`;
  if ((weights as number) + (biases as number) !== total) return `parameter count ${JSON.stringify(count)} does not add up`;
  return undefined;
}

function layerPlanProblem(plan: unknown): string | undefined {
  if (typeof plan !== 'object' || plan === null) return 'layer plan is not a record';
  const record = plan as Record<string, unknown>;
  const problems = [shapeProblem(record.outputShape, 'outputShape'), parameterCountProblem(record.params)];
  if (Array.isArray(record.weightShapes))
    problems.push(...record.weightShapes.map((w: { shape?: unknown }, i) => shapeProblem(w?.shape, `weightShapes[${i}]`)));
  else problems.push('weightShapes is not an array');
  return problems.find((p) => p !== undefined);
}

function receptiveFieldProblem(field: unknown): string | undefined {
  if (typeof field !== 'object' || field === null) return 'receptive field is not a record';
  const { size, jump, start, center } = field as Record<string, unknown>;
  // After a transposed convolution size, jump and start are fractions of a pixel (spec: rf.transpose).
  const pixels = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER;
  if (!Array.isArray(size) || !size.every((v) => pixels(v) && (v as number) >= 1))
    return `receptive field size ${JSON.stringify(size)} is not made of numbers in [1, 2^53 - 1]`;
  if (!Array.isArray(jump) || !jump.every((v) => v === null || (pixels(v) && (v as number) > 0)))
    return `jump ${JSON.stringify(jump)} is not made of numbers in (0, 2^53 - 1]`;
  if (!Array.isArray(start) || !start.every(pixels)) return `start ${JSON.stringify(start)} is not made of numbers within ±(2^53 - 1)`;
  if (!Array.isArray(center) || !center.every((v) => Number.isFinite(v))) return `center ${JSON.stringify(center)} is not finite`;
  return undefined;
}

/** What is wrong with a returned value, or undefined when it is a result of the right kind. */
export function resultProblem(call: InvalidCall, result: unknown): string | undefined {
  const nanAllowed = hasNonFiniteInput(call.args) || mayPoolEmptyWindows(call);
  switch (call.fn) {
    case 'conv':
    case 'pool':
    case 'globalPool':
    case 'dense':
    case 'pad':
    case 'convTranspose':
    case 'makeTensor':
    case 'referenceAdapter().conv':
    case 'referenceAdapter().pool':
    case 'referenceAdapter().globalPool':
    case 'referenceAdapter().dense':
    case 'referenceAdapter().pad':
    case 'referenceAdapter().convTranspose':
      return tensorProblem(result, nanAllowed);
    case 'checkTensor':
      return result === call.args[2] ? tensorProblem(result, true, 1) : 'did not return the tensor it checked';
    case 'planConv':
    case 'planPool':
    case 'planGlobalPool':
    case 'planDense':
    case 'planPad':
    case 'planConvTranspose':
      return planProblem(result);
    case 'samePads': {
      const { output, total, begin, end } = (result ?? {}) as Record<string, unknown>;
      if (![output, total, begin, end].every((v) => isSize(v)))
        return `samePads gave ${JSON.stringify(result)}: not sizes in [0, 2^31 - 1]`;
      return (begin as number) + (end as number) === total
        ? undefined
        : `samePads gave pads ${String(begin)} + ${String(end)} != ${String(total)}`;
    }
    case 'outputShape':
    case 'modelOutputShape':
    case 'referenceAdapter().outputShape':
      return shapeProblem(result, 'output shape');
    case 'paramCount':
    case 'modelParamCount':
      return parameterCountProblem(result);
    case 'referenceAdapter().paramCount':
      return isCount(result) ? undefined : `parameter count ${String(result)} is not a safe integer`;
    case 'planLayer':
      return layerPlanProblem(result);
    case 'planModel':
      return Array.isArray(result) ? result.map(layerPlanProblem).find((p) => p !== undefined) : 'did not return a list of layer plans';
    case 'receptiveField':
      return Array.isArray(result) ? result.map(receptiveFieldProblem).find((p) => p !== undefined) : 'did not return a list';
    case 'summary': {
      const rows = (result as { rows?: unknown } | null)?.rows;
      if (!Array.isArray(rows)) return 'summary has no rows';
      const problem = rows
        .map(
          (row: Record<string, unknown>) =>
            shapeProblem(row.outputShape, 'outputShape') ?? parameterCountProblem(row.params) ?? receptiveFieldProblem(row.receptiveField),
        )
        .find((p) => p !== undefined);
      return problem ?? parameterCountProblem((result as { totals?: unknown }).totals);
    }
    case 'formatSummary':
      return typeof result === 'string' ? undefined : 'did not return text';
    case 'evaluateFormula':
      return Number.isFinite(result) ? undefined : `evaluated to ${String(result)}`;
    case 'loadFixtures':
      return Array.isArray(result) ? undefined : 'did not return a list';
    case 'runFixtureOnReference': {
      if (typeof result !== 'object' || result === null || typeof (result as { pass?: unknown }).pass !== 'boolean')
        return 'did not return a verdict';
      // Every damage the generators make to a fixture makes it wrong: it may be judged, but must not pass.
      if ((result as { pass: boolean }).pass) return 'a damaged fixture passed';
      const error = (result as { error?: unknown }).error;
      return error === undefined ? undefined : errorProblem(error);
    }
    case 'compareWithTolerance': {
      const report = result as { pass?: unknown; elements?: unknown; failures?: unknown; margin?: unknown } | null;
      if (typeof report?.pass !== 'boolean' || !isCount(report.elements) || !isCount(report.failures))
        return `not a comparison report: ${JSON.stringify(result)}`;
      if ((report.failures as number) > (report.elements as number)) return 'more failures than elements';
      return typeof report.margin === 'number' && !Number.isNaN(report.margin) ? undefined : 'margin is NaN';
    }
    case 'referenceAdapter': {
      const adapter = result as Partial<kit.Adapter> | null;
      return typeof adapter?.name === 'string' && Array.isArray(adapter.features) && typeof adapter.conv === 'function'
        ? undefined
        : 'did not return an adapter';
    }
  }
}

const HUNG = Symbol('hung');

/**
 * Calls, then judges. A synchronous call cannot be interrupted, so a slow one is recognised by
 * its duration; an asynchronous one is given up after the budget.
 */
export async function judgeCall(call: InvalidCall, budgetMs: number): Promise<Outcome> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  let result: unknown;
  try {
    result = invoke(call);
    if (result instanceof Promise) {
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<typeof HUNG>((resolve) => {
        timer = setTimeout(() => resolve(HUNG), budgetMs);
      });
      result = await Promise.race([result, hung]).finally(() => clearTimeout(timer));
      if (result === HUNG) return { status: 'escape', reason: `no answer within ${budgetMs} ms`, ms: elapsed() };
    }
  } catch (error) {
    const ms = elapsed();
    const problem = errorProblem(error);
    if (problem !== undefined) return { status: 'escape', reason: problem, ms };
    if (ms > budgetMs) return { status: 'escape', reason: `rejected only after ${ms.toFixed(0)} ms (budget ${budgetMs} ms)`, ms };
    return { status: 'rejected', code: (error as kit.CnnSpecError).code, ms };
  }
  const ms = elapsed();
  if (ms > budgetMs) return { status: 'escape', reason: `answered only after ${ms.toFixed(0)} ms (budget ${budgetMs} ms)`, ms };
  let problem: string | undefined;
  try {
    problem = resultProblem(call, result);
  } catch (error) {
    problem = `returned a value the oracle cannot inspect: ${String(error)}`;
  }
  return problem === undefined ? { status: 'accepted', ms } : { status: 'escape', reason: problem, ms };
}
