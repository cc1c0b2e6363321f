/**
 * The published protocol schema alone describes every message: the sample session of
 * spec/protocol.md validates against it, and a request whose parameter record has an unknown field
 * or a field of the wrong type does not (spec: protocol.request, protocol.response).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { execAdapter } from '../../src/adapter/execAdapter.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { protocolProblems } from '../../src/protocol/validateMessage.js';
import { encodeWireTensor } from '../../src/protocol/wireTensor.js';
import { runConformance } from '../../src/runner/runConformance.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { recordSampleExchange, type ExchangeLine } from '../../scripts/sampleExchange.js';
import { ADAPTER_OPS } from '../../src/ops/Adapter.js';

/** The schema file as an adapter author gets it, compiled on its own: its top level accepts any message. */
const schema = JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', 'protocol-1.schema.json'), 'utf8')) as object;
const validateAny = new Ajv({ allErrors: true, strict: false }).compile(schema);

const x = encodeWireTensor(makeTensor([1, 1, 4], [1, 2, 3, 4]));
const w = encodeWireTensor(makeTensor([1, 1, 2], [1, -1]));
const conv = (params: Record<string, unknown>): Record<string, unknown> => ({
  type: 'request',
  id: 1,
  op: 'conv',
  params,
  tensors: { input: x, weight: w },
});

describe('the sample session', () => {
  let lines: ExchangeLine[];
  beforeAll(async () => {
    lines = await recordSampleExchange();
  }, 30_000);

  it('holds a message of every kind: hello, a request of every op, results, an error, an unsupported answer and the shutdown', () => {
    const messages = lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>);
    const kinds = messages.map((m) =>
      m.type === 'request' ? `request ${String(m.op)}` : m.type === 'error' && m.unsupported === true ? 'unsupported' : String(m.type),
    );
    expect(new Set(kinds)).toEqual(
      new Set([
        'hello',
        'request conv',
        'request pool',
        'request globalPool',
        'request dense',
        'request pad',
        'request outputShape',
        'request paramCount',
        'result',
        'error',
        'unsupported',
        'shutdown',
      ]),
    );
    expect(lines[0]!.from).toBe('adapter');
    expect(lines.at(-1)).toEqual({ from: 'kit', line: '{"type":"shutdown"}' });
  });

  it("validates, message by message, against the published schema and the kit's own check", () => {
    for (const { line } of lines) {
      const message: unknown = JSON.parse(line);
      expect(validateAny(message), `${line}\n${JSON.stringify(validateAny.errors)}`).toBe(true);
      expect(protocolProblems(message), line).toEqual([]);
    }
  });
});

describe('the protocol schema', () => {
  it('rejects a parameter field that the op does not have, naming it', () => {
    const request = conv({ strides: [1], stride: 2 });
    expect(validateAny(request)).toBe(false);
    expect(protocolProblems(request)).toEqual(['/params must NOT have additional properties "stride" (additionalProperties)']);
  });

  it('rejects a parameter field of the wrong type', () => {
    expect(protocolProblems(conv({ groups: '1' }))).toEqual(['/params/groups must be number (type)']);
    expect(
      protocolProblems({
        type: 'request',
        id: 2,
        op: 'pool',
        params: { kind: 'max', kernel: [2], countIncludePad: 'yes' },
        tensors: { input: x },
      }),
    ).toEqual(['/params/countIncludePad must be boolean (type)']);
    expect(protocolProblems({ type: 'request', id: 3, op: 'pool', params: { kind: 'l2', kernel: [2] }, tensors: { input: x } })).toEqual([
      '/params/kind must be equal to one of the allowed values (enum)',
    ]);
    expect(validateAny(conv({ groups: '1' }))).toBe(false);
  });

  it("describes each op's own record: explicit padding is { begin, end }, and pooling needs its kind and kernel", () => {
    expect(protocolProblems(conv({ padding: { begin: [1], end: [1] } }))).toEqual([]);
    expect(protocolProblems(conv({ padding: { begin: [1], right: [1] } }))).toContain(
      '/params/padding must NOT have additional properties "right" (additionalProperties)',
    );
    expect(protocolProblems({ type: 'request', id: 4, op: 'pool', params: { kind: 'max' }, tensors: { input: x } })).toEqual([
      "/params must have required property 'kernel' (required)",
    ]);
    // a dense record has no strides, though conv's has
    expect(protocolProblems({ type: 'request', id: 5, op: 'dense', params: { strides: [1] }, tensors: { input: x, weight: w } })).toEqual([
      '/params must NOT have additional properties "strides" (additionalProperties)',
    ]);
  });

  it('types values, not ranges: an invalid configuration is a valid request, for the adapter to reject', () => {
    expect(protocolProblems(conv({ strides: [0], dilations: [-1], padding: { begin: [0.5], end: [0] } }))).toEqual([]);
  });

  it('names the operands each op takes, and the layer of a shape request', () => {
    expect(protocolProblems({ type: 'request', id: 6, op: 'conv', params: {}, tensors: { input: x } })).toEqual([
      "/tensors must have required property 'weight' (required)",
    ]);
    expect(
      protocolProblems({ type: 'request', id: 7, op: 'pool', params: { kind: 'max', kernel: 2 }, tensors: { input: x, weight: w } }),
    ).toEqual(['/tensors must NOT have additional properties "weight" (additionalProperties)']);
    const layer = (extra: Record<string, unknown>): unknown => ({
      type: 'request',
      id: 8,
      op: 'outputShape',
      layer: { type: 'dense', units: 3, ...extra },
      inputShape: [1, 4],
      layout: 'channels-first',
    });
    expect(protocolProblems(layer({}))).toEqual([]);
    expect(protocolProblems(layer({ filters: 3 }))).not.toEqual([]);
    expect(validateAny(layer({ filters: 3 }))).toBe(false);
  });

  it('refuses a request of an op that does not exist, by its op', () => {
    expect(protocolProblems({ type: 'request', id: 9, op: 'softmax', params: {}, tensors: { input: x } })).toEqual([
      `/op must be one of ${ADAPTER_OPS.join(', ')}`,
    ]);
    expect(validateAny({ type: 'request', id: 9, op: 'softmax', params: {}, tensors: { input: x } })).toBe(false);
    // names inherited by every object are no ops, nor message types
    expect(protocolProblems({ type: 'request', id: 9, op: 'toString', params: {}, tensors: { input: x } })).toEqual([
      `/op must be one of ${ADAPTER_OPS.join(', ')}`,
    ]);
    expect(protocolProblems({ type: 'constructor', id: 9 })).toEqual(['/type must be one of hello, request, result, error, shutdown']);
  });
});

describe('the requests of a run', () => {
  // The reference serves with validation on, which answers a request that breaks the schema with
  // an error: for an invalid configuration that error would pass as the rejection, so the kit's
  // lines are checked here themselves.
  it('validate against the schema, valid and invalid configurations alike', async () => {
    const kitLines: string[] = [];
    const adapter = await execAdapter({
      command: `'${process.execPath}' --import tsx examples/stdio-reference/adapter.ts`,
      cwd: packageRoot(),
      onLine: (from, line) => {
        if (from === 'kit') kitLines.push(line);
      },
    });
    try {
      const report = await runConformance({ adapter, source: 'exec', seed: 20261128, numRuns: 2, timeoutMs: 30_000, replay: () => '' });
      expect(report.summary.fail + report.summary.error).toBe(0);
    } finally {
      await adapter.dispose!();
    }
    // invalid configurations among them: a negative or non-integer stride, dilation, kernel size or pad
    expect(kitLines.some((line) => /"(strides|dilations|kernel|begin|end)":\[[^\]]*(-\d|\d\.\d)/.test(line))).toBe(true);
    const ops = new Set(kitLines.map((line) => (JSON.parse(line) as { op?: string }).op));
    expect(ops).toEqual(new Set([...ADAPTER_OPS, undefined]));
    const broken = kitLines.filter((line) => protocolProblems(JSON.parse(line)).length > 0 || !validateAny(JSON.parse(line)));
    expect(broken).toEqual([]);
  }, 120_000);
});
