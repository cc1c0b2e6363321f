/**
 * The limits of the fixture format that decide which real cases fit: ids as other suites name
 * their tests (capitals, underscores), unique also when letter case is ignored, and tensors above
 * 4096 elements in a fixture marked `"large": true`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fixture, PoolFixture } from '../src/fixtures/Fixture.js';
import { FIXTURE_ELEMENT_LIMITS } from '../src/fixtures/fixtureElementLimits.js';
import { loadFixtures } from '../src/fixtures/loadFixtures.js';
import { runFixtureOnReference } from '../src/fixtures/runFixture.js';
import { validateFixture } from '../src/fixtures/validateFixture.js';
import { packageRoot } from '../src/files/packageRoot.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnnspec-fixture-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const base = JSON.parse(
  readFileSync(join(packageRoot(), 'fixtures', 'pool', 'pool.ceil-last-window-rule-max.json'), 'utf8'),
) as PoolFixture;

/** A 3-D max pooling with a 1x1x1 window: the output is the input, of `depth` x 16 x 16 elements. */
function identityPool3d(depth: number, large?: boolean): PoolFixture {
  const data = Array.from({ length: depth * 256 }, (_, i) => (i % 7) - 3);
  const tensor = { shape: [1, 1, depth, 16, 16], dtype: 'float32' as const, layout: 'channels-first' as const, data };
  return {
    ...base,
    id: 'pool.test_MaxPool3d_Identity',
    description: `max pool 3-D ${depth}x16x16, window 1x1x1`,
    conventions: ['cnnspec'],
    params: { kind: 'max', kernel: [1, 1, 1], strides: [1, 1, 1] },
    inputs: { input: tensor },
    expected: { output: tensor },
    ...(large === undefined ? {} : { large }),
  };
}

describe('fixture ids', () => {
  it('take capitals, underscores and dots after the op, as other suites name their tests', () => {
    for (const id of ['pool.test_MaxPool3d_Identity', 'conv.TestCase.Name', 'conv.a-b_c.d'])
      expect(validateFixture({ ...base, id }), id).toEqual([]);
  });

  it('still refuse an unknown op, an empty or doubled separator, and other characters', () => {
    for (const id of ['maxpool.test_x', 'pool.', 'pool.a__b', 'pool.a.', 'pool.a b', 'pool.a/b', `pool.${'x'.repeat(200)}`]) {
      expect(
        validateFixture({ ...base, id }).map((problem) => problem.path),
        id,
      ).toContain('/id');
    }
  });

  it("the kit's own ids stay lower-case kebab-case", () => {
    for (const { fixture } of loadFixtures()) expect(fixture.id, fixture.id).toMatch(/^[a-z-]+\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('a folder may not hold two ids that differ only in letter case', () => {
    const dir = join(scratch, 'cases');
    mkdirSync(join(dir, 'pool'), { recursive: true });
    for (const id of ['pool.Case', 'pool.case']) writeFileSync(join(dir, 'pool', `${id}.json`), JSON.stringify({ ...base, id }));
    expect(() => loadFixtures(dir, { manifest: false })).toThrow(
      'cases/pool/pool.case.json: the id pool.case is already used by cases/pool/pool.Case.json (ids differ also when letter case is ignored)',
    );
  });
});

describe('fixture sizes', () => {
  it(`refuse a tensor above ${FIXTURE_ELEMENT_LIMITS.default} elements unless the fixture is marked large, and say so`, () => {
    expect(validateFixture(identityPool3d(20))).toEqual([
      {
        path: '/inputs/input/data',
        rule: 'must NOT have more than 4096 items unless the fixture is marked "large": true (up to 262144) (maxItems)',
      },
      {
        path: '/expected/output/data',
        rule: 'must NOT have more than 4096 items unless the fixture is marked "large": true (up to 262144) (maxItems)',
      },
    ]);
    expect(validateFixture(identityPool3d(20, false))).toHaveLength(2);
    expect(validateFixture(identityPool3d(16))).toEqual([]);
  });

  it('a large 3-D case is valid and judged like any other', async () => {
    const fixture = identityPool3d(20, true);
    expect(validateFixture(fixture)).toEqual([]);
    expect(await runFixtureOnReference(fixture as Fixture, 'cnnspec')).toEqual({ pass: true });
  });

  it(`a large fixture still holds at most ${FIXTURE_ELEMENT_LIMITS.large} elements per tensor`, () => {
    const fixture = identityPool3d(1);
    const data = new Array<number>(FIXTURE_ELEMENT_LIMITS.large + 1).fill(0);
    const huge = { ...fixture, large: true, inputs: { input: { ...fixture.inputs.input, shape: [1, 1, 1, 1, data.length], data } } };
    expect(validateFixture(huge)).toContainEqual({
      path: '/inputs/input/data',
      rule: `must NOT have more than ${FIXTURE_ELEMENT_LIMITS.large} items (maxItems)`,
    });
  });

  it('the schema states both limits: the tensor type the large one, each fixture the default one unless marked', () => {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', 'fixture-1.schema.json'), 'utf8')) as {
      definitions: Record<
        string,
        {
          properties: Record<string, { properties?: Record<string, unknown> }>;
          if?: unknown;
          then?: { properties: Record<string, unknown> };
        }
      >;
    };
    expect(schema.definitions.FixtureTensor!.properties.data).toMatchObject({ maxItems: FIXTURE_ELEMENT_LIMITS.large });
    for (const name of ['ConvFixture', 'PoolFixture', 'GlobalPoolFixture', 'DenseFixture', 'PadFixture']) {
      expect(schema.definitions[name]!.if, name).toEqual({ not: { required: ['large'], properties: { large: { const: true } } } });
      expect(schema.definitions[name]!.then!.properties, name).toMatchObject({
        inputs: { properties: { input: { properties: { data: { maxItems: FIXTURE_ELEMENT_LIMITS.default } } } } },
      });
    }
  });
});
