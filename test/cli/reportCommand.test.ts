/**
 * `cnnspec run --format` and `cnnspec report`: renderings written from the one JSON report, a
 * saved report rendered again, and the reports of the shards of one run merged into the report
 * of the unsharded run (spec: conformance.shards, conformance.verdict), with the exit code of
 * its verdict (spec: runner.reports, runner.exit-codes).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/runCliCaptured.js';
import type { Report, ReportResult } from '../../src/report/model/Report.js';

const root = join(import.meta.dirname, '..', '..');
const flipped = join(root, 'test', 'adapters', 'flippedKernel.ts');
// a mix of passing and failing properties and fixtures, enough for three shards to differ
const only = 'conv/differential/*,conv/no-flip/*,pool/max/*,fixture/conv.seed-*,fixture/pool.seed-*';

const cli = runCliCaptured;

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'cnnspec-report-'));
const readReport = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
/** A result without what depends on the clock. */
const timeless = ({ durationMs: _d, ...result }: ReportResult): Omit<ReportResult, 'durationMs'> => result;

describe('cnnspec run --format', () => {
  it('writes every rendering by default, and only those asked for with --format', async () => {
    const all = tempDir();
    expect(
      (await cli(['run', '--adapter', 'reference', '--only', 'conv/differential/exact-domain', '--num-runs', '3', '--report-dir', all]))
        .code,
    ).toBe(0);
    expect(readdirSync(all).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    const some = tempDir();
    expect(
      (
        await cli([
          'run',
          '--adapter',
          'reference',
          '--only',
          'conv/differential/exact-domain',
          '--num-runs',
          '3',
          '--format',
          'json,html',
          '--report-dir',
          some,
        ])
      ).code,
    ).toBe(0);
    expect(readdirSync(some).sort()).toEqual(['report.html', 'report.json']);
  });

  it('refuses an unknown format with the allowed values', async () => {
    const { code, err } = await cli(['run', '--adapter', 'reference', '--format', 'json,pdf']);
    expect(code).toBe(2);
    expect(err).toContain('json, junit, md, html');
    expect(err).toContain('"json,pdf"');
  });
});

describe('cnnspec report', () => {
  let unsharded: Report;
  let shardDirs: string[];

  beforeAll(async () => {
    const dir = tempDir();
    expect((await cli(['run', '--adapter', flipped, '--only', only, '--num-runs', '10', '--report-dir', dir])).code).toBe(1);
    unsharded = readReport(dir);
    shardDirs = [];
    for (const index of [1, 2, 3]) {
      const shardDir = tempDir();
      expect(
        (
          await cli([
            'run',
            '--adapter',
            flipped,
            '--only',
            only,
            '--num-runs',
            '10',
            '--shard',
            `${index}/3`,
            '--format',
            'json',
            '--report-dir',
            shardDir,
          ])
        ).code,
      ).toBe(1);
      shardDirs.push(shardDir);
    }
  }, 120_000);

  it('renders a saved report again into Markdown and HTML next to it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'report.json'), JSON.stringify(unsharded));
    const { code, out } = await cli(['report', join(dir, 'report.json')]);
    expect(code).toBe(1); // the run it renders was not conformant
    expect(out).toContain('not conformant');
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('conv/no-flip/kernel-applied-as-stored');
  });

  it('merges the shards of one run into a report with the results, order and verdict of the unsharded run', async () => {
    const sizes = shardDirs.map((d) => readReport(d).results.length);
    expect(sizes.every((size) => size > 0)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(unsharded.results.length);
    const out = tempDir();
    const { code, out: stdout } = await cli(['report', '--merge', ...shardDirs.map((d) => join(d, 'report.json')), '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toContain('merged 3 shard report(s)');
    const merged = readReport(out);
    expect(merged.results.map(timeless)).toEqual(unsharded.results.map(timeless));
    expect(merged.summary).toEqual(unsharded.summary);
    expect(merged.run.shard).toBeUndefined();
    expect(merged.run.incomplete).toBe(false);
    expect(merged.run.mergedFrom?.map((m) => m.shard.index)).toEqual([1, 2, 3]);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
  });

  it('marks a merge with a missing shard incomplete and not conformant', async () => {
    const out = tempDir();
    const { code, out: stdout } = await cli([
      'report',
      '--merge',
      join(shardDirs[0]!, 'report.json'),
      join(shardDirs[2]!, 'report.json'),
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('missing shard(s) 2 of 3');
    const merged = readReport(out);
    expect(merged.run).toMatchObject({ incomplete: true, missingShards: [2] });
    expect(merged.summary.conformant).toBe(false);
  });

  it('refuses to merge reports of different runs (settings, or tests left out), or the same shard twice', async () => {
    const noFixtures = tempDir();
    await cli([
      'run',
      '--adapter',
      flipped,
      '--only',
      only,
      '--num-runs',
      '10',
      '--no-fixtures',
      '--shard',
      '2/3',
      '--format',
      'json',
      '--report-dir',
      noFixtures,
    ]);
    const leftOut = await cli([
      'report',
      '--merge',
      join(shardDirs[0]!, 'report.json'),
      join(noFixtures, 'report.json'),
      '--out',
      tempDir(),
    ]);
    expect(leftOut.code).toBe(2);
    expect(leftOut.err).toMatch(/its fixtures run is false, not true/);
    const other = tempDir();
    await cli([
      'run',
      '--adapter',
      flipped,
      '--only',
      only,
      '--num-runs',
      '10',
      '--seed',
      '7',
      '--shard',
      '2/3',
      '--format',
      'json',
      '--report-dir',
      other,
    ]);
    const differentSeed = await cli([
      'report',
      '--merge',
      join(shardDirs[0]!, 'report.json'),
      join(other, 'report.json'),
      '--out',
      tempDir(),
    ]);
    expect(differentSeed.code).toBe(2);
    expect(differentSeed.err).toMatch(/is not a shard of the same run as .*: its seed is 7, not 20261128/);
    const twice = await cli([
      'report',
      '--merge',
      join(shardDirs[0]!, 'report.json'),
      join(shardDirs[0]!, 'report.json'),
      '--out',
      tempDir(),
    ]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('are both shard 1/3');
  });

  it('refuses a file that is not a valid report, naming the file and the rule', async () => {
    const dir = tempDir();
    const broken = join(dir, 'report.json');
    writeFileSync(broken, JSON.stringify({ ...unsharded, summary: { ...unsharded.summary, total: 'many' } }));
    const invalid = await cli(['report', broken]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain(`the report ${broken} does not match spec/schema/report-1.schema.json`);
    expect(invalid.err).toContain('/summary/total must be number');
    writeFileSync(broken, '{"format": "cnnspec-report/1", "results": [');
    expect((await cli(['report', broken])).err).toContain('is not valid JSON');
    expect((await cli(['report', join(dir, 'missing.json')])).err).toContain('cannot read the report');
    expect((await cli(['report', broken, broken])).err).toContain('give one report to render, or --merge');
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});
