/**
 * Every built-in browser adapter starts in Debian's Chromium with SwiftShader (WebGL2, WebGPU),
 * greets with its name and convention, declares only features the spec knows, and answers a
 * small convolution as the reference does (spec: browser.adapters, browser.channel).
 *
 * Without /usr/bin/chromium the test is skipped, unless CI is set.
 */
import { describe, expect, it } from 'vitest';
import { execAdapter } from '../../src/adapter/execAdapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { BROWSER_ADAPTER_NAMES } from '../../src/browser/browserAdapters.js';
import { browserCommand } from '../../src/browser/browserCommand.js';
import { FEATURES } from '../../src/spec/features.js';
import { skipWithoutChromium } from './chromiumSkip.js';

const skip = skipWithoutChromium;
const CONVENTIONS: Record<string, string> = {
  reference: 'cnnspec',
  'tfjs-webgl': 'tfjs',
  'tfjs-webgpu': 'tfjs',
  'onnxruntime-web-webgpu': 'onnx',
  'onnxruntime-web-wasm': 'onnx',
};

describe.skipIf(skip)('the built-in browser adapters (spec: browser.adapters)', () => {
  it.each(BROWSER_ADAPTER_NAMES)(
    '%s starts, declares known features under its convention, and convolves as the reference',
    async (name) => {
      const adapter = await execAdapter({ command: browserCommand({ adapter: name }), startTimeoutMs: 60_000, timeoutMs: 60_000 });
      try {
        expect(adapter.name).toBe(name);
        const convention = typeof adapter.convention === 'string' ? adapter.convention : adapter.convention.base;
        expect(convention).toBe(CONVENTIONS[name]);
        expect(adapter.features.filter((feature) => !(FEATURES as readonly string[]).includes(feature))).toEqual([]);
        expect(adapter.features).toContain('conv');
        const request = {
          input: { shape: [1, 2, 3, 3], data: Float32Array.from({ length: 18 }, (_, i) => (i % 7) - 3) },
          weight: { shape: [1, 2, 2, 2], data: Float32Array.from([1, -1, 0.5, 2, -2, 0.25, 1, 0]) },
          params: { layout: 'channels-first' as const, kernelLayout: 'out-in-spatial' as const },
        };
        const expected = await referenceAdapter('cnnspec').conv!(request);
        const answer = await adapter.conv!(request);
        expect(answer.shape).toEqual(expected.shape);
        expect([...answer.data]).toEqual([...expected.data]);
      } finally {
        await adapter.dispose?.();
      }
    },
    90_000,
  );
});
