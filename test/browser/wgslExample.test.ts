/**
 * The example of a browser adapter of one's own (examples/browser-webgpu): its hand-written WGSL
 * convolution, run by `cnnspec run --browser` in headless Chromium on SwiftShader's WebGPU,
 * meets the conv profile, and the page's console reaches the report's adapter events
 * (spec: conformance.profiles, browser.module, browser.faults).
 *
 * Without /usr/bin/chromium the test is skipped, unless CI is set: CI installs Chromium, so there
 * its absence is a failure.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '../../src/report/model/Report.js';
import { runCliCaptured } from '../support/runCliCaptured.js';
import { CHROMIUM, chromiumSuiteTitle, skipWithoutChromium } from './chromiumSkip.js';

const skip = skipWithoutChromium;
const title = chromiumSuiteTitle('the WGSL example adapter in Chromium');

const adapter = join(import.meta.dirname, '..', '..', 'examples', 'browser-webgpu', 'adapter.ts');
const dir = mkdtempSync(join(tmpdir(), 'cnnspec-wgsl-'));

beforeEach(() => {
  vi.stubEnv('GITHUB_ACTIONS', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)(title, () => {
  it('meets the conv profile with no failure, its conv tests passing, and its page console in the report', async () => {
    const { code, out, err } = await runCliCaptured([
      'run',
      '--browser',
      CHROMIUM,
      '--adapter',
      adapter,
      '--profile',
      'conv',
      '--num-runs',
      '10',
      '--jobs',
      '1',
      '--quiet',
      '--format',
      'json',
      '--report-dir',
      dir,
    ]);
    expect(code, `${out}\n${err}`).toBe(0);
    expect(out).toContain('conformant to profiles: conv\n');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.adapter).toMatchObject({ name: 'webgpu-wgsl-conv', convention: 'cnnspec', ops: ['conv'] });
    expect(report.adapter.source).toContain('(browser, SwiftShader)');
    expect(report.summary).toMatchObject({ fail: 0, error: 0, conformant: true });
    expect(report.profiles!.find((verdict) => verdict.name === 'conv')).toMatchObject({ met: true, failing: 0, unsupported: 0 });
    const status = (id: string) => report.results.find((result) => result.id === id)?.status;
    for (const id of [
      'conv/differential/exact-domain',
      'conv/differential/special-values',
      'conv/groups/equal-separate-convolutions-concatenated',
      'conv/layout/channels-last-equals-transposed',
      'conv/limits/large-parameters-are-accepted',
      'conv/invalid/parameters-are-rejected',
      'padding/same-upper/equals-explicit-pads',
    ]) {
      expect(status(id), id).toBe('pass');
    }
    const convPassing = report.results.filter((result) => result.id.startsWith('conv/') && result.status === 'pass');
    expect(convPassing.length).toBeGreaterThanOrEqual(15);
    // spec: browser.faults — the page's console goes to the serving process's standard error, which the report records
    expect(report.events!.some((event) => event.kind === 'stderr' && event.detail.startsWith('console.info: WebGPU adapter: '))).toBe(true);
  }, 120_000);
});
