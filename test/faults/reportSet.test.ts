/**
 * A set of reports is written all or nothing: a real `cnnspec run` whose disk fills up while it
 * writes its reports (test/faults/fullDisk.ts), or whose renames fail halfway
 * (test/faults/failingRename.ts), exits 2 and leaves either the earlier set exactly as it was or
 * no report at all, never new files beside old ones, and no temporary file. A run that writes
 * fewer renderings than the earlier one removes the earlier ones and says so. Report folders
 * that are symbolic links, that do not exist yet, or that two runs write at once keep working.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model/Report.js';
import { writeFileAtomic } from '../../src/files/writeFileAtomic.js';
import { runCliCaptured } from '../support/runCliCaptured.js';
import { root } from './checkedRun.js';

const REPORT_FILES = ['junit.xml', 'report.html', 'report.json', 'report.md'];
/** One quick passing test: report.json, junit.xml and report.md take under 12 KB together, report.html tens of KB. */
const RUN = ['run', '--adapter', 'reference', '--only', 'conv/output-shape/matches-formula', '--num-runs', '3'];

interface Finished {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the CLI in a fresh process with the given preloads and environment. */
function cnnspec(args: string[], preload: string[] = [], env: Record<string, string> = {}): Promise<Finished> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...preload.flatMap((file) => ['--import', `./test/faults/${file}`]), 'src/cli/main.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** A folder holding an earlier run's full set, each file marked as earlier. */
function earlierSet(): { dir: string; contents: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'cnnspec-reportset-'));
  const contents = Object.fromEntries(REPORT_FILES.map((name) => [name, `earlier ${name}: not conformant\n`]));
  for (const name of REPORT_FILES) writeFileSync(join(dir, name), contents[name]!);
  return { dir, contents };
}

/** Every entry of a folder, hidden ones too, with the content of each file. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, lstatSync(join(dir, name)).isFile() ? readFileSync(join(dir, name), 'utf8') : '(not a file)']),
  );
}

const readReport = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;

// Each case is a separate process that mostly waits on start-up, so they share the wall time.
describe.concurrent('a full disk while the reports are written', () => {
  it('with room for some files but not all: exit 2, the earlier set untouched, no temporary file, and the run says so', async () => {
    const { dir, contents } = earlierSet();
    const run = await cnnspec([...RUN, '--report-dir', dir], ['fullDisk.ts'], {
      CNNSPEC_TEST_FULL_DIR: dir,
      CNNSPEC_TEST_FULL_BYTES: '12000',
    });
    expect(run.code, run.err).toBe(2);
    expect(snapshot(dir)).toEqual(contents);
    expect(run.err).toMatch(
      /could not write the html report into .*ENOSPC: no space left on device.*nothing was written, and the folder keeps the reports it had/,
    );
    expect(run.err).toMatch(/could not write the json report into .*not written, because the html report could not be/);
    expect(run.out).toContain('reports: (none)');
  }, 60_000);

  it('with no room at all: exit 2, the earlier set untouched, no temporary file', async () => {
    const { dir, contents } = earlierSet();
    const run = await cnnspec([...RUN, '--report-dir', dir], ['fullDisk.ts'], { CNNSPEC_TEST_FULL_DIR: dir, CNNSPEC_TEST_FULL_BYTES: '0' });
    expect(run.code, run.err).toBe(2);
    expect(snapshot(dir)).toEqual(contents);
    expect(run.err).toContain('ENOSPC');
  }, 60_000);

  it('into a folder that does not exist yet: exit 2, and the folder is left empty', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cnnspec-reportset-')), 'new', 'reports');
    const run = await cnnspec([...RUN, '--report-dir', dir], ['fullDisk.ts'], {
      CNNSPEC_TEST_FULL_DIR: dir,
      CNNSPEC_TEST_FULL_BYTES: '12000',
    });
    expect(run.code, run.err).toBe(2);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  }, 60_000);

  it('through a symbolic link to the report folder: exit 2, the link and the earlier set untouched', async () => {
    const { dir, contents } = earlierSet();
    const link = join(mkdtempSync(join(tmpdir(), 'cnnspec-reportset-')), 'out');
    symlinkSync(dir, link);
    // the simulated disk knows paths, not links: it is full under the path the run writes to
    const run = await cnnspec([...RUN, '--report-dir', link], ['fullDisk.ts'], {
      CNNSPEC_TEST_FULL_DIR: link,
      CNNSPEC_TEST_FULL_BYTES: '12000',
    });
    expect(run.code, run.err).toBe(2);
    expect(readlinkSync(link)).toBe(dir);
    expect(snapshot(dir)).toEqual(contents);
  }, 60_000);

  it('a rename that fails halfway through: exit 2, no report file of either set is left, and the run says so', async () => {
    const { dir } = earlierSet();
    const run = await cnnspec([...RUN, '--report-dir', dir], ['failingRename.ts'], {
      CNNSPEC_TEST_RENAME_DIR: dir,
      CNNSPEC_TEST_RENAME_FAILS_AT: '3',
    });
    expect(run.code, run.err).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    expect(run.err).toMatch(
      /EIO: i\/o error, rename .*the report files of this report and of the earlier one were removed, so that the folder holds no mixed set/,
    );
  }, 60_000);
});

describe.concurrent('report folders that work', () => {
  it('fewer renderings than the earlier run: the earlier ones are removed, and the run says which', async () => {
    const { dir } = earlierSet();
    const run = await cnnspec([...RUN, '--format', 'json,md', '--report-dir', dir]);
    expect(run.code, run.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'report.md']);
    expect(readReport(dir).summary.conformant).toBe(true);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).not.toContain('earlier');
    for (const name of ['junit.xml', 'report.html'])
      expect(run.err).toContain(`removed ${join(dir, name)}: it belonged to an earlier report`);
  }, 60_000);

  it('a symbolic link to the report folder stays a link, and the reports land in its target', async () => {
    const { dir } = earlierSet();
    const link = join(mkdtempSync(join(tmpdir(), 'cnnspec-reportset-')), 'out');
    symlinkSync(dir, link);
    const run = await cnnspec([...RUN, '--report-dir', link]);
    expect(run.code, run.err).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(REPORT_FILES);
    expect(readReport(dir).summary.conformant).toBe(true);
  }, 60_000);

  it('two runs at once into sibling folders each leave their own whole set', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'cnnspec-reportset-'));
    const [a, b] = [join(parent, 'a'), join(parent, 'b')];
    mkdirSync(a);
    const runs = await Promise.all([
      cnnspec([...RUN, '--seed', '1', '--report-dir', a]),
      cnnspec([...RUN, '--seed', '2', '--report-dir', b]),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expect(readdirSync(parent).sort()).toEqual(['a', 'b']);
    for (const dir of [a, b]) expect(readdirSync(dir).sort()).toEqual(REPORT_FILES);
    expect([readReport(a).run.seed, readReport(b).run.seed]).toEqual([1, 2]);
  }, 60_000);
});

describe('cnnspec report into the folder of the report it renders', () => {
  it('keeps the report and its other renderings, there or through a link to that folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-reportset-'));
    expect((await runCliCaptured([...RUN, '--format', 'json,junit', '--report-dir', dir])).code).toBe(0);
    const report = readFileSync(join(dir, 'report.json'), 'utf8');
    const rendered = await runCliCaptured(['report', join(dir, 'report.json'), '--format', 'html']);
    expect(rendered.code, rendered.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.html', 'report.json']);
    const link = join(mkdtempSync(join(tmpdir(), 'cnnspec-reportset-')), 'out');
    symlinkSync(dir, link);
    const throughLink = await runCliCaptured(['report', join(dir, 'report.json'), '--format', 'md', '--out', link]);
    expect(throughLink.code, throughLink.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(REPORT_FILES);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(report);
    expect(rendered.err + throughLink.err).not.toContain('removed');
  }, 60_000);
});

describe('writeFileAtomic', () => {
  it('a write that fails removes its temporary file and leaves the target as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-reportset-'));
    const target = join(dir, 'coverage.json');
    mkdirSync(target); // a folder where the file should go: the final rename fails
    writeFileSync(join(target, 'inside'), 'kept');
    expect(() => writeFileAtomic(target, 'new content')).toThrow();
    expect(readdirSync(dir)).toEqual(['coverage.json']);
    expect(readdirSync(target)).toEqual(['inside']);
  });
});
