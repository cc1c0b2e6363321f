/**
 * TensorFlow.js served over the adapter protocol:
 *
 *   npx cnnspec run --exec "npx tsx examples/stdio-tfjs/adapter.ts wasm"
 *
 * The argument selects the backend: cpu (default) or wasm. A trap in TF.js's wasm module leaves
 * its heap in an unknown state; the adapter then replaces the module with a fresh instance (and
 * says so on standard error, which the kit records as an adapter event). Should that fail, it marks
 * its answer `exit: true` and exits, and the kit starts a fresh process for the next request, so
 * that one bad case does not spoil every later one (spec: protocol.timeouts).
 */
import { tfjsAdapter, tfjsWasmFailure, tfjsWasmRenewals } from '../../src/adapter/tfjsAdapter.js';
import { serveAdapter } from '../../src/protocol/serveAdapter.js';

const backend = process.argv[2] === 'wasm' ? 'wasm' : 'cpu';
let renewals = 0;
/** Reports a renewed wasm module once, and gives the reason to exit if the module could not be renewed. */
function retireWhen(): string | undefined {
  if (tfjsWasmRenewals() > renewals) {
    renewals = tfjsWasmRenewals();
    process.stderr.write(`tfjs-${backend}: a call broke the wasm module; a fresh module replaced it\n`);
  }
  return tfjsWasmFailure();
}
await serveAdapter(await tfjsAdapter(backend, { renewBrokenModule: true }), process.stdin, process.stdout, { retireWhen });
const broken = tfjsWasmFailure();
if (broken !== undefined) {
  process.stderr.write(`tfjs-${backend}: wasm module broken (${broken}); exiting for a restart\n`);
  process.stdout.write('', () => process.exit(3));
}
