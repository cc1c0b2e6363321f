/**
 * A team's own golden cases: `cnnspec fixtures manifest|check DIR` and `cnnspec run --fixtures
 * DIR`, in-process, on folders made from the kit's fixtures; and what the console says about an
 * --exec adapter that dies before its hello or prints stray lines.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/fixtures/Fixture.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import type { Report } from '../../src/report/model/Report.js';
import { runCliCaptured as cli } from '../support/runCliCaptured.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnnspec-own-fixtures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const kitFixture = (op: string, id: string): Fixture =>
  JSON.parse(readFileSync(join(packageRoot(), 'fixtures', op, `${id}.json`), 'utf8')) as Fixture;

/** A folder `name` under the scratch folder holding the fixtures given, without a manifest. */
function folder(name: string, fixtures: Fixture[]): string {
  const dir = join(scratch, name);
  for (const fixture of fixtures) {
    mkdirSync(join(dir, fixture.op), { recursive: true });
    writeFileSync(join(dir, fixture.op, `${fixture.id}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
  }
  return dir;
}

/** Two fixtures that hold under cnnspec, one with an ONNX-style id. */
const conv = { ...kitFixture('conv', 'conv.dilation-with-stride'), id: 'conv.test_Conv1d_dilated_Strided' } as Fixture;
const pool = kitFixture('pool', 'pool.avg-1d-exclude-pad');

const script = join(packageRoot(), 'test', 'adapters', 'misbehaving.mjs');

describe('cnnspec fixtures manifest and check', () => {
  it('check names a missing manifest and the command that writes it (exit 1); manifest writes it; check then passes every file (exit 0)', async () => {
    const dir = folder('team-cases', [conv, pool]);
    const before = await cli(['fixtures', 'check', dir]);
    expect(before.code).toBe(1);
    expect(before.out).toContain(
      `team-cases/MANIFEST.json: no fixture manifest: every fixture is checked against the sha256 its manifest lists; write one with npx cnnspec fixtures manifest ${dir}`,
    );
    const written = await cli(['fixtures', 'manifest', dir]);
    expect(written).toMatchObject({ code: 0, out: 'team-cases/MANIFEST.json: 2 fixtures (2 new, 0 changed)\n' });
    const manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as {
      count: number;
      fixtures: { id: string; file: string }[];
    };
    expect(manifest.fixtures.map((entry) => [entry.id, entry.file])).toEqual([
      ['conv.test_Conv1d_dilated_Strided', 'team-cases/conv/conv.test_Conv1d_dilated_Strided.json'],
      ['pool.avg-1d-exclude-pad', 'team-cases/pool/pool.avg-1d-exclude-pad.json'],
    ]);
    const after = await cli(['fixtures', 'check', dir]);
    expect(after.code, after.out).toBe(0);
    expect(after.out).toContain(
      'ok   team-cases/conv/conv.test_Conv1d_dilated_Strided.json: reference agrees under cnnspec, onnx, pytorch, caffe\n',
    );
    expect(after.out).toContain('2 fixture file(s): 2 ok, 0 with problems\nevery fixture is fit to run\n');
  });

  it('check gives each file its own verdict: an invalid file, a changed one and one the reference disagrees with', async () => {
    const dir = folder('flawed', [conv, pool]);
    expect((await cli(['fixtures', 'manifest', dir])).code).toBe(0);
    const wrong = JSON.parse(JSON.stringify(pool)) as Fixture & { expected: { output: { data: number[] } } };
    wrong.expected.output.data[0] = 99;
    writeFileSync(join(dir, 'pool', `${pool.id}.json`), JSON.stringify(wrong));
    writeFileSync(join(dir, 'conv', 'conv.Broken.json'), '{"format": "cnnspec-fixture/1"');
    const result = await cli(['fixtures', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^FAIL flawed\/conv\/conv\.Broken\.json: 1 problem\(s\)\n {4}not valid JSON: /m);
    expect(result.out).toContain('ok   flawed/conv/conv.test_Conv1d_dilated_Strided.json');
    expect(result.out).toMatch(
      /^FAIL flawed\/pool\/pool\.avg-1d-exclude-pad\.json: 1 problem\(s\)\n {4}sha256 [0-9a-f]{12}… differs from flawed\/MANIFEST\.json's/m,
    );
    expect(result.out).toMatch(/^ {4}cnnspec: the reference disagrees: /m);
    expect(result.out).toContain('3 fixture file(s): 1 ok, 2 with problems');
  });

  it('manifest refuses to change a listed hash unless --unpublished, and refuses an invalid fixture (exit 2, nothing written)', async () => {
    const dir = folder('evolving', [conv]);
    expect((await cli(['fixtures', 'manifest', dir])).code).toBe(0);
    writeFileSync(join(dir, 'conv', `${conv.id}.json`), JSON.stringify({ ...conv, description: 'changed in place' }));
    const refused = await cli(['fixtures', 'manifest', dir]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`refusing to change listed fixtures in place (a change of meaning gets a new id): ${conv.id}`);
    expect(refused.err).toContain('--unpublished accepts the change');
    expect(await cli(['fixtures', 'manifest', dir, '--unpublished'])).toMatchObject({
      code: 0,
      out: 'evolving/MANIFEST.json: 1 fixtures (0 new, 1 changed)\n',
    });
    const listed = readFileSync(join(dir, 'MANIFEST.json'), 'utf8');
    writeFileSync(join(dir, 'conv', 'conv.bad.json'), JSON.stringify({ ...conv, id: 'conv.bad', conventions: [] }));
    const invalid = await cli(['fixtures', 'manifest', dir]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain(
      'no manifest written: evolving/conv/conv.bad.json: not a valid fixture:\n  /conventions must NOT have fewer than 1 items (minItems)',
    );
    expect(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')).toBe(listed);
  });

  it('both refuse a path that is not a folder as a usage error (exit 2)', async () => {
    for (const command of ['manifest', 'check']) {
      const result = await cli(['fixtures', command, join(scratch, 'no-such-folder')]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('no-such-folder is not a folder');
    }
  });
});

describe('cnnspec run --fixtures', () => {
  const reportDir = join(scratch, 'reports');
  const report = (): Report => JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;

  it("runs a folder's fixtures as fixture/<folder>/<id>, alone with --no-builtin-fixtures, and records the folder", async () => {
    const dir = folder('golden', [conv, pool]);
    expect((await cli(['fixtures', 'manifest', dir])).code).toBe(0);
    const run = await cli([
      'run',
      '--adapter',
      'reference',
      '--fixtures',
      dir,
      '--no-builtin-fixtures',
      '--no-properties',
      '--report-dir',
      reportDir,
      '--format',
      'json,md',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(report().results.map((result) => [result.id, result.status])).toEqual([
      ['fixture/golden/conv.test_Conv1d_dilated_Strided', 'pass'],
      ['fixture/golden/pool.avg-1d-exclude-pad', 'pass'],
    ]);
    expect(report().run).toMatchObject({ builtinFixtures: false, fixtureFolders: [{ name: 'golden', dir, fixtures: 2 }] });
    const markdown = readFileSync(join(reportDir, 'report.md'), 'utf8');
    expect(markdown).toContain("the properties (--no-properties) and the kit's own fixtures (--no-builtin-fixtures)");
    expect(markdown).toContain(`${dir} (2 as fixture/golden/...)`);
  });

  it("runs beside the kit's fixtures under a name given as NAME=DIR, and a failure's replay carries the folder", async () => {
    const dir = folder('named', [
      { ...pool, expected: { output: { ...(pool.expected as { output: object }).output, data: [99, 99, 99] } } } as Fixture,
    ]);
    expect((await cli(['fixtures', 'manifest', dir])).code).toBe(0);
    const run = await cli([
      'run',
      '--adapter',
      'reference',
      '--fixtures',
      `team=${dir}`,
      '--no-properties',
      '--only',
      `fixture/team/${pool.id},fixture/${pool.id}`,
      '--report-dir',
      reportDir,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(1);
    const results = report().results;
    expect(results.map((result) => [result.id, result.status])).toEqual([
      [`fixture/${pool.id}`, 'pass'],
      [`fixture/team/${pool.id}`, 'fail'],
    ]);
    expect(results[1]!.replay).toBe(
      `npx cnnspec run --adapter 'reference' --fixtures 'team=${dir}' --only 'fixture/team/${pool.id}' --seed 20261128`,
    );
  });

  it("warns when none of a folder's fixtures ran (all under a convention the adapter does not follow)", async () => {
    const example = join(packageRoot(), 'examples', 'own-fixtures');
    const run = await cli([
      'run',
      '--adapter',
      'reference',
      '--fixtures',
      example,
      '--no-builtin-fixtures',
      '--no-properties',
      '--report-dir',
      reportDir,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      `warning: none of the 3 fixture(s) of ${example} ran, all unsupported (first: the fixture holds under onnx, not cnnspec)\n`,
    );
    const onnx = await cli([
      'run',
      '--adapter',
      'reference:onnx',
      '--fixtures',
      example,
      '--no-builtin-fixtures',
      '--no-properties',
      '--report-dir',
      reportDir,
      '--format',
      'json',
    ]);
    expect(onnx.code).toBe(0);
    expect(onnx.out).not.toContain('warning: none of');
  });

  it('refuses, before the adapter starts (exit 2, no report), a folder without a manifest, with the command that writes one; two folders of one name; a name that cannot be one', async () => {
    const bare = folder('bare', [conv]);
    const missing = await cli(['run', '--exec', 'exit 9', '--fixtures', bare, '--report-dir', join(scratch, 'never')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(
      `bare/MANIFEST.json: no fixture manifest: every fixture is checked against the sha256 its manifest lists; write one with npx cnnspec fixtures manifest ${bare}`,
    );
    expect(missing.err).not.toContain('adapter exited');
    const other = folder('elsewhere/bare', [conv]);
    const twice = await cli(['run', '--adapter', 'reference', '--fixtures', bare, '--fixtures', other]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('both give tests named fixture/bare/...: name one of them, as NAME=DIR');
    const badName = await cli(['run', '--adapter', 'reference', '--fixtures', `a/b=${bare}`]);
    expect(badName.code).toBe(2);
    expect(badName.err).toContain('the name "a/b" must be 1 to 100 letters');
  });
});

describe('cnnspec run --exec: what the console says about the adapter process', () => {
  it("quotes the end of the adapter's standard error when it dies before its hello", async () => {
    const run = await cli(['run', '--exec', `'${process.execPath}' '${script}' traceback`, '--report-dir', join(scratch, 'never')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      'adapter exited (code 1, signal null) before its hello; its standard error ended with (the last 20 lines; 11 before them are left out):\n  |   frame 12 of the traceback\n',
    );
    expect(run.err).toContain("  | ModuleNotFoundError: No module named 'no_such_module'\n");
  });

  it('warns once, quoting the first, when the adapter prints lines that are not protocol messages', async () => {
    const run = await cli([
      'run',
      '--exec',
      `'${process.execPath}' '${script}' noisy`,
      '--no-properties',
      '--only',
      'fixture/conv.3d-valid',
      '--report-dir',
      join(scratch, 'noisy'),
      '--format',
      'json',
    ]);
    expect(run.code, run.err).toBe(0);
    const warnings = run.err.split('\n').filter((line) => line.startsWith('cnnspec: warning:'));
    expect(warnings).toEqual([
      'cnnspec: warning: the adapter wrote a line that is not a protocol message to its standard output: "this is not JSON"',
    ]);
  });
});

describe("cnnspec fixtures check holds a folder to the rules of the kit's own fixtures", () => {
  it('names a fixture outside the folder of its op, an id of another op, and a clause that is not registered', async () => {
    const dir = folder('misplaced', [conv]);
    mkdirSync(join(dir, 'pool'));
    writeFileSync(join(dir, 'pool', 'conv.elsewhere.json'), JSON.stringify({ ...conv, id: 'conv.elsewhere' }));
    writeFileSync(join(dir, 'conv', 'pool.in-conv.json'), JSON.stringify({ ...conv, id: 'pool.in-conv', spec: ['conv.no-such-clause'] }));
    expect((await cli(['fixtures', 'manifest', dir])).code).toBe(0);
    const result = await cli(['fixtures', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'FAIL misplaced/pool/conv.elsewhere.json: 1 problem(s)\n    a conv fixture must be in the folder conv/, not pool/\n',
    );
    expect(result.out).toContain(
      'FAIL misplaced/conv/pool.in-conv.json: 2 problem(s)\n    the id of a conv fixture starts with conv., not pool.\n    cites conv.no-such-clause, which is no clause of spec/clauses.json\n',
    );
  });

  it('passes the example folder examples/own-fixtures, with its ONNX-named and large 3-D cases', async () => {
    const result = await cli(['fixtures', 'check', join(packageRoot(), 'examples', 'own-fixtures')]);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('ok   own-fixtures/pool/pool.test_MaxPool3d_Ramp_Large.json: reference agrees under onnx, pytorch\n');
  });
});
