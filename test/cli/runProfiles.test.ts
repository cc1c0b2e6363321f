/**
 * `cnnspec run` for an implementation of one op: `--profile`, the report's profile verdicts, the
 * message that says how to choose a profile, selection by glob, clause and feature with an empty
 * selection refused, an empty shard explained, `--quiet`, and GitHub Actions annotations
 * (spec: conformance.profiles, conformance.selection).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeReports, MergeError } from '../../src/runner/mergeReports.js';
import type { Report } from '../../src/report/model/Report.js';
import { runCliCaptured } from '../support/runCliCaptured.js';

const root = join(import.meta.dirname, '..', '..');
const convOnly = join(root, 'test', 'adapters', 'convOnly.ts');
const run = async (args: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-profiles-'));
  const result = await runCliCaptured(['run', '--adapter', convOnly, '--num-runs', '3', '--format', 'json', '--report-dir', dir, ...args]);
  return { ...result, dir, report: () => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
};

beforeEach(() => {
  vi.stubEnv('GITHUB_ACTIONS', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('cnnspec run --profile (spec: conformance.profiles)', () => {
  it('judges a conv-only adapter conformant to the conv profile, in the summary and the report', async () => {
    const { code, out, report } = await run(['--profile', 'conv']);
    expect(code).toBe(0);
    expect(out).toContain('conformant to profiles: conv\n');
    const saved = report();
    expect(saved.run.profile).toBe('conv');
    expect(saved.profiles!.find((verdict) => verdict.name === 'conv')).toMatchObject({ met: true, failing: 0, unsupported: 0 });
    expect(saved.profiles!.filter((verdict) => verdict.met).map((verdict) => verdict.name)).toEqual(['conv']);
    expect(saved.results.find((result) => result.id === 'pool/max/monotone')).toMatchObject({
      status: 'unsupported',
      required: false,
      profiles: ['pool', 'core'],
    });
  }, 120_000);

  it('fails it under core with a message that names the profile to choose, and says so in the summary', async () => {
    const { code, out, report } = await run(['--only', 'pool/max/*,conv/linearity/*']);
    expect(code).toBe(1);
    expect(out).toContain(
      'pool.max is required by profile core, and the adapter does not declare it: feature pool.max; method pool. To judge the adapter only on the ops it implements, choose a profile it can meet: --profile conv (profiles: spec/profiles)',
    );
    expect(out).toContain('the adapter lacks an op or feature of profile core: choose profiles it can meet with --profile conv\n');
    expect(out).toContain('profile core not met: ');
    expect(report().run.profile).toBe('core');
  }, 120_000);

  it('puts the chosen profiles into replay commands, and refuses an unknown profile with exit 2', async () => {
    const failing = await run(['--profile', 'conv,pool', '--only', 'pool/max/monotone']);
    expect(failing.code).toBe(1);
    expect(failing.report().results[0]!.replay).toContain(` --profile 'conv,pool' --only 'pool/max/monotone'`);
    const unknown = await run(['--profile', 'convolution']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      '--profile "convolution" must name a published profile: conv, pool, dense, pad, conv-transpose, shape, core',
    );
  }, 120_000);
});

describe('profiles of a sharded run (spec: conformance.profiles, conformance.shards)', () => {
  it('are judged on the merged report: no shard meets conv alone, the merged run does', async () => {
    // one after the other: a run owns the process's signal handlers while it lasts
    const shards = [await run(['--profile', 'conv', '--shard', '1/2']), await run(['--profile', 'conv', '--shard', '2/2'])];
    for (const shard of shards) {
      expect(shard.code).toBe(0);
      expect(shard.out).toContain('profiles: judged on the report of all shards merged (cnnspec report --merge)\n');
      expect(shard.report().profiles!.find((verdict) => verdict.name === 'conv')!.met).toBe(false);
    }
    const merged = mergeReports(shards.map((shard) => shard.report()));
    expect(merged.profiles!.filter((verdict) => verdict.met).map((verdict) => verdict.name)).toEqual(['conv']);
    const other = await run(['--profile', 'conv', '--clause', 'conv.*', '--shard', '2/2']);
    expect(() => mergeReports([shards[0]!.report(), other.report()])).toThrow(MergeError);
    expect(() => mergeReports([shards[0]!.report(), other.report()])).toThrow(/its selected clauses is \["conv\.\*"\], not null/);
  }, 240_000);
});

describe('cnnspec run selection (spec: conformance.selection)', () => {
  it('runs the tests of a clause glob and of a feature, and records the selection', async () => {
    const { code, report } = await run(['--profile', 'conv', '--clause', 'conv.bias', '--feature', 'conv.bias']);
    expect(code).toBe(0);
    const saved = report();
    expect(saved.results.length).toBeGreaterThan(0);
    expect(saved.results.every((result) => result.spec.includes('conv.bias') && result.features.includes('conv.bias'))).toBe(true);
    expect(saved.run).toMatchObject({ clauses: ['conv.bias'], features: ['conv.bias'], selected: saved.results.length });
  }, 120_000);

  it('exits 2 on a selection that matches no test, naming it, and writes no report', async () => {
    const { code, err, dir } = await run(['--only', 'conv/no-such-test/*', '--clause', 'conv.*']);
    expect(code).toBe(2);
    expect(err).toContain(
      `cnnspec: error: the selection --only 'conv/no-such-test/*' --clause 'conv.*' must select at least one of the suite's`,
    );
    expect(() => readFileSync(join(dir, 'report.json'))).toThrow();
    const feature = await run(['--feature', 'pool.average']);
    expect(feature.code).toBe(2);
    expect(feature.err).toContain(`--feature 'pool.average' must name a feature`);
  }, 120_000);

  it('allows an empty shard only when the selection is smaller than the shard count, and says so', async () => {
    const { code, out, report } = await run(['--profile', 'conv', '--only', 'conv/linearity/*', '--shard', '3/3']);
    expect(code).toBe(0);
    expect(out).toContain('shard 3/3 holds no test: the selection has 2 test(s), fewer than the 3 shards\n');
    expect(report().summary.total).toBe(0);
  }, 120_000);
});

describe('cnnspec run output for CI', () => {
  it('prints only the failures and the summary with --quiet', async () => {
    const { out } = await run(['--quiet', '--only', 'pool/max/monotone,conv/linearity/*']);
    expect(out).not.toContain('cnnspec run: conv-only');
    expect(out).not.toMatch(/^pass /m);
    expect(out).toContain('FAIL pool/max/monotone');
    expect(out).toMatch(/3 tests: 2 pass, 1 fail/);
  }, 120_000);

  it('annotates failures for GitHub Actions when GITHUB_ACTIONS=true, unless --reporter default', async () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    const annotated = await run(['--only', 'pool/max/monotone']);
    const line = annotated.out.split('\n').find((candidate) => candidate.startsWith('::error '));
    expect(line).toMatch(
      /^::error file=test\/adapters\/convOnly\.ts,title=cnnspec pool\.max::pool\/max\/monotone failed \[spec: pool\.max\]%0A.*%0Areplay: npx cnnspec run --adapter '.*convOnly\.ts' --only 'pool\/max\/monotone' --seed 20261128$/,
    );
    const plain = await run(['--only', 'pool/max/monotone', '--reporter', 'default']);
    expect(plain.out).not.toContain('::error');
    vi.stubEnv('GITHUB_ACTIONS', '');
    const asked = await run(['--only', 'pool/max/monotone', '--reporter', 'github']);
    expect(asked.out).toContain('::error ');
    const wrong = await run(['--reporter', 'gitlab']);
    expect(wrong.code).toBe(2);
  }, 120_000);
});
