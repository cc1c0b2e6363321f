/**
 * The process behind `cnnspec run --adapter <module> --isolate`: loads the adapter as the run
 * command would in process, then serves it over the protocol (spec/protocol.md) on standard
 * input and output, so that the kit can kill it at a timeout or an interrupt, which it cannot do
 * to code running in its own thread.
 *
 *   node serveIsolated.js <adapter>
 *
 * The built-in `tfjs-wasm` always runs here (see OUT_OF_PROCESS_BUILTINS), served by serveTfjs,
 * which renews a module that a call broke.
 */
import { Writable } from 'node:stream';
import type { Adapter } from '../ops/Adapter.js';
import { serveAdapter } from '../protocol/serveAdapter.js';
import { loadAdapter } from './loadAdapter.js';
import { serveTfjs } from './serveTfjs.js';

// Standard output carries the protocol: whatever the adapter prints (console.log) goes to
// standard error, which the kit records, instead of breaking the framing.
const writeProtocol = process.stdout.write.bind(process.stdout);
const protocol = new Writable({
  write(chunk: Buffer, _encoding, done) {
    writeProtocol(chunk, (error) => done(error ?? null));
  },
});
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;

const spec = process.argv[2];
if (spec === undefined) {
  process.stderr.write('usage: serveIsolated <adapter>\n');
  process.exit(2);
}
/** Serves a built-in or module adapter as loadAdapter loads it, until the input ends. */
async function serveLoaded(spec: string): Promise<number> {
  let adapter: Adapter;
  try {
    adapter = await loadAdapter(spec);
  } catch (error) {
    // the kit shows this last line of standard error when the process ends before its hello
    process.stderr.write(`${(error as Error).message.replace(/\n/g, ' ')}\n`);
    return 2;
  }
  await serveAdapter(adapter, process.stdin, protocol);
  return 0;
}

/** Serves TF.js on wasm with module renewal; exit code 3 when the module could not be renewed. */
async function serveWasm(): Promise<number> {
  let broken: string | undefined;
  try {
    broken = await serveTfjs('wasm', process.stdin, protocol);
  } catch (error) {
    process.stderr.write(`cannot start the built-in adapter tfjs-wasm: ${(error as Error).message.replace(/\n/g, ' ')}\n`);
    return 2;
  }
  if (broken === undefined) return 0;
  // spec: protocol.timeouts — the last answer was marked exit: the kit starts a fresh process
  process.stderr.write(`tfjs-wasm: wasm module broken (${broken}); exiting for a restart\n`);
  return 3;
}

const code = spec === 'tfjs-wasm' ? await serveWasm() : await serveLoaded(spec);
// An adapter may leave timers or handles behind: the session is over once serving ends. The
// protocol stream is flushed first, so that the last answer is not lost.
protocol.end(() => process.exit(code));
