/**
 * TensorFlow.js served over the adapter protocol:
 *
 *   npx cnnspec run --exec "npx tsx examples/stdio-tfjs/adapter.ts wasm"
 *
 * The argument selects the backend: cpu (default) or wasm. A trap in TF.js's wasm module leaves
 * its heap in an unknown state; the adapter then replaces the module with a fresh instance (and
 * says so on standard error, which the kit records as an adapter event). Should that fail, it marks
 * its answer `exit: true` and exits, and the kit starts a fresh process for the next request, so
 * that one bad case does not spoil every later one (spec: protocol.timeouts). `--adapter tfjs-wasm`
 * runs the same server (src/adapter/serveTfjs.ts) in a child process of the kit.
 */
import { serveTfjs } from '../../src/adapter/serveTfjs.js';

const backend = process.argv[2] === 'wasm' ? 'wasm' : 'cpu';
const broken = await serveTfjs(backend, process.stdin, process.stdout);
if (broken !== undefined) {
  process.stderr.write(`tfjs-${backend}: wasm module broken (${broken}); exiting for a restart\n`);
  process.stdout.write('', () => process.exit(3));
}
