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
import { messageLimitProblems } from './messageLimitProblems.js';

const BY_TYPE: Record<string, string> = {
  hello: 'HelloMessage',
  request: 'RequestMessage',
  result: 'ResultMessage',
  error: 'ErrorMessage',
  shutdown: 'ShutdownMessage',
};
interface ProtocolSchema {
  $id: string;
  definitions: { [name: string]: { properties?: { type?: { const?: unknown }; op?: { const?: unknown; enum?: unknown[] } } } };
}

/**
 * A request's definition follows its `op`, so that a problem is reported against that op's fields
 * alone: the request definition whose `op` names it (one per op of the registry, and one for the
 * shape questions).
 */
function requestDefinitions(schema: ProtocolSchema): Map<string, string> {
  const byOp = new Map<string, string>();
  for (const [name, definition] of Object.entries(schema.definitions)) {
    if (definition.properties?.type?.const !== 'request') continue;
    const op = definition.properties.op;
    for (const value of op?.const !== undefined ? [op.const] : (op?.enum ?? [])) if (typeof value === 'string') byOp.set(value, name);
  }
  return byOp;
}

let validators: { byDefinition: Map<string, ValidateFunction>; requestByOp: Map<string, string> } | undefined;

function compile(): NonNullable<typeof validators> {
  if (validators !== undefined) return validators;
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', 'protocol-1.schema.json'), 'utf8')) as ProtocolSchema;
  const requestByOp = requestDefinitions(schema);
  const names = [...new Set([...Object.values(BY_TYPE).filter((name) => name !== 'RequestMessage'), ...requestByOp.values()])];
  // Without ajv's optimisation pass compilation takes two thirds of the time (once per process);
  // the validators check the same rules and report the same errors.
  const ajv = new Ajv({ allErrors: true, strict: false, code: { optimize: false } });
  ajv.addSchema(schema);
  validators = { byDefinition: new Map(names.map((name) => [name, ajv.getSchema(`${schema.$id}#/definitions/${name}`)!])), requestByOp };
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
    const { requestByOp } = compile();
    definition = typeof op === 'string' ? requestByOp.get(op) : undefined;
    if (definition === undefined) return [`/op must be one of ${[...requestByOp.keys()].join(', ')}`];
  }
  // A message past the limits is refused on them alone: the schema would check (and, with
  // allErrors, report) every one of its millions of entries.
  const beyond = messageLimitProblems(message);
  if (beyond.length > 0) return beyond.map(describeLimitProblem);
  const validate = compile().byDefinition.get(definition)!;
  if (validate(message)) return [];
  return (validate.errors ?? []).map((error) => {
    // ajv's message leaves out which field is unknown: the adapter author needs its name
    const field =
      error.keyword === 'additionalProperties' ? ` "${(error.params as { additionalProperty: string }).additionalProperty}"` : '';
    return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${field} (${error.keyword})`;
  });
}
