/**
 * `npm run conformance:matrix`: runs `cnnspec run` against every built-in adapter and the example
 * adapters, each in its own process, and writes reports/examples/conformance-matrix.md: per
 * implementation the totals and run time, per normative clause how the tests that cite it fared,
 * and every failure with its explanation. `--reuse` renders from the reports of an earlier run.
 * Implementations whose runtime is missing (Debian's python3-numpy, python3-torch) are listed as
 * not run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadClauseRegistry } from '../src/spec/clauseRegistry.js';
import { packageRoot } from '../src/files/packageRoot.js';
import type { Report, ReportResult } from '../src/report/model/Report.js';
import { writeFileAtomic } from '../src/files/writeFileAtomic.js';

interface Implementation {
  key: string;
  args: string[];
  /** A command that must succeed for the implementation to be run. */
  requires?: string;
  note: string;
}

const PYTHON = 'PYENV_VERSION=system python3';
/** The browser the browser adapters need (spec: browser.start): Debian's, as CI installs it. */
const BROWSER = 'test -x /usr/bin/chromium';
const BROWSER_NOTES = {
  'tfjs-webgl': 'TF.js WebGL backend',
  'tfjs-webgpu': 'TF.js WebGPU backend',
  'onnxruntime-web-webgpu': 'ONNX Runtime Web, WebGPU execution provider',
  'onnxruntime-web-wasm': 'ONNX Runtime Web, wasm execution provider',
} as const;

export const IMPLEMENTATIONS: Implementation[] = [
  { key: 'reference', args: ['--adapter', 'reference'], note: 'The reference, under the cnnspec convention.' },
  {
    key: 'tfjs-cpu',
    args: ['--adapter', 'tfjs-cpu', '--expectations', 'examples/expectations/tfjs-cpu.json'],
    note: 'Built-in adapter, TF.js CPU backend, in process.',
  },
  {
    key: 'tfjs-wasm',
    args: ['--adapter', 'tfjs-wasm', '--timeout', '5000', '--expectations', 'examples/expectations/tfjs-wasm.json'],
    note: 'Built-in adapter, TF.js wasm backend, which the kit always serves in a child process: a call that traps the wasm module gets its error and a fresh module replaces the broken one, so later calls answer normally; tfjs-wasm-stdio runs the same server through --exec.',
  },
  {
    key: 'tfjs-wasm-stdio',
    args: [
      '--exec',
      'npx tsx examples/stdio-tfjs/adapter.ts wasm',
      '--timeout',
      '5000',
      '--expectations',
      'examples/expectations/tfjs-wasm.json',
    ],
    note: 'The same backend out of process: after a trap the adapter announces its exit and the kit starts a fresh process, so every case gets a working module. Its defects are in examples/stdio-tfjs/README.md.',
  },
  {
    key: 'onnxruntime-node',
    args: ['--adapter', 'onnxruntime-node', '--expectations', 'examples/expectations/onnxruntime-node.json'],
    note: 'Built-in adapter, ONNX Runtime CPU, single-node models.',
  },
  {
    key: 'python-numpy',
    args: ['--exec', `${PYTHON} examples/python-numpy/adapter.py`],
    requires: `${PYTHON} -c "import numpy"`,
    note: 'Example adapter on numpy alone, over the protocol.',
  },
  {
    key: 'python-torch',
    args: ['--exec', `${PYTHON} examples/python-torch/adapter.py`, '--expectations', 'examples/expectations/python-torch.json'],
    requires: `${PYTHON} -c "import torch"`,
    note: 'Example adapter on PyTorch (Debian python3-torch), over the protocol.',
  },
  ...(['tfjs-webgl', 'tfjs-webgpu', 'onnxruntime-web-webgpu', 'onnxruntime-web-wasm'] as const).map((key) => ({
    key,
    args: ['--browser', '--adapter', key, '--expectations', `examples/expectations/${key}.json`],
    requires: BROWSER,
    note: `Built-in browser adapter, ${BROWSER_NOTES[key]}, in headless Chromium with SwiftShader (spec/browser.md).`,
  })),
  {
    key: 'browser-webgpu-example',
    args: ['--browser', '--adapter', 'examples/browser-webgpu/adapter.ts', '--profile', 'conv'],
    requires: BROWSER,
    note: 'Example browser adapter: 2-D convolution as one hand-written WGSL compute shader, judged on the conv profile.',
  },
];

const root = packageRoot();
const outDir = (key: string): string => join(root, 'reports', 'out', 'matrix', key);

function runAll(): Map<string, number> {
  const wall = new Map<string, number>();
  for (const implementation of IMPLEMENTATIONS) {
    if (implementation.requires && spawnSync(implementation.requires, { shell: true, cwd: root }).status !== 0) {
      console.log(`${implementation.key}: not run (${implementation.requires} failed)`);
      continue;
    }
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'run', ...implementation.args, '--report-dir', outDir(implementation.key)],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    wall.set(implementation.key, performance.now() - started);
    const summary = result.stdout.split('\n').find((line) => line.includes(' tests: ')) ?? result.stderr.trim().split('\n').at(-1);
    console.log(`${implementation.key}: exit ${result.status}; ${summary}`);
  }
  return wall;
}

const cellFor = (results: ReportResult[]): string => {
  if (results.length === 0) return '·';
  const failing = results.filter((r) => r.status === 'fail' || r.status === 'error');
  const expected = results.filter((r) => r.status === 'expected-fail');
  const ran = results.filter((r) => r.status !== 'unsupported');
  if (ran.length === 0) return '—';
  if (failing.length > 0) return `**✗ ${failing.length}**`;
  if (expected.length > 0) return `≈ ${expected.length}`;
  return '✓';
};

/** The published profiles a report says the implementation meets (spec: conformance.profiles). */
function profilesMet(report: Report): string {
  if (report.profiles === undefined) return '—';
  const met = report.profiles.filter((verdict) => verdict.met).map((verdict) => verdict.name);
  return met.length === 0 ? 'none' : met.join(', ');
}

/** The op a test's id names: `<op>/...` for a property, `fixture/<op>.<name>` for a fixture. */
const groupOf = (result: ReportResult): string =>
  result.kind === 'fixture' ? result.id.slice('fixture/'.length).split('.')[0]! : result.id.split('/')[0]!;

function render(wall: Map<string, number>): string {
  const reports = new Map<string, Report>();
  for (const implementation of IMPLEMENTATIONS) {
    const file = join(outDir(implementation.key), 'report.json');
    if (existsSync(file)) reports.set(implementation.key, JSON.parse(readFileSync(file, 'utf8')) as Report);
  }
  const keys = IMPLEMENTATIONS.map((i) => i.key).filter((key) => reports.has(key));
  const lines: string[] = [
    '# Conformance matrix',
    '',
    'Every built-in adapter and example adapter run through `cnnspec run` (all properties and golden',
    'fixtures, default seed and 40 cases per property) by `npm run conformance:matrix`, which rewrites this',
    'file. ✓: every test citing the clause passed; ≈ n: n known deviations, each listed in the',
    "implementation's expectations file with its reason; **✗ n**: n failures; —: only unsupported tests",
    '(a feature the implementation lacks, or fixtures of another convention); ·: no test cites the clause.',
    'Profiles met: the published profiles of spec/profiles whose every test ran and none failed or was',
    'unsupported where the profile requires it (spec/conformance.md, conformance.profiles).',
    '',
    '## Implementations',
    '',
    '| implementation | version | convention | profiles met | pass | fail | expected fail | unsupported | error | run (s) | adapter (s) | restarts |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const implementation of IMPLEMENTATIONS) {
    const report = reports.get(implementation.key);
    if (report === undefined) {
      lines.push(`| ${implementation.key} | not run | | | | | | | | | | |`);
      continue;
    }
    const s = report.summary;
    const seconds = ((wall.get(implementation.key) ?? report.run.durationMs) / 1000).toFixed(1);
    lines.push(
      `| ${implementation.key} | ${report.adapter.version} | ${JSON.stringify(report.adapter.convention)} | ${profilesMet(report)} | ${s.pass} | ${s.fail} | ${s['expected-fail']} | ${s.unsupported} | ${s.error} | ${seconds} | ${(report.run.adapterMs / 1000).toFixed(1)} | ${report.adapter.starts === undefined ? '—' : report.adapter.starts - 1} |`,
    );
  }
  lines.push('', ...IMPLEMENTATIONS.map((i) => `- **${i.key}**: ${i.note}`), '');
  lines.push(
    '## By op',
    '',
    'Tests grouped by the op their id names (`<op>/...` for properties, `fixture/<op>.<name>` for fixtures;',
    '`convention` and `shape` are the cross-op properties), in the cells of the clause table below.',
    '',
    `| op | ${keys.join(' | ')} |`,
    `| --- | ${keys.map(() => '---').join(' | ')} |`,
  );
  const groups = [...new Set(keys.flatMap((key) => reports.get(key)!.results.map(groupOf)))].sort();
  for (const group of groups) {
    const cells = keys.map((key) => {
      const results = reports.get(key)!.results.filter((r) => groupOf(r) === group);
      return `${cellFor(results)} (${results.filter((r) => r.status === 'pass').length}/${results.length})`;
    });
    lines.push(`| \`${group}\` | ${cells.join(' | ')} |`);
  }
  lines.push('', '## Clauses', '', `| clause | ${keys.join(' | ')} |`, `| --- | ${keys.map(() => '---').join(' | ')} |`);
  for (const clause of loadClauseRegistry().clauses.filter((c) => c.normative && c.status === 'active')) {
    const cells = keys.map((key) => cellFor(reports.get(key)!.results.filter((r) => r.spec.includes(clause.id))));
    lines.push(`| [\`${clause.id}\`](../../spec/${clause.file}#${clause.id}) | ${cells.join(' | ')} |`);
  }
  lines.push('', '## Failures and known deviations', '');
  for (const key of keys) {
    const report = reports.get(key)!;
    const notable = report.results.filter(
      (r) => r.status === 'fail' || r.status === 'error' || r.status === 'expected-fail' || r.status === 'unexpected-pass',
    );
    lines.push(`### ${key}`, '');
    if (notable.length === 0) {
      lines.push('No failures.', '');
      continue;
    }
    lines.push('| test | status | what happened | reason | counterexample |', '| --- | --- | --- | --- | --- |');
    for (const r of notable) {
      const reason = r.expectation
        ? `${r.expectation.defect === undefined ? '' : `[\`${r.expectation.defect}\`](../../spec/conventions.md#${r.expectation.defect}) (${r.expectation.part}): `}${r.expectation.reason}${r.expectation.link ? ` ([link](${r.expectation.link}))` : ''}`
        : '';
      const counterexample =
        r.counterexample === undefined ? '' : `\`${JSON.stringify(r.counterexample).slice(0, 300).replace(/\|/g, '\\|')}\``;
      lines.push(
        `| \`${r.id}\` | ${r.status} | ${(r.message ?? '').split('\n')[0]!.slice(0, 200).replace(/\|/g, '\\|')} | ${reason.replace(/\|/g, '\\|')} | ${counterexample} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('conformanceMatrix.ts')) {
  const wall = process.argv.includes('--reuse') ? new Map<string, number>() : runAll();
  writeFileAtomic(join(root, 'reports', 'examples', 'conformance-matrix.md'), render(wall));
  console.log('wrote reports/examples/conformance-matrix.md');
}
