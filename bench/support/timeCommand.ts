/**
 * Runs a command in a child process and times it from spawn to exit, with its output kept for
 * the caller (a failed command is reported with the end of its standard error).
 */
import { spawn } from 'node:child_process';

export interface TimedCommand {
  wallMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface TimeCommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success. @defaultValue [0] */
  okCodes?: readonly number[];
}

export function timeCommand(command: string, args: readonly string[], options: TimeCommandOptions = {}): Promise<TimedCommand> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const timed = {
        wallMs: performance.now() - started,
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
      if (!(options.okCodes ?? [0]).includes(code ?? -1)) {
        reject(new Error(`${[command, ...args].join(' ')} exited with ${code}: ${timed.stderr.slice(-2000)}`));
        return;
      }
      resolve(timed);
    });
  });
}

/** `node --import tsx`: runs TypeScript like `npx tsx`, without npx's and tsx's own launcher processes. */
export function tsxArgs(script: string, args: readonly string[] = []): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', script, ...args]];
}
