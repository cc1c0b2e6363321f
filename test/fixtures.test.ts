/**
 * Every golden fixture is well formed and holds for the reference under each of its conventions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClauseRegistry } from '../src/spec/clauseRegistry.js';
import { CONVENTION_NAMES } from '../src/spec/conventions.js';
import { formatFixtureJson } from '../src/fixtures/formatFixtureJson.js';
import { loadFixtures } from '../src/fixtures/loadFixtures.js';
import { packageRoot } from '../src/files/packageRoot.js';
import { runFixtureOnReference } from '../src/fixtures/runFixture.js';
import { SCHEMAS } from '../scripts/schemas.js';
import { generateFixtures } from '../scripts/generateFixtures.js';

const fixtures = loadFixtures();
const clauseIds = new Set(loadClauseRegistry().clauses.map((clause) => clause.id));

describe('generated JSON Schemas', () => {
  for (const { file, generate } of SCHEMAS) {
    it(`${file} is the one generated from its TypeScript types (else run npm run schemas)`, () => {
      expect(readFileSync(join(packageRoot(), file), 'utf8')).toBe(generate(packageRoot()));
    }, 30_000);
  }
});

describe('golden fixtures', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it('have unique ids, each in the folder of its op', () => {
    const ids = fixtures.map(({ fixture }) => fixture.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { fixture, file } of fixtures) {
      expect(file, fixture.id).toBe(join('fixtures', fixture.op, `${fixture.id}.json`));
      expect(fixture.id.startsWith(`${fixture.op}.`), fixture.id).toBe(true);
    }
  });

  it('cite only registered clauses and named conventions, and have a provenance', () => {
    for (const { fixture } of fixtures) {
      expect(fixture.spec.length, fixture.id).toBeGreaterThan(0);
      for (const id of fixture.spec) expect(clauseIds.has(id), `${fixture.id} cites ${id}`).toBe(true);
      expect(fixture.conventions.length, fixture.id).toBeGreaterThan(0);
      for (const name of fixture.conventions) expect(CONVENTION_NAMES, fixture.id).toContain(name);
      expect(fixture.provenance.source.length, fixture.id).toBeGreaterThan(0);
    }
  });

  it('are stored in canonical form', () => {
    for (const { fixture, file } of fixtures) {
      expect(readFileSync(join(packageRoot(), file), 'utf8'), `${file}: run npm run fixtures:format`).toBe(formatFixtureJson(fixture));
    }
  });

  for (const { fixture } of fixtures) {
    for (const convention of fixture.conventions) {
      it(`${fixture.id} under ${convention}`, async () => {
        const verdict = await runFixtureOnReference(fixture, convention);
        expect(verdict.pass ? 'pass' : verdict.reason).toBe('pass');
      });
    }
  }
});

describe('fixture coverage and generation', () => {
  it('cover every normative clause but those no fixture can express', () => {
    // error.limits: an over-large tensor cannot be written inline; conformance.inputs-read-only,
    // conformance.api-forms, conformance.profiles, convention.unspecified, the runner's rules (runner.md) and the
    // protocol and the browser runner (browser.md): which cases run, what a call may do to its request, in which API form an adapter
    // makes it, how they are judged and shared out and how they travel are the runner's and the
    // adapters' concern. Tests of the kit itself cover them.
    const registry = loadClauseRegistry().clauses;
    const adapterClauses = ['conformance.inputs-read-only', 'conformance.api-forms', 'conformance.profiles', 'convention.unspecified'];
    const pages = ['protocol.md', 'runner.md', 'browser.md'];
    // conformance.every-size: results at every tile edge are drawn by the tiling properties, over
    // more sizes than a set of fixtures could hold.
    const byPropertiesAlone = ['conformance.every-size'];
    const inexpressible = [
      'error.limits',
      ...adapterClauses,
      ...byPropertiesAlone,
      ...registry.filter((c) => pages.includes(c.file)).map((c) => c.id),
    ];
    const cited = new Set(fixtures.flatMap(({ fixture }) => fixture.spec));
    const uncovered = registry
      .filter((clause) => clause.normative && clause.status === 'active' && !cited.has(clause.id))
      .map((clause) => clause.id);
    expect(uncovered.sort()).toEqual(inexpressible.sort());
  });

  it('the generator reproduces every generated fixture byte for byte', () => {
    const generated = generateFixtures();
    const onDisk = fixtures.filter(({ fixture }) => fixture.provenance.method === 'exact');
    expect(generated.map((f) => f.id).sort()).toEqual(onDisk.map(({ fixture }) => fixture.id).sort());
    for (const fixture of generated) {
      const file = join(packageRoot(), 'fixtures', fixture.op, `${fixture.id}.json`);
      expect(readFileSync(file, 'utf8'), fixture.id).toBe(formatFixtureJson(fixture));
    }
  }, 60_000);

  it('hand-derived and generated fixtures keep apart: generated ids start with gen-', () => {
    for (const { fixture } of fixtures) {
      expect(fixture.id.split('.')[1]!.startsWith('gen-'), fixture.id).toBe(fixture.provenance.method === 'exact');
    }
  });
});

describe('the agreement matrix', () => {
  const matrix = readFileSync(join(packageRoot(), 'fixtures', 'AGREEMENT.md'), 'utf8');

  it('has a row for every fixture (else run npm run fixtures:crosscheck)', () => {
    const rows = new Set([...matrix.matchAll(/^\| `([a-z0-9.-]+)` \| (?!tfjs|onnxruntime|python-torch)/gm)].map((m) => m[1]));
    const missing = fixtures.map(({ fixture }) => fixture.id).filter((id) => !rows.has(id));
    expect(missing).toEqual([]);
  });

  it('explains every disagreement', () => {
    expect(matrix).not.toContain('UNEXPLAINED');
    const explanations = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'crosscheck-explanations.json'), 'utf8')) as {
      kind: string;
      note: string;
    }[];
    for (const explanation of explanations) {
      expect(['divergence', 'framework-bug', 'fixture-bug']).toContain(explanation.kind);
      expect(explanation.note.length).toBeGreaterThan(0);
    }
  });
});
