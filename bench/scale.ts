/**
 * How a run's time grows with its size, and how shards split it.
 *
 * - `--num-runs` (cases per property; 10, 40, 160 by default) and `--max-elements` (largest
 *   generated tensor; 256, 4096, 16384) for the reference and tfjs-cpu: wall time, the run's
 *   duration, adapter time, and the run's growth over the smallest setting.
 * - `--shard i/n` for n = 1, 2, 4 (tfjs-cpu by default): each shard as its own process, as in a
 *   CI matrix, run one after the other so that they do not compete. For each n: the shards' run
 *   times, their sum, the slowest, the balance (slowest over the mean: 1.00 is perfect) and the
 *   tests per shard. Shards take test p to shard (p mod n) + 1 (spec: conformance.shards), so they
 *   hold equal counts but not equal work; the table also shows what the slowest shard would be
 *   with a partition by each test's measured duration (greedy, longest first), computed from the
 *   unsharded run's report, for comparison only.
 *
 *   npx tsx bench/scale.ts [--repeat N] [--parts num-runs,max-elements,shards] [--adapters reference,tfjs-cpu]
 *                          [--num-runs 10,40,160] [--max-elements 256,4096,16384] [--shards 1,2,4] [--shard-adapter tfjs-cpu]
 */
import type { Report } from '../src/report/model/Report.js';
import { DEFAULT_MAX_ELEMENTS, DEFAULT_NUM_RUNS } from '../src/runner/runDefaults.js';
import { formatMs, formatRatio } from './support/formatQuantity.js';
import { formatTable } from './support/formatTable.js';
import { median } from './support/median.js';
import { BenchArgsError, parseBenchArgs, positiveIntegerList } from './support/parseBenchArgs.js';
import { runCnnspec, type CnnspecRun } from './support/runCnnspec.js';

const PARTS = ['num-runs', 'max-elements', 'shards'] as const;
const ADAPTERS = ['reference', 'tfjs-cpu', 'onnxruntime-node'] as const;

function listOf<T extends string>(option: string, text: string, allowed: readonly T[]): T[] {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name));
  if (unknown.length > 0) throw new BenchArgsError(`--${option} (${JSON.stringify(text)}) must list names among ${allowed.join(', ')}`);
  return names as T[];
}

const { repeat, settings } = parseBenchArgs(
  'scale.ts',
  process.argv.slice(2),
  {
    parts: { type: 'string', default: PARTS.join(','), help: 'what to measure' },
    adapters: { type: 'string', default: 'reference,tfjs-cpu', help: 'adapters for num-runs and max-elements' },
    'num-runs': { type: 'string', default: '10,40,160', help: 'cases per property to try' },
    'max-elements': { type: 'string', default: '256,4096,16384', help: 'element caps to try' },
    shards: { type: 'string', default: '1,2,4', help: 'shard counts to try' },
    'shard-adapter': { type: 'string', default: 'tfjs-cpu', help: 'adapter of the sharded runs' },
  },
  (values) => ({
    parts: listOf('parts', String(values.parts), PARTS),
    adapters: listOf('adapters', String(values.adapters), ADAPTERS),
    numRuns: positiveIntegerList('num-runs', String(values['num-runs'])),
    maxElements: positiveIntegerList('max-elements', String(values['max-elements'])),
    shards: positiveIntegerList('shards', String(values.shards)),
    shardAdapter: listOf('shard-adapter', String(values['shard-adapter']), ADAPTERS)[0]!,
  }),
);

interface Measure {
  wallMs: number;
  durationMs: number;
  adapterMs: number;
  tests: number;
  report: Report;
}

function measure(run: CnnspecRun): Measure {
  const { report } = run;
  return { wallMs: run.wallMs, durationMs: report.run.durationMs, adapterMs: report.run.adapterMs, tests: report.results.length, report };
}

/** Runs each distinct command line once per round; a setting shared by two tables runs once. */
const measured = new Map<string, Measure[]>();
async function runOnce(args: string[]): Promise<Measure> {
  process.stderr.write(`  cnnspec run ${args.join(' ')}\n`);
  const result = measure(await runCnnspec(args, { format: 'json' }));
  const key = args.join(' ');
  measured.set(key, [...(measured.get(key) ?? []), result]);
  return result;
}
const medianOf = (args: string[], key: 'wallMs' | 'durationMs' | 'adapterMs'): number =>
  median(measured.get(args.join(' '))!.map((m) => m[key]));

type Sweep = { option: '--num-runs' | '--max-elements'; values: number[]; fixed: string[] };
const sweeps: Sweep[] = [];
if (settings.parts.includes('num-runs')) sweeps.push({ option: '--num-runs', values: settings.numRuns, fixed: [] });
if (settings.parts.includes('max-elements')) sweeps.push({ option: '--max-elements', values: settings.maxElements, fixed: [] });
const sweepArgs = (adapter: string, sweep: Sweep, value: number): string[] => [
  '--adapter',
  adapter,
  sweep.option,
  String(value),
  ...sweep.fixed,
];
const shardArgs = (index: number, count: number): string[] => [
  '--adapter',
  settings.shardAdapter,
  ...(count === 1 ? [] : ['--shard', `${index}/${count}`]),
];

for (let round = 0; round < repeat; round++) {
  process.stderr.write(`round ${round + 1}/${repeat}\n`);
  const done = new Set<string>();
  for (const sweep of sweeps) {
    for (const value of sweep.values) {
      for (const adapter of settings.adapters) {
        const args = sweepArgs(adapter, sweep, value);
        if (done.has(args.join(' '))) continue;
        done.add(args.join(' '));
        await runOnce(args);
      }
    }
  }
  if (settings.parts.includes('shards')) {
    for (const count of settings.shards) for (let index = 1; index <= count; index++) await runOnce(shardArgs(index, count));
  }
}

console.log(
  `scale: medians of ${repeat} runs; defaults --num-runs ${DEFAULT_NUM_RUNS}, --max-elements ${DEFAULT_MAX_ELEMENTS}; reports in JSON only\n`,
);
for (const sweep of sweeps) {
  const rows = settings.adapters.flatMap((adapter) => {
    const smallest = medianOf(sweepArgs(adapter, sweep, sweep.values[0]!), 'durationMs');
    return sweep.values.map((value) => {
      const args = sweepArgs(adapter, sweep, value);
      return [
        adapter,
        String(value),
        formatMs(medianOf(args, 'wallMs')),
        formatMs(medianOf(args, 'durationMs')),
        formatMs(medianOf(args, 'adapterMs')),
        formatMs(medianOf(args, 'durationMs') - medianOf(args, 'adapterMs')),
        formatRatio(medianOf(args, 'durationMs'), smallest),
      ];
    });
  });
  console.log(formatTable(['adapter', sweep.option, 'wall', 'run', 'adapter calls', 'kit', `run / run at ${sweep.values[0]}`], rows));
  console.log('');
}

/**
 * The slowest shard if tests were dealt by measured duration, longest first, each to the shard
 * with the least work so far: a yardstick for the round-robin partition, not what --shard does.
 */
function greedySlowest(durations: readonly number[], count: number): number {
  const loads = new Array<number>(count).fill(0);
  for (const duration of [...durations].sort((a, b) => b - a)) {
    const least = loads.indexOf(Math.min(...loads));
    loads[least]! += duration;
  }
  return Math.max(...loads);
}

if (settings.parts.includes('shards')) {
  const whole = measured.get(shardArgs(1, 1).join(' '));
  const testDurations = whole === undefined ? undefined : whole[0]!.report.results.map((result) => result.durationMs);
  const rows = settings.shards.map((count) => {
    const shards = Array.from({ length: count }, (_, k) => shardArgs(k + 1, count));
    const runs = shards.map((args) => medianOf(args, 'durationMs'));
    const walls = shards.map((args) => medianOf(args, 'wallMs'));
    const tests = shards.map((args) => measured.get(args.join(' '))![0]!.tests);
    const testTime = shards.map((args) =>
      median(measured.get(args.join(' '))!.map((m) => m.report.results.reduce((total, result) => total + result.durationMs, 0))),
    );
    const sum = runs.reduce((total, ms) => total + ms, 0);
    const slowest = Math.max(...runs);
    const greedy = testDurations === undefined ? undefined : greedySlowest(testDurations, count);
    return [
      String(count),
      runs.map((ms) => formatMs(ms)).join(', '),
      formatMs(sum),
      formatMs(slowest),
      (slowest / (sum / count)).toFixed(2),
      formatMs(Math.max(...walls)),
      tests.join(', '),
      testTime.map((ms) => formatMs(ms)).join(', '),
      greedy === undefined ? '-' : formatMs(greedy),
    ];
  });
  console.log(`shards of a ${settings.shardAdapter} run, each shard a process of its own, one after the other\n`);
  console.log(
    formatTable(
      [
        'n',
        'run of each shard',
        'sum',
        'slowest',
        'balance (slowest / mean)',
        'slowest wall',
        'tests per shard',
        'test time of each shard',
        'slowest if dealt by duration',
      ],
      rows,
    ),
  );
  console.log(
    "\nbalance 1.00 is an even split. test time: the sum of the per-test durations in the shard's report (the run without its fixed costs)." +
      '\n"slowest if dealt by duration": the test time of the slowest shard if the unsharded run\'s tests were dealt by their durations, longest first; for comparison only.',
  );
}
