/**
 * Runs `cnnspec run` in-process with captured output and a fresh report folder, and checks what
 * every run must leave behind whatever the adapter did: each report it names is there and valid
 * (report.json against spec/schema/report-1.schema.json, junit.xml well-formed with one test
 * case per result, the Markdown and HTML renderings free of the adapter's raw markup), no
 * temporary file is left, and the run took no longer than its bound.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import type { Report } from '../../src/report/model/Report.js';
import { xmlProblem } from './xmlProblem.js';

export const root = join(import.meta.dirname, '..', '..');

const reportSchema = JSON.parse(readFileSync(join(root, 'spec', 'schema', 'report-1.schema.json'), 'utf8')) as object;
const validateReport = new Ajv({ allErrors: true, strict: false }).compile(reportSchema);

export interface CheckedRun {
  code: number;
  out: string;
  err: string;
  ms: number;
  dir: string;
  /** Present when the run got as far as writing reports. */
  report?: Report;
}

/**
 * Runs `cnnspec run <args> --report-dir <fresh folder>`, in one job unless `args` say otherwise:
 * the fault tests follow one adapter process through its faults and restarts (test/runner/jobs.test.ts
 * covers jobs).
 */
export async function cnnspecRun(args: string[]): Promise<CheckedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-fault-'));
  let out = '';
  let err = '';
  const started = performance.now();
  const jobs = args.includes('--jobs') ? [] : ['--jobs', '1'];
  const code = await runCli(['run', ...args, ...jobs, '--report-dir', dir], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  const ms = performance.now() - started;
  const reportFile = join(dir, 'report.json');
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as Report) : undefined;
  return { code, out, err, ms, dir, ...(report === undefined ? {} : { report }) };
}

/** The report files the run says it wrote (its last line: `...; reports: a, b`). */
export function namedReports(out: string): string[] {
  const line = out.trimEnd().split('\n').at(-1) ?? '';
  const listed = /; reports: (.*)$/.exec(line)?.[1] ?? '';
  return listed === '(none)' ? [] : listed.split(', ').filter(Boolean);
}

/** Checks every report file of a run that got as far as writing reports; returns the report. */
export function checkReports(run: CheckedRun, rawMarkup?: string): Report {
  const report = run.report;
  expect(report, `report.json in ${run.dir}; stderr: ${run.err}`).toBeDefined();
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  expect(report!.results).toHaveLength(report!.summary.total);
  const files = namedReports(run.out);
  expect(files).toContain(join(run.dir, 'report.json'));
  expect(files).toContain(join(run.dir, 'junit.xml'));
  for (const file of files) expect(existsSync(file), file).toBe(true);
  expect(readdirSync(run.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  const junit = readFileSync(join(run.dir, 'junit.xml'), 'utf8');
  expect(xmlProblem(junit)).toBeUndefined();
  expect((junit.match(/<testcase /g) ?? []).length).toBe(report!.summary.total);
  if (rawMarkup !== undefined) {
    for (const file of files.filter((f) => !f.endsWith('.json'))) expect(readFileSync(file, 'utf8'), file).not.toContain(rawMarkup);
  }
  return report!;
}
