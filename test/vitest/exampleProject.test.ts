/**
 * examples/vitest-project run as its owner runs it (`vitest run` in its folder), with this
 * repository's vitest: the whole suite registers, the library passes it, and a deliberately
 * broken variant fails with clauses, counterexamples and replay commands that reproduce the
 * failure. Few cases per property (CNNSPEC_NUM_RUNS) keep the three runs to seconds.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES, NotApplicable } from '../../properties/index.js';
import { missingSupport, propertyContext } from '../../properties/runProperty.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Adapter } from '../../src/ops/Adapter.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { fixtureFeatures } from '../../src/fixtures/judgeFixture.js';
import type { Feature } from '../../src/spec/features.js';
import { EXAMPLE_GAPS } from '../support/exampleProjectGaps.js';

const root = join(import.meta.dirname, '..', '..');
const project = join(root, 'examples', 'vitest-project');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
// Loaded at run time: its type import of 'cnnspec' resolves only inside the example project.
const { SUPPORTED_FEATURES } = (await import(join(project, 'src', 'supportedFeatures.ts'))) as { SUPPORTED_FEATURES: readonly Feature[] };
/** The ops the example's adapter implements (examples/vitest-project/src/cnnspecAdapter.ts). */
const EXAMPLE_OPS = ['conv', 'pool', 'dense'] as const;

interface JsonTest {
  ancestorTitles: string[];
  title: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
  failureMessages: string[];
  meta: { cnnspec?: { id: string; status: string; spec: string[]; message?: string } };
}

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  numPassedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: JsonTest[]; message: string }[];
}

/** The environment of a run started by hand: none of this run's vitest or CNNSPEC_* variables. */
function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && !key.startsWith('CNNSPEC_') && key !== 'NODE_ENV' && key !== 'TEST',
    ),
  );
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a shell command in the example's folder with `npx vitest` as this repository's vitest, and reads its JSON report. */
function runInProject(command: string, env: Record<string, string>): Promise<JsonReport> {
  const output = join(mkdtempSync(join(tmpdir(), 'cnnspec-example-')), 'report.json');
  const shellCommand = `${command.replace(/\bnpx vitest\b/, `'${process.execPath}' '${vitest}'`)} --reporter=json --outputFile='${output}'`;
  return new Promise((resolve, reject) => {
    execFile(
      '/bin/sh',
      ['-c', shellCommand],
      { cwd: project, env: cleanEnvironment(env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(readFileSync(output, 'utf8')) as JsonReport);
        } catch {
          reject(new Error(`${shellCommand} wrote no report (${error?.message ?? 'exit 0'}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

const testsOf = (report: JsonReport): JsonTest[] => report.testResults.flatMap((file) => file.assertionResults);

/** The example's declaration, on the reference's methods narrowed to the ops it implements. */
const declared: Adapter = Object.fromEntries(
  Object.entries({ ...referenceAdapter('cnnspec'), features: SUPPORTED_FEATURES }).filter(
    ([key, value]) => typeof value !== 'function' || (EXAMPLE_OPS as readonly string[]).includes(key),
  ),
) as unknown as Adapter;

/** Tests the example must run and pass: properties it has the features and methods for, fixtures of its convention, ops and features. */
function supportedIds(): string[] {
  const ctx = propertyContext(declared);
  const properties = ALL_PROPERTIES.filter((property) => {
    if (missingSupport(property, ctx).length > 0) return false;
    try {
      property.arbitrary(ctx);
      return true;
    } catch (error) {
      if (error instanceof NotApplicable) return false; // needs a feature the example lacks, or not under its convention
      throw error;
    }
  }).map((property) => property.id);
  const fixtures = loadFixtures()
    .map(({ fixture }) => fixture)
    .filter((fixture) => fixture.op === 'conv' || fixture.op === 'pool' || fixture.op === 'dense')
    .filter((fixture) => fixture.conventions.includes('cnnspec' as never) && 'output' in fixture.expected)
    .filter((fixture) =>
      fixtureFeatures(fixture as Parameters<typeof fixtureFeatures>[0], 'cnnspec').every((feature) => SUPPORTED_FEATURES.includes(feature)),
    )
    .map((fixture) => `fixture/${fixture.id}`);
  return [...properties, ...fixtures];
}

describe('examples/vitest-project', () => {
  const correct = runInProject('npx vitest run', { CNNSPEC_NUM_RUNS: '10' });
  const broken = runInProject('npx vitest run', { CNNSPEC_NUM_RUNS: '10', EXAMPLE_BUG: 'flip-kernel' });
  // Registered at once, so both runs go on while the first assertions wait.
  correct.catch(() => undefined);
  broken.catch(() => undefined);

  it('registers every property and fixture, and the library passes every test its features allow', async () => {
    const report = await correct;
    const tests = testsOf(report);
    expect(report.testResults[0]?.message).toBe('');
    expect(tests.length).toBe(ALL_PROPERTIES.length + loadFixtures().length);
    const failed = tests.filter((test) => test.status === 'failed');
    expect(failed.filter((test) => !EXAMPLE_GAPS.includes(test.title)).map((test) => test.failureMessages.join('\n'))).toEqual([]);
    expect(report.numFailedTests).toBe(failed.length);
    const passed = new Set(tests.filter((test) => test.status === 'passed').map((test) => test.title));
    const supported = supportedIds();
    expect(supported.length).toBeGreaterThan(ALL_PROPERTIES.length / 2);
    expect(supported.filter((id) => !passed.has(id) && !EXAMPLE_GAPS.includes(id))).toEqual([]);
    expect(report.numPassedTests + report.numPendingTests + failed.length).toBe(tests.length);
    for (const test of tests) {
      expect(test.meta.cnnspec?.id).toBe(test.title);
      if (test.status === 'skipped') expect(test.meta.cnnspec?.status).toBe('unsupported');
    }
    const noFlip = tests.find((test) => test.title === 'conv/no-flip/kernel-applied-as-stored')!;
    expect(noFlip.ancestorTitles).toEqual(['cnnspec conformance: naive-ts', 'properties', 'conv']);
    const fixture = tests.find((test) => test.title === 'fixture/conv.seed-4x4-k3-valid')!;
    expect(fixture.ancestorTitles).toEqual(['cnnspec conformance: naive-ts', 'fixtures', 'conv']);
  }, 120_000);

  it('fails a flipped kernel in convolution tests alone, each failure with clauses and a replay command', async () => {
    const report = await broken;
    const failed = testsOf(report).filter((test) => test.status === 'failed');
    expect(failed.length).toBeGreaterThan(5);
    const notConvolution = failed.filter(
      (test) => !test.title.startsWith('conv/') && !test.title.startsWith('fixture/conv.') && !EXAMPLE_GAPS.includes(test.title),
    );
    expect(notConvolution.map((test) => test.failureMessages.join('\n'))).toEqual([]);
    for (const test of failed) {
      const message = test.failureMessages.join('\n');
      expect(message).toContain(`[spec: ${test.meta.cnnspec!.spec.join(', ')}]`);
      expect(message).toMatch(
        new RegExp(`replay: CNNSPEC_ONLY='${test.title.replace(/[.*]/g, '\\$&')}'.* npx vitest run test/conformance\\.test\\.ts$`, 'm'),
      );
    }
    const noFlip = failed.find((test) => test.title === 'conv/no-flip/kernel-applied-as-stored');
    expect(noFlip?.failureMessages[0]).toMatch(/\[spec: conv\.no-flip, conv\.definition\][\s\S]*counterexample \(after \d+ shrinks\): \{/);
    const pools = testsOf(report).filter((test) => test.title.startsWith('pool/'));
    expect(pools.length).toBeGreaterThan(0);
    expect(pools.every((test) => test.status !== 'failed' || EXAMPLE_GAPS.includes(test.title))).toBe(true);
  }, 120_000);

  it('replays a property failure with the printed command: the same counterexample, in one test', async () => {
    const report = await broken;
    const noFlip = testsOf(report).find((test) => test.title === 'conv/no-flip/kernel-applied-as-stored')!;
    const message = noFlip.failureMessages[0]!;
    const command = /replay: (.*)$/m.exec(message)![1]!;
    expect(command).toMatch(/CNNSPEC_PATH='[\d:]+'/);
    // The replay runs in the broken variant's environment, without the original number of runs.
    const replay = await runInProject(command, { EXAMPLE_BUG: 'flip-kernel' });
    const tests = testsOf(replay);
    expect(tests.map((test) => [test.title, test.status])).toEqual([[noFlip.title, 'failed']]);
    const counterexample = (text: string): string => /counterexample \(after \d+ shrinks\): (.*)$/m.exec(text)![1]!;
    expect(counterexample(tests[0]!.failureMessages[0]!)).toBe(counterexample(message));
  }, 120_000);
});
