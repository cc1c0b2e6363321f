/**
 * How long loading the golden fixtures takes: reading, parsing, validating every file against
 * the JSON Schema and checking every sha256 against fixtures/MANIFEST.json (loadFixtures() in
 * src/fixtures/loadFixtures.ts). Cold is a fresh process: the import of the loader, the schema's
 * compilation on the first validation, then the load. Warm is a further load in a process that
 * has loaded them once. The warm load is broken down into its steps. Target: the cold import,
 * compilation and load together under 1 s.
 *
 *   npx tsx bench/fixtures.ts [--repeat N]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../src/fixtures/fixtureManifest.js';
import { loadFixtures } from '../src/fixtures/loadFixtures.js';
import { packageRoot } from '../src/files/packageRoot.js';
import { validateFixture } from '../src/fixtures/validateFixture.js';
import { formatMs, formatShare } from './support/formatQuantity.js';
import { formatTable } from './support/formatTable.js';
import { median } from './support/median.js';
import { parseBenchArgs } from './support/parseBenchArgs.js';
import { timeCalls } from './support/timeCalls.js';
import { timeCommand, tsxArgs } from './support/timeCommand.js';

const TARGET_MS = 1000;
const { repeat } = parseBenchArgs('fixtures.ts', process.argv.slice(2));

interface ColdLoad {
  wallMs: number;
  importMs: number;
  compileMs: number;
  loadMs: number;
  count: number;
}

async function coldLoad(): Promise<ColdLoad> {
  const [command, args] = tsxArgs(join('bench', 'support', 'loadFixturesCold.ts'));
  const run = await timeCommand(command, args, { cwd: packageRoot() });
  return { wallMs: run.wallMs, ...(JSON.parse(run.stdout) as Omit<ColdLoad, 'wallMs'>) };
}

const files = loadFixtures().map(({ file }) => join(packageRoot(), file));
const texts = files.map((file) => readFileSync(file, 'utf8'));
const parsed = texts.map((text) => JSON.parse(text) as unknown);
const budgetMs = 300;

const cold: ColdLoad[] = [];
const steps = { read: [] as number[], parse: [] as number[], validate: [] as number[], hash: [] as number[], load: [] as number[] };
for (let run = 0; run < repeat; run++) {
  cold.push(await coldLoad());
  steps.read.push(await timeCalls(() => files.forEach((file) => readFileSync(file, 'utf8')), { budgetMs }));
  steps.parse.push(await timeCalls(() => texts.forEach((text) => JSON.parse(text)), { budgetMs }));
  steps.validate.push(await timeCalls(() => parsed.forEach((value) => validateFixture(value)), { budgetMs }));
  steps.hash.push(await timeCalls(() => texts.forEach((text) => sha256(text)), { budgetMs }));
  steps.load.push(await timeCalls(() => loadFixtures(), { budgetMs }));
}

const coldOf = (key: keyof ColdLoad): number => median(cold.map((entry) => entry[key]));
const coldTotal = coldOf('importMs') + coldOf('compileMs') + coldOf('loadMs');
const warm = median(steps.load);
console.log(
  `fixtures: ${cold[0]!.count} files, ${(texts.reduce((sum, text) => sum + text.length, 0) / 1024).toFixed(0)} KiB; medians of ${repeat} runs\n`,
);
console.log(
  formatTable(
    ['measure', 'median', 'share'],
    [
      ['cold: process wall time (node + tsx + import + load)', formatMs(coldOf('wallMs')), '-'],
      ['cold: import of the loader (ajv included)', formatMs(coldOf('importMs')), formatShare(coldOf('importMs'), coldTotal)],
      ['cold: schema compilation (first validation)', formatMs(coldOf('compileMs')), formatShare(coldOf('compileMs'), coldTotal)],
      ['cold: loadFixtures() after it', formatMs(coldOf('loadMs')), formatShare(coldOf('loadMs'), coldTotal)],
      ['cold: import + compilation + load', formatMs(coldTotal), '100.0 %'],
      ['warm: loadFixtures()', formatMs(warm), formatShare(warm, warm)],
      ['warm: read the files', formatMs(median(steps.read)), formatShare(median(steps.read), warm)],
      ['warm: JSON.parse', formatMs(median(steps.parse)), formatShare(median(steps.parse), warm)],
      ['warm: schema validation', formatMs(median(steps.validate)), formatShare(median(steps.validate), warm)],
      ['warm: sha256 against the manifest', formatMs(median(steps.hash)), formatShare(median(steps.hash), warm)],
    ],
  ),
);
console.log(
  `\ntarget: cold import + compilation + load under ${formatMs(TARGET_MS)}: ${coldTotal < TARGET_MS ? 'met' : 'missed'} (${formatMs(coldTotal)})`,
);
