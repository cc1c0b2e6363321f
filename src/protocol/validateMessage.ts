/**
 * Validates protocol messages against spec/schema/protocol-1.schema.json (ajv) and the limits of
 * spec: protocol.limits. The kit checks every message an adapter sends; the tests check every
 * message the kit sends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { packageRoot } from '../files/packageRoot.js';
import { describeLimitProblem } from './LimitProblem.js';
import type { ProtocolOp } from './messages.js';
import { messageLimitProblems } from './messageLimitProblems.js';

const BY_TYPE: Record<string, string> = {
  hello: 'HelloMessage',
  request: 'RequestMessage',
  result: 'ResultMessage',
  error: 'ErrorMessage',
  shutdown: 'ShutdownMessage',
};
/** A request's definition follows its `op`, so that a problem is reported against that op's fields alone. */
const REQUEST_BY_OP: Record<ProtocolOp, string> = {
  conv: 'ConvRequestMessage',
  pool: 'PoolRequestMessage',
  globalPool: 'GlobalPoolRequestMessage',
  dense: 'DenseRequestMessage',
  pad: 'PadRequestMessage',
  outputShape: 'LayerRequestMessage',
  paramCount: 'LayerRequestMessage',
};
const DEFINITIONS = [...new Set([...Object.values(BY_TYPE).filter((name) => name !== 'RequestMessage'), ...Object.values(REQUEST_BY_OP)])];

let validators: Map<string, ValidateFunction> | undefined;

function compile(): Map<string, ValidateFunction> {
  if (validators !== undefined) return validators;
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', 'protocol-1.schema.json'), 'utf8')) as { $id: string };
  // Without ajv's optimisation pass compilation takes two thirds of the time (once per process);
  // the validators check the same rules and report the same errors.
  const ajv = new Ajv({ allErrors: true, strict: false, code: { optimize: false } });
  ajv.addSchema(schema);
  validators = new Map(DEFINITIONS.map((name) => [name, ajv.getSchema(`${schema.$id}#/definitions/${name}`)!]));
  return validators;
}

/** Problems of a parsed message, as `<json path> <rule>` lines; none when it is valid. */
export function protocolProblems(message: unknown): string[] {
  const type = (message as { type?: unknown } | null)?.type;
  // own keys only: a `type` of "constructor" names no definition
  let definition = typeof type === 'string' && Object.hasOwn(BY_TYPE, type) ? BY_TYPE[type] : undefined;
  if (definition === undefined) return [`/type must be one of ${Object.keys(BY_TYPE).join(', ')}`];
  if (definition === 'RequestMessage') {
    const op = (message as { op?: unknown }).op;
    definition = typeof op === 'string' && Object.hasOwn(REQUEST_BY_OP, op) ? REQUEST_BY_OP[op as ProtocolOp] : undefined;
    if (definition === undefined) return [`/op must be one of ${Object.keys(REQUEST_BY_OP).join(', ')}`];
  }
  // A message past the limits is refused on them alone: the schema would check (and, with
  // allErrors, report) every one of its millions of entries.
  const beyond = messageLimitProblems(message);
  if (beyond.length > 0) return beyond.map(describeLimitProblem);
  const validate = compile().get(definition)!;
  if (validate(message)) return [];
  return (validate.errors ?? []).map((error) => {
    // ajv's message leaves out which field is unknown: the adapter author needs its name
    const field =
      error.keyword === 'additionalProperties' ? ` "${(error.params as { additionalProperty: string }).additionalProperty}"` : '';
    return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${field} (${error.keyword})`;
  });
}
