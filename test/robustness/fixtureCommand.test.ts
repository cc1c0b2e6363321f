/**
 * `cnnspec run` on a copy of the package whose fixtures are broken (a tampered fixture, a FIFO
 * named like a fixture, a FIFO in place of the manifest): exit 2 with one message naming the
 * file and the rule, never a stack trace or a hang, and no report, since no test ran. A FIFO
 * would block a process that opened it for ever, so each run is a child process with a deadline.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixtureManifest } from '../../src/fixtures/fixtureManifest.js';
import { formatFixtureJson } from '../../src/fixtures/formatFixtureJson.js';
import { packageRoot } from '../../src/files/packageRoot.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnnspec-fixture-command-'));
/** The links to the kit's node_modules in package copies, unlinked first so that no removal can reach through them. */
const links: string[] = [];
afterAll(() => {
  for (const link of links) unlinkSync(link);
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

const manifest = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'MANIFEST.json'), 'utf8')) as FixtureManifest;
/** A conv fixture with an output. */
const victim = manifest.fixtures.find(
  (entry) => entry.file.startsWith('fixtures/conv/') && entry.method === 'hand-derived' && !entry.id.includes('error'),
)!;

const COMMAND_DEADLINE_MS = 40_000;

/** A copy of the package (what `cnnspec run` reads) whose fixtures `breakFixtures` then damages. */
function packageCopy(name: string, breakFixtures: (fixtures: string) => void): string {
  const kit = join(scratch, `package-${name}`);
  for (const entry of ['package.json', 'tsconfig.json', 'src', 'properties', 'spec', 'fixtures'])
    cpSync(join(packageRoot(), entry), join(kit, entry), { recursive: true });
  symlinkSync(join(packageRoot(), 'node_modules'), join(kit, 'node_modules'));
  links.push(join(kit, 'node_modules'));
  breakFixtures(join(kit, 'fixtures'));
  return kit;
}

function runIn(kit: string, reportDir: string): Promise<{ code: number | null; err: string; ms: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'run', '--adapter', 'reference', '--only', `fixture/${victim.id}`, '--report-dir', reportDir],
    {
      cwd: kit,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const deadline = setTimeout(() => child.kill('SIGKILL'), COMMAND_DEADLINE_MS);
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, err, ms: performance.now() - started });
    }),
  );
}

describe.concurrent('cnnspec run with broken fixtures', () => {
  const cases: [string, (fixtures: string) => void, RegExp][] = [
    [
      'a tampered fixture',
      (fixtures) => {
        const path = join(fixtures, victim.file.slice('fixtures/'.length));
        const fixture = JSON.parse(readFileSync(path, 'utf8')) as { inputs: { input: { data: number[] } } };
        fixture.inputs.input.data[0]! += 1;
        writeFileSync(path, formatFixtureJson(fixture));
      },
      new RegExp(`${victim.file.replace(/\./g, '\\.')}: sha256 [0-9a-f]{12}… differs from fixtures/MANIFEST\\.json's`),
    ],
    [
      'a FIFO named like a fixture',
      (fixtures) => mkfifo(join(fixtures, 'conv', 'conv.fifo.json')),
      /fixtures\/conv\/conv\.fifo\.json: is a FIFO \(named pipe\), not a regular file/,
    ],
    [
      'a FIFO in place of the manifest',
      (fixtures) => {
        unlinkSync(join(fixtures, 'MANIFEST.json'));
        mkfifo(join(fixtures, 'MANIFEST.json'));
      },
      /fixtures\/MANIFEST\.json: the fixture manifest is a FIFO \(named pipe\), not a regular file/,
    ],
  ];
  for (const [name, breakFixtures, message] of cases) {
    it(
      `${name}: exit 2 with one message naming the file and the rule, no stack trace, no report`,
      async () => {
        const kit = packageCopy(name.replace(/\W+/g, '-'), breakFixtures);
        const reportDir = join(kit, 'reports-out');
        const run = await runIn(kit, reportDir);
        expect(run.code, run.err).toBe(2);
        expect(run.err).toMatch(/^cnnspec: error: the golden fixtures fail their checks, so no test ran and no report was written:\n/);
        expect(run.err).toMatch(message);
        expect(run.err).toContain(
          'keep your own cases in a folder of your own, hash it with cnnspec fixtures manifest DIR and run it with --fixtures DIR',
        );
        expect(run.err).not.toMatch(/^\s+at /m);
        expect(existsSync(reportDir)).toBe(false);
      },
      COMMAND_DEADLINE_MS + 20_000,
    );
  }
});

/** mkfifo(1): node has no mkfifo of its own. */
function mkfifo(path: string): void {
  const { status } = spawnSync('mkfifo', [path]);
  if (status !== 0) throw new Error(`mkfifo ${path} failed`);
}
