// An out-of-process adapter (spec/protocol.md) with one fault, named by its first argument. It
// implements dense and 1-D channels-first convolution correctly in plain JavaScript (quick to
// start, so restarts stay cheap), and the fault strikes its convolution answers or the process
// itself, so that a run shows what the fault breaks and what must still pass.
//
//   node faultyProcess.mjs <mode> [n=<number>] [once=<marker file>]
//
// With once=<file>, the fault strikes only while the file does not exist, and the process that
// strikes creates it: one request of the whole run is hit, and the restarted adapter is healthy.
// Modes:
//
//   healthy             no fault
//   exit-on-request     exits with code 3 on its nth request (n, default 3)
//   sigkill-on-conv     kills itself with SIGKILL on a convolution request
//   sigsegv-on-conv     kills itself with SIGSEGV on a convolution request
//   wrong-shape         answers convolutions with a well-formed tensor of the wrong shape
//   wrong-length        answers convolutions with one element's bytes missing
//   wrong-dtype         answers convolutions with float64 data
//   nan                 answers convolutions with NaN everywhere
//   garbage             prints blank, non-JSON and invalid lines around every answer
//   duplicate           answers every request twice
//   hangs               never answers a convolution, and outlives its closed standard input
//   hold                holds a convolution answer until the next request arrives, then sends that one first
//   unknown-id          answers convolutions under an id the kit never used
//   huge-line           writes a line of n MiB (default 200) on a convolution request, then answers
//   endless-line        writes a line that never ends on a convolution request
//   stderr-flood        writes n MiB (default 4) to standard error on every request, then answers
//   silent              never greets
//   protocol-2          greets with protocol version 2
//   invalid-hello       greets without the ops it implements
//   closes-stdout       closes its standard output on a convolution request and keeps running
//   second-hello        greets twice, and greets again with its answer to every convolution
//   midrun-protocol-2   answers a convolution request with a hello of protocol version 2 instead
//   impostor            exits with code 3 on a convolution request; with once=, every process
//                       started after that greets as another implementation, of another convention
//   invalid-exit        answers a convolution with an invalid result (a float64 tensor) that says exit: true,
//                       and goes on serving
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [mode = 'healthy', ...options] = process.argv.slice(2);
const option = (name) => options.find((o) => o.startsWith(`${name}=`))?.slice(name.length + 1);
const n = option('n') === undefined ? undefined : Number(option('n'));
const marker = option('once');
/** Whether the fault strikes now; with a marker file, only the first time in the run. */
const strike = () => {
  if (marker === undefined) return true;
  if (existsSync(marker)) return false;
  writeFileSync(marker, `struck in process ${process.pid}\n`);
  return true;
};
const MiB = 1024 * 1024;
const send = (message) => process.stdout.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);

const decode = (t) => {
  const bytes = Buffer.from(t.data, 'base64');
  return { shape: t.shape, data: Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4)) };
};
const encode = (shape, data) => {
  const bytes = Buffer.alloc(data.length * 4);
  data.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return { shape, dtype: 'float32', data: bytes.toString('base64') };
};
const perAxis = (value, fallback) => (value === undefined ? fallback : Array.isArray(value) ? value[0] : value);

function dense({ tensors, params }) {
  const x = decode(tensors.input);
  const w = decode(tensors.weight);
  const b = tensors.bias && decode(tensors.bias);
  const inOut = (params.weightLayout ?? 'in-out') === 'in-out';
  const nin = x.shape.at(-1);
  const nout = inOut ? w.shape[1] : w.shape[0];
  const y = [];
  for (let r = 0; r < x.data.length / nin; r++)
    for (let o = 0; o < nout; o++) {
      let acc = 0;
      for (let i = 0; i < nin; i++) acc += x.data[r * nin + i] * w.data[inOut ? i * nout + o : o * nin + i];
      y.push(b ? acc + b.data[o] : acc);
    }
  return encode([...x.shape.slice(0, -1), nout], y);
}

// 1-D, channels-first, out-in-spatial kernel, one group, zero padding: the features the hello declares.
function conv({ tensors, params }) {
  const x = decode(tensors.input);
  const w = decode(tensors.weight);
  const b = tensors.bias && decode(tensors.bias);
  const [batch, channels, length] = x.shape;
  const [outChannels, , kernel] = w.shape;
  const stride = perAxis(params.strides, 1);
  const dilation = perAxis(params.dilations, 1);
  const padding = params.padding ?? 'valid';
  const begin = padding === 'valid' ? 0 : perAxis(padding.begin ?? padding, 0);
  const end = padding === 'valid' ? 0 : perAxis(padding.end ?? padding, 0);
  const outLength = Math.floor((length + begin + end - dilation * (kernel - 1) - 1) / stride) + 1;
  if (!(outLength >= 1)) throw new Error(`the output would be empty (length ${outLength})`);
  const y = [];
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < outChannels; o++)
      for (let p = 0; p < outLength; p++) {
        let acc = b ? b.data[o] : 0;
        for (let c = 0; c < channels; c++)
          for (let k = 0; k < kernel; k++) {
            const at = p * stride + k * dilation - begin;
            if (at >= 0 && at < length) acc += x.data[(n * channels + c) * length + at] * w.data[(o * channels + c) * kernel + k];
          }
        y.push(acc);
      }
  return encode([batch, outChannels, outLength], y);
}

function answer(message) {
  try {
    return { type: 'result', id: message.id, tensor: message.op === 'conv' ? conv(message) : dense(message) };
  } catch (error) {
    return { type: 'error', id: message.id, message: error.message };
  }
}

/** The modes whose fault strikes a convolution request; the others strike every request, or the process. */
const CONV_FAULTS = [
  'second-hello',
  'midrun-protocol-2',
  'impostor',
  'invalid-exit',
  'hangs',
  'sigkill-on-conv',
  'sigsegv-on-conv',
  'wrong-shape',
  'wrong-length',
  'wrong-dtype',
  'nan',
  'hold',
  'unknown-id',
  'huge-line',
  'endless-line',
  'closes-stdout',
];

// an impostor's restarts are told apart by the marker file its first strike leaves
const impostor = mode === 'impostor' && marker !== undefined && existsSync(marker);
const hello = {
  type: 'hello',
  protocol: 1,
  name: impostor ? 'someone-else' : `faulty-${mode}`,
  version: '1',
  convention: impostor ? 'onnx' : 'cnnspec',
  features: ['conv', 'dense', 'dense.bias', 'dense.rank-3', 'layout.channels-first', 'spatial-rank-1'],
  ops: ['conv', 'dense'],
};

if (mode === 'silent') {
  setInterval(() => undefined, 1000);
} else if (mode === 'protocol-2') {
  send({ ...hello, protocol: 2 });
  setInterval(() => undefined, 1000);
} else if (mode === 'invalid-hello') {
  const { ops: _ops, ...withoutOps } = hello;
  send(withoutOps);
  setInterval(() => undefined, 1000);
} else {
  send(hello);
  if (mode === 'second-hello') send(hello);
  let requests = 0;
  let held;
  for await (const line of createInterface({ input: process.stdin })) {
    const message = JSON.parse(line);
    if (message.type === 'shutdown') break;
    requests += 1;
    const right = answer(message);
    const struck = message.op === 'conv' && CONV_FAULTS.includes(mode) && strike();
    if (mode === 'exit-on-request' && requests === (n ?? 3) && strike()) process.exit(3);
    if (mode === 'impostor' && struck) process.exit(3);
    if (mode === 'second-hello' && struck) send(hello);
    if (mode === 'midrun-protocol-2' && struck) {
      send({ ...hello, protocol: 2 });
      continue;
    }
    if (mode === 'invalid-exit' && struck) {
      send({ type: 'result', id: message.id, tensor: { shape: [1], dtype: 'float64', data: '' }, exit: true });
      continue;
    }
    if (mode === 'sigkill-on-conv' && struck) process.kill(process.pid, 'SIGKILL');
    if (mode === 'sigsegv-on-conv' && struck) process.kill(process.pid, 'SIGSEGV');
    if (mode === 'hangs' && struck) {
      setInterval(() => undefined, 1000);
      continue;
    }
    if (mode === 'closes-stdout' && struck) {
      process.stdout.end();
      setInterval(() => undefined, 1000);
      continue;
    }
    if (mode === 'endless-line' && struck) {
      const chunk = 'x'.repeat(MiB);
      const flood = () => {
        while (process.stdout.write(chunk));
        process.stdout.once('drain', flood);
      };
      flood();
      continue;
    }
    if (mode === 'huge-line' && struck) {
      const chunk = 'x'.repeat(MiB);
      for (let i = 0; i < (n ?? 200); i++) process.stdout.write(chunk);
      process.stdout.write('\n');
    }
    if (mode === 'stderr-flood') {
      process.stderr.write(`an unterminated diagnostic of a megabyte ${'u'.repeat(MiB)}\n`);
      const line = `diagnostic ${requests}: ${'e'.repeat(90)}\n`;
      process.stderr.write(line.repeat(Math.ceil(((n ?? 4) * MiB) / line.length)));
    }
    if (right.type === 'result' && struck) {
      if (mode === 'wrong-shape') right.tensor = encode([1], [0]);
      if (mode === 'wrong-length') right.tensor.data = Buffer.from(right.tensor.data, 'base64').subarray(4).toString('base64');
      if (mode === 'wrong-dtype') {
        const values = decode(right.tensor).data;
        const bytes = Buffer.alloc(values.length * 8);
        values.forEach((v, i) => bytes.writeDoubleLE(v, i * 8));
        right.tensor = { shape: right.tensor.shape, dtype: 'float64', data: bytes.toString('base64') };
      }
      if (mode === 'nan') right.tensor = encode(right.tensor.shape, new Array(decode(right.tensor).data.length).fill(Number.NaN));
    }
    if (mode === 'garbage') {
      send('');
      send('this is not JSON {');
      send({ type: 'result' });
      send({ hello: 'world' });
      send('\u0000\u0001 binary \u00ff');
    }
    if (mode === 'unknown-id' && struck) {
      send({ ...right, id: message.id + 1000 });
      continue;
    }
    if (mode === 'hold') {
      if (struck && held === undefined) {
        held = right;
        continue;
      }
      send(right);
      if (held !== undefined) send(held);
      held = undefined;
      continue;
    }
    send(right);
    if (mode === 'duplicate') send(right);
    if (mode === 'garbage') send('trailing garbage after the answer');
  }
}
