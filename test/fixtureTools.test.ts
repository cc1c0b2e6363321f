/**
 * The fixture machinery rejects what it must: a wrong value, shape, sign, window or error is a
 * failure, and malformed fixture files are reported with their path.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clauseById, loadClauseRegistry } from '../src/spec/clauseRegistry.js';
import { compareExact, sameElement } from '../src/judge/compareExact.js';
import { compareWithTolerance } from '../src/judge/tolerance.js';
import type { Fixture } from '../src/fixtures/Fixture.js';
import {
  decodeFixtureNumber,
  decodeFixtureTensor,
  encodeFixtureNumber,
  encodeFixtureTensor,
  shortestFloat32,
} from '../src/fixtures/fixtureValues.js';
import { formatFixtureJson } from '../src/fixtures/formatFixtureJson.js';
import { loadFixtures } from '../src/fixtures/loadFixtures.js';
import { manifestProblems, type FixtureManifest } from '../src/fixtures/fixtureManifest.js';
import { packageRoot } from '../src/files/packageRoot.js';
import { runFixtureOnReference } from '../src/fixtures/runFixture.js';
import { makeTensor } from '../src/tensor/tensor.js';

const fixtures = loadFixtures().map(({ fixture }) => fixture);
const withOutput = (op: Fixture['op']): Fixture => {
  const found = fixtures.find((f) => f.op === op && 'output' in f.expected && f.expected.output.data.length > 1);
  if (found === undefined) throw new Error(`no ${op} fixture with an output`);
  return structuredClone(found);
};
const outputOf = (f: Fixture) => ('output' in f.expected ? f.expected.output : undefined)!;

describe('fixture values', () => {
  it('encode and decode the special values', () => {
    for (const value of [NaN, Infinity, -Infinity, -0, 0, 1.5, -2]) {
      expect(Object.is(decodeFixtureNumber(encodeFixtureNumber(value)), value)).toBe(true);
    }
    expect(encodeFixtureNumber(-0)).toBe('-0');
    expect(encodeFixtureNumber(NaN)).toBe('NaN');
  });

  it('write float32 elements as the shortest decimal that rounds back to them', () => {
    for (const value of [1 / 3, 5 / 3, 0.1, 2.52, 1e-40, 3.4028234663852886e38, 1234567.89]) {
      const f = Math.fround(value);
      const short = shortestFloat32(f);
      expect(Math.fround(short)).toBe(f);
      expect(String(short).length).toBeLessThanOrEqual(String(f).length);
    }
    const tensor = makeTensor([2, 2], [1 / 3, -0, NaN, Infinity]);
    const decoded = decodeFixtureTensor(encodeFixtureTensor(tensor, 'features'));
    expect(compareExact(tensor, decoded, { zeroSignFree: false }).equal).toBe(true);
  });
});

describe('exact comparison', () => {
  it('matches NaN with NaN, and zeros by sign only where the sign is not free', () => {
    expect(sameElement(NaN, NaN, false)).toBe(true);
    expect(sameElement(NaN, 0, true)).toBe(false);
    expect(sameElement(0, -0, true)).toBe(true);
    expect(sameElement(0, -0, false)).toBe(false);
    expect(sameElement(1, 1 + 2 ** -23, false)).toBe(false);
  });

  it('takes a zero of either sign for an expected subnormal, and nothing else (spec: numerics.subnormals)', () => {
    const subnormal = Math.fround(1.1e-44);
    for (const zeroSignFree of [true, false]) {
      expect(sameElement(subnormal, 0, zeroSignFree)).toBe(true);
      expect(sameElement(-subnormal, 0, zeroSignFree)).toBe(true);
      expect(sameElement(subnormal, -0, zeroSignFree)).toBe(true);
      expect(sameElement(subnormal, Math.fround(2.2e-44), zeroSignFree)).toBe(false);
      expect(sameElement(subnormal, -subnormal, zeroSignFree)).toBe(false);
      expect(sameElement(2 ** -126, 0, zeroSignFree)).toBe(false);
      expect(sameElement(0, subnormal, zeroSignFree)).toBe(false);
    }
    const fixtureBound = compareWithTolerance(makeTensor([2], [subnormal, 1]), makeTensor([2], [0, 1]), { kind: 'ulp', maxUlp: 1 });
    expect(fixtureBound.pass).toBe(true);
    const wrong = compareWithTolerance(makeTensor([1], [subnormal]), makeTensor([1], [Math.fround(5e-44)]), { kind: 'ulp', maxUlp: 1 });
    expect(wrong.pass).toBe(false);
  });

  it('reports shape mismatches and caps the listed mismatches', () => {
    const a = makeTensor([40], new Array<number>(40).fill(1));
    const b = makeTensor([40]);
    const result = compareExact(a, b, { zeroSignFree: false, limit: 5 });
    expect(result).toMatchObject({ equal: false, mismatchCount: 40 });
    expect(result.mismatches).toHaveLength(5);
    expect(compareExact(a, makeTensor([4, 10]), { zeroSignFree: false }).shapeMismatch).toEqual({ expected: [40], actual: [4, 10] });
  });
});

describe('judging a fixture', () => {
  it('passes an untouched fixture and fails a changed value', async () => {
    const fixture = withOutput('conv');
    expect((await runFixtureOnReference(fixture, fixture.conventions[0]!)).pass).toBe(true);
    const output = outputOf(fixture);
    const first = decodeFixtureNumber(output.data[0]!);
    output.data[0] = first + 1;
    const verdict = await runFixtureOnReference(fixture, fixture.conventions[0]!);
    expect(verdict.pass).toBe(false);
    if (!verdict.pass) expect(verdict.reason).toMatch(/elements, max error .*e\.g\. \[0\]/);
  });

  it('fails a changed shape', async () => {
    const fixture = withOutput('pool');
    outputOf(fixture).shape = [...outputOf(fixture).shape, 1];
    const verdict = await runFixtureOnReference(fixture, fixture.conventions[0]!);
    expect(verdict.pass).toBe(false);
    if (!verdict.pass) expect(verdict.reason).toMatch(/shape \[.*\] instead of \[/);
  });

  it('fails a changed window', async () => {
    const fixture = fixtures.find((f) => 'output' in f.expected && f.expected.window !== undefined)!;
    const copy = structuredClone(fixture);
    if ('output' in copy.expected) copy.expected.window!.padEnd = copy.expected.window!.padEnd.map((p) => p + 1);
    const verdict = await runFixtureOnReference(copy, copy.conventions[0]!);
    expect(verdict.pass).toBe(false);
    if (!verdict.pass) expect(verdict.reason).toMatch(/window/);
  });

  it('fails an output where an error is expected, and the wrong error', async () => {
    const fixture = withOutput('conv');
    const expectsError: Fixture = { ...fixture, expected: { error: { code: 'E_GROUPS', clause: 'conv.groups' } } };
    const verdict = await runFixtureOnReference(expectsError, fixture.conventions[0]!);
    expect(verdict.pass).toBe(false);
    const errorFixture = structuredClone(fixtures.find((f) => 'error' in f.expected)!);
    if ('error' in errorFixture.expected) errorFixture.expected.error.code = 'E_TOO_LARGE';
    expect((await runFixtureOnReference(errorFixture, errorFixture.conventions[0]!)).pass).toBe(false);
    const noWeight = { ...structuredClone(fixture), inputs: { input: fixture.inputs.input } } as unknown as Fixture;
    const missing = await runFixtureOnReference(noWeight, fixture.conventions[0]!);
    expect(missing.pass).toBe(false);
  });

  it('holds the sign of zero for pad, not for sums (spec: numerics.signed-zero)', async () => {
    const pad = structuredClone(fixtures.find((f) => f.op === 'pad' && 'output' in f.expected && outputOf(f).data.some((v) => v === 0))!);
    const index = outputOf(pad).data.findIndex((v) => v === 0);
    outputOf(pad).data[index] = '-0';
    expect((await runFixtureOnReference(pad, pad.conventions[0]!)).pass).toBe(false);
    const isSum = (f: Fixture): boolean =>
      f.op === 'conv' || f.op === 'dense' || ((f.op === 'pool' || f.op === 'global-pool') && f.params.kind === 'avg');
    const sum = structuredClone(fixtures.find((f) => isSum(f) && 'output' in f.expected && outputOf(f).data.some((v) => v === 0))!);
    outputOf(sum).data[outputOf(sum).data.findIndex((v) => v === 0)] = '-0';
    expect((await runFixtureOnReference(sum, sum.conventions[0]!)).pass).toBe(true);
  });
});

describe('loading fixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-fixtures-'));
  const write = (name: string, text: string): string => {
    const sub = join(dir, name);
    mkdirSync(join(sub, 'conv'), { recursive: true });
    writeFileSync(join(sub, 'conv', 'conv.case.json'), text);
    return sub;
  };

  it('names the file of invalid JSON', () => {
    expect(() => loadFixtures(write('bad-json', '{'), { manifest: false })).toThrow(/conv\.case\.json: not valid JSON/);
  });

  it('names the file, the JSON path and the rule of a schema violation', () => {
    const good = structuredClone(withOutput('conv'));
    const negative = structuredClone(good) as unknown as { inputs: { input: { shape: number[] } } };
    negative.inputs.input.shape[0] = -1;
    expect(() => loadFixtures(write('bad-shape', JSON.stringify({ ...negative, id: 'conv.case' })), { manifest: false })).toThrow(
      /conv\.case\.json: not a valid fixture:\n {2}\/inputs\/input\/shape\/0 must be >= 0 \(minimum\)/,
    );
    expect(() =>
      loadFixtures(write('extra-field', JSON.stringify({ ...good, id: 'conv.case', colour: 'red' })), { manifest: false }),
    ).toThrow(/\/ must NOT have additional properties "colour" \(additionalProperties\)/);
    expect(() =>
      loadFixtures(write('bad-format', JSON.stringify({ ...good, id: 'conv.case', format: 'x/1' })), { manifest: false }),
    ).toThrow(/\/format must be equal to constant/);
    expect(() => loadFixtures(write('bad-id', JSON.stringify({ ...good, id: 'conv.other' })), { manifest: false })).toThrow(
      /\/id conv\.other must equal the file name/,
    );
  });

  it('writes nested objects and empty objects canonically', () => {
    expect(formatFixtureJson({ a: {}, b: [{ c: [1, 'NaN'] }], d: undefined })).toBe(
      '{\n  "a": {},\n  "b": [\n    {\n      "c": [1, "NaN"]\n    }\n  ]\n}\n',
    );
  });
});

describe('the fixture manifest', () => {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'MANIFEST.json'), 'utf8')) as FixtureManifest;
  const files = loadFixtures().map(({ fixture, file }) => ({
    id: fixture.id,
    file,
    text: readFileSync(join(packageRoot(), file), 'utf8'),
  }));

  it('lists every fixture with the hash of its file', () => {
    expect(manifestProblems(manifest, files)).toEqual([]);
    expect(manifest.count).toBe(files.length);
  });

  it('detects a changed byte, an unlisted fixture and a missing one', () => {
    const tampered = files.map((f, index) => (index === 0 ? { ...f, text: f.text.replace('"', "'") } : f));
    expect(manifestProblems(manifest, tampered)[0]).toMatch(
      /sha256 .* differs from fixtures\/MANIFEST.json's .*changed after it was listed/,
    );
    expect(manifestProblems(manifest, [...files, { id: 'conv.new', file: 'fixtures/conv/conv.new.json', text: '{}' }])).toEqual([
      'fixtures/conv/conv.new.json: not listed in fixtures/MANIFEST.json (a new fixture: run npm run fixtures:manifest)',
    ]);
    expect(manifestProblems(manifest, files.slice(1))[0]).toMatch(/listed in fixtures\/MANIFEST.json but missing/);
  });
});

describe('clause registry', () => {
  it('finds clauses by ID', () => {
    expect(clauseById('conv.groups')?.file).toBe('conv.md');
    expect(clauseById('no.such-clause')).toBeUndefined();
    expect(loadClauseRegistry().clauses.length).toBeGreaterThan(100);
  });
});
