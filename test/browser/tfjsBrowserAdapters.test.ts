/**
 * The built-in browser adapters tfjs-webgl and tfjs-webgpu: `cnnspec run --browser` starts each in
 * headless Chromium on SwiftShader, it declares the tfjs convention and every feature its backend
 * has kernels for, and its pooling fixtures fail only where examples/expectations/<name>.json
 * explains them, an empty max-pooling window by the defect clause of the GPU kernels
 * (spec: browser.adapters, defect.tfjs-gpu-kernels).
 *
 * Without /usr/bin/chromium the test is skipped, unless CI is set: CI installs Chromium, so there
 * its absence is a failure.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TFJS_FEATURES } from '../../src/adapter/tfjsAdapter.js';
import type { Report } from '../../src/report/model/Report.js';
import { runCliCaptured } from '../support/runCliCaptured.js';
import { CHROMIUM, chromiumSuiteTitle, skipWithoutChromium } from './chromiumSkip.js';

const skip = skipWithoutChromium;
const title = chromiumSuiteTitle('the TF.js browser adapters in Chromium');

const dir = mkdtempSync(join(tmpdir(), 'cnnspec-tfjs-browser-'));

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
  for (const name of ['tfjs-webgl', 'tfjs-webgpu'] as const) {
    it(`${name}: declares the tfjs convention and every feature, and its pooling fixtures fail only where its expectations explain`, async () => {
      const reportDir = join(dir, name);
      const { code, out, err } = await runCliCaptured([
        'run',
        '--browser',
        CHROMIUM,
        '--adapter',
        name,
        '--only',
        'fixture/pool.*',
        '--expectations',
        join(import.meta.dirname, '..', '..', 'examples', 'expectations', `${name}.json`),
        '--jobs',
        '1',
        '--quiet',
        '--format',
        'json',
        '--report-dir',
        reportDir,
      ]);
      expect(code, `${out}\n${err}`).toBe(0);
      const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;
      expect(report.adapter).toMatchObject({ name, convention: 'tfjs', features: [...TFJS_FEATURES] });
      expect(report.adapter.source).toContain('(browser, SwiftShader)');
      expect(report.summary).toMatchObject({ fail: 0, error: 0 });
      // spec: defect.tfjs-gpu-kernels — an empty max-pooling window gives -1e20, not -Infinity
      const empty = report.results.find((result) => result.id === 'fixture/pool.max-empty-window-neg-infinity');
      expect(empty).toMatchObject({ status: 'expected-fail', expectation: { defect: 'defect.tfjs-gpu-kernels', part: 'max-pool-floor' } });
      expect(report.results.filter((result) => result.status === 'pass').length).toBeGreaterThanOrEqual(10);
    }, 180_000);
  }
});
