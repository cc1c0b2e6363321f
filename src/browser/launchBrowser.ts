/**
 * Starts the Chromium that hosts a browser adapter (spec: browser.start), through playwright-core.
 * Headless by default with software rendering: SwiftShader gives WebGL2 with float render targets
 * and a WebGPU adapter on any machine, a CI runner included. `gpu` leaves the choice of the
 * graphics device to the browser, for a machine with a GPU and its drivers.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export interface BrowserChoice {
  /** The browser's executable; by default the first of BROWSER_CANDIDATES that exists. */
  executablePath?: string;
  /** Use the machine's GPU instead of SwiftShader. */
  gpu?: boolean;
  /** More command-line flags, after the kit's. */
  args?: readonly string[];
}

/** Where a Chromium is looked for, in order, when no path is given. */
export const BROWSER_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** WebGL2 and WebGPU on the CPU (spec: browser.start): the same results on every machine. */
export const SWIFTSHADER_FLAGS: readonly string[] = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
];

/** The machine's GPU, where one exists; WebGPU is still behind a flag on Linux. */
export const GPU_FLAGS: readonly string[] = ['--enable-unsafe-webgpu', '--ignore-gpu-blocklist', '--enable-features=Vulkan'];

/** No browser could be started: an adapter error (exit 2) saying what was tried. */
export class BrowserStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserStartError';
  }
}

/** The executable to start, or an error listing every place looked at. */
export function findBrowser(choice: BrowserChoice, exists: (path: string) => boolean = existsSync): string {
  if (choice.executablePath !== undefined) {
    if (!exists(choice.executablePath)) throw new BrowserStartError(`no browser at ${choice.executablePath} (given with --browser)`);
    return choice.executablePath;
  }
  const found = BROWSER_CANDIDATES.find((path) => exists(path));
  if (found === undefined) {
    throw new BrowserStartError(
      `no Chromium found: tried ${BROWSER_CANDIDATES.join(', ')}; install one (npm run setup:browser installs Debian's chromium) or give its path with --browser <path>`,
    );
  }
  return found;
}

export async function launchBrowser(choice: BrowserChoice): Promise<Browser> {
  const executablePath = findBrowser(choice);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw new BrowserStartError(`--browser needs playwright-core (npm install --save-dev playwright-core): ${(error as Error).message}`);
  }
  const args = [...(choice.gpu === true ? GPU_FLAGS : SWIFTSHADER_FLAGS), ...(choice.args ?? [])];
  try {
    // The browser ends with this process: its pipe to playwright closes when the process dies,
    // even when the kit kills it at a timeout (spec: browser.faults).
    return await chromium.launch({ executablePath, headless: true, args });
  } catch (error) {
    const message = (error as Error).message.split('\n').slice(0, 6).join(' ');
    throw new BrowserStartError(`cannot start the browser ${executablePath} with ${args.join(' ')}: ${message}`);
  }
}
