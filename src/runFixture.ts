/**
 * Runs a golden fixture through the reference under one of its conventions and judges the
 * result: the output must equal the expectation exactly (compareExact), or the op must throw
 * the expected typed error.
 */
import { CnnSpecError } from './CnnSpecError.js';
import { compareExact, type ExactComparison } from './compareExact.js';
import { conv } from './conv.js';
import { concreteConventions } from './concreteConventions.js';
import { CONVENTION_NAMES, type ConventionName, type ConventionSpec } from './conventions.js';
import { checkEnum } from './paramChecks.js';
import { validateFixture } from './validateFixture.js';
import { dense } from './dense.js';
import type { Fixture, ModelFixture } from './Fixture.js';
import type { ModelSpec } from './LayerSpec.js';
import { summary } from './summary.js';
import { decodeFixtureTensor } from './fixtureValues.js';
import { globalPool } from './globalPool.js';
import { pad } from './pad.js';
import { planConv } from './planConv.js';
import { planPool } from './planPool.js';
import { pool } from './pool.js';
import type { Tensor } from './tensor.js';
import type { WindowPlan } from './planWindow.js';

export type FixtureVerdict =
  | { pass: true }
  | { pass: false; reason: string; comparison?: ExactComparison; error?: unknown };

function runOp(fixture: Exclude<Fixture, ModelFixture>, convention: ConventionSpec): { output: Tensor; window?: WindowPlan } {
  const input = decodeFixtureTensor(fixture.inputs.input);
  switch (fixture.op) {
    case 'conv': {
      const params = { ...fixture.params, convention };
      const weight = decodeFixtureTensor(fixture.inputs.weight);
      const bias = fixture.inputs.bias && decodeFixtureTensor(fixture.inputs.bias);
      const output = conv(input, weight, bias, params);
      return { output, window: planConv(params, input.shape, weight.shape, bias?.shape).window };
    }
    case 'pool': {
      const params = { ...fixture.params, convention };
      return { output: pool(input, params), window: planPool(params, input.shape).window };
    }
    case 'global-pool':
      return { output: globalPool(input, { ...fixture.params, convention }) };
    case 'dense': {
      const weight = decodeFixtureTensor(fixture.inputs.weight);
      const bias = fixture.inputs.bias && decodeFixtureTensor(fixture.inputs.bias);
      return { output: dense(input, weight, bias, { ...fixture.params, convention }) };
    }
    case 'pad':
      return { output: pad(input, { ...fixture.params, convention }) };
  }
}

/** Whether the spec leaves the sign of a zero result free for this fixture's op. */
export function zeroSignFree(fixture: Fixture): boolean {
  if (fixture.op === 'conv' || fixture.op === 'dense') return true;
  if (fixture.op === 'pool' || fixture.op === 'global-pool') return fixture.params.kind === 'avg';
  return false;
}

/** A model fixture: the summary's shapes, parameter counts and receptive fields, layer by layer. */
function runModelFixture(fixture: ModelFixture, convention: ConventionSpec): FixtureVerdict {
  const expected = fixture.expected;
  let rows: ReturnType<typeof summary>['rows'];
  try {
    rows = summary({ ...(fixture.params as unknown as ModelSpec), convention }).rows;
  } catch (error) {
    if ('error' in expected && error instanceof CnnSpecError) {
      if (error.code === expected.error.code && error.clause === expected.error.clause) return { pass: true };
      return { pass: false, reason: `expected ${expected.error.code} [${expected.error.clause}], got ${error.message}`, error };
    }
    return { pass: false, reason: `threw ${error instanceof Error ? error.message : String(error)}`, error };
  }
  if ('error' in expected) return { pass: false, reason: `expected ${expected.error.code} [${expected.error.clause}], got a summary` };
  const actual = rows.map((row) => ({
    outputShape: row.outputShape,
    params: row.params.total,
    receptiveField: { size: row.receptiveField.size, jump: row.receptiveField.jump, start: row.receptiveField.start },
  }));
  for (let index = 0; index < Math.max(actual.length, expected.layers.length); index++) {
    const a = JSON.stringify(actual[index]);
    const e = JSON.stringify(expected.layers[index]);
    if (a !== e) return { pass: false, reason: `layer ${index}: got ${a}, expected ${e}` };
  }
  return { pass: true };
}

/** The first schema problem of a fixture record as a typed error naming its JSON path, or undefined when it is valid. */
function schemaError(fixture: object): CnnSpecError | undefined {
  const problem = validateFixture(fixture)[0];
  if (problem === undefined) return undefined;
  const keyword = /\((\w+)\)$/.exec(problem.rule)?.[1];
  const segments = problem.path.split('/').filter((segment) => segment !== '');
  let value: unknown = fixture;
  for (const segment of segments) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined;
  return new CnnSpecError({
    code: keyword === 'enum' || keyword === 'const' ? 'E_PARAM_ENUM' : keyword === 'required' || keyword === 'additionalProperties' ? 'E_PARAM_FIELD' : 'E_PARAM_RANGE',
    op: 'runFixtureOnReference',
    clause: 'error.typed',
    parameter: `fixture${segments.map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`)).join('')}`,
    value,
    rule: `be valid by spec/schema/fixture-1.schema.json (${problem.path} ${problem.rule})`,
  });
}

/**
 * Judges a fixture under one convention. Arguments that are not a fixture record at all, or a
 * convention that is not a name, are refused with a typed error; a record that breaks the
 * fixture schema fails its judgement, with the schema problem as the verdict's typed error.
 */
export function runFixtureOnReference(fixture: Fixture, convention: ConventionName): FixtureVerdict {
  const op = 'runFixtureOnReference';
  if (typeof fixture !== 'object' || fixture === null || Array.isArray(fixture)) {
    throw new CnnSpecError({ code: 'E_PARAM_FIELD', op, clause: 'error.typed', parameter: 'fixture', value: fixture, rule: 'be a fixture record (spec/schema/fixture-1.schema.json)' });
  }
  checkEnum({ op, clause: 'convention.model' }, 'convention', convention, CONVENTION_NAMES);
  const invalid = schemaError(fixture);
  if (invalid !== undefined) return { pass: false, reason: invalid.message, error: invalid };
  const verdict = judgeOnReference(fixture, convention);
  if (verdict.pass) return verdict;
  // spec: convention.unspecified — where the convention leaves knobs open, the fixture's
  // expectation must be the outcome of one of its members (the reference follows cnnspec's value).
  for (const member of concreteConventions(convention)) {
    if (member.spec !== convention && judgeOnReference(fixture, member.spec).pass) return { pass: true };
  }
  return verdict;
}

/** Judges a fixture on the reference under one convention. */
function judgeOnReference(fixture: Fixture, convention: ConventionSpec): FixtureVerdict {
  if (fixture.op === 'model') return runModelFixture(fixture, convention);
  const expected = fixture.expected;
  let result: { output: Tensor; window?: WindowPlan };
  try {
    result = runOp(fixture, convention);
  } catch (error) {
    if ('error' in expected && error instanceof CnnSpecError) {
      if (error.code === expected.error.code && error.clause === expected.error.clause) return { pass: true };
      return { pass: false, reason: `expected ${expected.error.code} [${expected.error.clause}], got ${error.message}`, error };
    }
    return { pass: false, reason: `threw ${error instanceof Error ? error.message : String(error)}`, error };
  }
  if ('error' in expected) {
    return { pass: false, reason: `expected ${expected.error.code} [${expected.error.clause}], got an output of shape [${result.output.shape.join(', ')}]` };
  }
  if (expected.window !== undefined && result.window !== undefined) {
    const { padBegin, padEnd, output } = result.window;
    const actualWindow = JSON.stringify({ padBegin, padEnd, output });
    if (actualWindow !== JSON.stringify(expected.window)) {
      return { pass: false, reason: `window ${actualWindow} differs from the expected ${JSON.stringify(expected.window)}` };
    }
  }
  const comparison = compareExact(decodeFixtureTensor(expected.output), result.output, { zeroSignFree: zeroSignFree(fixture) });
  if (comparison.equal) return { pass: true };
  const reason = comparison.shapeMismatch
    ? `shape [${comparison.shapeMismatch.actual.join(', ')}] differs from the expected [${comparison.shapeMismatch.expected.join(', ')}]`
    : `${comparison.mismatchCount} element(s) differ, first at index ${comparison.mismatches[0]!.index}: expected ${comparison.mismatches[0]!.expected}, got ${comparison.mismatches[0]!.actual}`;
  return { pass: false, reason, comparison };
}
