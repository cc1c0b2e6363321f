/**
 * Validates fixture files against the format's JSON Schema (spec/schema/fixture-1.schema.json)
 * with ajv. A fixture is checked against the definition of its own op, so that an error names
 * the actual problem rather than every branch of the union: file, JSON path and rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { packageRoot } from './packageRoot.js';

const OP_DEFINITIONS: Record<string, string> = {
  conv: 'ConvFixture',
  pool: 'PoolFixture',
  'global-pool': 'GlobalPoolFixture',
  dense: 'DenseFixture',
  pad: 'PadFixture',
  model: 'ModelFixture',
};

let validators: { any: ValidateFunction; byOp: Map<string, ValidateFunction> } | undefined;

function compile(): NonNullable<typeof validators> {
  if (validators !== undefined) return validators;
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', 'fixture-1.schema.json'), 'utf8')) as { $id: string };
  // Without ajv's optimisation pass compilation takes two thirds of the time (once per process);
  // the validators check the same rules and report the same errors.
  const ajv = new Ajv({ allErrors: true, strict: false, code: { optimize: false } });
  ajv.addSchema(schema);
  const byOp = new Map<string, ValidateFunction>();
  for (const [op, definition] of Object.entries(OP_DEFINITIONS)) {
    byOp.set(op, ajv.getSchema(`${schema.$id}#/definitions/${definition}`)!);
  }
  validators = { any: ajv.getSchema(schema.$id)!, byOp };
  return validators;
}

export interface FixtureProblem {
  /** JSON path of the offending value, `/` for the whole fixture. */
  path: string;
  /** The rule it breaks, in ajv's words with the keyword, e.g. `must be >= 1 (minimum)`. */
  rule: string;
}

function describe(error: ErrorObject): FixtureProblem {
  const extra =
    error.keyword === 'additionalProperties'
      ? ` "${(error.params as { additionalProperty: string }).additionalProperty}"`
      : error.keyword === 'enum' || error.keyword === 'const'
        ? `: ${JSON.stringify((error.params as { allowedValues?: unknown; allowedValue?: unknown }).allowedValues ?? (error.params as { allowedValue?: unknown }).allowedValue)}`
        : '';
  return { path: error.instancePath || '/', rule: `${error.message ?? 'is invalid'}${extra} (${error.keyword})` };
}

/** The problems of a parsed fixture file, none when it is valid. */
export function validateFixture(value: unknown): FixtureProblem[] {
  const { any, byOp } = compile();
  const op = (value as { op?: unknown } | null)?.op;
  if (typeof value === 'object' && value !== null && !(typeof op === 'string' && byOp.has(op))) {
    // Without a known op, every branch of the union would report; name the one real problem.
    return [{ path: '/op', rule: `must be one of ${Object.keys(OP_DEFINITIONS).join(', ')} (enum)` }];
  }
  const validate = typeof op === 'string' && byOp.has(op) ? byOp.get(op)! : any;
  if (validate(value)) return [];
  return (validate.errors ?? []).map(describe);
}
