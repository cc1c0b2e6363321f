// An out-of-process adapter (spec/protocol.md) that attacks the kit's output rather than its
// process handling: oversized or nested fields, escape sequences, junk base64. It implements dense
// layers correctly in plain JavaScript (quick to start); the mode, its first argument, names what
// it sends instead.
//
//   node hostileProcess.mjs <mode> [n=<number>]
//
// Modes:
//
//   healthy         no attack
//   huge-shape      answers dense with a shape of n dimensions (default 2,000,000) of size 0, and no data
//   huge-name       greets with a name of n characters (default 200,000)
//   huge-version    greets with a version of n characters (default 200,000)
//   deep-convention greets with a convention override nested n levels deep (default 10,000)
//   wide-convention greets with a convention override of n fields (default 100,000)
//   terminal-name   greets with a name and version full of terminal escape sequences
//   url-name        greets with a name and version holding bare URLs, and fails one request with a message holding one
//   junk-base64     answers dense with the right bytes in base64 with junk characters mixed in
//   huge-message    fails dense requests with a message of n characters (default 1,000,000)
//   huge-form       answers dense with a form of n characters (default 1,000,000)
//   huge-value      answers dense with a tensor whose shape has n entries, each a huge number (default 1,000)
import { createInterface } from 'node:readline';

const [mode = 'healthy', ...options] = process.argv.slice(2);
const option = (name) => options.find((o) => o.startsWith(`${name}=`))?.slice(name.length + 1);
const n = option('n') === undefined ? undefined : Number(option('n'));
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

/** The JSON text of a value nested `depth` levels deep (JSON.stringify itself overflows the stack on it). */
const nestedJson = (depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const ESCAPES = '\u001b[2J\u001b[H\u001b[32mconformant\u001b[0m\u001b]52;c;ZWNobyBwd25lZA==\u0007\r\u0008';

const hello = {
  type: 'hello',
  protocol: 1,
  name: `hostile-${mode}`,
  version: '1',
  convention: 'cnnspec',
  features: ['dense', 'dense.bias', 'dense.rank-3'],
  ops: ['dense'],
};
if (mode === 'huge-name') hello.name = 'n'.repeat(n ?? 200_000);
if (mode === 'huge-version') hello.version = 'v'.repeat(n ?? 200_000);
if (mode === 'deep-convention') hello.convention = { base: 'cnnspec', overrides: { layout: '@deep' } };
if (mode === 'wide-convention')
  hello.convention = { base: 'cnnspec', overrides: Object.fromEntries(Array.from({ length: n ?? 100_000 }, (_, i) => [`knob${i}`, i])) };
if (mode === 'terminal-name') {
  hello.name = `evil${ESCAPES}`;
  hello.version = `1${ESCAPES}`;
}
if (mode === 'url-name') {
  hello.name = 'see https://evil.example/phish';
  hello.version = 'www.evil.example';
}

send(JSON.stringify(hello).replace('"@deep"', nestedJson(n ?? 10_000)));
// The huge tensor's text once, so that the adapter's own cost does not hide the kit's.
const hugeTensor =
  mode === 'huge-shape' ? `{"shape":[${new Array(n ?? 2_000_000).fill('0').join(',')}],"dtype":"float32","data":""}` : undefined;
let failed = false;
for await (const line of createInterface({ input: process.stdin })) {
  const message = JSON.parse(line);
  if (message.type === 'shutdown') break;
  let reply;
  try {
    reply = { type: 'result', id: message.id, tensor: dense(message) };
  } catch (error) {
    reply = { type: 'error', id: message.id, message: error.message };
  }
  if (reply.type === 'result') {
    if (mode === 'huge-shape') reply.tensor = '@huge';
    if (mode === 'huge-value') reply.tensor = { shape: new Array(n ?? 1000).fill(2 ** 52), dtype: 'float32', data: '' };
    if (mode === 'junk-base64') reply.tensor.data = `!${reply.tensor.data.split('').join('*')}#`;
    if (mode === 'huge-message') reply = { type: 'error', id: message.id, message: 'm'.repeat(n ?? 1_000_000) };
    if (mode === 'huge-form') reply.form = 'f'.repeat(n ?? 1_000_000);
    if (mode === 'url-name' && !failed) {
      failed = true;
      reply = { type: 'error', id: message.id, message: 'broken, see https://evil.example/phish or www.evil.example' };
    }
  }
  send(reply.tensor === '@huge' ? JSON.stringify(reply).replace('"@huge"', hugeTensor) : reply);
}
