/**
 * `cnnspec/vitest` in a user's project on each vitest the package declares as its peer
 * (`^3.2.0 || ^4.1.12`): the packed tarball and one vitest, at the lower bound of each major,
 * installed together into a scratch project (an install that the peer range refused would fail
 * with ERESOLVE), then the library and conformance test of examples/vitest-project run there
 * with that vitest. Every property and fixture registers, the library passes all but its known
 * gaps, and a deliberately broken variant fails with its clauses and replay command.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { EXAMPLE_GAPS } from '../support/exampleProjectGaps.js';
import { installInto, packedTarball, repositoryRoot, runCommand, scratchRoot, userEnvironment } from './installPacked.js';

const VITESTS = ['3.2.0', '4.1.12'];
const example = join(repositoryRoot, 'examples', 'vitest-project');
const declared = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> })
  .peerDependencies.vitest;

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  numPassedTests: number;
  testResults: { message: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

/** A scratch project with the packed kit, vitest `version`, and the example's library and test (not its aliases to this repository). */
async function projectWith(version: string): Promise<string> {
  const dir = join(scratchRoot(), `vitest-${version}`);
  await installInto(dir, [await packedTarball(), `vitest@${version}`]);
  for (const folder of ['src', 'test']) cpSync(join(example, folder), join(dir, folder), { recursive: true });
  return dir;
}

/** `vitest run` in the project, as its owner runs it, with the JSON report read back. */
async function vitestRun(dir: string, env: NodeJS.ProcessEnv): Promise<JsonReport> {
  const output = join(mkdtempSync(join(scratchRoot(), 'report-')), 'report.json');
  try {
    await runCommand(join(dir, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=json', `--outputFile=${output}`], {
      cwd: dir,
      env: userEnvironment(env),
    });
  } catch {
    // a failing suite exits 1: the report says why
  }
  return JSON.parse(readFileSync(output, 'utf8')) as JsonReport;
}

describe.each(VITESTS)('cnnspec/vitest with vitest %s', (version) => {
  let project: Promise<string> | undefined;
  const ready = (): Promise<string> => (project ??= projectWith(version));

  it('installs next to it: the peer range admits this vitest', async () => {
    const dir = await ready();
    expect(declared).toBe('^3.2.0 || ^4.1.12');
    const installed = JSON.parse(readFileSync(join(dir, 'node_modules', 'vitest', 'package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(version);
    expect(JSON.parse(readFileSync(join(dir, 'node_modules', 'cnnspec', 'package.json'), 'utf8'))).toMatchObject({
      name: 'cnnspec',
      peerDependencies: { vitest: declared },
    });
  }, 600_000);

  it('registers every property and fixture, and the example library passes all but its known gaps', async () => {
    const report = await vitestRun(await ready(), { CNNSPEC_NUM_RUNS: '5' });
    const tests = report.testResults.flatMap((file) => file.assertionResults);
    expect(report.testResults.map((file) => file.message)).toEqual(['']);
    expect(tests.length).toBe(ALL_PROPERTIES.length + loadFixtures().length);
    const failed = tests.filter((test) => test.status === 'failed');
    expect(
      failed.filter((test) => !EXAMPLE_GAPS.includes(test.title)).map((test) => `${test.title}: ${test.failureMessages.join('\n')}`),
    ).toEqual([]);
    expect(tests.find((test) => test.title === 'conv/no-flip/kernel-applied-as-stored')?.status).toBe('passed');
    expect(report.numPassedTests).toBeGreaterThan(ALL_PROPERTIES.length / 2);
  }, 600_000);

  it('fails a flipped kernel with its clauses and a replay command', async () => {
    const report = await vitestRun(await ready(), {
      EXAMPLE_BUG: 'flip-kernel',
      CNNSPEC_ONLY: 'conv/no-flip/kernel-applied-as-stored',
      CNNSPEC_NUM_RUNS: '20',
    });
    const tests = report.testResults.flatMap((file) => file.assertionResults);
    expect(tests.map((test) => [test.title, test.status])).toEqual([['conv/no-flip/kernel-applied-as-stored', 'failed']]);
    const message = tests[0]!.failureMessages.join('\n');
    expect(message).toContain('[spec: conv.no-flip, conv.definition]');
    expect(message).toMatch(
      /replay: CNNSPEC_ONLY='conv\/no-flip\/kernel-applied-as-stored' CNNSPEC_SEED=\d+ CNNSPEC_PATH='[\d:]+' npx vitest run test\/conformance\.test\.ts$/m,
    );
  }, 600_000);
});
