/**
 * The kit as a user gets it: `npm pack` of this repository, installed with `npm install
 * <tarball>` into a scratch project, and its `cnnspec` bin run there. Installing happens once per
 * test process (per test file, as vitest isolates them); the scratch folders are removed after
 * the test file that made them (an afterAll hook registered on import), or at the latest when the
 * process exits. Packing happens once per content of the working tree: the tarball is kept in the
 * system's temporary folder under a hash of the files it is made from, so that the test files of
 * one run (and later runs of an unchanged tree) share it; one process packs while the others wait.
 *
 * The pack is made from a copy of the working tree (without node_modules, dist/, reports and
 * git's files; node_modules linked), so that its `prepare` build writes the copy's dist/: test
 * processes packing at the same time never read each other's half-written build, and the
 * repository's own dist/ is left alone. The tarball holds what `npm pack` in the repository would:
 * the same files, built the same way. The install uses the user's npm cache, so that only
 * packages never installed on the machine are downloaded.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll } from 'vitest';

export interface PackedRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PackedInstall {
  /** The scratch project: `node_modules/cnnspec` is the installed package. */
  dir: string;
  /**
   * Runs the installed `cnnspec` bin in `dir` (as `npx cnnspec` would), in the user's environment
   * (userEnvironment) with `env` added, and `input` on its standard input.
   */
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string }): Promise<PackedRun>;
}

export const repositoryRoot = join(import.meta.dirname, '..', '..');

/** What is not copied for the pack: installed packages, builds, reports and git's files. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', 'coverage', 'reports', 'scratch']);

/** Runs a command to its end; rejects with its output when it fails. */
export function runCommand(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} (in ${options.cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * The environment of a command started by hand: none of the running test's vitest or CNNSPEC_*
 * variables, no colours, with `extra` added (a variable set to undefined in `extra` is removed).
 */
export function userEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && !key.startsWith('CNNSPEC_') && key !== 'NODE_ENV' && key !== 'TEST',
    ),
  );
  const merged: NodeJS.ProcessEnv = {
    ...env,
    NO_COLOR: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}

/** Packs a copy of the working tree into `destination` and returns the tarball's path. */
export async function packRepository(destination: string): Promise<string> {
  const stage = mkdtempSync(join(tmpdir(), 'cnnspec-stage-'));
  try {
    cpSync(repositoryRoot, stage, {
      recursive: true,
      filter: (source) => !NOT_COPIED.has(relative(repositoryRoot, source).split(sep)[0]!),
    });
    // The build needs TypeScript and the types: the repository's packages, linked, not copied.
    symlinkSync(join(repositoryRoot, 'node_modules'), join(stage, 'node_modules'), 'dir');
    mkdirSync(destination, { recursive: true });
    await runCommand('npm', ['pack', '--pack-destination', destination, '--silent'], { cwd: stage, env: userEnvironment() });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const tarballs = readdirSync(destination).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${destination}: ${tarballs.join(', ')}`);
  return join(destination, tarballs[0]!);
}

/** A fresh npm project in `dir` with `packages` installed (tarball paths or name@range). */
export async function installInto(dir: string, packages: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'scratch-project', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  await runCommand('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packages], { cwd: dir, env: userEnvironment() });
}

let scratch: string | undefined;
let tarball: Promise<string> | undefined;
let installed: Promise<PackedInstall> | undefined;

/** Forgets the scratch folders, so that a later caller packs and installs afresh, and returns the folder to remove. */
function forget(): string | undefined {
  const dir = scratch;
  scratch = undefined;
  tarball = undefined;
  installed = undefined;
  return dir;
}

// Registered while the importing test file is collected: it runs after that file's tests. The
// projects hold a few hundred megabytes of node_modules: removing them takes a while.
afterAll(async () => {
  const dir = forget();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}, 300_000);
process.once('exit', () => {
  const dir = forget();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder for this test process, removed after its tests. */
export function scratchRoot(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'cnnspec-packed-'));
  return scratch;
}

/** A hash of every file the pack is made from: its path and its bytes. */
function treeHash(): string {
  const hash = createHash('sha256');
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      const relativePath = relative(repositoryRoot, path);
      if (NOT_COPIED.has(relativePath.split(sep)[0]!)) continue;
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) hash.update(`${relativePath}\0`).update(readFileSync(path)).update('\0');
    }
  };
  visit(repositoryRoot);
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A lock older than this was left by a process that died while packing. */
const STALE_LOCK_MS = 15 * 60_000;

/** The tarball of this content of the tree, packed by this process or found packed by another. */
async function sharedTarball(): Promise<string> {
  const folder = join(tmpdir(), `cnnspec-pack-${treeHash()}`);
  const done = join(folder, 'done');
  const lock = `${folder}.lock`;
  for (;;) {
    if (existsSync(done)) return readFileSync(done, 'utf8');
    try {
      mkdirSync(lock);
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held !== undefined && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      rmSync(folder, { recursive: true, force: true });
      const path = await packRepository(folder);
      writeFileSync(done, path);
      return path;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** The packed tarball of this repository's working tree. */
export function packedTarball(): Promise<string> {
  tarball ??= sharedTarball();
  return tarball;
}

function runInstalled(dir: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<PackedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(dir, 'node_modules', '.bin', 'cnnspec'), args, {
      cwd: dir,
      env: userEnvironment(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // Decoded as a stream, so that a character split between two chunks stays whole.
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? 128 + (signal === null ? 0 : constants.signals[signal]), stdout, stderr }));
    // A command that exits without reading its input closes the pipe: not an error of the run.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The packed package installed into a scratch project, once per test process, with `extra`
 * packages beside it (an optional peer dependency a journey needs, as name@version).
 */
export async function installPacked(extra: string[] = []): Promise<{
  dir: string;
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string }): Promise<{ code: number; stdout: string; stderr: string }>;
}> {
  installed ??= (async (): Promise<PackedInstall> => {
    const path = await packedTarball();
    const dir = join(scratchRoot(), 'project');
    await installInto(dir, [path, ...extra]);
    return { dir, run: (args, options) => runInstalled(dir, args, options) };
  })();
  return installed;
}
