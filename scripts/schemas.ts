/**
 * JSON Schemas generated from TypeScript types with typescript-json-schema: the fixture format
 * (src/fixtures/Fixture.ts) and the adapter protocol (src/protocol/messages.ts). `npm run schemas` writes
 * them under spec/schema/; a test regenerates them and fails when a committed file is stale.
 */
import { resolve } from 'node:path';
import * as TJS from 'typescript-json-schema';
import { isOpName, OP_NAMES, OPS } from '../src/ops/registry.js';
import { FIXTURE_ELEMENT_LIMITS } from '../src/fixtures/fixtureElementLimits.js';

export const FIXTURE_SCHEMA_FILE = 'spec/schema/fixture-1.schema.json';

/** A JSON Schema for one type of a TypeScript file, with plain definition names. */
export function generateSchema(
  root: string,
  file: string,
  type: string,
  id: string,
  title: string,
  refine: (schema: TJS.Definition) => void = () => undefined,
): string {
  const program = TJS.getProgramFromFiles([resolve(root, file)], {
    strict: true,
    strictNullChecks: true,
    // CommonJS resolution keeps definition names plain (no import("/abs/path") prefixes).
    module: 'CommonJS',
    moduleResolution: 'Node10',
    target: 'ES2022',
    skipLibCheck: true,
  });
  const schema = TJS.generateSchema(program, type, {
    required: true,
    noExtraProps: true,
    strictNullChecks: true,
    ref: true,
    aliasRef: false,
    topRef: false,
    // The types are checked by tsc under the project's own settings; the CommonJS settings above
    // only flag ESM syntax (import.meta) in files the types import.
    ignoreErrors: true,
  });
  if (schema === null) throw new Error(`typescript-json-schema produced no schema for ${type}`);
  refine(schema);
  return `${JSON.stringify({ $id: id, title, ...schema }, null, 2)}\n`;
}

/**
 * The default element limit as a condition of each fixture: a tensor type knows no more than its
 * own data, and types cannot say "unless the fixture containing it is marked large". Without the
 * mark, every tensor of the fixture holds at most FIXTURE_ELEMENT_LIMITS.default elements.
 */
function limitUnmarkedFixtures(schema: TJS.Definition): void {
  const data = { properties: { data: { maxItems: FIXTURE_ELEMENT_LIMITS.default } } };
  const limited: string[] = [];
  // each op's fixture definition is the one whose `op` is the op's name; its tensors are the op's (src/ops/registry.ts)
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
    if (typeof definition !== 'object') continue;
    const op = (definition.properties?.op as TJS.Definition | undefined)?.const;
    if (typeof op !== 'string' || !isOpName(op)) continue;
    definition.if = { not: { required: ['large'], properties: { large: { const: true } } } };
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
    definition.then = {
      properties: {
        inputs: { properties: Object.fromEntries(OPS[op].tensors.map((tensor) => [tensor.name, data])) },
        expected: { properties: { output: data } },
      },
    };
    limited.push(name);
  }
  if (limited.length !== OP_NAMES.length)
    throw new Error(`the fixture schema has ${limited.length} op fixture definitions, the registry ${OP_NAMES.length} ops`);
}

export function generateFixtureSchema(root: string): string {
  return generateSchema(
    root,
    'src/fixtures/Fixture.ts',
    'Fixture',
    'https://cnnspec.dev/schema/fixture-1.schema.json',
    'cnnspec golden fixture, format cnnspec-fixture/1',
    limitUnmarkedFixtures,
  );
}

export const PROTOCOL_SCHEMA_FILE = 'spec/schema/protocol-1.schema.json';

export function generateProtocolSchema(root: string): string {
  return generateSchema(
    root,
    'src/protocol/messages.ts',
    'ProtocolMessage',
    'https://cnnspec.dev/schema/protocol-1.schema.json',
    'cnnspec adapter protocol, version 1',
  );
}

export const REPORT_SCHEMA_FILE = 'spec/schema/report-1.schema.json';
export const EXPECTATIONS_SCHEMA_FILE = 'spec/schema/expectations-1.schema.json';

export function generateReportSchema(root: string): string {
  return generateSchema(
    root,
    'src/report/model/Report.ts',
    'Report',
    'https://cnnspec.dev/schema/report-1.schema.json',
    'cnnspec conformance report, format cnnspec-report/1',
  );
}

export function generateExpectationsSchema(root: string): string {
  return generateSchema(
    root,
    'src/runner/Expectations.ts',
    'ExpectationsFile',
    'https://cnnspec.dev/schema/expectations-1.schema.json',
    'cnnspec expectations file, format cnnspec-expectations/1',
  );
}

export const PROFILE_SCHEMA_FILE = 'spec/schema/profile-2.schema.json';

export function generateProfileSchema(root: string): string {
  return generateSchema(
    root,
    'src/profiles/Profile.ts',
    'Profile',
    'https://cnnspec.dev/schema/profile-2.schema.json',
    'cnnspec conformance profile, format cnnspec-profile/2',
  );
}

/** Every generated schema: file and generator. */
export const SCHEMAS: { file: string; generate: (root: string) => string }[] = [
  { file: FIXTURE_SCHEMA_FILE, generate: generateFixtureSchema },
  { file: PROTOCOL_SCHEMA_FILE, generate: generateProtocolSchema },
  { file: REPORT_SCHEMA_FILE, generate: generateReportSchema },
  { file: EXPECTATIONS_SCHEMA_FILE, generate: generateExpectationsSchema },
  { file: PROFILE_SCHEMA_FILE, generate: generateProfileSchema },
];
