/** `npm run schemas`: regenerates the JSON Schemas under spec/schema/ from their TypeScript types. */
import { writeFileSync } from 'node:fs';
import { SCHEMAS } from './schemas.js';

for (const { file, generate } of SCHEMAS) {
  writeFileSync(file, generate(process.cwd()));
  console.log(`wrote ${file}`);
}
