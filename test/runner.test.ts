/**
 * `cnnspec run` end to end: a conformant run, a failing module adapter with replay, an
 * out-of-process adapter (messages validated on both sides), expectations, shards, faults and
 * usage errors. Runs are narrowed with --only and few cases, to stay fast.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/runCli.js';
import { runCliCaptured } from './support/runCliCaptured.js';
import { renderHtml } from '../src/report/renderHtml.js';
import { renderMarkdown } from '../src/report/renderMarkdown.js';
import { renderJunit } from '../src/report/renderJunit.js';
import type { Report } from '../src/report/model/Report.js';
import { shardItems, workItems } from '../src/runner/runConformance.js';

const root = join(import.meta.dirname, '..');
const tsx = `${process.execPath} --import tsx`;

const cli = runCliCaptured;

const reportDir = (): string => mkdtempSync(join(tmpdir(), 'cnnspec-run-'));
const readReport = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
const reportSchema = JSON.parse(readFileSync(join(root, 'spec', 'schema', 'report-1.schema.json'), 'utf8')) as object;
const validateReport = new Ajv({ allErrors: true, strict: false }).compile(reportSchema);

describe('the example reports', () => {
  it('reports/examples/flipped-kernel is a valid report.json with its renderings up to date (else regenerate it as reports/README.md says)', () => {
    const dir = join(root, 'reports', 'examples', 'flipped-kernel');
    const report = readReport(dir);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.summary.fail).toBeGreaterThan(0);
    expect(report.results.filter((r) => r.status === 'fail').every((r) => r.evidence !== undefined)).toBe(true);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toBe(renderJunit(report));
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe(renderMarkdown(report));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(renderHtml(report, { specBaseUrl: '../../../spec' }));
  });
});

describe('cnnspec run', () => {
  it('reports the reference conformant, with a valid report.json and one JUnit test case per test', async () => {
    const dir = reportDir();
    const { code, out } = await cli([
      'run',
      '--adapter',
      'reference',
      '--num-runs',
      '5',
      '--only',
      'conv/*,fixture/conv.onnx-*',
      '--report-dir',
      dir,
    ]);
    expect(code).toBe(0);
    expect(out).toContain('conformant');
    const report = readReport(dir);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.summary.fail).toBe(0);
    expect(report.results.length).toBe(report.summary.total);
    expect(report.results.every((r) => r.id.startsWith('conv/') || r.id.startsWith('fixture/conv.onnx-'))).toBe(true);
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect((junit.match(/<testcase /g) ?? []).length).toBe(report.summary.total);
  });

  it('fails a broken module adapter with the clause, counterexample and a replay command that reproduces it (spec: runner.seed)', async () => {
    const dir = reportDir();
    const adapter = join(root, 'test', 'adapters', 'flippedKernel.ts');
    const { code, out } = await cli(['run', '--adapter', adapter, '--only', 'conv/no-flip/*', '--report-dir', dir]);
    expect(code).toBe(1);
    expect(out).toContain('FAIL conv/no-flip/kernel-applied-as-stored [spec: conv.no-flip, conv.definition]');
    expect(out).toMatch(/counterexample \(after \d+ shrinks\)/);
    const failure = readReport(dir).results.find((r) => r.status === 'fail')!;
    expect(failure.replay).toBe(
      `npx cnnspec run --adapter '${adapter}' --only 'conv/no-flip/kernel-applied-as-stored' --seed ${failure.seed} --path '${failure.path}'`,
    );
    const replayDir = reportDir();
    const replay = await cli([
      'run',
      '--adapter',
      adapter,
      '--only',
      failure.id,
      '--seed',
      String(failure.seed),
      '--path',
      failure.path!,
      '--report-dir',
      replayDir,
    ]);
    expect(replay.code).toBe(1);
    expect(readReport(replayDir).results[0]!.counterexample).toEqual(failure.counterexample);
  });

  it('replays a failure of a run with expectations with them: the cases a listed defect explains are set aside, and the path counts on it', async () => {
    const dir = reportDir();
    const adapter = join(root, 'test', 'adapters', 'listedAndUnlisted.ts');
    const expectations = join(dir, 'expectations.json');
    writeFileSync(
      expectations,
      JSON.stringify({ format: 'cnnspec-expectations/1', entries: [{ defect: 'defect.onnxruntime-same-conv' }] }),
    );
    const { code } = await cli([
      'run',
      '--adapter',
      adapter,
      '--only',
      'conv/differential/exact-domain',
      '--seed',
      '2',
      '--expectations',
      expectations,
      '--report-dir',
      dir,
    ]);
    expect(code).toBe(1);
    const failure = readReport(dir).results.find((r) => r.status === 'fail')!;
    expect(failure.replay).toBe(
      `npx cnnspec run --adapter '${adapter}' --only 'conv/differential/exact-domain' --seed 2 --path '${failure.path}' --expectations '${expectations}'`,
    );
    const replayDir = reportDir();
    const replay = await cli([
      'run',
      '--adapter',
      adapter,
      '--only',
      failure.id,
      '--seed',
      '2',
      '--path',
      failure.path!,
      '--expectations',
      expectations,
      '--report-dir',
      replayDir,
    ]);
    expect(replay.code).toBe(1);
    expect(readReport(replayDir).results[0]!.counterexample).toEqual(failure.counterexample);
  });

  it('keeps, for a failing property, the adapter call behind the shrunk counterexample as evidence', async () => {
    const dir = reportDir();
    const adapter = join(root, 'test', 'adapters', 'flippedKernel.ts');
    await cli(['run', '--adapter', adapter, '--only', 'conv/differential/exact-domain', '--report-dir', dir]);
    const failure = readReport(dir).results[0]!;
    expect(failure.status).toBe('fail');
    const evidence = failure.evidence!;
    const counterexample = failure.counterexample as { input: { shape: number[]; data: unknown[] }; weight: { shape: number[] } };
    // the evidence is the counterexample's own call, not some earlier case
    expect(evidence.input).toEqual({ shape: counterexample.input.shape, data: counterexample.input.data });
    expect(evidence.weight?.shape).toEqual(counterexample.weight.shape);
    expect(evidence.window?.padBegin).toHaveLength(counterexample.input.shape.length - 2);
    expect(evidence.expected?.shape).toEqual(evidence.actual?.shape);
    expect(evidence.differing!.length).toBeGreaterThan(0);
    for (const index of evidence.differing!) expect(evidence.actual!.data[index]).not.toEqual(evidence.expected!.data[index]);
    expect(validateReport(readReport(dir)), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('runs an out-of-process adapter over the protocol, every message validated on both sides', async () => {
    const dir = reportDir();
    const { code } = await cli([
      'run',
      '--exec',
      `${tsx} examples/stdio-reference/adapter.ts`,
      '--num-runs',
      '5',
      '--only',
      'pool/*,fixture/pool.onnx-*',
      '--jobs',
      '2',
      '--report-dir',
      dir,
    ]);
    const report = readReport(dir);
    expect(code).toBe(0);
    expect(report.summary.pass).toBeGreaterThan(10);
    expect(report.adapter.source).toContain('exec:');
    // one process per job that took part (spec: conformance.jobs), none restarted
    expect([1, 2]).toContain(report.adapter.starts);
    expect(report.run.jobs).toBe(2);
    expect(report.events.filter((e) => e.kind === 'violation')).toEqual([]);
  }, 60_000);

  it('restarts an adapter that crashes, records it, and finishes the run', async () => {
    const dir = reportDir();
    const { code } = await cli([
      'run',
      '--exec',
      `${process.execPath} test/adapters/crash-on-conv.mjs`,
      '--num-runs',
      '3',
      '--only',
      'conv/output-shape/*,dense/output-shape/*',
      '--report-dir',
      dir,
    ]);
    const report = readReport(dir);
    expect(code).toBe(1);
    expect(report.results.find((r) => r.id === 'conv/output-shape/matches-formula')!.message).toMatch(/adapter exited/);
    expect(report.results.find((r) => r.id === 'dense/output-shape/matches-formula')!.status).toBe('pass');
    expect(report.adapter.starts).toBeGreaterThan(1);
    expect(report.events.some((e) => e.kind === 'exit')).toBe(true);
  }, 60_000);

  it('times out an in-process adapter that never answers, and goes on', async () => {
    const dir = reportDir();
    const { code } = await cli([
      'run',
      '--adapter',
      join(root, 'test', 'adapters', 'neverResolves.ts'),
      '--timeout',
      '200',
      '--num-runs',
      '2',
      '--only',
      'conv/output-shape/*,dense/output-shape/*',
      '--report-dir',
      dir,
    ]);
    const report = readReport(dir);
    expect(code).toBe(1);
    expect(report.results.find((r) => r.id === 'conv/output-shape/matches-formula')!.message).toMatch(/did not settle within 200 ms/);
    expect(report.results.find((r) => r.id === 'dense/output-shape/matches-formula')!.status).toBe('pass');
  });

  it('turns known failures into expected-fail, and reports unmatched entries and unexpected passes', async () => {
    const dir = reportDir();
    const file = join(dir, 'expectations.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'cnnspec-expectations/1',
        entries: [
          { match: 'conv/no-flip/*', reason: 'flips kernels' },
          { match: 'conv/output-shape/matches-formula', reason: 'wrongly expected to fail' },
          { match: 'pool/no-such-test/*', reason: 'matches nothing in the suite' },
          // outside the --only selection, but a test of the suite: not stale
          { feature: 'pool.ceil-mode', reason: 'matches tests of other runs' },
        ],
      }),
    );
    const adapter = join(root, 'test', 'adapters', 'flippedKernel.ts');
    const args = [
      'run',
      '--adapter',
      adapter,
      '--num-runs',
      '5',
      '--only',
      'conv/no-flip/*,conv/output-shape/*',
      '--expectations',
      file,
      '--report-dir',
      dir,
    ];
    const { code, out } = await cli(args);
    const report = readReport(dir);
    expect(code).toBe(0);
    expect(report.results.map((r) => r.status).sort()).toEqual(['expected-fail', 'unexpected-pass']);
    expect(report.expectations!.unmatched).toEqual(['pool/no-such-test/*']);
    expect(out).toContain('expectations that match nothing: pool/no-such-test/*');
    expect(out).toContain('unexpected pass: conv/output-shape/matches-formula');
    // the JUnit gate agrees with the exit code: an unexpected pass fails only when strict
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/failures="0"[\s\S]*<system-out>unexpected pass/);
    expect((await cli([...args, '--strict-expectations'])).code).toBe(1);
    expect(readReport(dir).expectations!.strict).toBe(true);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(
      '<failure message="unexpected pass (expected to fail: wrongly expected to fail)"',
    );
  });

  it('draws a progress bar on standard error on a terminal, and prints one line per test otherwise', async () => {
    const args = [
      'run',
      '--adapter',
      'reference',
      '--num-runs',
      '3',
      '--only',
      'conv/output-shape/*,fixture/conv.seed-*',
      '--report-dir',
      reportDir(),
    ];
    let err = '';
    let out = '';
    const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: true });
    expect(code).toBe(0);
    expect(err).toMatch(/\r\[#{30}\] 4\/4 /);
    expect(out).not.toMatch(/^pass {11}/m);
    const plain = await cli(args);
    expect(plain.err).not.toContain('\r[');
    expect(plain.out.match(/^pass {11}/gm)).toHaveLength(4);
  });

  it('partitions the tests exactly into shards', () => {
    const items = workItems('cnnspec').map((item) => item.id);
    const shards = [1, 2, 3].map((index) => shardItems(items, { index, count: 3 }));
    expect(shards.flat().sort()).toEqual([...items].sort());
    expect(new Set(shards.flat()).size).toBe(items.length);
  });

  it('sharded runs reproduce the unsharded run', async () => {
    const only = ['dense/*', 'fixture/dense.*'];
    const whole = reportDir();
    await cli(['run', '--adapter', 'reference', '--num-runs', '5', '--only', only.join(','), '--report-dir', whole]);
    const parts = await Promise.all(
      [1, 2].map(async (index) => {
        const dir = reportDir();
        await cli([
          'run',
          '--adapter',
          'reference',
          '--num-runs',
          '5',
          '--only',
          only.join(','),
          '--shard',
          `${index}/2`,
          '--report-dir',
          dir,
        ]);
        return readReport(dir).results;
      }),
    );
    const key = (r: { id: string; status: string }): string => `${r.id} ${r.status}`;
    expect(parts.flat().map(key).sort()).toEqual(readReport(whole).results.map(key).sort());
  });

  it('exits 2 with a message that says what to do for misuse', async () => {
    const dir = reportDir();
    let files = 0;
    const expectationsFile = (content: unknown): string => {
      const file = join(dir, `expectations-${(files += 1)}.json`);
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    };
    const cases: [string[], RegExp][] = [
      [['run'], /exactly one of --adapter/],
      [['run', '--adapter', 'reference', '--exec', 'true'], /exactly one of --adapter/],
      [['run', '--adapter', 'no-such-adapter'], /not a built-in .* and no such file/],
      [['run', '--adapter', join(root, 'test', 'adapters', 'notAnAdapter.ts')], /does not export an adapter: "name" is not a string/],
      [['run', '--adapter', 'reference', '--expectations', join(dir, 'missing.json')], /cannot read the expectations file/],
      [['run', '--adapter', 'reference', '--expectations', expectationsFile('not json')], /is not valid JSON/],
      [
        [
          'run',
          '--adapter',
          'reference',
          '--expectations',
          expectationsFile({ format: 'cnnspec-expectations/1', entries: [{ match: 'x' }] }),
        ],
        /\/entries\/0 must give a "reason" \(only a defect entry takes its reason from the defect\)/,
      ],
      [
        [
          'run',
          '--adapter',
          'reference',
          '--expectations',
          expectationsFile({ format: 'cnnspec-expectations/1', entries: [{ match: 'x', feature: 'conv', reason: 'r' }] }),
        ],
        /\/entries\/0 must have exactly one of "defect", "match" and "feature" \("match" may restrict a "defect"\)/,
      ],
      [
        [
          'run',
          '--adapter',
          'reference',
          '--expectations',
          expectationsFile({ format: 'cnnspec-expectations/1', entries: [{ match: 'conv/no*', reason: 'r' }] }),
        ],
        /may use \* only as a whole last segment/,
      ],
      [
        ['run', '--adapter', join(root, 'test', 'adapters', 'throwsOnImport.mjs')],
        /cannot load the adapter module .*: this module cannot be imported/,
      ],
      [['run', '--adapter', join(root, 'test', 'adapters', 'factoryThrows.mjs')], /the adapter factory of .* threw: no device available/],
      [['run', '--exec', 'exit 3'], /adapter exited \(code 3/],
      [['run', '--adapter', 'reference:mxnet'], /unknown convention "mxnet"/],
      [['run', '--adapter', 'reference', '--path', '0:1'], /--path replays one property/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await cli([...args, '--report-dir', dir]);
      expect({ code, args }).toEqual({ code: 2, args });
      expect(err).toMatch(message);
    }
    // an unreadable expectations file: a folder
    const unreadable = await cli(['run', '--adapter', 'reference', '--expectations', dir, '--report-dir', dir]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toMatch(/cannot read the expectations file .*EISDIR[\s\S]*fix the file or leave out --expectations/);
    const shard = await cli(['run', '--adapter', 'reference', '--shard', '3/2']);
    expect(shard.code).toBe(2);
    expect(shard.err).toMatch(/expected i\/n with 1 <= i <= n, such as 2\/4; got "3\/2"/);
    const bogus = await cli(['run', '--adapter', 'reference', '--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toMatch(/unknown option '--bogus'[\s\S]*run with --help for usage/);
    const format = await cli(['run', '--adapter', 'reference', '--num-runs', 'many']);
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/--num-runs must be a positive integer, got "many"/);
  }, 60_000);
});
