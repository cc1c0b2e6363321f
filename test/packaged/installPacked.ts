/**
 * The package as a user gets it: `npm pack` of this checkout (which builds dist/ by the package's
 * `prepare`), installed with `npm install <tarball>` into a scratch project of its own. Made once
 * per test process and shared by every test file of it; removed when the process exits.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/files/packageRoot.js';

export interface InstalledPackage {
  /** The scratch project, with the package in node_modules/cnnspec. */
  dir: string;
  /** Runs `npx cnnspec <args>` in the scratch project, as a user would type it. */
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; input?: string }): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Runs a command to its end; a non-zero exit of a setup step is an error naming the command and its output. */
function exec(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    // a child ended by a signal has no code: 128 + the signal's number, as a shell reports it
    child.on('close', (code, signal) => resolve({ code: code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)), stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

async function setUp(command: string, args: string[], cwd: string): Promise<string> {
  const result = await exec(command, args, { cwd });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code} in ${cwd}:\n${result.stderr.slice(-4000)}`);
  return result.stdout;
}

let installed: Promise<InstalledPackage> | undefined;

async function install(): Promise<InstalledPackage> {
  const scratch = mkdtempSync(join(tmpdir(), 'cnnspec-packed-'));
  process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const packs = join(scratch, 'pack');
  const dir = join(scratch, 'project');
  mkdirSync(packs);
  await setUp('npm', ['pack', '--silent', '--pack-destination', packs], packageRoot());
  const tarball = readdirSync(packs).find((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${packs}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'cnnspec-scratch-project', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  await setUp('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(packs, tarball)], dir);
  return {
    dir,
    run: (args, options = {}) => exec('npx', ['--no', 'cnnspec', ...args], { cwd: dir, ...(options.env === undefined ? {} : { env: options.env }), ...(options.input === undefined ? {} : { input: options.input }) }),
  };
}

export async function installPacked(): Promise<InstalledPackage> {
  installed ??= install();
  return installed;
}
