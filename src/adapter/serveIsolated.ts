/**
 * The process behind `cnnspec run --adapter <module> --isolate`: loads the adapter as the run
 * command would in process, then serves it over the protocol (spec/protocol.md) on standard
 * input and output, so that the kit can kill it at a timeout or an interrupt, which it cannot do
 * to code running in its own thread.
 *
 *   node serveIsolated.js <adapter>
 */
import { Writable } from 'node:stream';
import { serveAdapter } from '../protocol/serveAdapter.js';
import { loadAdapter } from './loadAdapter.js';

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
let adapter;
try {
  adapter = await loadAdapter(spec);
} catch (error) {
  // the kit shows this last line of standard error when the process ends before its hello
  process.stderr.write(`${(error as Error).message.replace(/\n/g, ' ')}\n`);
  process.exit(2);
}
await serveAdapter(adapter, process.stdin, protocol);
// An adapter may leave timers or handles behind: the session is over once serving ends.
process.exit(0);
