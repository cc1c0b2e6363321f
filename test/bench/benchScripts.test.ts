/**
 * The bench scripts start, measure and print their tables (no timing is asserted: times depend
 * on the machine); bad options end them with exit code 2 and a message naming the option, the
 * value and the rule; the profile categories charge each sample where the bench README says.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, profileCategories, type CpuProfileData } from '../../bench/support/profileCategories.js';
import { formatTable } from '../../bench/support/formatTable.js';
import { median } from '../../bench/support/median.js';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';

const root = join(import.meta.dirname, '..', '..');

function bench(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join('bench', script), ...args],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      },
    );
  });
}

/** The rows of the first table in `text` whose header starts with `first`. */
function tableRows(text: string, first: string): string[][] {
  const lines = text.split('\n');
  const header = lines.findIndex((line) => line.startsWith(first));
  expect(header, `a table headed "${first}" in:\n${text}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (line.trim() === '') break;
    rows.push(line.split(/ {2,}/));
  }
  return rows;
}

describe('bench scripts', () => {
  it('fixtures.ts loads every fixture cold and warm and prints its table and the target', async () => {
    const { code, stdout, stderr } = await bench('fixtures.ts', ['--repeat', '1']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`fixtures: ${loadFixtures().length} files`);
    const rows = tableRows(stdout, 'measure');
    const measures = rows.map((row) => row[0]);
    for (const measure of [
      'cold: schema compilation (first validation)',
      'cold: loadFixtures() after it',
      'warm: loadFixtures()',
      'warm: schema validation',
    ]) {
      expect(measures).toContain(measure);
    }
    for (const row of rows) expect(row[1], row.join(' | ')).toMatch(/^\d+(\.\d+)? (ms|s)$/);
    expect(stdout).toMatch(/target: .* (met|missed) \(/);
  }, 60_000);

  it('reference.ts --quick times every op against TF.js and ONNX Runtime, the suite mix included', async () => {
    const { code, stdout, stderr } = await bench('reference.ts', ['--quick', '--repeat', '1']);
    expect(code, stderr).toBe(0);
    const rows = tableRows(stdout, 'op');
    for (const op of ['conv', 'pool', 'dense']) {
      const ofOp = rows.filter((row) => row[0] === op);
      expect(ofOp.length, op).toBeGreaterThanOrEqual(2);
      expect(
        ofOp.some((row) => row[1]!.startsWith('suite mix:')),
        op,
      ).toBe(true);
      // the throughput ratio is a number for every row
      for (const row of ofOp) expect(row.at(-1), row.join(' | ')).toMatch(/^\d+\.\d\dx$/);
    }
  }, 90_000);

  it('refuses a bad --repeat, naming the option, the value and the rule', async () => {
    const { code, stderr } = await bench('fixtures.ts', ['--repeat', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain('--repeat ("0") must be an integer >= 1');
  }, 30_000);

  it('refuses an unknown configuration of wholeRun.ts before running anything', async () => {
    const { code, stderr, stdout } = await bench('wholeRun.ts', ['--adapters', 'tfjs-gpu']);
    expect(code).toBe(2);
    expect(stderr).toContain('--adapters ("tfjs-gpu") must name configurations among reference,');
    expect(stdout).toBe('');
  }, 30_000);

  it('seedSweep.ts runs an adapter at each seed and says which defects it found and which failures nothing explains', async () => {
    const { code, stdout } = await bench('seedSweep.ts', ['--seeds', '1-2', '--adapters', 'reference', '--num-runs', '3']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^reference: seeds 1, 2, --num-runs 3; run wall median [\d.]+ s$/m);
    expect(stdout).toContain('  no defect entries');
    expect(stdout).toContain('  unexplained failures: none');
  }, 120_000);

  it('refuses an unknown adapter or a backward range of seedSweep.ts before running anything', async () => {
    const unknown = await bench('seedSweep.ts', ['--adapters', 'tfjs-gpu']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--adapters names "tfjs-gpu", which must be one of reference,');
    const backward = await bench('seedSweep.ts', ['--seeds', '3-1']);
    expect(backward.code).toBe(2);
    expect(backward.stderr).toContain('--seeds ("3-1") must be a range from low to high');
  }, 30_000);

  it('jobs.ts runs one job against two side by side and says whether the verdicts are identical', async () => {
    const { code, stdout } = await bench('jobs.ts', ['--repeat', '1', '--adapters', 'reference', '--num-runs', '2']);
    expect(code).toBe(0);
    const rows = tableRows(stdout, 'adapter');
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe('reference');
    expect(rows[0]!.at(-1)).toBe('identical');
    expect(stdout).toMatch(/speedups are medians of each round's ratio of one job to 2 jobs/);
    if (process.platform !== 'linux') return; // the CPU account reads /proc
    const cpuTable = stdout.slice(stdout.indexOf('speedups are medians')).split('\n').slice(2).join('\n');
    const cpuRows = tableRows(cpuTable, 'adapter');
    expect(cpuRows.map((row) => row.slice(0, 3))).toEqual([
      ['reference', '2', '1'],
      ['reference', '2', '2'],
    ]);
    for (const row of cpuRows) {
      const [threads, helpers, children, all] = row.slice(4, 8).map((cell) => Number.parseFloat(cell));
      expect(threads!).toBeGreaterThan(0);
      expect(children).toBe(0); // the reference runs in process
      expect(Math.abs(threads! + helpers! + children! - all!)).toBeLessThanOrEqual(0.15);
    }
    expect(cpuRows[1]![10]).toMatch(/^\d+\.\d\dx$/);
  }, 120_000);

  it('refuses an unknown adapter of jobs.ts before running anything', async () => {
    const { code, stderr } = await bench('jobs.ts', ['--adapters', 'reference,tfjs-gpu']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--adapters \("reference,tfjs-gpu"\) must list names among reference, tfjs-cpu, numpy/);
  });

  it('refuses an unknown part of scale.ts before running anything', async () => {
    const { code, stderr } = await bench('scale.ts', ['--parts', 'shards,speed']);
    expect(code).toBe(2);
    expect(stderr).toContain('--parts ("shards,speed") must list names among num-runs, max-elements, shards');
  }, 30_000);
});

describe('bench support', () => {
  it('median is the middle measurement, or the mean of the middle two', () => {
    const values = ALL_PROPERTIES.map((property) => property.id.length);
    const m = median(values);
    expect(values.filter((v) => v < m).length).toBeLessThanOrEqual(values.length / 2);
    expect(values.filter((v) => v > m).length).toBeLessThanOrEqual(values.length / 2);
    expect(median([...values, m])).toBe(m);
    expect(() => median([])).toThrow(/median: values \(an empty list\) must hold at least one measurement/);
  });

  it('formatTable aligns every column to its widest cell', () => {
    const rows = ALL_PROPERTIES.slice(0, 5).map((property) => [property.id, String(property.spec.length)]);
    const lines = formatTable(['property', 'clauses'], rows).split('\n');
    const width = Math.max(...rows.map((row) => row[0]!.length), 'property'.length) + 2 + 'clauses'.length;
    for (const line of lines) expect(line.length).toBe(width);
  });

  it('profileCategories charges module loading first, then the innermost project frame, native frames to their caller', () => {
    const url = (path: string): string => `file://${join(root, path)}`;
    const frames: [string, string][] = [
      ['(root)', ''],
      ['runConformance', url('src/runner/runConformance.ts')],
      ['send', url('src/adapter/execAdapter.ts')],
      ['writeUtf8String', ''],
      ['conv', url('src/ops/conv/conv.ts')],
      ['ModuleJob.run', 'node:internal/modules/esm/module_job'],
      ['(garbage collector)', ''],
    ];
    // A chain root > runConformance > send > writeUtf8String, and root > runConformance > conv,
    // root > ModuleJob.run > conv (evaluating a module), root > (garbage collector).
    const profile: CpuProfileData = {
      nodes: [
        { id: 1, callFrame: { functionName: frames[0]![0], url: frames[0]![1] }, children: [2, 6, 7] },
        { id: 2, callFrame: { functionName: frames[1]![0], url: frames[1]![1] }, children: [3, 5] },
        { id: 3, callFrame: { functionName: frames[2]![0], url: frames[2]![1] }, children: [4] },
        { id: 4, callFrame: { functionName: frames[3]![0], url: frames[3]![1] } },
        { id: 5, callFrame: { functionName: frames[4]![0], url: frames[4]![1] } },
        { id: 6, callFrame: { functionName: frames[5]![0], url: frames[5]![1] }, children: [8] },
        { id: 7, callFrame: { functionName: frames[6]![0], url: frames[6]![1] } },
        { id: 8, callFrame: { functionName: frames[4]![0], url: frames[4]![1] } },
      ],
      samples: [8, 4, 5, 7, 4],
      timeDeltas: [1000, 2000, 3000, 4000, 5000],
    };
    const totals = profileCategories(profile);
    expect([...totals.keys()]).toEqual([...CATEGORIES]);
    expect(totals.get('module loading')).toBe(1);
    expect(totals.get('adapter and protocol')).toBe(2 + 5);
    expect(totals.get('reference and planning (incl. mathjs formulas)')).toBe(3);
    expect(totals.get('garbage collection')).toBe(4);
    // Within runConformance: the samples from the first to the last one under it (the GC between them counts).
    const run = profileCategories(profile, 'runConformance');
    expect(run.get('module loading')).toBe(0);
    expect([...run.values()].reduce((sum, ms) => sum + ms, 0)).toBe(2 + 3 + 4 + 5);
  });
});
