/**
 * The HTML report in a real browser (headless Chromium through playwright-core): a report made
 * by running the suite against broken implementations shows the verdict, a heatmap per tensor of
 * every failure with evidence, visible marks on the differing elements, and clause links to
 * the clause texts it embeds; a report full of adapter-supplied markup runs no script and shows that markup as
 * text; print media shows collapsed content. Screenshots and a PDF go to reports/out/screenshots.
 *
 * Without /usr/bin/chromium the test is skipped, unless CI is set: CI installs Chromium, so there
 * its absence is a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/ops/Adapter.js';
import { clauseById } from '../../src/spec/clauseRegistry.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { renderHtml } from '../../src/report/renderHtml.js';
import type { Report } from '../../src/report/model/Report.js';
import { runConformance } from '../../src/runner/runConformance.js';
import flippedKernel from '../adapters/flippedKernel.js';
import { flippedKernelCase } from './failureCases.js';
import { mutant, syntheticReport, syntheticResult } from './syntheticReport.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const missing = !existsSync(CHROMIUM);
const skip = missing && process.env['CI'] === undefined;
const title = skip
  ? `HTML report in Chromium (skipped: no browser at ${CHROMIUM}; npm run setup:browser installs it, and with CI set its absence fails)`
  : 'HTML report in Chromium';
if (skip) console.warn(title);
const screenshots = join(packageRoot(), 'reports', 'out', 'screenshots');
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</pre><script>alert(1)</script>';

interface SeenFailure {
  id: string;
  maps: Record<string, { width: number; height: number; title: string }[]>;
  marks: { width: number; height: number; visible: boolean }[];
  hrefs: string[];
}

/** What the page shows of each failure, gathered in one round trip (the test's types have no DOM). */
const INSPECT_FAILURES = `[...document.querySelectorAll('article.failure')].map((article) => ({
  id: article.querySelector('.test-id').textContent,
  maps: Object.fromEntries(['input', 'kernel', 'expected', 'actual', 'difference'].map((tensor) => [
    tensor,
    [...article.querySelectorAll('svg[data-tensor="' + tensor + '"]')].map((svg) => {
      const box = svg.getBoundingClientRect();
      return { width: box.width, height: box.height, title: svg.querySelector(':scope > title').textContent };
    }),
  ])),
  marks: [...article.querySelectorAll('svg[data-tensor="actual"] [data-differs]')].map((mark) => {
    const box = mark.getBoundingClientRect();
    return { width: box.width, height: box.height, visible: mark.checkVisibility({ opacityProperty: true, visibilityProperty: true }) };
  }),
  hrefs: [...article.querySelectorAll('.clauses a')].map((a) => a.getAttribute('href')),
}))`;

let browser: Browser;
let dir: string;

async function realReport(adapter: Adapter, source: string, only: string[]): Promise<Report> {
  return runConformance({
    adapter,
    source,
    seed: 20261128,
    numRuns: 40,
    timeoutMs: 10_000,
    only,
    replay: (id, seed, path) =>
      `npx cnnspec run --adapter '${source}' --only '${id}' --seed ${seed}${path === '' ? '' : ` --path '${path}'`}`,
  });
}

/** Opens a rendered report from a file, recording dialogs, console messages and page errors. */
async function open(report: Report, name: string): Promise<{ page: Page; events: string[] }> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderHtml(report));
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const events: string[] = [];
  page.on('dialog', (dialog) => {
    events.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => events.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => events.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) events.push(`request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  return { page, events };
}

describe.skipIf(skip)(title, () => {
  let flipped: Report;
  let wrongPad: Report;
  let strideBug: Report;

  beforeAll(async () => {
    if (missing) throw new Error(`no Chromium at ${CHROMIUM}, and CI is set: the browser test must run there (npm run setup:browser)`);
    dir = mkdtempSync(join(tmpdir(), 'cnnspec-html-'));
    mkdirSync(screenshots, { recursive: true });
    [browser, flipped, wrongPad, strideBug] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
      realReport(flippedKernel, './test/adapters/flippedKernel.ts', [
        'conv/differential/exact-domain',
        'conv/no-flip/kernel-applied-as-stored',
        'fixture/conv.seed-4x4-k3-same',
        'fixture/conv.seed-6x6-k3-same-stride2',
        'fixture/pool.ceil-n5-k2-s2',
      ]),
      realReport(mutant('same-upper-as-lower'), 'same-upper-as-lower', ['fixture/conv.seed-6x6-k3-same-stride2']),
      realReport(mutant('pool-stride-defaults-to-one'), 'pool-stride-defaults-to-one', ['fixture/pool.default-stride-kernel']),
    ]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the verdict, a heatmap per tensor of each failure, visible marks on differing elements, and clause links into the spec', async () => {
    const failing = flipped.results.filter((r) => r.status === 'fail');
    expect(failing.map((r) => r.id).sort()).toEqual([
      'conv/differential/exact-domain',
      'conv/no-flip/kernel-applied-as-stored',
      'fixture/conv.seed-4x4-k3-same',
      'fixture/conv.seed-6x6-k3-same-stride2',
    ]);
    expect(failing.every((r) => r.evidence !== undefined)).toBe(true);
    const { page, events } = await open(flipped, 'flipped-kernel');
    await expect(page.locator('[data-verdict]').textContent()).resolves.toContain('Not conformant');
    expect(await page.locator('.verdict').isVisible()).toBe(true);

    const seen = await page.evaluate<SeenFailure[]>(INSPECT_FAILURES);
    expect(seen.map((f) => f.id)).toEqual(failing.map((r) => r.id));
    failing.forEach((result, i) => {
      const evidence = result.evidence!;
      const { maps, marks, hrefs } = seen[i]!;
      const drawn: [string, boolean][] = [
        ['input', true],
        ['kernel', evidence.weight !== undefined],
        ['expected', evidence.expected !== undefined],
        ['actual', evidence.actual !== undefined],
      ];
      for (const [tensor, present] of drawn) {
        if (!present) continue;
        expect(maps[tensor]!.length, `${result.id} ${tensor}`).toBeGreaterThan(0);
        expect(maps[tensor]![0]!.width * maps[tensor]![0]!.height, `${result.id} ${tensor}`).toBeGreaterThan(400);
        expect(maps[tensor]![0]!.title, `${result.id} ${tensor}`).toMatch(new RegExp(`^${tensor}: `));
      }
      // Every differing element is marked on the actual map, and each mark is on screen with a size.
      expect(marks.length, result.id).toBe(evidence.differing!.length);
      for (const mark of marks) {
        expect(mark.visible, result.id).toBe(true);
        expect(Math.min(mark.width, mark.height), result.id).toBeGreaterThan(4);
      }
      // Clause links point at the clause's text in the page itself, which a report opened elsewhere still holds.
      expect(hrefs).toEqual(result.spec.map((id) => `#clause-${id}`));
    });
    for (const id of new Set(failing.flatMap((r) => r.spec))) {
      const entry = page.locator(`article.clause[id="clause-${id}"]`);
      expect(await entry.isVisible(), id).toBe(true);
      await expect(entry.locator('h3').textContent(), id).resolves.toContain(clauseById(id)!.title);
      expect((await entry.locator('.clause-text').textContent())!.length, id).toBeGreaterThan(40);
    }
    expect(events).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'failing-report.png'), fullPage: true });
    await page.close();
  }, 20_000);

  it('makes a wrong pad and a stride bug visible: the input inside its padding, both output shapes', async () => {
    const pad = await open(wrongPad, 'wrong-pad');
    const input = pad.page.locator('article.failure svg[data-tensor="input"]').first();
    const window = wrongPad.results.find((r) => r.status === 'fail')!.evidence!.window!;
    const [h, w] = wrongPad.results.find((r) => r.status === 'fail')!.evidence!.input.shape.slice(2) as [number, number];
    expect(await input.locator('[data-pad]').count()).toBe(
      (h + window.padBegin[0]! + window.padEnd[0]!) * (w + window.padBegin[1]! + window.padEnd[1]!) - h * w,
    );
    expect(await pad.page.locator('article.failure [data-differs]').first().isVisible()).toBe(true);
    await pad.page
      .locator('article.failure')
      .first()
      .screenshot({ path: join(screenshots, 'wrong-pad-failure.png') });
    await pad.page.close();

    const stride = await open(strideBug, 'stride-bug');
    const failure = strideBug.results.find((r) => r.status === 'fail')!;
    expect(failure.evidence!.expected!.shape).not.toEqual(failure.evidence!.actual!.shape);
    const article = stride.page.locator('article.failure').first();
    expect(await article.locator('svg[data-tensor="expected"]').count()).toBeGreaterThan(0);
    expect(await article.locator('svg[data-tensor="actual"]').count()).toBeGreaterThan(0);
    await expect(article.textContent()).resolves.toContain('The shapes differ');
    await article.screenshot({ path: join(screenshots, 'stride-bug-failure.png') });
    await stride.page.close();
    expect([...pad.events, ...stride.events]).toEqual([]);
  }, 15_000);

  it('runs no script from adapter-supplied text, and shows it literally', async () => {
    const { evidence } = await flippedKernelCase();
    const hostile = syntheticReport(
      [
        syntheticResult({
          id: `conv/${IMG}`,
          status: 'fail',
          message: `broken ${SCRIPT}`,
          counterexample: { note: SCRIPT },
          evidence: { ...evidence, comparison: `compared ${IMG}` },
          replay: SCRIPT,
        }),
        syntheticResult({ id: 'pool/x', status: 'unsupported', message: IMG }),
      ],
      { adapter: { name: IMG, version: SCRIPT }, events: [{ kind: IMG, detail: SCRIPT, count: 1 }] },
    );
    const { page, events } = await open(hostile, 'hostile');
    await page.waitForTimeout(200);
    expect(events).toEqual([]);
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    expect(
      await page.evaluate<boolean>(
        "[...document.querySelectorAll('*')].some((e) => [...e.attributes].some((a) => a.name.startsWith('on')))",
      ),
    ).toBe(false);
    await expect(page.locator('.subject').textContent()).resolves.toContain(IMG);
    await expect(page.locator('article.failure .message').textContent()).resolves.toBe(`broken ${SCRIPT}`);
    const adapterName = page.locator('dl.run dd').first();
    await expect(adapterName.textContent()).resolves.toBe(`${IMG} ${SCRIPT}`);
    expect(await adapterName.isVisible()).toBe(true);
    await page.close();
  }, 10_000);

  it('in print, shows the collapsed results and keeps black text on white', async () => {
    const { page } = await open(flipped, 'print');
    const collapsedRow = page.locator('#other-results details tbody tr').first();
    expect(await collapsedRow.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await collapsedRow.isVisible()).toBe(true);
    const colours = await page.evaluate<string[]>(
      '[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]',
    );
    expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await page.pdf({ path: join(screenshots, 'failing-report.pdf'), format: 'A4', printBackground: true });
    await page.close();
  }, 15_000);
});
