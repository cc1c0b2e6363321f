// An out-of-process adapter in plain JavaScript (quick to start): it implements dense and dies
// (exit 1) on every convolution request. The kit must restart it and go on.
import { createInterface } from 'node:readline';

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const decode = (t) => {
  const bytes = Buffer.from(t.data, 'base64');
  return { shape: t.shape, data: Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4)) };
};
const encode = (shape, data) => {
  const bytes = Buffer.alloc(data.length * 4);
  data.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return { shape, dtype: 'float32', data: bytes.toString('base64') };
};

send({
  type: 'hello',
  protocol: 1,
  name: 'crash-on-conv',
  version: '1',
  convention: 'cnnspec',
  features: [
    'conv',
    'dense',
    'dense.bias',
    'dense.rank-3',
    'layout.channels-first',
    'layout.channels-last',
    'spatial-rank-1',
    'spatial-rank-2',
    'spatial-rank-3',
  ],
  ops: ['conv', 'dense'],
});
for await (const line of createInterface({ input: process.stdin })) {
  const message = JSON.parse(line);
  if (message.type === 'shutdown') break;
  if (message.op === 'conv') process.exit(1);
  const x = decode(message.tensors.input);
  const w = decode(message.tensors.weight);
  const b = message.tensors.bias && decode(message.tensors.bias);
  const inOut = (message.params.weightLayout ?? 'in-out') === 'in-out';
  const nin = x.shape.at(-1);
  const nout = inOut ? w.shape[1] : w.shape[0];
  const rows = x.data.length / nin;
  const y = [];
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < nout; o++) {
      let acc = 0;
      for (let i = 0; i < nin; i++) acc += x.data[r * nin + i] * w.data[inOut ? i * nout + o : o * nin + i];
      y.push(b ? acc + b.data[o] : acc);
    }
  send({ type: 'result', id: message.id, tensor: encode([...x.shape.slice(0, -1), nout], y) });
}
