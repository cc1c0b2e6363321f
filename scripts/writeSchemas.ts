/** `npm run fixtures:schema`: regenerates spec/schema/fixture-1.schema.json from src/Fixture.ts. */
import { writeFileSync } from 'node:fs';
import { FIXTURE_SCHEMA_FILE, generateFixtureSchema } from './fixtureSchema.js';

writeFileSync(FIXTURE_SCHEMA_FILE, generateFixtureSchema(process.cwd()));
console.log(`wrote ${FIXTURE_SCHEMA_FILE}`);
