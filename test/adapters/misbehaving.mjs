// An out-of-process adapter that breaks the protocol in the way its first argument names, for the
// tests of the kit's side of the protocol (spec: protocol.*). It never computes anything real:
// every tensor answer is a 1-element zero tensor.
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const mode = process.argv[2];
const send = (message) => process.stdout.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
const zero = { shape: [1], dtype: 'float32', data: Buffer.alloc(4).toString('base64') };
const hello = {
  type: 'hello',
  protocol: 1,
  name: `misbehaving-${mode}`,
  version: '1',
  convention: 'cnnspec',
  features: ['conv', 'dense', 'spatial-rank-1', 'layout.channels-first', 'no-such-feature'],
  ops: ['conv', 'dense', 'outputShape', 'paramCount'],
};

if (mode === 'silent') {
  setInterval(() => undefined, 1000); // never greets
} else if (mode === 'protocol-2') {
  send({ ...hello, protocol: 2 });
  setInterval(() => undefined, 1000);
} else if (mode === 'traceback') {
  // dies before its hello after a long traceback on stderr, as a Python adapter whose import fails
  for (let frame = 1; frame <= 30; frame++) process.stderr.write(`  frame ${frame} of the traceback\n`);
  process.stderr.write("ModuleNotFoundError: No module named 'no_such_module'\n");
  process.exit(1);
} else if (mode === 'greets-once') {
  // greets on its first start only (the marker file is the second argument), then exits on the
  // first request, so the kit's restart fails
  const marker = process.argv[3];
  if (existsSync(marker)) process.exit(3);
  writeFileSync(marker, 'started');
  send(hello);
} else {
  if (mode === 'ignores-shutdown') setInterval(() => undefined, 1000); // outlives its closed stdin
  if (mode === 'noisy') {
    send('');
    send('this is not JSON');
    send({ type: 'result' });
    process.stderr.write('a diagnostic on stderr\n');
  }
  send(hello);
}

if (mode !== 'silent' && mode !== 'protocol-2' && mode !== 'traceback') {
  for await (const line of createInterface({ input: process.stdin })) {
    const message = JSON.parse(line);
    if (message.type === 'shutdown') {
      if (mode === 'ignores-shutdown') continue;
      break;
    }
    if (mode === 'greets-once') process.exit(1);
    if (mode === 'crashes-on-request') {
      process.stderr.write(`handling request ${message.id}\nRuntimeError: the kernel crashed\n`);
      process.exit(4);
    }
    if (mode === 'hangs') continue;
    if (mode === 'noisy') {
      send({ type: 'result', id: 999_999, tensor: zero }); // unknown id
      send({ type: 'result', id: message.id, tensor: zero });
      send({ type: 'result', id: message.id, tensor: zero }); // answered twice
      continue;
    }
    if (mode === 'retires') {
      // answers, announces its exit, and lingers a little before leaving
      send({ type: 'result', id: message.id, tensor: zero, exit: true });
      setTimeout(() => process.exit(0), 300);
      continue;
    }
    if (mode === 'invalid-answer') {
      // a negative dimension breaks the schema; a 2-element shape with 1 element's bytes breaks protocol.tensor
      const tensor = message.id === 1 ? { shape: [-1], dtype: 'float32', data: '' } : { shape: [2], dtype: 'float32', data: zero.data };
      send({ type: 'result', id: message.id, tensor });
      continue;
    }
    if (mode === 'wrong-kinds') {
      // a tensor op without a tensor, outputShape without an array, paramCount without a number
      send(
        message.op === 'outputShape'
          ? { type: 'result', id: message.id, value: 3 }
          : message.op === 'paramCount'
            ? { type: 'result', id: message.id, value: [3] }
            : { type: 'result', id: message.id },
      );
      continue;
    }
  }
}
