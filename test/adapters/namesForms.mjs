// An out-of-process adapter that names the API form of its calls (spec: conformance.api-forms):
// conv answers a 1-element zero tensor in the form `Conv(pads omitted)`, dense fails in the form
// `Gemm(transB=1)`. With the argument `number-form` its conv answer gives the form as a number,
// which breaks the protocol.
import { createInterface } from 'node:readline';

const numberForm = process.argv[2] === 'number-form';
const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const zero = { shape: [1], dtype: 'float32', data: Buffer.alloc(4).toString('base64') };
send({
  type: 'hello',
  protocol: 1,
  name: 'names-forms',
  version: '1',
  convention: 'cnnspec',
  features: ['conv', 'dense', 'spatial-rank-1', 'layout.channels-first'],
  ops: ['conv', 'dense'],
});

for await (const line of createInterface({ input: process.stdin })) {
  const message = JSON.parse(line);
  if (message.type === 'shutdown') break;
  if (message.op === 'conv') send({ type: 'result', id: message.id, tensor: zero, form: numberForm ? 3 : 'Conv(pads omitted)' });
  else send({ type: 'error', id: message.id, message: 'no dense today', form: 'Gemm(transB=1)' });
}
