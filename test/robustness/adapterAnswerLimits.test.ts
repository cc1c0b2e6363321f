/**
 * The limits of spec: protocol.limits where answers and hellos are checked, in process
 * (checkAdapterAnswer) and over the protocol (protocolProblems): refused at once, whatever the
 * size, with the field, its size and the limit; and the ways an answer can lie about its data
 * (a Float32Array whose `length` lies, a Proxy of one, base64 with junk) caught instead of read
 * as NaN or as other values (spec: conformance.adapter, protocol.tensor).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdapterFault } from '../../src/ops/Adapter.js';
import { PROTOCOL_LIMITS } from '../../src/protocol/protocolLimits.js';
import { protocolProblems } from '../../src/protocol/validateMessage.js';
import { decodeWireTensor, encodeWireTensor } from '../../src/protocol/wireTensor.js';
import { checkAdapterAnswer } from '../../src/adapter/checkAdapterAnswer.js';
import { shapeText } from '../../src/shape/shapeText.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { checkReports, cnnspecRun, root } from '../faults/checkedRun.js';

/** Refusing must not cost more than a glance at the size, whatever the size. */
const TIME_LIMIT_MS = 200;

function refusal(action: () => unknown): { error: Error; ms: number } {
  const started = performance.now();
  try {
    action();
  } catch (error) {
    return { error: error as Error, ms: performance.now() - started };
  }
  throw new Error('not refused');
}

const hello = { type: 'hello', protocol: 1, name: 'a', version: '1', convention: 'cnnspec', features: ['dense'], ops: ['dense'] };

describe('checkAdapterAnswer (in process)', () => {
  it('refuses a tensor of 20 million dimensions at once, with a message of bounded length naming the size and the limit', () => {
    const shape = new Array<number>(20_000_000).fill(0);
    const { error, ms } = refusal(() => checkAdapterAnswer('conv', { shape, data: new Float32Array(0) }));
    expect(error).toBeInstanceOf(AdapterFault);
    expect(error.message).toBe(
      'invalid answer from conv: its shape has 20000000 entries, more than the limit of 16 (spec: protocol.limits) (spec: conformance.adapter)',
    );
    expect(ms).toBeLessThan(TIME_LIMIT_MS);
  });

  it('takes rank 16 and refuses rank 17; an outputShape answer likewise', () => {
    expect(() => checkAdapterAnswer('conv', { shape: new Array(16).fill(1), data: new Float32Array(1) })).not.toThrow();
    expect(() => checkAdapterAnswer('conv', { shape: new Array(17).fill(1), data: new Float32Array(1) })).toThrow(
      /its shape has 17 entries, more than the limit of 16/,
    );
    expect(() => checkAdapterAnswer('outputShape', new Array(16).fill(1))).not.toThrow();
    expect(() => checkAdapterAnswer('outputShape', new Array(5_000_000).fill(1))).toThrow(
      /invalid answer from outputShape: the array has 5000000 entries, more than the limit of 16/,
    );
  });

  it('refuses a Float32Array whose length lies, and a Proxy of one, instead of reading NaN past their end', () => {
    class Lying extends Float32Array {
      override get length(): number {
        return 4;
      }
    }
    expect(() => checkAdapterAnswer('pool', { shape: [1, 1, 2, 2], data: new Lying(1) })).toThrow(
      /its data says its length is the number 4 but holds 1 element\(s\) \(a Float32Array whose length lies\)/,
    );
    const proxy = new Proxy(new Float32Array(1), { get: (target, key) => (key === 'length' ? 4 : Reflect.get(target, key)) });
    expect(() => checkAdapterAnswer('pool', { shape: [1, 1, 2, 2], data: proxy })).toThrow(
      /its data is an object, not a Float32Array \(a Proxy or an object that only inherits from one is not\)/,
    );
    expect(() => checkAdapterAnswer('pool', { shape: [1, 1, 2, 2], data: Object.create(Float32Array.prototype) })).toThrow(
      /not a Float32Array/,
    );
    // an honest subclass is a Float32Array
    class Honest extends Float32Array {}
    expect(() => checkAdapterAnswer('pool', { shape: [1, 1, 2, 2], data: new Honest(4) })).not.toThrow();
  });
});

describe('protocolProblems (over the protocol)', () => {
  it('refuses a result of 20 million dimensions on its size alone, quickly, without a problem per entry', () => {
    const message = { type: 'result', id: 1, tensor: { shape: new Array(20_000_000).fill('x'), dtype: 'float32', data: '' } };
    const started = performance.now();
    const problems = protocolProblems(message);
    expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
    expect(problems).toEqual(['/tensor/shape has 20000000 entries, more than the limit of 16 (spec: protocol.limits)']);
    expect(protocolProblems({ type: 'result', id: 1, value: new Array(17).fill(1) })).toEqual([
      '/value has 17 entries, more than the limit of 16 (spec: protocol.limits)',
    ]);
  });

  it('refuses a hello whose name, version, features, ops or convention are beyond the limits, and takes one just within them', () => {
    const within = {
      ...hello,
      name: 'n'.repeat(256),
      version: 'v'.repeat(256),
      convention: { base: 'cnnspec', overrides: { poolCeilMode: ['floor'] } },
    };
    expect(protocolProblems(within)).toEqual([]);
    expect(protocolProblems({ ...hello, name: 'n'.repeat(257) })).toEqual([
      '/name has 257 characters, more than the limit of 256 (spec: protocol.limits)',
    ]);
    expect(protocolProblems({ ...hello, version: 'v'.repeat(1e6) })).toEqual([
      '/version has 1000000 characters, more than the limit of 256 (spec: protocol.limits)',
    ]);
    expect(protocolProblems({ ...hello, features: new Array(1e5).fill('dense') })).toEqual([
      '/features has 100000 entries, more than the limit of 256 (spec: protocol.limits)',
    ]);
    expect(protocolProblems({ ...hello, features: ['dense', 'f'.repeat(129)] })).toEqual([
      '/features/1 has 129 characters, more than the limit of 128 (spec: protocol.limits)',
    ]);
    expect(protocolProblems({ ...hello, ops: new Array(65).fill('dense') })).toEqual([
      '/ops has 65 entries, more than the limit of 64 (spec: protocol.limits)',
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(protocolProblems({ ...hello, convention: { base: 'cnnspec', overrides: { layout: deep } } })).toEqual([
      '/convention has more than 8 levels of nesting, the limit (spec: protocol.limits)',
    ]);
    expect(protocolProblems({ ...hello, convention: 'c'.repeat(300) })).toEqual([
      '/convention (a string in it) has 300 characters, more than the limit of 256 (spec: protocol.limits)',
    ]);
  });

  it('a convention that is a cycle (in process) stops at the value limit instead of walking forever', async () => {
    const { identityLimitProblems } = await import('../../src/protocol/identityLimitProblems.js');
    const cycle: Record<string, unknown> = { base: 'cnnspec' };
    cycle.overrides = cycle;
    expect(identityLimitProblems({ convention: cycle }).map((p) => [p.field, p.unit, p.limit])).toEqual([
      ['/convention', 'levels of nesting', 8],
    ]);
  });

  it('the protocol schema states the same limits', () => {
    const schema = JSON.parse(readFileSync(join(root, 'spec', 'schema', 'protocol-1.schema.json'), 'utf8')) as {
      definitions: Record<
        string,
        { properties: Record<string, { maxItems?: number; maxLength?: number; items?: { maxLength?: number } }> }
      >;
    };
    const { WireTensor, HelloMessage } = schema.definitions;
    expect(WireTensor!.properties.shape!.maxItems).toBe(PROTOCOL_LIMITS.rank);
    expect(HelloMessage!.properties.name!.maxLength).toBe(PROTOCOL_LIMITS.identityLength);
    expect(HelloMessage!.properties.version!.maxLength).toBe(PROTOCOL_LIMITS.identityLength);
    expect(HelloMessage!.properties.features!.maxItems).toBe(PROTOCOL_LIMITS.features);
    expect(HelloMessage!.properties.features!.items!.maxLength).toBe(PROTOCOL_LIMITS.featureLength);
    expect(HelloMessage!.properties.ops!.maxItems).toBe(PROTOCOL_LIMITS.ops);
  });
});

describe('decodeWireTensor (spec: protocol.tensor)', () => {
  const wire = encodeWireTensor(makeTensor([1, 3], [1.5, -0, Number.NaN]));

  it('decodes standard base64 with its padding, bit for bit', () => {
    expect(wire.data.endsWith('=')).toBe(false); // 12 bytes: no padding; check a padded one too
    expect(Array.from(decodeWireTensor(wire).data)).toEqual([1.5, -0, Number.NaN]);
    const padded = encodeWireTensor(makeTensor([1], [2]));
    expect(Buffer.from(padded.data, 'base64').length).toBe(4);
    expect(padded.data).toMatch(/==$/);
    expect(Array.from(decodeWireTensor(padded).data)).toEqual([2]);
  });

  it.each([
    ['junk characters', (d: string) => `!${d.split('').join('*')}#`, /character "!" at offset 0 is not in the base64 alphabet/],
    ['a line break', (d: string) => `${d.slice(0, 8)}\n${d.slice(8)}`, /character "\\n" at offset 8 is not in the base64 alphabet/],
    ['the URL-safe alphabet', (d: string) => d.replace(/\+/g, '-').replace(/\//g, '_').replace(/^./, '-'), /character "-" at offset 0/],
    ['missing padding', (d: string) => d.replace(/=+$/, ''), /is not a multiple of 4/],
    ['padding inside', (d: string) => `AA==${d}`, /padding '=' at offset 2 is not at the end/],
  ])('refuses %s', (_, spoil, reason) => {
    const data = encodeWireTensor(makeTensor([1], [2])).data;
    expect(() => decodeWireTensor({ ...wire, shape: [1], data: spoil(data) })).toThrow(reason);
  });

  it('names a long shape in bounded form', () => {
    expect(() => decodeWireTensor({ shape: new Array(1000).fill(1), dtype: 'float32', data: '' })).toThrow(
      'tensor data holds 0 bytes, shape [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, … 990 more dimensions] needs 4',
    );
    expect(shapeText([2, 3])).toBe('[2, 3]');
  });
});

describe('an in-process adapter whose answer lies about its data', () => {
  it.each([
    {
      module: 'convLyingLength.ts',
      reason: /its data says its length is the number \d+ but holds 1 element\(s\) \(a Float32Array whose length lies\)/,
    },
    { module: 'convProxyData.ts', reason: /its data is an object, not a Float32Array \(a Proxy/ },
  ])(
    '$module: its conv tests fail with the reason, not with NaN, and the rest pass',
    async ({ module, reason }) => {
      const selection = ['conv/output-shape/matches-formula', 'fixture/conv.gen-000', 'dense/output-shape/matches-formula'];
      const run = await cnnspecRun([
        '--adapter',
        join(root, 'test', 'adapters', 'faulty', module),
        '--num-runs',
        '3',
        '--only',
        selection.join(','),
      ]);
      expect(run.code, run.err).toBe(1);
      const report = checkReports(run);
      for (const result of report.results) {
        if (result.id.startsWith('dense/')) expect(result.status).toBe('pass');
        else {
          expect(result.status, result.id).toBe('fail');
          expect(result.message, result.id).toMatch(reason);
          expect(result.message, result.id).not.toMatch(/NaN/);
        }
      }
    },
    60_000,
  );
});
