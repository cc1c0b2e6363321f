/**
 * `--isolate`: an in-process adapter (a module or a built-in) run in a child process of its own
 * instead of the kit's, served over the protocol by serveIsolated and driven by execAdapter. A
 * call that blocks synchronously (an endless loop) cannot be interrupted inside the kit's
 * process; in a child process it is killed at the timeout, or at Ctrl-C, like any hung `--exec`
 * adapter, and restarted for the next call.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { shellQuote } from './shellQuote.js';
import { execAdapter, type ExecAdapter, type ExecOptions } from './execAdapter.js';

/** The command that serves adapter `spec` in a child process. */
export function isolatedCommand(spec: string): string {
  const here = fileURLToPath(import.meta.url);
  const extension = here.endsWith('.ts') ? '.ts' : '.js';
  const server = join(dirname(here), `serveIsolated${extension}`);
  if (!existsSync(server)) throw new Error(`cannot isolate the adapter: ${server} is missing`);
  // From the sources (tsx, vitest) the server is TypeScript: it loads through tsx's loader.
  const loader = extension === '.ts' ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return ['exec', process.execPath, ...loader, server, spec].map((word, index) => (index === 0 ? word : shellQuote(word))).join(' ');
}

/** Starts adapter `spec` in a child process and waits for its hello (see execAdapter). */
export function isolatedAdapter(spec: string, options: Omit<ExecOptions, 'command'> = {}): Promise<ExecAdapter> {
  return execAdapter({ ...options, command: isolatedCommand(spec) });
}
