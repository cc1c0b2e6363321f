/**
 * The vitest front end in process: settings from options and CNNSPEC_* variables (with the CLI's
 * defaults), typed errors for bad input, replay commands, the judging of one test (core profile,
 * expectations), and suites registered in this very file, whose tests and their records are
 * inspected by the last test of the file.
 */
import { join } from 'node:path';
import {
  afterAll,
  describe,
  expect,
  it,
  vi,
  type RunnerTask,
  type RunnerTestCase,
  type RunnerTestSuite,
  type TaskMeta,
  type TestContext,
} from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Adapter } from '../../src/ops/Adapter.js';
import { runCli } from '../../src/cli/runCli.js';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { conventionName, workItems, type RunOptions, type WorkItem } from '../../src/runner/runConformance.js';
import { loadProfile, resolveProfiles } from '../../src/profiles/loadProfiles.js';
import type { ExpectationsFile } from '../../src/runner/Expectations.js';
import { ConformanceFailure, registerConformanceSuite, SuiteOptionError } from '../../src/vitest/registerConformanceSuite.js';
import { formatTestFailure } from '../../src/vitest/formatTestFailure.js';
import { replayCommand } from '../../src/evidence/replayCommand.js';
import { resolveSuiteSettings } from '../../src/vitest/resolveSuiteSettings.js';
import { runConformanceTest, type ConformanceTestContext, type SuiteContext } from '../../src/vitest/runConformanceTest.js';
import { runWorkItem } from '../../src/runner/runWorkItem.js';
import { MUTANTS } from '../mutants/mutants.js';
import { guardAdapter } from '../../src/runner/guardAdapter.js';
import poolZeroesInput from '../adapters/faulty/poolZeroesInput.js';
import convOnly from '../adapters/convOnly.js';

// The suites below must not be narrowed by variables set for another run; empty means not given.
for (const variable of ['CNNSPEC_ONLY', 'CNNSPEC_SEED', 'CNNSPEC_PATH', 'CNNSPEC_NUM_RUNS']) vi.stubEnv(variable, '');
afterAll(() => {
  vi.unstubAllEnvs();
});

const flipped = MUTANTS.find((mutant) => mutant.name === 'flipped-kernel')!.adapter;
const NO_FLIP = 'conv/no-flip/kernel-applied-as-stored';
const item = (id: string, convention: Adapter['convention'] = 'cnnspec'): WorkItem =>
  workItems(convention).find((candidate) => candidate.id === id)!;

function expectOptionError(action: () => unknown, parameter: string, rule: RegExp): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SuiteOptionError);
  const error = caught as SuiteOptionError;
  expect(error.parameter).toBe(parameter);
  expect(error.rule).toMatch(rule);
  expect(error.message).toContain(`${parameter} (`);
}

describe('resolveSuiteSettings', () => {
  it('defaults to the settings of cnnspec run, as its help states them', async () => {
    let help = '';
    await runCli(['run', '--help'], { stdout: (text) => (help += text), stderr: () => {} });
    const defaultOf = (option: string): number => Number(new RegExp(`${option} <[^>]+>[\\s\\S]*?\\(default: (\\d+)\\)`).exec(help)?.[1]);
    const settings = resolveSuiteSettings('x', {}, {});
    expect(settings.seed).toBe(defaultOf('--seed'));
    expect(settings.numRuns).toBe(defaultOf('--num-runs'));
    expect(settings.timeoutMs).toBe(defaultOf('--timeout'));
    expect(settings.maxElements).toBe(defaultOf('--max-elements'));
    expect(settings).toMatchObject({ name: 'cnnspec conformance: x', properties: true, fixtures: true, strictExpectations: false });
    expect(settings.testTimeoutMs).toBeGreaterThan(5_000);
    expect(settings.only).toBeUndefined();
  });

  it('lets CNNSPEC_* variables override the options, and reads an empty variable as not given', () => {
    const options = { seed: 1, numRuns: 7, only: 'pool/*' };
    const settings = resolveSuiteSettings('x', options, {
      CNNSPEC_SEED: '42',
      CNNSPEC_NUM_RUNS: '3',
      CNNSPEC_ONLY: `${NO_FLIP}, fixture/conv.*`,
      CNNSPEC_PATH: '',
    });
    expect(settings).toMatchObject({ seed: 42, numRuns: 3, only: [NO_FLIP, 'fixture/conv.*'] });
    expect(resolveSuiteSettings('x', options, { CNNSPEC_SEED: ' ' })).toMatchObject({ seed: 1, numRuns: 7, only: ['pool/*'] });
    expect(resolveSuiteSettings('x', {}, { CNNSPEC_ONLY: NO_FLIP, CNNSPEC_PATH: '3:0:1' }).path).toBe('3:0:1');
  });

  it('takes the profiles the suite requires, core by default, and refuses one that is not published (spec: conformance.profiles)', () => {
    expect(resolveSuiteSettings('x', {}, {}).profiles).toEqual([]);
    expect(resolveSuiteSettings('x', { profile: 'conv' }, {}).profiles).toEqual(['conv']);
    expect(resolveSuiteSettings('x', { profile: ['conv', 'pool,dense'] }, {}).profiles).toEqual(['conv', 'pool', 'dense']);
    expect(() => resolveSuiteSettings('x', { profile: 'convolution' }, {})).toThrow(
      new SuiteOptionError(
        'profile',
        'convolution',
        'name a published profile: conv, pool, dense, pad, conv-transpose, shape, core (spec/profiles)',
      ),
    );
    expect(() => resolveSuiteSettings('x', { profile: 3 as unknown as string }, {})).toThrow(SuiteOptionError);
  });

  it('loads an expectations file by path and checks one given as an object', () => {
    const settings = resolveSuiteSettings('x', { expectations: 'examples/expectations/tfjs-cpu.json' }, {});
    expect(settings.expectations?.file).toBe('examples/expectations/tfjs-cpu.json');
    expect(settings.expectations?.content.entries.length).toBeGreaterThan(0);
    const inline: ExpectationsFile = {
      format: 'cnnspec-expectations/1',
      entries: [{ feature: 'pool.ceil-mode', reason: 'not implemented' }],
    };
    expect(resolveSuiteSettings('x', { expectations: inline }, {}).expectations?.content).toBe(inline);
  });

  it('names the option, the value and the rule of every bad setting', () => {
    const entries = (entry: object) => ({ expectations: { format: 'cnnspec-expectations/1', entries: [entry] } as ExpectationsFile });
    expectOptionError(() => resolveSuiteSettings('x', { numruns: 3 } as never, {}), 'options.numruns', /known options are .*numRuns/);
    expectOptionError(() => resolveSuiteSettings('x', { numRuns: 0 }, {}), 'numRuns', /positive integer/);
    expectOptionError(() => resolveSuiteSettings('x', { seed: 1.5 }, {}), 'seed', /integer/);
    expectOptionError(() => resolveSuiteSettings('x', { testTimeoutMs: -1 }, {}), 'testTimeoutMs', /positive integer/);
    expectOptionError(() => resolveSuiteSettings('x', { properties: false, fixtures: false }, {}), 'properties', /no test/);
    expectOptionError(() => resolveSuiteSettings('x', { only: [''] }, {}), 'only', /test id/);
    expectOptionError(() => resolveSuiteSettings('x', { name: '' }, {}), 'name', /non-empty/);
    expectOptionError(() => resolveSuiteSettings('x', {}, { CNNSPEC_SEED: 'abc' }), 'CNNSPEC_SEED', /integer/);
    expectOptionError(() => resolveSuiteSettings('x', {}, { CNNSPEC_NUM_RUNS: '0' }), 'CNNSPEC_NUM_RUNS', /positive integer/);
    expectOptionError(() => resolveSuiteSettings('x', {}, { CNNSPEC_PATH: '1:2' }), 'CNNSPEC_ONLY', /exactly one property/);
    expectOptionError(
      () => resolveSuiteSettings('x', {}, { CNNSPEC_ONLY: 'conv/*', CNNSPEC_PATH: '1:2' }),
      'CNNSPEC_ONLY',
      /exactly one property/,
    );
    expectOptionError(
      () => resolveSuiteSettings('x', {}, { CNNSPEC_ONLY: NO_FLIP, CNNSPEC_PATH: 'a:b' }),
      'CNNSPEC_PATH',
      /fast-check path/,
    );
    // inline expectations obey the rules and schema of an expectations file
    expectOptionError(
      () => resolveSuiteSettings('x', { expectations: { format: 'other', entries: [] } as never }, {}),
      'expectations.format',
      /equal to constant/,
    );
    expectOptionError(
      () => resolveSuiteSettings('x', entries({ match: 'conv/*', feature: 'conv', reason: 'r' }), {}),
      'expectations.entries[0]',
      /exactly one/,
    );
    expectOptionError(
      () => resolveSuiteSettings('x', entries({ match: 'conv*', reason: 'r' }), {}),
      'expectations.entries[0].match',
      /whole last segment/,
    );
    expectOptionError(
      () => resolveSuiteSettings('x', entries({ match: 'conv/*' }), {}),
      'expectations.entries[0]',
      /give a "reason" \(only a defect entry takes its reason from the defect\)/,
    );
    expectOptionError(
      () => resolveSuiteSettings('x', entries({ match: 'conv/*', reason: 'r', because: 'typo' }), {}),
      'expectations.entries[0]',
      /additional properties/,
    );
  });
});

describe('replayCommand', () => {
  it('selects the test, its seed and its counterexample, and runs only the registering file', () => {
    const replay = replayCommand('/home/me/project/test/conformance.test.ts', '/home/me/project');
    expect(replay(NO_FLIP, 7, '0:1')).toBe(
      `CNNSPEC_ONLY='${NO_FLIP}' CNNSPEC_SEED=7 CNNSPEC_PATH='0:1' npx vitest run test/conformance.test.ts`,
    );
    expect(replay(NO_FLIP, 7, '')).toBe(`CNNSPEC_ONLY='${NO_FLIP}' CNNSPEC_SEED=7 npx vitest run test/conformance.test.ts`);
    expect(replay('fixture/conv.seed-4x4-k3-valid', 7, '')).toBe(
      `CNNSPEC_ONLY='fixture/conv.seed-4x4-k3-valid' npx vitest run test/conformance.test.ts`,
    );
  });

  it('quotes what the shell would split, and keeps a file outside the working directory absolute', () => {
    expect(replayCommand('/p/my tests/a.test.ts', '/p')('x', 1, '')).toMatch(/ npx vitest run 'my tests\/a\.test\.ts'$/);
    expect(replayCommand('/elsewhere/a.test.ts', '/p')("it's", 1, '')).toBe(
      `CNNSPEC_ONLY='it'\\''s' CNNSPEC_SEED=1 npx vitest run /elsewhere/a.test.ts`,
    );
  });
});

describe('runWorkItem', () => {
  const profile = loadProfile();
  const context = (adapter: Adapter, entries: ExpectationsFile['entries'] = []) => {
    const run: RunOptions = {
      adapter,
      source: 'test',
      seed: 20261128,
      numRuns: 10,
      timeoutMs: 30_000,
      replay: replayCommand('/p/t.test.ts', '/p'),
    };
    return { adapter, convention: conventionName(adapter.convention), run, profiles: [profile], entries };
  };

  it('fails a broken implementation with clauses, counterexample and a replay that reproduces it', async () => {
    const result = await runWorkItem(item(NO_FLIP), context(flipped));
    expect(result.status).toBe('fail');
    const text = formatTestFailure(result);
    expect(text).toContain(`property ${NO_FLIP} failed [spec: ${ALL_PROPERTIES.find((p) => p.id === NO_FLIP)!.spec.join(', ')}]`);
    expect(text).toContain(`counterexample (after ${result.shrinks} shrinks): ${JSON.stringify(result.counterexample)}`);
    expect(text).toContain(
      `replay: CNNSPEC_ONLY='${NO_FLIP}' CNNSPEC_SEED=${result.seed} CNNSPEC_PATH='${result.path}' npx vitest run t.test.ts`,
    );
    const replayed = await runWorkItem(item(NO_FLIP), {
      ...context(flipped),
      run: { ...context(flipped).run, seed: result.seed!, path: result.path! },
    });
    expect(replayed.status).toBe('fail');
    expect(replayed.counterexample).toEqual(result.counterexample);
    const failure = new ConformanceFailure(result);
    expect(failure.message).toBe(text);
    expect(failure.stack).toBe(`ConformanceFailure: ${text}`);
  });

  it('passes a conformant implementation, and reports a fixture of another convention unsupported', async () => {
    expect((await runWorkItem(item(NO_FLIP), context(referenceAdapter('cnnspec')))).status).toBe('pass');
    const onnxOnly = workItems('cnnspec').find(
      (candidate) => candidate.kind === 'fixture' && !candidate.fixture!.conventions.includes('cnnspec' as never),
    )!;
    const result = await runWorkItem(onnxOnly, context(referenceAdapter('cnnspec')));
    expect(result.status).toBe('unsupported');
    expect(result.message).toContain('not cnnspec');
  });

  it('fails a test of a core-profile feature the adapter lacks, and skips one of any other feature', async () => {
    expect(profile.features).toContain('conv.bias');
    const noBias = {
      ...referenceAdapter('cnnspec'),
      features: referenceAdapter('cnnspec').features.filter((f) => f !== 'conv.bias' && f !== 'pad'),
    };
    const bias = await runWorkItem(item('conv/bias/adds-a-constant-per-channel'), context(noBias));
    expect(bias.status).toBe('fail');
    expect(bias.message).toMatch(
      /^conv\.bias is required by profile core, and the adapter does not declare it: .*conv\.bias.*choose a profile it can meet: --profile pool,dense,conv-transpose,shape /,
    );
    expect(bias.replay).toBe(`CNNSPEC_ONLY='conv/bias/adds-a-constant-per-channel' CNNSPEC_SEED=20261128 npx vitest run t.test.ts`);
    const pad = await runWorkItem(item('pad/output-shape/matches-formula'), context(noBias));
    expect(pad.status).toBe('unsupported');
    expect(pad.message).toContain('feature pad');
  });

  it('runs a conv-only adapter under its profile, and tells one under core how to choose it with the option', async () => {
    const run: RunOptions = {
      adapter: convOnly,
      source: 'test',
      seed: 20261128,
      numRuns: 5,
      timeoutMs: 30_000,
      replay: replayCommand('/p/t.test.ts', '/p'),
    };
    const base = { adapter: convOnly, convention: 'cnnspec' as const, run, entries: [] };
    const monotone = item('pool/max/monotone');
    expect((await runWorkItem(monotone, { ...base, profiles: resolveProfiles(['conv']) })).status).toBe('unsupported');
    const underCore = await runWorkItem(monotone, {
      ...base,
      profiles: resolveProfiles([]),
      chooseProfiles: (names) => `the profile option: { profile: '${names.join(',')}' }`,
    });
    expect(underCore.status).toBe('fail');
    expect(underCore.message).toContain(`choose a profile it can meet: the profile option: { profile: 'conv' }`);
  });

  it('turns a failure an expectation matches into an expected failure, and a pass into an unexpected pass', async () => {
    const entries = [{ match: 'conv/no-flip/*', reason: 'flips its kernels', link: 'https://example.org/1' }];
    const expected = await runWorkItem(item(NO_FLIP), context(flipped, entries));
    expect(expected.status).toBe('expected-fail');
    expect(expected.expectation).toEqual({
      match: 'conv/no-flip/*',
      reason: 'flips its kernels',
      link: 'https://example.org/1',
      seedFragile: true,
    });
    const unexpected = await runWorkItem(item(NO_FLIP), context(referenceAdapter('cnnspec'), entries));
    expect(unexpected.status).toBe('unexpected-pass');
    expect(formatTestFailure(unexpected)).toMatch(
      /passed, but an expectation says it fails [\s\S]*expectation conv\/no-flip\/\*: flips its kernels \(https:\/\/example\.org\/1\)/,
    );
  });

  it('records an error that escapes the test as an error with a replay command', async () => {
    const throwing = { ...referenceAdapter('cnnspec') } as Adapter;
    Object.defineProperty(throwing, 'conv', {
      get: () => {
        throw new Error('broken getter');
      },
    });
    const result = await runWorkItem(item(NO_FLIP), context(throwing));
    expect(result.status).toBe('error');
    expect(result.message).toContain('broken getter');
    expect(formatTestFailure(result)).toMatch(
      /^property conv\/no-flip\/kernel-applied-as-stored could not run [\s\S]*replay: CNNSPEC_ONLY=/,
    );
  });
});

describe('runConformanceTest', () => {
  const suite = (adapter: Adapter, strictExpectations: boolean, entries: ExpectationsFile['entries'] = []): SuiteContext => ({
    adapter,
    convention: conventionName(adapter.convention),
    profiles: [loadProfile()],
    entries,
    settings: { ...resolveSuiteSettings(adapter.name, { numRuns: 5, strictExpectations }, {}) },
  });
  const fakeContext = () => {
    const annotations: { message: string; type?: unknown; attachment?: unknown }[] = [];
    const ctx = {
      task: { file: { filepath: join(process.cwd(), 'test', 'mine.test.ts') }, meta: {} as TaskMeta },
      skip: vi.fn((note?: string) => {
        throw new Error(`skipped: ${note}`);
      }),
      annotate: vi.fn(async (message: string, type?: unknown, attachment?: unknown) => {
        annotations.push({ message, type, attachment });
        return { message, type: String(type) };
      }),
    };
    return { ctx: ctx as unknown as ConformanceTestContext, annotations, meta: ctx.task.meta };
  };

  it('throws a failure report that replays the test from the registering file', async () => {
    const { ctx, meta } = fakeContext();
    const failure = await runConformanceTest(item(NO_FLIP), ctx, suite(flipped, false)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConformanceFailure);
    expect((failure as ConformanceFailure).message).toMatch(
      /replay: CNNSPEC_ONLY='conv\/no-flip\/kernel-applied-as-stored' CNNSPEC_SEED=\d+ CNNSPEC_PATH='[\d:]+' npx vitest run test\/mine\.test\.ts$/,
    );
    expect(meta.cnnspec).toMatchObject({ id: NO_FLIP, status: 'fail', spec: item(NO_FLIP).spec });
  });

  it('fails an unexpected pass under strict expectations, and annotates it otherwise', async () => {
    const entries = [{ match: NO_FLIP, reason: 'thought to flip' }];
    const strict = fakeContext();
    const failure = await runConformanceTest(item(NO_FLIP), strict.ctx, suite(referenceAdapter('cnnspec'), true, entries)).catch(
      (error: unknown) => error,
    );
    expect((failure as ConformanceFailure).message).toMatch(/passed, but an expectation says it fails[\s\S]*thought to flip/);
    const lenient = fakeContext();
    await runConformanceTest(item(NO_FLIP), lenient.ctx, suite(referenceAdapter('cnnspec'), false, entries));
    expect(lenient.annotations).toEqual([
      {
        message: `unexpected pass: the expectation ${NO_FLIP} says it fails (thought to flip)`,
        type: 'cnnspec:unexpected-pass',
        attachment: undefined,
      },
    ]);
    expect(lenient.meta.cnnspec).toMatchObject({ status: 'unexpected-pass', message: 'thought to flip' });
  });

  it('fails an implementation that clears its input after each call, naming the tensor and element (spec: conformance.inputs-read-only)', async () => {
    for (const id of ['pool/max/monotone', 'fixture/pool.ceil-n5-k2-s2']) {
      const { ctx, meta } = fakeContext();
      const failure = await runConformanceTest(item(id), ctx, suite(guardAdapter(poolZeroesInput(), 5_000), false)).catch(
        (error: unknown) => error,
      );
      expect(failure, id).toBeInstanceOf(ConformanceFailure);
      expect((failure as ConformanceFailure).message, id).toMatch(
        /\n {2}adapter pool modified its input tensor "input" \(inputs are read-only, spec: conformance\.inputs-read-only\): element \d+ was [^,]+, now 0\n/,
      );
      expect(meta.cnnspec, id).toMatchObject({ id, status: 'fail' });
    }
  });

  it('skips an unsupported test with the reason', async () => {
    const { ctx } = fakeContext();
    await expect(
      runConformanceTest(item('pad/output-shape/matches-formula'), ctx, suite({ ...flipped, features: [] }, false)),
    ).rejects.toThrow('skipped: unsupported: feature pad');
  });
});

describe('registerConformanceSuite refuses', () => {
  it('a selection that matches no test, and an object that is not an adapter', () => {
    expectOptionError(
      () => registerConformanceSuite(referenceAdapter('cnnspec'), { only: 'no/such/*' }),
      'only',
      /select at least one test/,
    );
    expectOptionError(() => registerConformanceSuite({ name: 'x' } as Adapter), 'adapter.version', /string/);
    expectOptionError(() => registerConformanceSuite(null as never), 'adapter', /adapter object/);
  });
});

// Two suites registered as a project would register them; the last test inspects what they did.
const SELECTION = [NO_FLIP, 'pool/max/monotone', 'pad/output-shape/matches-formula', 'fixture/conv.seed-4x4-k3-valid'];
const conformant = { ...referenceAdapter('cnnspec'), dispose: vi.fn(async () => {}) };
registerConformanceSuite(conformant, { only: SELECTION, numRuns: 5 });

const withoutPad = { ...flipped, features: flipped.features.filter((feature) => feature !== 'pad'), close: vi.fn() };
registerConformanceSuite(withoutPad, {
  name: 'flipped kernel with expectations',
  only: SELECTION,
  numRuns: 5,
  expectations: {
    format: 'cnnspec-expectations/1',
    entries: [
      { match: 'conv/no-flip/*', reason: 'flips its kernels' },
      { match: 'fixture/conv.seed-4x4-k3-valid', reason: 'flips its kernels' },
      { match: 'pool/max/monotone', reason: 'thought to be broken' },
    ],
  },
});

// Strict: the entry matches a test outside the selection, which is no stale entry.
registerConformanceSuite(referenceAdapter('cnnspec'), {
  name: 'strict expectations',
  only: [NO_FLIP],
  numRuns: 5,
  strictExpectations: true,
  expectations: { format: 'cnnspec-expectations/1', entries: [{ match: 'pad/*', reason: 'no pad op' }] },
});

describe('the registered suites', () => {
  function testsOf(ctx: TestContext, name: string): Map<string, RunnerTestCase> {
    const suite = ctx.task.file.tasks.find((task) => task.name === name) as RunnerTestSuite;
    const tests = new Map<string, RunnerTestCase>();
    const walk = (tasks: readonly RunnerTask[], path: string[]): void => {
      for (const task of tasks) {
        if (task.type === 'test') tests.set([...path, task.name].join(' > '), task);
        else if (task.type === 'suite') walk(task.tasks, [...path, task.name]);
      }
    };
    walk(suite.tasks, []);
    return tests;
  }

  it('registered one test per selected id, grouped by kind and group, and disposed of the adapters', (ctx) => {
    const tests = testsOf(ctx, 'cnnspec conformance: reference');
    expect([...tests.keys()].sort()).toEqual(
      [
        'fixtures > conv > fixture/conv.seed-4x4-k3-valid',
        `properties > conv > ${NO_FLIP}`,
        'properties > pad > pad/output-shape/matches-formula',
        'properties > pool > pool/max/monotone',
      ].sort(),
    );
    for (const test of tests.values()) {
      expect(test.result?.state, test.name).toBe('pass');
      expect(test.meta.cnnspec).toMatchObject({ id: test.name, status: 'pass' });
      expect(test.meta.cnnspec!.spec).toEqual(item(test.name).spec);
    }
    expect(conformant.dispose).toHaveBeenCalledTimes(1);
    expect(withoutPad.close).toHaveBeenCalledTimes(1);
  });

  it('passed expected failures with their reason, annotated unexpected passes, and skipped an undeclared feature', (ctx) => {
    const tests = testsOf(ctx, 'flipped kernel with expectations');
    const test = (key: string): RunnerTestCase => tests.get(key)!;
    const noFlip = test(`properties > conv > ${NO_FLIP}`);
    expect(noFlip.result?.state).toBe('pass');
    expect(noFlip.meta.cnnspec).toMatchObject({ status: 'expected-fail', message: 'flips its kernels' });
    expect(noFlip.annotations[0]).toMatchObject({
      type: 'cnnspec:expected-fail',
      message: 'expected failure (conv/no-flip/*): flips its kernels [matched by conv/no-flip/*, not by a defect signature: seed-fragile]',
    });
    expect(noFlip.annotations[0]!.attachment?.body).toMatch(
      /failed \[spec: conv\.no-flip[\s\S]*counterexample[\s\S]*replay: CNNSPEC_ONLY=/,
    );
    expect(test('fixtures > conv > fixture/conv.seed-4x4-k3-valid').meta.cnnspec?.status).toBe('expected-fail');
    const monotone = test('properties > pool > pool/max/monotone');
    expect(monotone.result?.state).toBe('pass');
    expect(monotone.meta.cnnspec?.status).toBe('unexpected-pass');
    expect(monotone.annotations[0]?.type).toBe('cnnspec:unexpected-pass');
    const pad = test('properties > pad > pad/output-shape/matches-formula');
    expect(pad.result?.state).toBe('skip');
    // vitest keeps the note of ctx.skip on the result, outside the result's public type
    expect((pad.result as { note?: string } | undefined)?.note).toBe('unsupported: feature pad');
    expect(pad.meta.cnnspec?.status).toBe('unsupported');
  });

  it('checked under strict expectations that every entry matches a test of the suite', (ctx) => {
    const tests = testsOf(ctx, 'strict expectations');
    expect([...tests.keys()]).toEqual([`properties > conv > ${NO_FLIP}`, 'expectations: every entry matches a test']);
    expect([...tests.values()].map((test) => test.result?.state)).toEqual(['pass', 'pass']);
  });
});
