/**
 * TensorFlow.js served over the adapter protocol. A trap in TF.js's wasm module leaves it unusable
 * for the rest of the process; served out of process, the adapter exits after such a call and the
 * kit restarts it, so that one bad case does not spoil every later one:
 *
 *   npx cnnspec run --exec "npx tsx examples/stdio-tfjs/adapter.ts wasm"
 *
 * The argument selects the backend: cpu (default) or wasm.
 */
import { PassThrough } from 'node:stream';
import { tfjsAdapter, tfjsWasmFailure } from '../../src/adapter/tfjsAdapter.js';
import { serveAdapter } from '../../src/protocol/serveAdapter.js';

const backend = process.argv[2] === 'wasm' ? 'wasm' : 'cpu';
const output = new PassThrough();
output.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (tfjsWasmFailure() !== undefined) {
    // Answered; now leave, so that the next request gets a fresh wasm module.
    process.stderr.write(`tfjs-${backend}: wasm module broken (${tfjsWasmFailure()}); exiting for a restart\n`);
    process.stdout.write('', () => process.exit(3));
  }
});
await serveAdapter(await tfjsAdapter(backend), process.stdin, output);
