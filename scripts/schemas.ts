/**
 * The fixture format's JSON Schema, generated from the TypeScript types in src/Fixture.ts with
 * typescript-json-schema. `npm run fixtures:schema` writes it to spec/schema/fixture-1.schema.json;
 * a test regenerates it and fails when the committed file is stale.
 */
import { resolve } from 'node:path';
import * as TJS from 'typescript-json-schema';

export const FIXTURE_SCHEMA_FILE = 'spec/schema/fixture-1.schema.json';

export function generateFixtureSchema(root: string): string {
  const program = TJS.getProgramFromFiles([resolve(root, 'src/Fixture.ts')], {
    strict: true,
    strictNullChecks: true,
    // CommonJS resolution keeps definition names plain (no import("/abs/path") prefixes).
    module: 'CommonJS',
    moduleResolution: 'Node10',
    target: 'ES2022',
    skipLibCheck: true,
  });
  const schema = TJS.generateSchema(program, 'Fixture', {
    required: true,
    noExtraProps: true,
    strictNullChecks: true,
    ref: true,
    aliasRef: false,
    topRef: false,
  });
  if (schema === null) throw new Error('typescript-json-schema produced no schema for Fixture');
  const document = {
    $id: 'https://cnnspec.dev/schema/fixture-1.schema.json',
    title: 'cnnspec golden fixture, format cnnspec-fixture/1',
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
