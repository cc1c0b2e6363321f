/**
 * The seed sweep: every built-in and example adapter, with its expectations file, run at seeds
 * 1..8 (`cnnspec run --seed N`, each in a fresh process, default settings otherwise). For each
 * adapter it prints at how many seeds each listed defect explained a failure, and every failure
 * that no listed defect explains, with the seeds it appeared at. A CI gate runs one fixed seed,
 * so a defect found at fewer than all seeds is one a gate can miss, and an unexplained failure is
 * either a new defect or a false verdict of the kit (spec: conformance.expectations).
 *
 *   npx tsx bench/seedSweep.ts [--seeds 1-8] [--adapters tfjs-cpu,onnxruntime-node] [--num-runs N]
 *
 * Implementations whose runtime is missing (Debian's python3-numpy, python3-torch) are listed as
 * not run. The in-process tfjs-wasm adapter is left out: after the first trap its module is
 * unusable (the conformance matrix shows why); tfjs-wasm runs out of process here.
 */
import { spawnSync } from 'node:child_process';
import { packageRoot } from '../src/files/packageRoot.js';
import type { Report } from '../src/report/model/Report.js';
import { IMPLEMENTATIONS } from '../scripts/conformanceMatrix.js';
import { formatTable } from './support/formatTable.js';
import { median } from './support/median.js';
import { BenchArgsError, parseBenchArgs, positiveInteger } from './support/parseBenchArgs.js';
import { runCnnspec } from './support/runCnnspec.js';

interface Settings {
  seeds: number[];
  adapters: string[];
  numRuns?: number;
}

const SWEPT = IMPLEMENTATIONS.filter((implementation) => implementation.key !== 'tfjs-wasm');

function seedRange(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text.trim());
  if (range !== null) {
    const [from, to] = [positiveInteger('seeds', range[1]!), positiveInteger('seeds', range[2]!)];
    if (to < from) throw new BenchArgsError(`--seeds (${JSON.stringify(text)}) must be a range from low to high, such as 1-8`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  return text.split(',').map((part) => positiveInteger('seeds', part.trim()));
}

const { settings } = parseBenchArgs<Settings>(
  'seedSweep.ts',
  process.argv.slice(2),
  {
    seeds: { type: 'string', default: '1-8', help: 'seeds to run: a range (1-8) or a list (1,3,5)' },
    adapters: { type: 'string', default: SWEPT.map((implementation) => implementation.key).join(','), help: 'implementations to sweep' },
    'num-runs': { type: 'string', help: "cases per property (default: the kit's default)" },
  },
  (values) => {
    const adapters = String(values.adapters)
      .split(',')
      .map((key) => key.trim());
    for (const key of adapters) {
      if (!SWEPT.some((implementation) => implementation.key === key)) {
        throw new BenchArgsError(
          `--adapters names ${JSON.stringify(key)}, which must be one of ${SWEPT.map((implementation) => implementation.key).join(', ')}`,
        );
      }
    }
    return {
      seeds: seedRange(String(values.seeds)),
      adapters,
      ...(values['num-runs'] === undefined ? {} : { numRuns: positiveInteger('num-runs', String(values['num-runs'])) }),
    };
  },
);

interface Sweep {
  key: string;
  /** Per defect entry: the seeds at which it explained at least one failure. */
  found: Map<string, number[]>;
  /** Failures no listed defect explains: test id, then the seeds and the first message. */
  unexplained: Map<string, { seeds: number[]; message: string }>;
  /** Failures matched by an entry by test id or feature (seed-fragile). */
  byId: Map<string, number[]>;
  wallMs: number[];
}

async function sweep(key: string): Promise<Sweep | string> {
  const implementation = SWEPT.find((candidate) => candidate.key === key)!;
  if (implementation.requires !== undefined && spawnSync(implementation.requires, { shell: true, cwd: packageRoot() }).status !== 0) {
    return `${key}: not run (${implementation.requires} failed)`;
  }
  const result: Sweep = { key, found: new Map(), unexplained: new Map(), byId: new Map(), wallMs: [] };
  for (const seed of settings.seeds) {
    const args = [
      ...implementation.args,
      '--seed',
      String(seed),
      ...(settings.numRuns === undefined ? [] : ['--num-runs', String(settings.numRuns)]),
    ];
    const run = await runCnnspec(args, { format: 'json' });
    result.wallMs.push(run.wallMs);
    record(result, run.report, seed);
    process.stderr.write(
      `${key} seed ${seed}: ${run.report.summary.fail} fail, ${run.report.summary['expected-fail']} expected-fail, ${(run.wallMs / 1000).toFixed(1)} s\n`,
    );
  }
  return result;
}

function record(result: Sweep, report: Report, seed: number): void {
  // A defect is found at a seed when it explained a failure or a set-aside case of some test.
  for (const { defect, explained } of report.expectations?.defects ?? []) {
    const seeds = result.found.get(defect) ?? [];
    if (explained > 0) seeds.push(seed);
    result.found.set(defect, seeds);
  }
  for (const r of report.results) {
    if (r.status === 'expected-fail' && r.expectation?.defect !== undefined) {
      continue;
    } else if (r.status === 'expected-fail') {
      const seeds = result.byId.get(r.id) ?? [];
      seeds.push(seed);
      result.byId.set(r.id, seeds);
    } else if (r.status === 'fail' || r.status === 'error') {
      const entry = result.unexplained.get(r.id) ?? { seeds: [], message: (r.message ?? '').split('\n')[0]!.slice(0, 160) };
      entry.seeds.push(seed);
      result.unexplained.set(r.id, entry);
    }
  }
}

const total = settings.seeds.length;
const lines: string[] = [];
// Exit 1 when a listed defect was missed at some seed or a failure went unexplained: a gate can trust neither.
let trustworthy = true;
for (const key of settings.adapters) {
  const outcome = await sweep(key);
  if (typeof outcome === 'string') {
    lines.push(outcome, '');
    continue;
  }
  lines.push(
    `${key}: seeds ${settings.seeds.join(', ')}${settings.numRuns === undefined ? '' : `, --num-runs ${settings.numRuns}`}; run wall median ${(median(outcome.wallMs) / 1000).toFixed(1)} s`,
  );
  if ([...outcome.found.values()].some((seeds) => seeds.length < total) || outcome.unexplained.size > 0) trustworthy = false;
  const defects = [...outcome.found.entries()].map(([defect, seeds]) => [
    defect,
    `${seeds.length}/${total}`,
    seeds.length === total ? '' : `missed at ${settings.seeds.filter((seed) => !seeds.includes(seed)).join(', ')}`,
  ]);
  lines.push(defects.length === 0 ? '  no defect entries' : formatTable(['defect', 'found', 'seeds missed'], defects).replace(/^/gm, '  '));
  if (outcome.byId.size > 0) {
    lines.push(
      `  expected failures matched by test id or feature (seed-fragile): ${[...outcome.byId.entries()].map(([id, seeds]) => `${id} (${seeds.length}/${total})`).join(', ')}`,
    );
  }
  if (outcome.unexplained.size === 0) lines.push('  unexplained failures: none');
  else {
    lines.push('  unexplained failures:');
    for (const [id, { seeds, message }] of outcome.unexplained) lines.push(`    ${id} at seeds ${seeds.join(', ')}: ${message}`);
  }
  lines.push('');
}
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = trustworthy ? 0 : 1;
