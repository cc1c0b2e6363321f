/**
 * Journey: a team with its own golden cases, or an adapter in any language, from the packed
 * package installed into a scratch project (installPacked). The team copies two of the kit's
 * fixtures into a folder of its own, one renamed as ONNX names its tests, hashes the folder with
 * `npx cnnspec fixtures manifest`, checks it, and runs it alone against the reference; and an
 * --exec adapter that fails at import shows its traceback instead of a bare exit code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model/Report.js';
import { installPacked, type PackedInstall } from './installPacked.js';

let kit: PackedInstall;
beforeAll(async () => {
  kit = await installPacked();
}, 600_000);

/** A fixture of the installed package, as a user would copy it. */
const installedFixture = (op: string, id: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(kit.dir, 'node_modules', 'cnnspec', 'fixtures', op, `${id}.json`), 'utf8')) as Record<string, unknown>;

describe('journey: running your own golden cases', () => {
  it('manifest, check and run --fixtures --no-builtin-fixtures: the two fixtures run and pass', async () => {
    const cases = join(kit.dir, 'my-cases');
    const conv: Record<string, unknown> = {
      ...installedFixture('conv', 'conv.dilation-with-stride'),
      id: 'conv.test_Conv1d_Dilated_Strided',
    };
    const pool = installedFixture('pool', 'pool.avg-1d-exclude-pad');
    for (const fixture of [conv, pool]) {
      const op = fixture.op as string;
      mkdirSync(join(cases, op), { recursive: true });
      writeFileSync(join(cases, op, `${fixture.id as string}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
    }

    const manifest = await kit.run(['fixtures', 'manifest', 'my-cases']);
    expect(manifest, manifest.stderr).toMatchObject({ code: 0, stdout: 'my-cases/MANIFEST.json: 2 fixtures (2 new, 0 changed)\n' });

    const check = await kit.run(['fixtures', 'check', 'my-cases']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain(
      'ok   my-cases/conv/conv.test_Conv1d_Dilated_Strided.json: reference agrees under cnnspec, onnx, pytorch, caffe\n',
    );
    expect(check.stdout).toContain('ok   my-cases/pool/pool.avg-1d-exclude-pad.json: reference agrees under ');
    expect(check.stdout).toContain('every fixture is fit to run\n');

    const run = await kit.run(['run', '--adapter', 'reference', '--fixtures', 'my-cases', '--no-builtin-fixtures']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^pass +fixture\/my-cases\/conv\.test_Conv1d_Dilated_Strided /m);
    const report = JSON.parse(readFileSync(join(kit.dir, 'reports', 'out', 'report.json'), 'utf8')) as Report;
    const fixtures = report.results.filter((result) => result.kind === 'fixture');
    expect(fixtures.map((result) => [result.id, result.status])).toEqual([
      ['fixture/my-cases/conv.test_Conv1d_Dilated_Strided', 'pass'],
      ['fixture/my-cases/pool.avg-1d-exclude-pad', 'pass'],
    ]);
    expect(report.summary.conformant).toBe(true);
  }, 300_000);

  it('a folder without its manifest is refused with the command to run, not a stack trace', async () => {
    const bare = join(kit.dir, 'unhashed', 'conv');
    mkdirSync(bare, { recursive: true });
    writeFileSync(join(bare, 'conv.dilation-with-stride.json'), JSON.stringify(installedFixture('conv', 'conv.dilation-with-stride')));
    const run = await kit.run(['run', '--adapter', 'reference', '--fixtures', 'unhashed']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'unhashed/MANIFEST.json: no fixture manifest: every fixture is checked against the sha256 its manifest lists; write one with npx cnnspec fixtures manifest unhashed',
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 120_000);
});

describe('journey: an --exec adapter that fails at import', () => {
  it('a Node adapter: the error quotes the end of its standard error', async () => {
    writeFileSync(join(kit.dir, 'adapter.mjs'), "import 'cnnspec-no-such-framework';\n");
    const run = await kit.run(['run', '--exec', 'node adapter.mjs']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/adapter exited \(code 1, signal null\) before its hello; its standard error ended with.*:\n/);
    expect(run.stderr).toMatch(/^ {2}\| .*Cannot find package 'cnnspec-no-such-framework'/m);
  }, 120_000);

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)(
    'a Python adapter: the error shows its traceback',
    async () => {
      writeFileSync(join(kit.dir, 'adapter.py'), 'import json\nimport cnnspec_no_such_framework\nprint(json.dumps({"type": "hello"}))\n');
      const run = await kit.run(['run', '--exec', 'python3 adapter.py']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'adapter exited (code 1, signal null) before its hello; its standard error ended with:\n  | Traceback (most recent call last):\n',
      );
      expect(run.stderr).toContain("  | ModuleNotFoundError: No module named 'cnnspec_no_such_framework'\n");
    },
    120_000,
  );
});
