/**
 * Journey 4, end to end from the packed package: the author of a kernel that runs in a browser
 * installs the kit and playwright-core, writes an adapter module that imports the page-safe part
 * of the kit from 'cnnspec/browser' and asks the page for WebGPU, runs `npx cnnspec run --browser
 * --adapter ./myKernel.mjs --profile conv` and gets its report (spec: browser.module,
 * browser.channel). Without /usr/bin/chromium the journey is skipped, unless CI is set.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPacked, type PackedInstall } from './installPacked.js';
import { skipWithoutChromium } from '../browser/chromiumSkip.js';

const PLAYWRIGHT = `playwright-core@${JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).devDependencies['playwright-core']}`;
const skip = skipWithoutChromium;

const MY_KERNEL = `import { ADAPTER_API_VERSION, referenceAdapter } from 'cnnspec/browser';

// A WebGPU convolution of one's own would go here; the kit's reference stands in for it.
const reference = referenceAdapter('cnnspec');

export default async () => {
  const gpu = await navigator.gpu?.requestAdapter();
  if (!gpu) throw new Error('no WebGPU adapter in this page');
  return {
    name: 'my-browser-conv',
    version: '1.0.0',
    adapterApi: ADAPTER_API_VERSION,
    convention: 'cnnspec',
    features: ['conv', 'conv.bias', 'padding.same-upper', 'layout.channels-first', 'spatial-rank-2'],
    conv: (request) => reference.conv(request),
  };
};
`;

let project: PackedInstall;

describe.skipIf(skip).sequential('journey: a browser kernel author, from the packed package', () => {
  beforeAll(async () => {
    project = await installPacked([PLAYWRIGHT]);
    writeFileSync(join(project.dir, 'myKernel.mjs'), MY_KERNEL);
  }, 900_000);

  it('meets the conv profile in a Chromium page and writes the reports', async () => {
    const { code, stdout, stderr } = await project.run([
      'run',
      '--browser',
      '--adapter',
      './myKernel.mjs',
      '--profile',
      'conv',
      '--num-runs',
      '5',
      '--jobs',
      '1',
      '--quiet',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('conformant to profiles: conv\n');
    const report = JSON.parse(readFileSync(join(project.dir, 'reports', 'out', 'report.json'), 'utf8'));
    expect(report.adapter).toMatchObject({ name: 'my-browser-conv', source: './myKernel.mjs (browser, SwiftShader)' });
    expect(existsSync(join(project.dir, 'reports', 'out', 'report.html'))).toBe(true);
  }, 300_000);
});
