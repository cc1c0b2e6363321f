/**
 * What parallel jobs buy (spec: conformance.jobs): `cnnspec run --jobs 1` and `--jobs 2` side by
 * side, each in a fresh process, for the default run and for `--num-runs 400`, against the
 * reference, tfjs-cpu (with its expectations), the numpy example over `--exec` and TF.js's WebGL
 * backend in a browser page (`--browser`, with its expectations). Every round runs
 * every configuration with one job and then with two, so that a busy moment of the machine falls
 * on both; the speedup is the median of the rounds' ratios. Each pair's verdicts are compared
 * test by test (status, message, counterexample, replay: everything but timings): a row says
 * `identical` or lists the tests that differ, and the script exits 1 then.
 *
 * Cases per second: the cases the properties ran (each result's numRuns) and the fixtures judged,
 * over the run's duration.
 *
 * Where the CPU went (Linux): each run has bench/support/cpuAccount.mjs preloaded, which counts the
 * CPU time of the job threads, of V8's and libuv's helper threads and of the child processes, so
 * that a second table can say how many cores each run kept busy and bound the speedup two jobs
 * could give by the CPU time they need.
 *
 * `--compiled` runs the compiled CLI (`dist/`, as an installed package does; `npm run build` first),
 * whose worker threads start in about 0.7 s instead of about 1.4 s through tsx.
 *
 *   npx tsx bench/jobs.ts [--repeat N] [--adapters reference,tfjs-cpu,numpy,tfjs-webgl] [--num-runs 40,400] [--jobs 2] [--compiled]
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Report, ReportResult } from '../src/report/model/Report.js';
import { formatMs } from './support/formatQuantity.js';
import { formatTable } from './support/formatTable.js';
import { median } from './support/median.js';
import { BenchArgsError, parseBenchArgs, positiveInteger, positiveIntegerList } from './support/parseBenchArgs.js';
import { runCnnspec, type CpuAccount } from './support/runCnnspec.js';

const ADAPTERS = {
  reference: ['--adapter', 'reference'],
  'tfjs-cpu': ['--adapter', 'tfjs-cpu', '--expectations', 'examples/expectations/tfjs-cpu.json'],
  numpy: ['--exec', 'PYENV_VERSION=system python3 examples/python-numpy/adapter.py'],
  // a page of its own per job (spec: browser.channel)
  'tfjs-webgl': ['--browser', '--adapter', 'tfjs-webgl', '--expectations', 'examples/expectations/tfjs-webgl.json'],
} as const;
type AdapterName = keyof typeof ADAPTERS;

const { repeat, settings } = parseBenchArgs(
  'jobs.ts',
  process.argv.slice(2),
  {
    adapters: { type: 'string', default: Object.keys(ADAPTERS).join(','), help: 'configurations to run' },
    'num-runs': { type: 'string', default: '40,400', help: 'cases per property' },
    jobs: { type: 'string', default: '2', help: 'jobs of the parallel run, against one' },
    compiled: { type: 'boolean', default: false, help: 'run the compiled CLI of dist/ (npm run build first)' },
  },
  (values) => {
    const adapters = String(values.adapters)
      .split(',')
      .map((name) => name.trim());
    const unknown = adapters.filter((name) => !(name in ADAPTERS));
    if (unknown.length > 0)
      throw new BenchArgsError(`--adapters (${JSON.stringify(values.adapters)}) must list names among ${Object.keys(ADAPTERS).join(', ')}`);
    return {
      adapters: adapters as AdapterName[],
      numRuns: positiveIntegerList('num-runs', String(values['num-runs'])),
      jobs: positiveInteger('jobs', String(values.jobs)),
      compiled: values.compiled === true,
    };
  },
);

interface Measure {
  wallMs: number;
  durationMs: number;
  cases: number;
  report: Report;
  cpu?: CpuAccount;
  /** Seconds of CPU the whole machine used while the run lasted (Linux), browsers' processes included. */
  machineCpu?: number;
}

/** Seconds of CPU the machine has used since it started, over all cores (Linux's /proc/stat), or undefined elsewhere. */
function machineCpuSeconds(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  // cpu  user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = fields.reduce((sum, ticks, index) => (index === 3 || index === 4 ? sum : sum + ticks), 0);
  return busy / 100; // USER_HZ
}

/** The cases a run checked: the cases of every property that ran, and every fixture judged. */
function casesOf(report: Report): number {
  return report.results.reduce(
    (sum, result) => sum + (result.kind === 'property' ? (result.numRuns ?? 0) : result.status === 'unsupported' ? 0 : 1),
    0,
  );
}

/** A result as a verdict: everything but its timing. */
function verdict({ durationMs: _durationMs, ...rest }: ReportResult): string {
  return JSON.stringify(rest);
}

/** The ids of the tests whose verdicts differ between two reports of the same run. */
function differing(a: Report, b: Report): string[] {
  const ids = new Set([...a.results, ...b.results].map((result) => result.id));
  const byId = (report: Report) => new Map(report.results.map((result) => [result.id, verdict(result)]));
  const [left, right] = [byId(a), byId(b)];
  return [...ids].filter((id) => left.get(id) !== right.get(id));
}

async function measure(adapter: AdapterName, numRuns: number, jobs: number): Promise<Measure> {
  const args = [...ADAPTERS[adapter], '--num-runs', String(numRuns), '--jobs', String(jobs), '--quiet'];
  process.stderr.write(`  cnnspec run ${args.join(' ')}\n`);
  const before = machineCpuSeconds();
  const { wallMs, report, cpu } = await runCnnspec(args, { format: 'json', compiled: settings.compiled, cpu: true });
  const after = machineCpuSeconds();
  return {
    wallMs,
    durationMs: report.run.durationMs,
    cases: casesOf(report),
    report,
    ...(cpu === undefined ? {} : { cpu }),
    ...(before === undefined || after === undefined ? {} : { machineCpu: after - before }),
  };
}

const rows: string[][] = [];
let mismatches = 0;
const pairs = settings.adapters.flatMap((adapter) => settings.numRuns.map((numRuns) => ({ adapter, numRuns })));
const measured = pairs.map(() => ({ serial: [] as Measure[], parallel: [] as Measure[], differ: new Set<string>() }));
for (let round = 1; round <= repeat; round++) {
  process.stderr.write(`round ${round} of ${repeat}\n`);
  for (const [index, { adapter, numRuns }] of pairs.entries()) {
    const serial = await measure(adapter, numRuns, 1);
    const parallel = await measure(adapter, numRuns, settings.jobs);
    const slot = measured[index]!;
    slot.serial.push(serial);
    slot.parallel.push(parallel);
    for (const id of differing(serial.report, parallel.report)) slot.differ.add(id);
  }
}
for (const [index, { adapter, numRuns }] of pairs.entries()) {
  const { serial, parallel, differ } = measured[index]!;
  const ratio = (key: 'wallMs' | 'durationMs') => median(serial.map((s, round) => s[key] / parallel[round]![key]));
  const rate = (list: Measure[]) => median(list.map((m) => (m.cases * 1000) / m.durationMs));
  mismatches += differ.size;
  rows.push([
    adapter,
    String(numRuns),
    String(serial[0]!.report.results.length),
    formatMs(median(serial.map((m) => m.durationMs))),
    formatMs(median(parallel.map((m) => m.durationMs))),
    `${ratio('durationMs').toFixed(2)}x`,
    formatMs(median(serial.map((m) => m.wallMs))),
    formatMs(median(parallel.map((m) => m.wallMs))),
    `${ratio('wallMs').toFixed(2)}x`,
    rate(serial).toFixed(0),
    rate(parallel).toFixed(0),
    differ.size === 0 ? 'identical' : `${differ.size} differ: ${[...differ].slice(0, 3).join(', ')}`,
  ]);
}
/** Seconds of CPU, the process's threads and its children together. */
const cpuTotal = (cpu: CpuAccount): number => cpu.main + cpu.jobThreads + cpu.helpers + cpu.children;

/**
 * Where the CPU time went, one row per run of each pair (medians), and the speedup the parallel
 * run's CPU time allows: the serial wall time over the machine's CPU time during the parallel run
 * spread evenly on the cores it may use, the most it could give if no core ever waited. The
 * machine's CPU time counts a browser's processes, which end without the run waiting for each
 * (so the run's own account of its children misses them), and whatever else ran meanwhile: on
 * an idle machine it is the run's.
 */
const cores = Math.min(settings.jobs, availableParallelism());
const cpuRows: string[][] = [];
for (const [index, { adapter, numRuns }] of pairs.entries()) {
  const { serial, parallel } = measured[index]!;
  if ([...serial, ...parallel].some((m) => m.cpu === undefined || m.machineCpu === undefined)) continue;
  const seconds = (list: Measure[], pick: (cpu: CpuAccount) => number) => `${median(list.map((m) => pick(m.cpu!))).toFixed(1)} s`;
  for (const [jobs, list] of [
    [1, serial],
    [settings.jobs, parallel],
  ] as const) {
    cpuRows.push([
      adapter,
      String(numRuns),
      String(jobs),
      formatMs(median(list.map((m) => m.wallMs))),
      seconds(list, (cpu) => cpu.main + cpu.jobThreads),
      seconds(list, (cpu) => cpu.helpers),
      seconds(list, (cpu) => cpu.children),
      seconds(list, cpuTotal),
      `${median(list.map((m) => m.machineCpu!)).toFixed(1)} s`,
      median(list.map((m) => m.machineCpu! / (m.wallMs / 1000))).toFixed(2),
      jobs === 1 ? '' : `${median(serial.map((s, round) => s.wallMs / 1000 / (parallel[round]!.machineCpu! / cores))).toFixed(2)}x`,
    ]);
  }
}

const j = settings.jobs;
process.stdout.write(
  `${formatTable(
    [
      'adapter',
      'num-runs',
      'tests',
      'run, 1 job',
      `run, ${j} jobs`,
      'speedup (run)',
      'wall, 1 job',
      `wall, ${j} jobs`,
      'speedup (wall)',
      'cases/s, 1 job',
      `cases/s, ${j} jobs`,
      'verdicts',
    ],
    rows,
  )}\n\n${settings.compiled ? 'compiled CLI (dist/)' : 'CLI from the sources through tsx'}; medians of ${repeat} round(s); speedups are medians of each round's ratio of one job to ${j} jobs\n`,
);
if (cpuRows.length > 0)
  process.stdout.write(
    `\n${formatTable(
      [
        'adapter',
        'num-runs',
        'jobs',
        'wall',
        'CPU, job threads',
        'CPU, V8 and libuv helpers',
        'CPU, child processes',
        'CPU, run',
        'CPU, machine',
        'cores busy',
        'speedup bound',
      ],
      cpuRows,
    )}\n\nCPU: user + system seconds, medians; CPU, machine: all processes while the run lasted; cores busy: the machine's CPU over wall; speedup bound: the wall time of one job over the machine's CPU time of ${j} jobs spread on ${cores} core(s)\n`,
  );
process.exitCode = mismatches === 0 ? 0 : 1;
