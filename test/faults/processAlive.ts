/**
 * Whether a process is still running: a zombie (ended, but not yet reaped by its parent, as an
 * orphan may stay where PID 1 reaps slowly) does not count, since it holds nothing and runs nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export function processAlive(pid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    try {
      // the state follows the parenthesised command name, which may itself hold spaces
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0); // without /proc, a zombie counts as running
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `ms` for the process to end; true when it has. */
export async function processEnds(pid: number, ms: number): Promise<boolean> {
  const started = performance.now();
  while (processAlive(pid)) {
    if (performance.now() - started > ms) return false;
    await sleep(50);
  }
  return true;
}
