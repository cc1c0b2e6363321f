/**
 * Before any page runs: the browser looked for in order, with an error that lists every path
 * tried (spec: browser.start), and the adapter module bundled for a page, a Node built-in refused
 * with the import named (spec: browser.module).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_CANDIDATES, BrowserStartError, findBrowser } from '../../src/browser/launchBrowser.js';
import { BundleError, bundleAdapter } from '../../src/browser/bundleAdapter.js';
import { BrowserAdapterError, browserAdapterEntry, BROWSER_ADAPTER_NAMES } from '../../src/browser/browserAdapters.js';

const root = join(import.meta.dirname, '..', '..');

describe('finding the browser (spec: browser.start)', () => {
  it('takes the first candidate that exists, or the path given', () => {
    expect(findBrowser({}, (path) => path === BROWSER_CANDIDATES[2])).toBe(BROWSER_CANDIDATES[2]);
    expect(findBrowser({ executablePath: '/opt/chrome' }, (path) => path === '/opt/chrome')).toBe('/opt/chrome');
  });

  it('without one, names every path it tried and how to get one', () => {
    const none = (): boolean => false;
    expect(() => findBrowser({}, none)).toThrow(BrowserStartError);
    expect(() => findBrowser({}, none)).toThrow(`no Chromium found: tried ${BROWSER_CANDIDATES.join(', ')}; install one`);
    expect(() => findBrowser({ executablePath: '/opt/none' }, none)).toThrow('no browser at /opt/none (given with --browser)');
  });
});

describe('the adapter module for the page (spec: browser.module)', () => {
  it('a built-in names its entry module, and an unknown name that is no file is refused', () => {
    for (const name of BROWSER_ADAPTER_NAMES) expect(browserAdapterEntry(name)).toMatch(/src\/browser\/adapters\/\w+\.ts$/);
    expect(() => browserAdapterEntry('tfjs-webgl3')).toThrow(BrowserAdapterError);
    expect(() => browserAdapterEntry('tfjs-webgl3')).toThrow(/no browser adapter "tfjs-webgl3": not a built-in \(reference, tfjs-webgl/);
  });

  it("bundles the reference with the kit's formulas into one module that exports start", async () => {
    const bundle = await bundleAdapter(browserAdapterEntry('reference'));
    expect(bundle).toMatch(/export\s*\{[^}]*\bstart\b/);
    expect(bundle).not.toMatch(/from\s*["']node:/);
  }, 30_000);

  it('refuses a module that imports a Node built-in, naming the import', async () => {
    const entry = join(root, 'test', 'adapters', 'browser', 'importsNodeFs.ts');
    await expect(bundleAdapter(entry)).rejects.toThrow(BundleError);
    await expect(bundleAdapter(entry)).rejects.toThrow(/cannot bundle the browser adapter .*importsNodeFs\.ts for the page: .*"node:fs"/);
  }, 30_000);
});
