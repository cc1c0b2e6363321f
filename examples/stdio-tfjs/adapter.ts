/**
 * TensorFlow.js served over the adapter protocol. A trap in TF.js's wasm module leaves it unusable
 * for the rest of the process; served out of process, the adapter marks its answer to such a call
 * `exit: true` and exits, and the kit starts a fresh process for the next request, so that one bad
 * case does not spoil every later one:
 *
 *   npx cnnspec run --exec "npx tsx examples/stdio-tfjs/adapter.ts wasm"
 *
 * The argument selects the backend: cpu (default) or wasm.
 */
import { tfjsAdapter, tfjsWasmFailure } from '../../src/adapter/tfjsAdapter.js';
import { serveAdapter } from '../../src/protocol/serveAdapter.js';

const backend = process.argv[2] === 'wasm' ? 'wasm' : 'cpu';
await serveAdapter(await tfjsAdapter(backend), process.stdin, process.stdout, { retireWhen: tfjsWasmFailure });
const broken = tfjsWasmFailure();
if (broken !== undefined) {
  process.stderr.write(`tfjs-${backend}: wasm module broken (${broken}); exiting for a restart\n`);
  process.stdout.write('', () => process.exit(3));
}
