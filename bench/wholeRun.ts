/**
 * Whole conformance runs, as a user starts them: `cnnspec run` with default settings in a fresh
 * process per run, against the built-in adapters in process (reference, tfjs-cpu,
 * onnxruntime-node) and against adapters over the protocol (`--exec`: the numpy example, and the
 * TF.js CPU backend served by examples/stdio-tfjs, the same code as tfjs-cpu in process).
 *
 * For each run: the wall time from spawn to exit; the run's own duration and the time inside
 * adapter calls (report.json: run.durationMs, run.adapterMs); the kit's time (duration minus
 * adapter calls: generation, reference computation, comparison, fixtures, bookkeeping); and the
 * time outside the run (wall minus duration: start-up and imports, loading or starting the
 * adapter, writing the reports, exit). Then start-up alone, import by import, and the rendering
 * of each report format. Every repeat runs every configuration in turn, so that ratios compare
 * runs made side by side.
 *
 * Targets: tfjs-cpu under 30 s wall; the kit's share of a run under 10 % where the adapter is not
 * trivial; `--exec` TF.js within 1.5x of TF.js in process.
 *
 *   npx tsx bench/wholeRun.ts [--repeat N] [--adapters a,b] [--num-runs N] [--profile DIR]
 *
 * --profile DIR runs each configuration once more under `node --cpu-prof` (profiles in DIR) and
 * prints where the CPU time of the kit's process goes, by category.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Adapter } from '../src/ops/Adapter.js';
import { execAdapter } from '../src/adapter/execAdapter.js';
import { tfjsAdapter } from '../src/adapter/tfjsAdapter.js';
import { packageRoot } from '../src/files/packageRoot.js';
import type { Report } from '../src/report/model/Report.js';
import { REPORT_FORMATS } from '../src/report/reportFormats.js';
import { writeReports } from '../src/report/writeReports.js';
import { elementCount, makeTensor, type Tensor } from '../src/tensor/tensor.js';
import { formatMs, formatRatio, formatShare } from './support/formatQuantity.js';
import { formatTable } from './support/formatTable.js';
import { median } from './support/median.js';
import { BenchArgsError, parseBenchArgs, positiveInteger } from './support/parseBenchArgs.js';
import { CATEGORIES, profileCategories, type CpuProfileData } from './support/profileCategories.js';
import { timeCalls } from './support/timeCalls.js';
import { runCnnspec } from './support/runCnnspec.js';
import { timeCommand, tsxArgs } from './support/timeCommand.js';

interface Configuration {
  name: string;
  args: string[];
  /** The adapter process run under a profiler, for --profile. */
  profiledArgs?: (dir: string) => string[];
}

const CONFIGURATIONS: Configuration[] = [
  { name: 'reference', args: ['--adapter', 'reference'] },
  { name: 'tfjs-cpu', args: ['--adapter', 'tfjs-cpu'] },
  { name: 'onnxruntime-node', args: ['--adapter', 'onnxruntime-node'] },
  { name: 'exec-numpy', args: ['--exec', 'PYENV_VERSION=system python3 examples/python-numpy/adapter.py'] },
  {
    name: 'exec-tfjs-cpu',
    args: ['--exec', 'npx tsx examples/stdio-tfjs/adapter.ts cpu'],
    profiledArgs: (dir) => ['--exec', `node --cpu-prof --cpu-prof-dir ${dir} --import tsx examples/stdio-tfjs/adapter.ts cpu`],
  },
];

const { repeat, values, settings } = parseBenchArgs(
  'wholeRun.ts',
  process.argv.slice(2),
  {
    adapters: { type: 'string', default: CONFIGURATIONS.map((c) => c.name).join(','), help: 'configurations to run' },
    'num-runs': { type: 'string', help: 'cases per property (default: the CLI default, 40)' },
    profile: { type: 'string', help: 'folder for CPU profiles: profile one more run of each configuration' },
  },
  (values) => {
    const names = String(values.adapters)
      .split(',')
      .map((name) => name.trim());
    for (const name of names) {
      if (!CONFIGURATIONS.some((configuration) => configuration.name === name)) {
        throw new BenchArgsError(
          `--adapters (${JSON.stringify(name)}) must name configurations among ${CONFIGURATIONS.map((c) => c.name).join(', ')}`,
        );
      }
    }
    return {
      configurations: CONFIGURATIONS.filter((configuration) => names.includes(configuration.name)),
      runArgs: values['num-runs'] === undefined ? [] : ['--num-runs', String(positiveInteger('num-runs', String(values['num-runs'])))],
    };
  },
);
const { configurations, runArgs } = settings;
const root = packageRoot();
const scratch = mkdtempSync(join(tmpdir(), 'cnnspec-bench-'));

interface RunMeasure {
  wallMs: number;
  durationMs: number;
  adapterMs: number;
  report: Report;
}

async function run(configuration: Configuration, nodeOptions: string[] = [], args = configuration.args): Promise<RunMeasure> {
  const { wallMs, report } = await runCnnspec([...args, ...runArgs], { nodeOptions });
  return { wallMs, durationMs: report.run.durationMs, adapterMs: report.run.adapterMs, report };
}

/** Start-up steps, each a fresh process: Node alone, Node with tsx, the CLI, and one import at a time. */
const STARTUP: { name: string; measure: () => Promise<number> }[] = [
  { name: 'node -e 0 (wall)', measure: async () => (await timeCommand(process.execPath, ['-e', '0'])).wallMs },
  {
    name: 'node --import tsx -e 0 (wall)',
    measure: async () => (await timeCommand(process.execPath, ['--import', 'tsx', '-e', '0'], { cwd: root })).wallMs,
  },
  {
    name: 'cnnspec --version via node --import tsx (wall)',
    measure: async () => (await timeCommand(...tsxArgs('src/cli/main.ts', ['--version']), { cwd: root })).wallMs,
  },
  {
    name: 'cnnspec --version via npx tsx (wall)',
    measure: async () => (await timeCommand('npx', ['tsx', 'src/cli/main.ts', '--version'], { cwd: root })).wallMs,
  },
  ...(existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))
    ? [
        {
          name: 'cnnspec --version compiled, dist/ (wall)',
          measure: async () => (await timeCommand(process.execPath, ['dist/src/cli/main.js', '--version'], { cwd: root })).wallMs,
        },
      ]
    : []),
  ...(
    [
      ['import src/cli/runCli.ts (the whole CLI)', ['src/cli/runCli.ts']],
      ['import src/spec/formulas.ts (parses and compiles the formulas with mathjs)', ['src/spec/formulas.ts']],
      ['import fast-check', ['fast-check']],
      ['import ajv', ['ajv']],
      ['import commander', ['commander']],
      ['import @tensorflow/tfjs-core + backend-cpu', ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu']],
      ['import onnxruntime-node', ['onnxruntime-node']],
    ] as const
  ).map(([name, specifiers]) => ({
    name: `${name} (in process)`,
    measure: async () =>
      (JSON.parse((await timeCommand(...tsxArgs('bench/support/importTime.ts', specifiers), { cwd: root })).stdout) as { ms: number }).ms,
  })),
];

const runs = new Map<string, RunMeasure[]>(configurations.map((configuration) => [configuration.name, []]));
const startup = new Map<string, number[]>(STARTUP.map((step) => [step.name, []]));
for (let round = 0; round < repeat; round++) {
  for (const configuration of configurations) {
    process.stderr.write(`run ${round + 1}/${repeat}: ${configuration.name}\n`);
    runs.get(configuration.name)!.push(await run(configuration));
  }
  for (const step of STARTUP) startup.get(step.name)!.push(await step.measure());
}

const medianOf = (name: string, key: keyof Omit<RunMeasure, 'report'>): number => median(runs.get(name)!.map((measure) => measure[key]));
const kitMs = (name: string): number => median(runs.get(name)!.map((measure) => measure.durationMs - measure.adapterMs));
const outsideMs = (name: string): number => median(runs.get(name)!.map((measure) => measure.wallMs - measure.durationMs));

console.log(
  `whole runs: cnnspec run with default settings${runArgs.length > 0 ? ` and ${runArgs.join(' ')}` : ''}, medians of ${repeat} runs (${new Date().toISOString().slice(0, 10)}, ${process.platform}-${process.arch}, Node ${process.version})\n`,
);
console.log(
  formatTable(
    ['configuration', 'tests (pass/fail/unsupported)', 'wall', 'outside the run', 'run', 'adapter calls', 'kit', 'kit share of run'],
    configurations.map(({ name }) => {
      const summary = runs.get(name)![0]!.report.summary;
      return [
        name,
        `${summary.total} (${summary.pass}/${summary.fail}/${summary.unsupported})`,
        formatMs(medianOf(name, 'wallMs')),
        formatMs(outsideMs(name)),
        formatMs(medianOf(name, 'durationMs')),
        formatMs(medianOf(name, 'adapterMs')),
        formatMs(kitMs(name)),
        formatShare(kitMs(name), medianOf(name, 'durationMs')),
      ];
    }),
  ),
);

/** Ratios of two configurations' medians of per-round ratios: each ratio compares runs made side by side. */
function sideBySide(a: string, b: string, key: keyof Omit<RunMeasure, 'report'>): string {
  if (!runs.has(a) || !runs.has(b)) return '-';
  const ratios = runs.get(a)!.map((measure, round) => measure[key] / runs.get(b)![round]![key]);
  return `${median(ratios).toFixed(2)}x`;
}
const pairs = [
  ['exec-tfjs-cpu', 'tfjs-cpu', 'the same TF.js code, over the protocol and in process'],
  ['tfjs-cpu', 'reference', 'TF.js against the reference adapter'],
  ['onnxruntime-node', 'reference', 'ONNX Runtime against the reference adapter'],
  ['exec-numpy', 'reference', 'numpy over the protocol against the reference in process'],
].filter(([a, b]) => runs.has(a!) && runs.has(b!));
if (pairs.length > 0) {
  console.log('\nratios, medians of per-round ratios (each round runs every configuration in turn)\n');
  console.log(
    formatTable(
      ['a / b', 'wall', 'run', 'adapter calls', 'what'],
      pairs.map(([a, b, what]) => [
        `${a} / ${b}`,
        sideBySide(a!, b!, 'wallMs'),
        sideBySide(a!, b!, 'durationMs'),
        sideBySide(a!, b!, 'adapterMs'),
        what!,
      ]),
    ),
  );
}

console.log(`\nstart-up, medians of ${repeat} fresh processes\n`);
console.log(
  formatTable(
    ['step', 'median'],
    STARTUP.map(({ name }) => [name, formatMs(median(startup.get(name)!))]),
  ),
);

// Rendering the reports of the first configuration's run, in process.
const reported = runs.get(configurations[0]!.name)![0]!.report;
const renderDir = mkdtempSync(join(scratch, 'render-'));
const renderMs = new Map<string, number[]>(REPORT_FORMATS.map((format) => [format, []]));
for (let round = 0; round < repeat; round++) {
  for (const format of REPORT_FORMATS)
    renderMs
      .get(format)!
      .push(await timeCalls(() => writeReports(reported, renderDir, { formats: [format] }), { budgetMs: 200, minCalls: 1 }));
}
console.log(`\nwriting the reports of the ${configurations[0]!.name} run (${reported.summary.total} results), in process\n`);
console.log(
  formatTable(
    ['format', 'median'],
    REPORT_FORMATS.map((format) => [format, formatMs(median(renderMs.get(format)!))]),
  ),
);

if (runs.has('exec-tfjs-cpu')) {
  // The protocol's own cost per call, with both processes busy in a tight loop: what a run would
  // pay per request if handing over between the two processes were free.
  const served = await execAdapter({ command: 'npx tsx examples/stdio-tfjs/adapter.ts cpu', cwd: root });
  const inProcess = await tfjsAdapter('cpu');
  const data = (shape: number[]): Tensor =>
    makeTensor(
      shape,
      Array.from({ length: elementCount(shape) }, (_, i) => (i % 17) - 8),
    );
  const calls: [string, (adapter: Adapter) => Promise<unknown>][] = [
    [
      'max-pool 1x1 window on a 1x1x1x1 input',
      (adapter) =>
        adapter.pool!({ input: data([1, 1, 1, 1]), params: { kind: 'max', kernel: [1, 1], strides: [1, 1], layout: 'channels-first' } }),
    ],
    [
      'conv 1x2x5x5 * 3x2x3x3',
      (adapter) =>
        adapter.conv!({
          input: data([1, 2, 5, 5]),
          weight: data([3, 2, 3, 3]),
          params: { layout: 'channels-first', kernelLayout: 'out-in-spatial' },
        }),
    ],
    [
      'conv 1x16x16x16 * 3x16x3x3',
      (adapter) =>
        adapter.conv!({
          input: data([1, 16, 16, 16]),
          weight: data([3, 16, 3, 3]),
          params: { layout: 'channels-first', kernelLayout: 'out-in-spatial' },
        }),
    ],
  ];
  const perCall = calls.map(() => ({ local: [] as number[], remote: [] as number[] }));
  for (let round = 0; round < repeat; round++) {
    for (const [k, [, call]] of calls.entries()) {
      perCall[k]!.local.push(await timeCalls(() => call(inProcess), { budgetMs: 300 }));
      perCall[k]!.remote.push(await timeCalls(() => call(served), { budgetMs: 300 }));
    }
  }
  await served.dispose?.();
  console.log('\none call, TF.js in process and over the protocol (examples/stdio-tfjs), back to back in a tight loop\n');
  console.log(
    formatTable(
      ['call', 'in process', '--exec', 'difference', 'ratio'],
      calls.map(([name], k) => {
        const local = median(perCall[k]!.local);
        const remote = median(perCall[k]!.remote);
        return [name, formatMs(local), formatMs(remote), formatMs(remote - local), formatRatio(remote, local)];
      }),
    ),
  );
}

// The kit's time in a fresh process against its time once warm: the same run twice in one process.
const inProcessNames = configurations.map((c) => c.name).filter((name) => ['reference', 'tfjs-cpu', 'onnxruntime-node'].includes(name));
if (inProcessNames.length > 0) {
  const twice = new Map<string, { durationMs: number; adapterMs: number }[][]>(inProcessNames.map((name) => [name, []]));
  for (let round = 0; round < repeat; round++) {
    for (const name of inProcessNames) {
      const { stdout } = await timeCommand(...tsxArgs('bench/support/runTwiceInProcess.ts', [name]), { cwd: root });
      twice.get(name)!.push(JSON.parse(stdout) as { durationMs: number; adapterMs: number }[]);
    }
  }
  console.log(
    '\nthe same run twice in one process: the first pays what is done once per process (just-in-time compilation, schemas, fixtures)\n',
  );
  console.log(
    formatTable(
      ['configuration', 'first run', 'its kit', 'second run', 'its kit', 'kit share, second run', 'first / second (kit)'],
      inProcessNames.map((name) => {
        const of = (k: number, key: 'durationMs' | 'kit'): number =>
          median(twice.get(name)!.map((runs) => (key === 'kit' ? runs[k]!.durationMs - runs[k]!.adapterMs : runs[k]![key])));
        return [
          name,
          formatMs(of(0, 'durationMs')),
          formatMs(of(0, 'kit')),
          formatMs(of(1, 'durationMs')),
          formatMs(of(1, 'kit')),
          formatShare(of(1, 'kit'), of(1, 'durationMs')),
          formatRatio(of(0, 'kit'), of(1, 'kit')),
        ];
      }),
    ),
  );
}

const targets: string[][] = [];
if (runs.has('tfjs-cpu')) {
  const wall = medianOf('tfjs-cpu', 'wallMs');
  targets.push(['tfjs-cpu run under 30 s (wall)', formatMs(wall), wall < 30_000 ? 'met' : 'missed']);
}
for (const name of ['tfjs-cpu', 'onnxruntime-node', 'exec-numpy', 'exec-tfjs-cpu'].filter((n) => runs.has(n))) {
  const share = kitMs(name) / medianOf(name, 'durationMs');
  targets.push([
    `${name}: kit share of the run under 10 %`,
    formatShare(kitMs(name), medianOf(name, 'durationMs')),
    share < 0.1 ? 'met' : 'missed',
  ]);
}
if (runs.has('exec-tfjs-cpu') && runs.has('tfjs-cpu')) {
  const ratio = Number(sideBySide('exec-tfjs-cpu', 'tfjs-cpu', 'durationMs').replace('x', ''));
  targets.push(['exec TF.js within 1.5x of in-process TF.js (run)', `${ratio.toFixed(2)}x`, ratio <= 1.5 ? 'met' : 'missed']);
}
console.log('\ntargets\n');
console.log(formatTable(['target', 'measured', 'status'], targets));

if (values.profile !== undefined) {
  const profileRoot = resolve(String(values.profile));
  console.log(`\nwhere the kit's process spends its time (one profiled run each, --cpu-prof, profiles in ${profileRoot})\n`);
  const columns: string[] = [];
  const whole: Map<string, number>[] = [];
  const inRun: Map<string, number>[] = [];
  for (const configuration of configurations) {
    const dir = join(profileRoot, configuration.name);
    rmSync(dir, { recursive: true, force: true });
    const adapterDir = join(dir, 'adapter');
    await run(configuration, ['--cpu-prof', '--cpu-prof-dir', dir], configuration.profiledArgs?.(adapterDir) ?? configuration.args);
    // The main thread's profile (thread id 0); tsx compiles in a worker thread of its own.
    const main = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile') && file.split('.')[4] === '0');
    const largest = main.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0]!;
    const profile = JSON.parse(readFileSync(join(dir, largest), 'utf8')) as CpuProfileData;
    whole.push(profileCategories(profile));
    inRun.push(profileCategories(profile, 'runConformance'));
    columns.push(configuration.name);
  }
  for (const [title, totals] of [
    ['the whole process', whole],
    ['inside the run (from the first to the last sample in runConformance)', inRun],
  ] as const) {
    console.log(`${title}\n`);
    const sums = totals.map((category) => [...category.values()].reduce((sum, ms) => sum + ms, 0));
    console.log(
      formatTable(
        ['category', ...columns],
        [
          ...CATEGORIES.map((category) => [
            category,
            ...totals.map(
              (byCategory, k) => `${formatMs(byCategory.get(category)!)} ${formatShare(byCategory.get(category)!, sums[k]!).padStart(6)}`,
            ),
          ]),
          ['total', ...sums.map((sum) => formatMs(sum))],
        ],
      ),
    );
    console.log('');
  }
  console.log(`summarise any of them with: npx tsx bench/support/summarizeCpuProfile.ts ${profileRoot}/<configuration>`);
}
rmSync(scratch, { recursive: true, force: true });
