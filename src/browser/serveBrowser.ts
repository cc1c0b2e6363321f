/**
 * The process behind `cnnspec run --browser`: bundles the adapter module, starts Chromium, loads
 * the module into a page and carries the protocol (spec/protocol.md) between its standard input
 * and output and the page, one line at a time, with several requests in flight (spec:
 * browser.channel). To the kit it is an `--exec` adapter like any other, so everything the runner
 * does for one holds here: timeouts, restarts, Ctrl-C, the record of its standard error, where
 * the page's console and errors go (spec: browser.faults).
 *
 *   node serveBrowser.js '<BrowserServeConfig as JSON>'
 *
 * Exit codes: 0 after a shutdown or the end of the input, 2 when the adapter or the browser
 * cannot be started (standard error says what was tried), 3 when the page crashed or its browser
 * went away: the kit starts a fresh process, with a fresh page, for the next call.
 */
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { RequestMessage } from '../protocol/messages.js';
import { protocolProblems } from '../protocol/validateMessage.js';
import { browserAdapterEntry } from './browserAdapters.js';
import type { BrowserServeConfig } from './browserCommand.js';
import { bundleAdapter } from './bundleAdapter.js';
import { launchBrowser } from './launchBrowser.js';
import { PAGE_ORIGIN, PAGE_URL, pageFile } from './pageFiles.js';
import type { PageHost } from './page/hostAdapter.js';

/** How much of one console message or page error goes to standard error. */
const MAX_LOG_CHARS = 2000;

const writeLine = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const log = (text: string): void => {
  process.stderr.write(`${text.replace(/\s+/g, ' ').slice(0, MAX_LOG_CHARS)}\n`);
};

/** True once the session is ending in order: the browser's going away is then no fault. */
let closing = false;

/** Ends this process at once, taking the browser with it (its pipe closes). */
function fail(code: number, why: string): void {
  if (closing) return;
  log(why);
  process.exit(code);
}

async function openPage(browser: Browser, bundle: string, entry: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => log(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  // spec: browser.faults — a crashed page or a lost browser ends the process: the kit restarts it
  page.on('crash', () => fail(3, 'the page crashed (its renderer process is gone); exiting for a fresh page'));
  browser.on('disconnected', () => fail(3, 'the browser went away; exiting for a fresh one'));
  const searchFrom = [dirname(entry), dirname(fileURLToPath(import.meta.url))];
  await page.route(`${PAGE_ORIGIN}/**`, (route) => {
    const file = pageFile(new URL(route.request().url()).pathname, bundle, searchFrom);
    if (file.status !== 200) log(`page request ${route.request().url()}: ${String(file.body)}`);
    return route.fulfill({ status: file.status, contentType: file.contentType, body: file.body });
  });
  await page.goto(PAGE_URL);
  return page;
}

async function serve(config: BrowserServeConfig): Promise<number> {
  let page: Page;
  let hello: string;
  try {
    const entry = browserAdapterEntry(config.adapter);
    const bundle = await bundleAdapter(entry);
    const browser = await launchBrowser(config);
    page = await openPage(browser, bundle, entry);
    hello = await page.evaluate(() => (globalThis as unknown as { cnnspecStart: Promise<string> }).cnnspecStart);
  } catch (error) {
    // the kit quotes this last line of standard error when no hello comes (spec: browser.start)
    log(`cannot start the browser adapter ${config.adapter}: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  writeLine(hello);
  const inFlight = new Set<Promise<void>>();
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    let message: { type?: string; id?: number };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    const problems = protocolProblems(message);
    if (problems.length > 0) {
      if (typeof message.id === 'number')
        writeLine(JSON.stringify({ type: 'error', id: message.id, message: `invalid request: ${problems.join('; ')}` }));
      continue;
    }
    if (message.type === 'shutdown') break;
    const request = message as RequestMessage;
    const answered = page
      .evaluate((text) => (globalThis as unknown as PageHost).cnnspecAnswer(text), line)
      .then(writeLine, (error: unknown) =>
        // the host answers every error of the adapter itself: this is the channel failing
        fail(3, `the page could not answer request ${request.id}: ${(error as Error).message.split('\n')[0]}`),
      );
    inFlight.add(answered);
    void answered.finally(() => inFlight.delete(answered));
  }
  await Promise.all(inFlight);
  closing = true;
  await page.evaluate(() => (globalThis as unknown as PageHost).cnnspecDispose()).catch(() => undefined);
  await page.context().browser()?.close();
  return 0;
}

const config = JSON.parse(process.argv[2] ?? 'null') as BrowserServeConfig | null;
if (config === null || typeof config.adapter !== 'string') {
  log('usage: serveBrowser \'{"adapter": "<name or module>"}\'');
  process.exit(2);
}
const code = await serve(config);
process.stdout.write('', () => process.exit(code));
