/**
 * An adapter that runs in another process and speaks the line-delimited JSON protocol
 * (spec/protocol.md) on its standard input and output: any language can implement it. The kit
 * validates every message the adapter sends, times out every request, and restarts the adapter
 * when it crashes or hangs, so that one bad case never takes the run down.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ConventionSpec } from '../conventions.js';
import { FEATURES, type Feature } from '../features.js';
import type { HelloMessage, KitMessage, ProtocolOp, RequestMessage, WireTensor } from '../protocol/messages.js';
import { PROTOCOL_VERSION } from '../protocol/messages.js';
import { protocolProblems } from '../protocol/validateMessage.js';
import { decodeWireTensor, encodeWireTensor } from '../protocol/wireTensor.js';
import type { Tensor } from '../tensor.js';
import { ADAPTER_API_VERSION, AdapterFault, UnsupportedCase, type Adapter } from './Adapter.js';

export interface ExecOptions {
  /** The command line, run through the shell. */
  command: string;
  cwd?: string;
  /** Per-request timeout. @defaultValue 30000 */
  timeoutMs?: number;
  /** How long the adapter may take to greet. @defaultValue 30000 */
  startTimeoutMs?: number;
  /** Called for every process event: starts, exits, restarts, timeouts, protocol violations. */
  onEvent?: (event: ExecEvent) => void;
}

export interface ExecEvent {
  kind: 'start' | 'exit' | 'timeout' | 'violation' | 'stderr';
  detail: string;
}

/** Raised when the adapter cannot be started or does not greet: an adapter error, not a failure. */
export class AdapterStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterStartError';
  }
}

export interface ExecAdapter extends Adapter {
  /** Process starts so far (1 + restarts). */
  readonly starts: () => number;
  /** Every event so far. */
  readonly events: () => ExecEvent[];
}

interface Pending {
  resolve: (message: { tensor?: WireTensor; value?: number | number[] }) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const MAX_STDERR_EVENTS = 200;

class Session {
  readonly process: ChildProcessWithoutNullStreams;
  readonly pending = new Map<number, Pending>();
  readonly answered = new Set<number>();
  readonly hello: Promise<HelloMessage>;
  alive = true;
  /** False once the adapter has said it exits (`exit: true`): later requests go to a new process. */
  accepting = true;

  constructor(
    private readonly options: Required<Omit<ExecOptions, 'cwd' | 'onEvent'>> & Pick<ExecOptions, 'cwd'>,
    private readonly emit: (event: ExecEvent) => void,
  ) {
    this.process = spawn(options.command, { shell: true, detached: true, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.emit({ kind: 'start', detail: `pid ${this.process.pid}` });
    let greet: (hello: HelloMessage) => void = () => undefined;
    let refuse: (error: Error) => void = () => undefined;
    this.hello = new Promise<HelloMessage>((resolve, reject) => {
      greet = resolve;
      refuse = reject;
    });
    const startTimer = setTimeout(() => {
      refuse(new AdapterStartError(`adapter did not send its hello within ${options.startTimeoutMs} ms`));
      this.kill();
    }, options.startTimeoutMs);
    this.process.stdin.on('error', () => undefined); // a dead adapter's closed pipe is handled on exit
    const lines = createInterface({ input: this.process.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (line.trim() === '') return;
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        this.emit({ kind: 'violation', detail: `not JSON: ${line.slice(0, 200)}` });
        return;
      }
      const other = message as { type?: unknown; protocol?: unknown } | null;
      if (other?.type === 'hello' && other.protocol !== PROTOCOL_VERSION) {
        // spec: protocol.handshake — another version's hello need not match this version's schema
        clearTimeout(startTimer);
        refuse(new AdapterStartError(`adapter speaks protocol ${JSON.stringify(other.protocol)}, the kit ${PROTOCOL_VERSION}`));
        this.kill();
        return;
      }
      const notice = message as { type?: unknown; id?: unknown; exit?: unknown } | null;
      if (notice?.type !== 'hello' && notice?.exit === true && this.accepting) {
        // spec: protocol.timeouts — the adapter leaves by itself (even after a broken answer); kill it only if it lingers
        this.accepting = false;
        this.emit({ kind: 'exit', detail: `adapter announced its exit with its answer to request ${String(notice.id)}` });
        setTimeout(() => this.kill(), 2000).unref();
      }
      const problems = protocolProblems(message);
      if (problems.length > 0) {
        const detail = `invalid message (${problems.slice(0, 3).join('; ')}): ${line.slice(0, 200)}`;
        this.emit({ kind: 'violation', detail });
        // spec: protocol.response — an invalid answer to a request in flight fails that request now
        const id = (message as { id?: unknown } | null)?.id;
        const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
        if (pending !== undefined) {
          clearTimeout(pending.timer);
          this.pending.delete(id as number);
          this.answered.add(id as number);
          pending.reject(new AdapterFault(`adapter broke the protocol answering request ${id}: ${detail}`));
        }
        return;
      }
      const typed = message as HelloMessage | { type: 'result' | 'error'; id: number; message?: string; unsupported?: boolean; tensor?: WireTensor; value?: number | number[]; exit?: boolean };
      if (typed.type === 'hello') {
        clearTimeout(startTimer);
        greet(typed);
        return;
      }
      const pending = this.pending.get(typed.id);
      if (pending === undefined) {
        const why = this.answered.has(typed.id) ? 'an already answered' : 'an unknown';
        this.emit({ kind: 'violation', detail: `response to ${why} id ${typed.id}` });
        return;
      }
      clearTimeout(pending.timer);
      this.pending.delete(typed.id);
      this.answered.add(typed.id);
      if (typed.type === 'error') {
        pending.reject(typed.unsupported ? new UnsupportedCase(typed.message ?? 'unsupported') : new Error(`adapter error: ${typed.message}`));
      } else {
        pending.resolve(typed);
      }
    });
    let stderrEvents = 0;
    createInterface({ input: this.process.stderr, crlfDelay: Infinity }).on('line', (line) => {
      stderrEvents += 1;
      if (stderrEvents <= MAX_STDERR_EVENTS) this.emit({ kind: 'stderr', detail: line.slice(0, 500) });
    });
    this.process.on('exit', (code, signal) => {
      this.alive = false;
      clearTimeout(startTimer);
      const detail = `adapter exited (code ${code}, signal ${signal})`;
      this.emit({ kind: 'exit', detail });
      refuse(new AdapterStartError(`${detail} before its hello`));
      for (const [id, pending] of this.pending) {
        clearTimeout(pending.timer);
        pending.reject(new AdapterFault(`${detail} while request ${id} was in flight`));
      }
      this.pending.clear();
    });
    this.process.on('error', (error) => {
      this.alive = false;
      refuse(new AdapterStartError(`cannot start the adapter: ${error.message}`));
    });
  }

  send(message: KitMessage): void {
    if (this.alive) this.process.stdin.write(`${JSON.stringify(message)}\n`);
  }

  request(message: RequestMessage): Promise<{ tensor?: WireTensor; value?: number | number[] }> {
    return new Promise((resolve, reject) => {
      if (!this.alive) {
        reject(new AdapterFault('adapter is not running'));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(message.id);
        this.emit({ kind: 'timeout', detail: `request ${message.id} (${message.op}) took longer than ${this.options.timeoutMs} ms` });
        reject(new AdapterFault(`adapter did not answer request ${message.id} within ${this.options.timeoutMs} ms`));
        this.kill(); // a hung adapter is restarted for the next request
      }, this.options.timeoutMs);
      this.pending.set(message.id, { resolve, reject, timer });
      this.send(message);
    });
  }

  kill(): void {
    if (!this.alive || this.process.pid === undefined) return;
    // the session is over now, not when the exit event arrives: the next request must restart
    this.alive = false;
    try {
      process.kill(-this.process.pid, 'SIGKILL'); // the whole process group: shells start children
    } catch {
      this.process.kill('SIGKILL');
    }
  }

  async shutdown(graceMs: number): Promise<void> {
    if (!this.alive) return;
    this.send({ type: 'shutdown' });
    this.process.stdin.end();
    await new Promise<void>((resolve) => {
      let timer = setTimeout(() => {
        this.kill();
        timer = setTimeout(resolve, 1000); // the exit event of a killed process should follow at once
      }, graceMs);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * Starts an adapter process and waits for its hello. Throws AdapterStartError when it cannot be
 * started, does not greet in time, or speaks another protocol version.
 */
export async function execAdapter(options: ExecOptions): Promise<ExecAdapter> {
  const settings = { command: options.command, cwd: options.cwd, timeoutMs: options.timeoutMs ?? 30_000, startTimeoutMs: options.startTimeoutMs ?? 30_000 };
  const events: ExecEvent[] = [];
  const emit = (event: ExecEvent): void => {
    events.push(event);
    options.onEvent?.(event);
  };
  let starts = 0;
  let nextId = 1;
  const start = async (): Promise<{ session: Session; hello: HelloMessage }> => {
    starts += 1;
    const session = new Session(settings, emit);
    return { session, hello: await session.hello };
  };
  let current = await start();
  const first = current.hello;
  const unknown = first.features.filter((feature) => !(FEATURES as readonly string[]).includes(feature));
  if (unknown.length > 0) emit({ kind: 'violation', detail: `unknown features ignored: ${unknown.join(', ')}` });
  let restarting: Promise<void> | undefined;

  const live = async (): Promise<Session> => {
    if (!current.session.alive || !current.session.accepting) {
      restarting ??= start().then(
        (next) => {
          current = next;
          restarting = undefined;
        },
        (error: unknown) => {
          restarting = undefined;
          throw error;
        },
      );
      await restarting;
    }
    return current.session;
  };

  const call = async (op: ProtocolOp, body: Omit<RequestMessage, 'type' | 'id' | 'op'>): Promise<{ tensor?: WireTensor; value?: number | number[] }> => {
    const session = await live();
    return session.request({ type: 'request', id: nextId++, op, ...body });
  };
  const tensorOp =
    (op: ProtocolOp) =>
    async (request: { input: Tensor; weight?: Tensor; bias?: Tensor; params: object }): Promise<Tensor> => {
      const tensors: RequestMessage['tensors'] = { input: encodeWireTensor(request.input) };
      if (request.weight !== undefined) tensors.weight = encodeWireTensor(request.weight);
      if (request.bias !== undefined) tensors.bias = encodeWireTensor(request.bias);
      const answer = await call(op, { params: request.params as Record<string, unknown>, tensors });
      if (answer.tensor === undefined) throw new AdapterFault(`adapter answered ${op} without a tensor`);
      try {
        return decodeWireTensor(answer.tensor);
      } catch (error) {
        throw new AdapterFault(`adapter answered ${op} with a malformed tensor: ${(error as Error).message}`); // spec: protocol.tensor
      }
    };
  const has = (op: ProtocolOp): boolean => first.ops.includes(op);
  const adapter: ExecAdapter = {
    name: first.name,
    version: first.version,
    adapterApi: ADAPTER_API_VERSION,
    convention: first.convention as ConventionSpec,
    features: first.features.filter((feature): feature is Feature => (FEATURES as readonly string[]).includes(feature)),
    starts: () => starts,
    events: () => [...events],
    dispose: async () => {
      await current.session.shutdown(2000);
    },
  };
  if (has('conv')) adapter.conv = tensorOp('conv');
  if (has('pool')) adapter.pool = tensorOp('pool');
  if (has('globalPool')) adapter.globalPool = tensorOp('globalPool');
  if (has('dense')) adapter.dense = tensorOp('dense');
  if (has('pad')) adapter.pad = tensorOp('pad');
  if (has('outputShape')) {
    adapter.outputShape = async ({ layer, inputShape, layout }) => {
      const answer = await call('outputShape', { layer: layer as unknown as Record<string, unknown>, inputShape, layout });
      if (!Array.isArray(answer.value)) throw new AdapterFault('adapter answered outputShape without an array');
      return answer.value;
    };
  }
  if (has('paramCount')) {
    adapter.paramCount = async ({ layer, inputShape, layout }) => {
      const answer = await call('paramCount', { layer: layer as unknown as Record<string, unknown>, inputShape, layout });
      if (typeof answer.value !== 'number') throw new AdapterFault('adapter answered paramCount without a number');
      return answer.value;
    };
  }
  return adapter;
}
