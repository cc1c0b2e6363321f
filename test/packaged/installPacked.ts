/**
 * The package as a user gets it: `npm pack` of this checkout (its `prepare` builds dist/),
 * installed into a scratch project in a temporary folder, once per test process. `run` runs
 * `npx cnnspec <args>` there. Packing builds into the checkout's dist/, so packing processes take
 * turns through a lock folder.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/files/packageRoot.js';

export interface PackedRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PackedProject {
  /** The scratch project, with cnnspec in its node_modules. */
  dir: string;
  /** Runs `npx cnnspec <args>` in the scratch project. */
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string }): Promise<PackedRun>;
}

/** A lock older than this was left by a process that died while packing. */
const STALE_LOCK_MS = 15 * 60_000;

let installed: Promise<PackedProject> | undefined;

export async function installPacked(): Promise<PackedProject> {
  installed ??= install();
  return installed;
}

async function install(): Promise<PackedProject> {
  const root = packageRoot();
  const work = mkdtempSync(join(tmpdir(), 'cnnspec-packed-'));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const packs = join(work, 'pack');
  mkdirSync(packs);
  const packed = await withLock(join(tmpdir(), `cnnspec-pack-lock-${Buffer.from(root).toString('hex').slice(-40)}`), () =>
    command('npm', ['pack', '--json', '--pack-destination', packs], { cwd: root }),
  );
  if (packed.code !== 0) throw new Error(`npm pack failed (exit ${packed.code}):\n${packed.stderr.slice(-4000)}`);
  const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string }];
  const dir = join(work, 'project');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  // The dependencies come from the npm cache when it holds them, from the registry otherwise.
  const added = await command('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(packs, filename)], { cwd: dir });
  if (added.code !== 0) throw new Error(`npm install of the packed tarball failed (exit ${added.code}):\n${added.stderr.slice(-4000)}`);
  return {
    dir,
    run: (args, options = {}) => command('npx', ['--no', 'cnnspec', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...options.env }, ...(options.input === undefined ? {} : { input: options.input }) }),
  };
}

function command(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<PackedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? 128 + (signal === null ? 0 : constants.signals[signal]), stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs `task` while holding the lock folder `lock` (mkdir is atomic), waiting for another holder to finish. */
async function withLock<T>(lock: string, task: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await task();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
