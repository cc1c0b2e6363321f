/**
 * One cold load of the golden fixtures, in the fresh process this script runs in: prints, as one
 * JSON line, how long the import of the loader took, the first schema validation (which compiles
 * the JSON Schema), and then loadFixtures() itself.
 *
 *   node --import tsx bench/support/loadFixturesCold.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const started = performance.now();
const { loadFixtures } = await import('../../src/fixtures/loadFixtures.js');
const { validateFixture } = await import('../../src/fixtures/validateFixture.js');
const { packageRoot } = await import('../../src/files/packageRoot.js');
const imported = performance.now();
// The first validation compiles the schema; any fixture will do.
const manifest = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'MANIFEST.json'), 'utf8')) as { fixtures: { file: string }[] };
validateFixture(JSON.parse(readFileSync(join(packageRoot(), manifest.fixtures[0]!.file), 'utf8')));
const compiled = performance.now();
const count = loadFixtures().length;
const loaded = performance.now();
process.stdout.write(
  `${JSON.stringify({ importMs: imported - started, compileMs: compiled - imported, loadMs: loaded - compiled, count })}\n`,
);
