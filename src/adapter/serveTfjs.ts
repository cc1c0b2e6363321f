/**
 * TF.js served over the adapter protocol in a process of its own: the process behind
 * `--adapter tfjs-wasm` (through serveIsolated) and examples/stdio-tfjs. On wasm, a call that
 * breaks the module (a trap, an output of negative size) is followed by a fresh module, reported
 * on standard error, which the kit records as an adapter event; should the renewal fail, the
 * answer is marked `exit: true` and the caller ends the process, and the kit starts a fresh one
 * for the next request (spec: protocol.timeouts). In the kit's own process neither is possible:
 * a hang inside the module would block the run for good, so the wasm backend only runs here.
 */
import type { Readable, Writable } from 'node:stream';
import { serveAdapter } from '../protocol/serveAdapter.js';
import { tfjsAdapter, tfjsWasmFailure, tfjsWasmRenewals, type TfjsBackend } from './tfjsAdapter.js';

/**
 * Serves the TF.js adapter on `backend` until the input ends or the module cannot be renewed.
 * @returns why the wasm module is unusable (the process must then exit), or undefined
 */
export async function serveTfjs(backend: TfjsBackend, input: Readable, output: Writable): Promise<string | undefined> {
  let renewals = tfjsWasmRenewals();
  /** Reports a renewed wasm module once, and gives the reason to exit if it could not be renewed. */
  function retireWhen(): string | undefined {
    if (tfjsWasmRenewals() > renewals) {
      renewals = tfjsWasmRenewals();
      process.stderr.write(`tfjs-${backend}: a call broke the wasm module; a fresh module replaced it\n`);
    }
    return tfjsWasmFailure();
  }
  await serveAdapter(await tfjsAdapter(backend, { renewBrokenModule: true }), input, output, { retireWhen });
  return tfjsWasmFailure();
}
