/**
 * Invalid input at volume: runs the generators and the oracle of support/invalidCalls/ (shared
 * with test/robustness/invalidInputs.test.ts) for many cases (100,000 by default) and prints how
 * many were tried per function, per kind of invalidity and per answer (error code, accepted,
 * escape), every escape in full with its shrunk form, and the time. Exits 1 when anything
 * escaped.
 *
 *   npx tsx bench/invalidInputs.ts [--cases N] [--seed S] [--budget-ms MS]
 *
 * spec: error.typed, error.codes, error.limits
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { goldenFixtures } from './support/invalidCalls/invalidInputs.js';
import { formatEscape } from './support/invalidCalls/OutcomeTally.js';
import { runInvalidCalls, shrinkEscape } from './support/invalidCalls/runInvalidCalls.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261128' },
    'budget-ms': { type: 'string', default: '1000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'usage: npx tsx bench/invalidInputs.ts [--cases N (100000)] [--seed S (20261128)] [--budget-ms MS (1000): longest a call may take]',
  );
  process.exit(0);
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`--${name} (${text}) must be an integer >= 1`);
    process.exit(2);
  }
  return value;
}

const cases = positiveInteger('cases', values.cases);
const seed = positiveInteger('seed', values.seed);
const budgetMs = positiveInteger('budget-ms', values['budget-ms']);

goldenFixtures(); // loaded once, before the clock starts: runFixtureOnReference cases damage them
const started = performance.now();
const step = Math.max(1, Math.round(cases / 10));
const tally = await runInvalidCalls({
  seed,
  numRuns: cases,
  budgetMs,
  onCase: (index) => {
    if ((index + 1) % step === 0)
      process.stderr.write(`  ${index + 1} / ${cases} cases, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  },
});
const seconds = (performance.now() - started) / 1000;

console.log(`invalid inputs: ${tally.cases} cases, seed ${seed}, time budget per call ${budgetMs} ms\n`);
console.log(tally.format());
console.log(`\nescapes: ${tally.escapes.length}`);
for (const escaped of tally.escapes) {
  console.log(`\n#${escaped.index} ${formatEscape(escaped)}`);
  const shrunk = await shrinkEscape(escaped, seed, budgetMs);
  console.log(`  shrunk (${shrunk.shrinks} shrinks): ${fc.stringify(shrunk.call.args)}\n  ${shrunk.reason}`);
}
console.log(
  `\ntime: ${seconds.toFixed(1)} s (${Math.round(tally.cases / seconds)} cases/s), slowest call ${tally.slowestMs.toFixed(1)} ms`,
);
process.exitCode = tally.escapes.length === 0 ? 0 : 1;
