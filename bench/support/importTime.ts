/**
 * How long importing modules takes in a fresh process: prints `{"ms": ...}` for the imports of
 * the given specifiers, in order, after Node and tsx have started.
 *
 *   node --import tsx bench/support/importTime.ts mathjs src/cli/runCli.ts
 *
 * A specifier that starts with `src/`, `bench/` or `properties/` is a file of this project.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const specifiers = process.argv.slice(2);
const started = performance.now();
for (const specifier of specifiers) {
  const local = /^(src|bench|properties)\//.test(specifier);
  await import(local ? pathToFileURL(resolve(specifier)).href : specifier);
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started })}\n`);
