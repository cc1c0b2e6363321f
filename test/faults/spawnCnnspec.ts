/**
 * Runs `cnnspec` as a process of its own, as a user's shell or CI would, for what only a whole
 * process shows: when it exits, what signals do to it, and what it leaves running. The process is
 * killed when the test ends, so that a failed assertion never leaves it behind.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { root } from './checkedRun.js';

export interface SpawnedRun {
  child: ChildProcessWithoutNullStreams;
  /** Standard output and error so far. */
  out: () => string;
  err: () => string;
  /** Settles when the process exits, with milliseconds since it was started. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

export function spawnCnnspec(
  args: string[],
  onTestFinished: (cleanup: () => void) => void,
  env: NodeJS.ProcessEnv = process.env,
): SpawnedRun {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - started }));
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, out: () => out, err: () => err, exited };
}

/** Resolves when `text()` matches `pattern`, or rejects after `ms`. */
export async function waitFor(text: () => string, pattern: RegExp, ms: number): Promise<void> {
  const started = performance.now();
  while (!pattern.test(text())) {
    if (performance.now() - started > ms) throw new Error(`${pattern} did not appear within ${ms} ms in: ${text().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
