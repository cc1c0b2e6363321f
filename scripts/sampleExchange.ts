/**
 * The sample exchange of spec/protocol.md, recorded from a real session: the kit's own adapter
 * client (execAdapter) drives scripts/sampleExchangeAdapter.ts, the reference served over the
 * protocol, through one request of every op, an invalid configuration, an unsupported case and
 * the shutdown, and every line that crosses is kept as it was sent (spec: protocol.request,
 * protocol.response).
 */
import { join } from 'node:path';
import { execAdapter } from '../src/adapter/execAdapter.js';
import { packageRoot } from '../src/files/packageRoot.js';
import { decodeWireTensor } from '../src/protocol/wireTensor.js';
import type { WireTensor } from '../src/protocol/messages.js';
import { makeTensor } from '../src/tensor/tensor.js';

export interface ExchangeLine {
  from: 'kit' | 'adapter';
  line: string;
}

/** The JavaScript command that starts a TypeScript file of the kit, quoted for the shell. */
function tsxCommand(file: string): string {
  return [process.execPath, '--import', 'tsx', join(packageRoot(), file)].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
}

/** Runs the session and returns its lines in the order they crossed. */
export async function recordSampleExchange(): Promise<ExchangeLine[]> {
  const lines: ExchangeLine[] = [];
  const adapter = await execAdapter({
    command: tsxCommand('scripts/sampleExchangeAdapter.ts'),
    cwd: packageRoot(),
    onLine: (from, line) => lines.push({ from, line }),
  });
  // Each request waits for its answer, so that the lines come in a fixed order.
  try {
    await adapter.conv!({
      input: makeTensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]),
      weight: makeTensor([1, 1, 2, 2], [1, 0, 0, 2]),
      bias: makeTensor([1], [0.5]),
      params: { strides: [1, 1], dilations: [1, 1], padding: 'valid', groups: 1, layout: 'channels-first', kernelLayout: 'out-in-spatial' },
    });
    await adapter.pool!({
      input: makeTensor([1, 1, 4], [1, 3, 2, 5]),
      params: { kind: 'avg', kernel: [2], strides: [2], padding: { begin: [1], end: [1] }, countIncludePad: false },
    });
    await adapter.globalPool!({ input: makeTensor([1, 2, 2, 2], [1, -2, 3, 0, -1, -4, -3, -2]), params: { kind: 'max', keepDims: false } });
    await adapter.dense!({
      input: makeTensor([1, 3], [1, 2, 3]),
      weight: makeTensor([2, 3], [1, 0, -1, 0.5, 0.5, 0.5]),
      bias: makeTensor([2], [0, 1]),
      params: { weightLayout: 'out-in' },
    });
    await adapter.pad!({ input: makeTensor([1, 1, 3], [1, 2, 3]), params: { padding: { begin: [2], end: [1] }, fill: 'replicate' } });
    await adapter.outputShape!({
      layer: { type: 'conv', filters: 8, kernel: 3, strides: 2, padding: 'same-upper' },
      inputShape: [1, 3, 32, 32],
      layout: 'channels-first',
    });
    await adapter.paramCount!({ layer: { type: 'dense', units: 10 }, inputShape: [1, 128], layout: 'channels-first' });
    // spec: error.parameter-range — a stride of 0 is a valid request with an invalid configuration: the answer is an error
    await adapter.conv!({
      input: makeTensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]),
      weight: makeTensor([1, 1, 2, 2], [1, 0, 0, -1]),
      params: { strides: [0, 1] },
    }).then(
      () => Promise.reject(new Error('the reference accepted a stride of 0')),
      () => undefined,
    );
    await adapter.pad!({ input: makeTensor([1, 1, 3], [1, 2, 3]), params: { padding: { begin: [1], end: [1] }, fill: 'reflect' } }).then(
      () => Promise.reject(new Error('the sample adapter accepted a reflect fill')),
      () => undefined,
    );
  } finally {
    await adapter.dispose!();
  }
  return lines;
}

/** A tensor's elements in words: `[1, 1, 3, 3] holding 1, 2, 3, …`. */
function tensorText(name: string, wire: WireTensor): string {
  return `\`${name}\` of shape [${wire.shape.join(', ')}] holds ${Array.from(decodeWireTensor(wire).data).join(', ')}`;
}

/** What a message is, for its caption. */
function caption(message: Record<string, unknown>): string {
  switch (message.type) {
    case 'hello':
      return 'hello';
    case 'request':
      return `request ${String(message.id)}: \`${String(message.op)}\``;
    case 'result':
      return `result of request ${String(message.id)}`;
    case 'error':
      return `${message.unsupported === true ? 'unsupported: error' : 'error'} answering request ${String(message.id)}`;
    default:
      return String(message.type);
  }
}

/** The recorded lines as Markdown: each line as it crossed, captioned, with its tensors decoded. */
export function renderSampleExchange(lines: readonly ExchangeLine[]): string {
  const parts = lines.map(({ from, line }, index) => {
    const message = JSON.parse(line) as Record<string, unknown>;
    const direction = from === 'kit' ? 'kit → adapter' : 'adapter → kit';
    const tensors = Object.entries({
      ...((message.tensors as Record<string, WireTensor> | undefined) ?? {}),
      ...(message.tensor === undefined ? {} : { tensor: message.tensor as WireTensor }),
    });
    const decoded = tensors.length === 0 ? [] : ['', `Decoded: ${tensors.map(([name, wire]) => tensorText(name, wire)).join('; ')}.`];
    return [`**${index + 1}** ${direction}, ${caption(message)}:`, '', '```json', line, '```', ...decoded].join('\n');
  });
  return parts.join('\n\n');
}
