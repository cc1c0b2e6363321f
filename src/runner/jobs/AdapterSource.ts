/**
 * Where a run's adapter comes from, in a form another thread can start it from: every further
 * job of a parallel run starts an adapter of its own from the run's source (spec:
 * conformance.jobs), since an adapter object cannot cross to another thread.
 */
import { execAdapter, type ExecAdapter } from '../../adapter/execAdapter.js';
import { isolatedAdapter } from '../../adapter/isolatedAdapter.js';
import { loadAdapter } from '../../adapter/loadAdapter.js';
import type { Adapter } from '../../ops/Adapter.js';

export type AdapterSource =
  /** `--adapter`: a built-in name or a module path, loaded in the job's thread (loadAdapter). */
  | { kind: 'module'; spec: string }
  /** `--adapter ... --isolate`, or a built-in served out of process: a child process of the job's. */
  | { kind: 'isolated'; spec: string }
  /** `--exec`: a process of the job's own speaking the protocol. */
  | { kind: 'exec'; command: string; cwd?: string };

export interface StartedAdapter {
  adapter: Adapter;
  /** The process events of an out-of-process adapter. */
  exec?: ExecAdapter;
}

/** Starts an adapter from its source; an out-of-process one ends when `signal` aborts. */
export async function startAdapter(
  source: AdapterSource,
  options: { timeoutMs: number; startTimeoutMs: number; signal: AbortSignal },
): Promise<StartedAdapter> {
  if (source.kind === 'module') return { adapter: await loadAdapter(source.spec) };
  const exec =
    source.kind === 'exec'
      ? await execAdapter({ command: source.command, ...(source.cwd === undefined ? {} : { cwd: source.cwd }), ...options })
      : await isolatedAdapter(source.spec, options);
  return { adapter: exec, exec };
}
