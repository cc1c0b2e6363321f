/**
 * One session of a browser adapter (spec: browser.channel): bundles the adapter module, starts
 * Chromium, loads the module into a page and carries the protocol (spec/protocol.md) between an
 * input and an output stream and the page, one line at a time, with several requests in flight.
 * serveBrowser runs it on the process's standard streams, where the kit drives it as an `--exec`
 * adapter; a test runs it in its own process.
 *
 * It ends with 0 after a shutdown or the end of the input, 2 when the adapter or the browser
 * cannot be started (the log says what was tried), and calls `exit(3)` at once when the page
 * crashes or its browser goes away (spec: browser.faults).
 */
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { readKitLine } from '../protocol/readKitLine.js';
import { browserAdapterEntry } from './browserAdapters.js';
import type { BrowserServeConfig } from './browserCommand.js';
import { bundleAdapter } from './bundleAdapter.js';
import { launchBrowser } from './launchBrowser.js';
import { PAGE_ORIGIN, PAGE_URL, pageFile } from './pageFiles.js';
import type { PageHost } from './page/hostAdapter.js';

/** How much of one console message or page error is logged. */
const MAX_LOG_CHARS = 2000;

export interface SessionIo {
  input: Readable;
  /** One protocol line, without its newline. */
  writeLine: (line: string) => void;
  /** One line for the kit's record of the adapter's standard error. */
  log: (text: string) => void;
  /** Ends the session's process at once (a crashed page): the kit starts a fresh one. */
  exit: (code: number) => void;
}

export async function serveBrowserSession(config: BrowserServeConfig, io: SessionIo): Promise<number> {
  const log = (text: string): void => io.log(text.replace(/\s+/g, ' ').slice(0, MAX_LOG_CHARS));
  /** True once the session is ending in order: the browser's going away is then no fault. */
  let closing = false;
  const fail = (code: number, why: string): void => {
    if (closing) return;
    closing = true;
    log(why);
    io.exit(code);
  };

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

  let browser: Browser | undefined;
  let page: Page;
  let hello: string;
  try {
    const entry = browserAdapterEntry(config.adapter);
    const bundle = await bundleAdapter(entry);
    browser = await launchBrowser(config);
    page = await openPage(browser, bundle, entry);
    hello = await page.evaluate(() => (globalThis as unknown as { cnnspecStart: Promise<string> }).cnnspecStart);
  } catch (error) {
    closing = true;
    await browser?.close().catch(() => undefined);
    // the kit quotes this last line of standard error when no hello comes (spec: browser.start)
    log(`cannot start the browser adapter ${config.adapter}: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  io.writeLine(hello);
  const inFlight = new Set<Promise<void>>();
  for await (const line of createInterface({ input: io.input, crlfDelay: Infinity })) {
    if (closing) break;
    const read = readKitLine(line);
    if (read.kind === 'skip') continue;
    if (read.kind === 'invalid') {
      if (read.reply !== undefined) io.writeLine(JSON.stringify(read.reply));
      continue;
    }
    if (read.kind === 'shutdown') break;
    const { request } = read;
    const answered = page
      .evaluate((text) => (globalThis as unknown as PageHost).cnnspecAnswer(text), line)
      .then(io.writeLine, (error: unknown) =>
        // the host answers every error of the adapter itself: this is the channel failing
        fail(3, `the page could not answer request ${request.id}: ${(error as Error).message.split('\n')[0]}`),
      );
    inFlight.add(answered);
    void answered.finally(() => inFlight.delete(answered));
  }
  await Promise.all(inFlight);
  if (closing) return 3;
  closing = true;
  await page.evaluate(() => (globalThis as unknown as PageHost).cnnspecDispose()).catch(() => undefined);
  await browser.close();
  return 0;
}
