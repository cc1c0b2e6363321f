/**
 * The command line of the process that serves a browser adapter (serveBrowser), for the kit to
 * drive as an `--exec` adapter: each job of a run and each restart gets its own process, browser
 * and page (spec: browser.channel, conformance.jobs).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { shellQuote } from '../adapter/shellQuote.js';
import { BROWSER_ADAPTERS, browserAdapterEntry } from './browserAdapters.js';
import type { BrowserChoice } from './launchBrowser.js';

export interface BrowserServeConfig extends BrowserChoice {
  /** A built-in browser adapter's name, or the path of an adapter module. */
  adapter: string;
}

export function browserCommand(config: BrowserServeConfig): string {
  const here = fileURLToPath(import.meta.url);
  const extension = here.endsWith('.ts') ? '.ts' : '.js';
  const server = join(dirname(here), `serveBrowser${extension}`);
  if (!existsSync(server)) throw new Error(`cannot serve a browser adapter: ${server} is missing`);
  // From the sources (tsx, vitest) the server is TypeScript: it loads through tsx's loader.
  const loader = extension === '.ts' ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  // a module path is made absolute, since the process may start in another folder; one that does
  // not exist is refused here, before any process starts
  const adapter = Object.hasOwn(BROWSER_ADAPTERS, config.adapter) ? config.adapter : browserAdapterEntry(config.adapter);
  const json = JSON.stringify({ ...config, adapter });
  return ['exec', process.execPath, ...loader, server, json].map((word, index) => (index === 0 ? word : shellQuote(word))).join(' ');
}
