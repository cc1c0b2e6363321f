/**
 * The built-in browser adapters (`cnnspec run --browser --adapter <name>`): each is a module under
 * adapters/ whose default export makes the adapter inside the page (spec: browser.adapters).
 * Any other `--adapter` is the path of a module of the same shape.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BROWSER_ADAPTERS = {
  /** The reference, run in the page: checks the channel itself, on any browser. */
  reference: 'reference',
  'tfjs-webgl': 'tfjsWebgl',
  'tfjs-webgpu': 'tfjsWebgpu',
  'onnxruntime-web-webgpu': 'onnxruntimeWebWebgpu',
  'onnxruntime-web-wasm': 'onnxruntimeWebWasm',
} as const;

export type BrowserAdapterName = keyof typeof BROWSER_ADAPTERS;

export const BROWSER_ADAPTER_NAMES = Object.keys(BROWSER_ADAPTERS) as BrowserAdapterName[];

/** A browser adapter that cannot be found: a usage error (exit 2). */
export class BrowserAdapterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserAdapterError';
  }
}

/** The module file of `--adapter` for a browser run: a built-in's entry, or the given path. */
export function browserAdapterEntry(spec: string): string {
  const here = fileURLToPath(import.meta.url);
  if (Object.hasOwn(BROWSER_ADAPTERS, spec)) {
    const extension = here.endsWith('.ts') ? '.ts' : '.js';
    return join(dirname(here), 'adapters', `${BROWSER_ADAPTERS[spec as BrowserAdapterName]}${extension}`);
  }
  const path = resolve(spec);
  if (!existsSync(path)) {
    throw new BrowserAdapterError(`no browser adapter "${spec}": not a built-in (${BROWSER_ADAPTER_NAMES.join(', ')}) and no such file`);
  }
  return path;
}
