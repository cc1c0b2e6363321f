/**
 * What the page's origin serves (spec: browser.page): the page, the bundled adapter, and the
 * files of installed packages, found as Node finds the package; nothing outside a package.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_HTML, pageFile } from '../../src/browser/pageFiles.js';

const root = join(import.meta.dirname, '..', '..');
const from = [join(root, 'src', 'browser')];

describe("the page's files (spec: browser.page)", () => {
  it('serves the page and the bundle as they are', () => {
    expect(pageFile('/index.html', 'BUNDLE', from)).toEqual({ status: 200, contentType: 'text/html', body: PAGE_HTML });
    expect(pageFile('/', 'BUNDLE', from).body).toBe(PAGE_HTML);
    expect(pageFile('/adapter.js', 'BUNDLE', from)).toEqual({ status: 200, contentType: 'text/javascript', body: 'BUNDLE' });
  });

  it("serves an installed package's file, a wasm binary with its content type, found from an adapter's folder up", () => {
    const wasm = 'dist/ort-wasm-simd-threaded.jsep.wasm';
    const file = pageFile(`/modules/onnxruntime-web/${wasm}`, '', from);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('application/wasm');
    expect(Buffer.compare(file.body as Buffer, readFileSync(join(root, 'node_modules', 'onnxruntime-web', wasm)))).toBe(0);
    const scoped = pageFile('/modules/@tensorflow/tfjs-core/package.json', '', from);
    expect(scoped.status).toBe(200);
    expect(JSON.parse(String(scoped.body)).name).toBe('@tensorflow/tfjs-core');
  });

  it('answers 404, saying why, for a path out of the package, a missing package or file, and anything else', () => {
    expect(pageFile('/modules/onnxruntime-web/../../package.json', '', from)).toMatchObject({
      status: 404,
      body: expect.stringContaining('outside package onnxruntime-web'),
    });
    expect(pageFile('/modules/onnxruntime-web/%2e%2e/%2e%2e/package.json', '', from)).toMatchObject({ status: 404 });
    expect(pageFile('/modules/no-such-package-here/x.js', '', from)).toMatchObject({
      status: 404,
      body: 'package no-such-package-here is not installed',
    });
    expect(pageFile('/modules/onnxruntime-web/dist/none.wasm', '', from)).toMatchObject({
      status: 404,
      body: 'package onnxruntime-web has no file dist/none.wasm',
    });
    expect(pageFile('/etc/passwd', '', from)).toMatchObject({ status: 404, body: expect.stringContaining('the page serves /index.html') });
  });
});
