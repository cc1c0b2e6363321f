/**
 * An adapter that runs in another process and speaks the line-delimited JSON protocol
 * (spec/protocol.md) on its standard input and output: any language can implement it. The kit
 * validates every message the adapter sends, times out every request, and restarts the adapter
 * when it crashes or hangs, so that one bad case never takes the run down.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { constants } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { ConventionSpec } from '../spec/conventions.js';
import { FEATURES, type Feature } from '../spec/features.js';
import type { HelloMessage, KitMessage, ProtocolOp, RequestMessage, WeightedOperands, WireTensor } from '../protocol/messages.js';
import { PROTOCOL_VERSION } from '../protocol/messages.js';
import { splitLines } from '../protocol/splitLines.js';
import { protocolProblems } from '../protocol/validateMessage.js';
import { decodeWireTensor, encodeWireTensor } from '../protocol/wireTensor.js';
import type { Tensor } from '../tensor/tensor.js';
import { ADAPTER_API_VERSION, AdapterFault, UnsupportedCase, type Adapter, type TensorAnswer, type TensorMethods } from '../ops/Adapter.js';
import { OP_METHODS } from '../ops/registry.js';
import { attachForm } from './attachForm.js';
import { formOfAnswer } from './checkAdapterAnswer.js';
import { StderrTail } from './StderrTail.js';

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
  /**
   * Aborting ends every process of the adapter (each one's whole process group) at once: the
   * start in progress is refused, the requests in flight fail, and no process is started again.
   */
  signal?: AbortSignal;
  /**
   * Called with every line of the protocol as it crosses, the kit's and the adapter's, in order:
   * a trace of the session (spec/protocol.md shows one, recorded so).
   */
  onLine?: (from: 'kit' | 'adapter', line: string) => void;
  /**
   * Called for every line of the adapter's standard output that is not a protocol message at all
   * (not JSON, or JSON that is not an object with a `type`): a stray `print`, not a broken answer.
   * It is also recorded as a violation event.
   */
  onNonProtocolLine?: (line: string) => void;
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
  resolve: (message: Answer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The longest line the kit reads from an adapter's standard output (spec: protocol.framing). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** How much of each line of standard error is recorded. */
const STDERR_LINE_BYTES = 500;
/** Events recorded per kind at most, so that a flood of stderr or garbage cannot fill the memory or the report. */
const MAX_RECORDED: Partial<Record<ExecEvent['kind'], number>> = { stderr: 200, violation: 1000 };
/**
 * How long an adapter that closed its standard output has to exit before it counts as hung: long
 * enough that the exit of a crashed adapter, which closes its output too, is seen first on a
 * loaded machine, and short beside a request's timeout.
 */
const STDOUT_CLOSE_GRACE_MS = 500;
/**
 * How long the output of an adapter that has exited is still read. Its process group is killed at
 * its exit, so the pipe normally ends at once; a process that left the group (setsid) may still
 * hold it open, and then what is in the pipe has long been read when this has passed.
 */
const EXIT_DRAIN_MS = 1000;

type Answer = { tensor?: WireTensor; value?: number | number[]; form?: string };

/**
 * How an adapter process ended, in words. The command runs through a shell, which reports a
 * child killed by signal N as exit code 128 + N: that is named as the signal too.
 */
function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  const byShell =
    code !== null && code > 128 ? Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0] : undefined;
  const killedBy = signal ?? byShell;
  return `adapter exited (code ${code}, signal ${signal}${killedBy === undefined ? '' : `: killed by ${killedBy}`})`;
}

class Session {
  readonly process: ChildProcessWithoutNullStreams;
  readonly pending = new Map<number, Pending>();
  readonly answered = new Set<number>();
  readonly hello: Promise<HelloMessage>;
  /** Settles once nothing more can come from the process (finish), or it could not be started. */
  readonly ended: Promise<void>;
  private end: () => void = () => undefined;
  alive = true;
  /** False once the adapter has said it exits (`exit: true`): later requests go to a new process. */
  accepting = true;
  private exited = false;
  /** True once the output has ended or been given up after the exit: nothing more comes from this process. */
  private finished = false;
  /** True once the hello has been taken: another hello is a violation. */
  private greeted = false;
  private drainTimer: NodeJS.Timeout | undefined;
  /** How the process ended, once it has. */
  private exit = '';
  /** The last lines of standard error, which often say why a process failed to start or crashed. */
  private readonly stderrTail = new StderrTail();
  private greet: (hello: HelloMessage) => void = () => undefined;
  private refuse: (error: Error) => void = () => undefined;
  private readonly startTimer: NodeJS.Timeout;
  /**
   * The kit may end at once (a second Ctrl-C exits without disposing of the adapter), and the
   * adapter runs in its own process group, out of reach of the terminal's signals: it is killed
   * with the kit so that a hung adapter never outlives the run.
   */
  private readonly killWithKit = (): void => this.kill();

  constructor(
    private readonly options: Required<Omit<ExecOptions, 'cwd' | 'onEvent' | 'signal' | 'onLine' | 'onNonProtocolLine'>> &
      Pick<ExecOptions, 'cwd' | 'onLine'>,
    private readonly emit: (event: ExecEvent) => void,
    private readonly nonProtocolLine: (line: string) => void = () => undefined,
  ) {
    this.process = spawn(options.command, { shell: true, detached: true, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    process.on('exit', this.killWithKit);
    this.emit({ kind: 'start', detail: `pid ${this.process.pid}` });
    this.ended = new Promise<void>((resolve) => {
      this.end = resolve;
    });
    this.hello = new Promise<HelloMessage>((resolve, reject) => {
      this.greet = resolve;
      this.refuse = reject;
    });
    this.startTimer = setTimeout(() => {
      this.refuse(new AdapterStartError(`adapter did not send its hello within ${options.startTimeoutMs} ms${this.stderrTail.clause()}`));
      this.kill();
    }, options.startTimeoutMs);
    this.process.stdin.on('error', () => undefined); // a dead adapter's closed pipe is handled on exit
    splitLines(this.process.stdout, {
      maxBytes: MAX_LINE_BYTES,
      onLine: (line) => this.receive(line),
      onOverflow: (head) => {
        // spec: protocol.framing — past the limit the stream cannot be trusted to resynchronise
        this.abandon(
          `adapter sent a line longer than ${MAX_LINE_BYTES} bytes (the protocol's limit), beginning ${JSON.stringify(head.slice(0, 80))}`,
        );
      },
      onEnd: () => {
        if (!this.alive || this.exited) return;
        // an exiting adapter closes its output too: its exit, if it follows, is the better reason
        setTimeout(() => {
          if (this.alive && !this.exited) this.abandon('adapter closed its standard output but kept running');
        }, STDOUT_CLOSE_GRACE_MS).unref();
      },
    });
    splitLines(this.process.stderr, {
      maxBytes: STDERR_LINE_BYTES,
      onLine: (line) => {
        this.stderrTail.push(line);
        this.emit({ kind: 'stderr', detail: line });
      },
      onOverflow: (head) => {
        this.stderrTail.push(`${head}… (cut at ${STDERR_LINE_BYTES} bytes)`);
        this.emit({ kind: 'stderr', detail: `line cut at ${STDERR_LINE_BYTES} bytes: ${head}` });
      },
    });
    this.process.on('exit', (code, signal) => {
      this.alive = false;
      this.exited = true;
      this.exit = describeExit(code, signal);
      this.emit({ kind: 'exit', detail: this.exit });
      // Children the adapter left behind (`sleep 60 & exec adapter`) would hold its output open, so
      // that neither its end nor the kit's own exit could come: the group goes with its leader.
      this.killGroup();
      this.drainTimer = setTimeout(() => this.finish(), EXIT_DRAIN_MS);
    });
    // An answer (or the hello) written just before the exit may still be in the pipe: what is in
    // flight fails only once the output has been read to its end, or given up on after the exit.
    this.process.on('close', () => this.finish());
    this.process.on('error', (error) => {
      process.off('exit', this.killWithKit);
      this.alive = false;
      this.refuse(new AdapterStartError(`cannot start the adapter: ${error.message}`));
      this.end();
    });
  }

  /** The process has exited and its output is read (or given up on): fail what still waits on it. */
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.drainTimer);
    clearTimeout(this.startTimer);
    process.off('exit', this.killWithKit);
    const said = this.stderrTail.clause();
    this.refuse(new AdapterStartError(`${this.exit} before its hello${said}`));
    this.failPending((id) => `${this.exit} while request ${id} was in flight${said}`);
    // a process outside the group may still hold the pipes: they must not keep the kit alive
    for (const stream of [this.process.stdin, this.process.stdout, this.process.stderr]) stream.destroy();
    this.end();
  }

  /** Ends the session because the run was interrupted: nothing in flight is an answer any more. */
  interrupt(): void {
    const reason = 'the run was interrupted';
    clearTimeout(this.startTimer);
    this.refuse(new AdapterStartError(`${reason} before the adapter's hello`));
    this.failPending(() => `${reason}; the adapter process was ended`);
    this.kill();
  }

  private receive(line: string): void {
    this.options.onLine?.('adapter', line);
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.emit({ kind: 'violation', detail: `not JSON: ${line.slice(0, 200)}` });
      this.nonProtocolLine(line);
      return;
    }
    const other = message as { type?: unknown; protocol?: unknown; exit?: unknown } | null;
    if (typeof other !== 'object' || other === null || Array.isArray(other) || !('type' in other)) this.nonProtocolLine(line);
    if (other?.type === 'hello' && other.protocol !== PROTOCOL_VERSION) {
      // spec: protocol.handshake — another version's hello need not match this version's schema
      clearTimeout(this.startTimer);
      if (this.greeted) {
        // its answers can no longer be read as this version's: they are not waited for
        this.abandon(`adapter sent a hello of protocol ${JSON.stringify(other.protocol)} after greeting with protocol ${PROTOCOL_VERSION}`);
        return;
      }
      this.refuse(
        new AdapterStartError(
          `adapter speaks protocol ${JSON.stringify(other.protocol)}, the kit ${PROTOCOL_VERSION}${this.stderrTail.clause()}`,
        ),
      );
      this.kill();
      return;
    }
    const problems = protocolProblems(message);
    if (problems.length > 0) {
      // an invalid line is ignored, and so is an exit notice on it: only a valid answer retires the process
      const ignoredExit = other?.exit === true ? '; its exit notice is not taken' : '';
      const detail = `invalid message (${problems.slice(0, 3).join('; ')}): ${line.slice(0, 200)}`;
      this.emit({ kind: 'violation', detail: `${detail}${ignoredExit}` });
      if (other?.type === 'hello') {
        if (this.greeted) return; // a second hello changes nothing, valid or not
        // spec: protocol.handshake — waiting on would only end in the start-up timeout
        clearTimeout(this.startTimer);
        this.refuse(new AdapterStartError(`adapter sent an invalid hello: ${detail}${this.stderrTail.clause()}`));
        this.kill();
        return;
      }
      // spec: protocol.response — an invalid answer to a request in flight fails that request now
      const id = (message as { id?: unknown } | null)?.id;
      const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
      if (pending !== undefined) {
        clearTimeout(pending.timer);
        this.pending.delete(id as number);
        this.answered.add(id as number);
        pending.reject(formOfAnswer(new AdapterFault(`adapter broke the protocol answering request ${id}: ${detail}`), message));
      }
      return;
    }
    const typed = message as
      | HelloMessage
      | {
          type: 'result' | 'error';
          id: number;
          message?: string;
          unsupported?: boolean;
          tensor?: WireTensor;
          value?: number | number[];
          form?: string;
          exit?: boolean;
        };
    if (typed.type === 'hello') {
      if (this.greeted) {
        this.emit({ kind: 'violation', detail: `a second hello, ignored (the session's first hello stands): ${line.slice(0, 200)}` });
        return;
      }
      this.greeted = true;
      clearTimeout(this.startTimer);
      this.greet(typed);
      return;
    }
    if (typed.exit === true && this.accepting) {
      // spec: protocol.timeouts — the adapter leaves by itself (even after a wrong answer); kill it only if it lingers
      this.accepting = false;
      this.emit({ kind: 'exit', detail: `adapter announced its exit with its answer to request ${String(typed.id)}` });
      setTimeout(() => this.kill(), 2000).unref();
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
      const error = typed.unsupported ? new UnsupportedCase(typed.message ?? 'unsupported') : new Error(`adapter error: ${typed.message}`);
      pending.reject(typed.form === undefined ? error : (attachForm(error, typed.form) as Error));
    } else {
      pending.resolve(typed);
    }
  }

  private failPending(reason: (id: number) => string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new AdapterFault(reason(id)));
    }
    this.pending.clear();
  }

  /** The adapter's output is beyond use: fail what is in flight, refuse a hello still awaited, kill it. */
  private abandon(reason: string): void {
    this.emit({ kind: 'violation', detail: reason });
    clearTimeout(this.startTimer);
    const said = this.stderrTail.clause();
    this.refuse(new AdapterStartError(`${reason} before its hello${said}`));
    this.failPending((id) => `${reason} while request ${id} was in flight${said}`);
    this.kill();
  }

  send(message: KitMessage): void {
    if (!this.alive) return;
    const line = JSON.stringify(message);
    this.options.onLine?.('kit', line);
    this.process.stdin.write(`${line}\n`);
  }

  request(message: RequestMessage): Promise<Answer> {
    return new Promise((resolve, reject) => {
      if (!this.alive) {
        reject(new AdapterFault('adapter is not running'));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(message.id);
        this.emit({ kind: 'timeout', detail: `request ${message.id} (${message.op}) took longer than ${this.options.timeoutMs} ms` });
        reject(new AdapterFault(`adapter did not answer request ${message.id} within ${this.options.timeoutMs} ms`, { timedOut: true }));
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
    if (!this.killGroup()) this.process.kill('SIGKILL');
  }

  /** Kills the adapter's whole process group (shells start children); false when there is none to kill. */
  private killGroup(): boolean {
    if (this.process.pid === undefined) return false;
    try {
      process.kill(-this.process.pid, 'SIGKILL');
      return true;
    } catch {
      return false;
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

/** What a restarted process's hello declares differently from the first process's, in words; undefined when nothing. */
function identityChange(first: HelloMessage, next: HelloMessage): string | undefined {
  const fields = ['name', 'version', 'convention', 'features', 'ops'] as const;
  const changed = fields.filter((field) => {
    try {
      return !isDeepStrictEqual(first[field], next[field]);
    } catch {
      return true; // too deep to compare is not the same declaration
    }
  });
  if (changed.length === 0) return undefined;
  const shown = (value: unknown): string => {
    try {
      const text = JSON.stringify(value);
      return text.length > 120 ? `${text.slice(0, 120)}...` : text;
    } catch {
      return '(too deep to show)';
    }
  };
  return changed.map((field) => `${field} ${shown(next[field])}, first ${shown(first[field])}`).join('; ');
}

/**
 * Starts an adapter process and waits for its hello. Throws AdapterStartError when it cannot be
 * started, does not greet in time, or speaks another protocol version.
 */
export async function execAdapter(options: ExecOptions): Promise<ExecAdapter> {
  const settings = {
    command: options.command,
    cwd: options.cwd,
    onLine: options.onLine,
    timeoutMs: options.timeoutMs ?? 30_000,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
  };
  const events: ExecEvent[] = [];
  const recorded = new Map<ExecEvent['kind'], number>();
  const emit = (event: ExecEvent): void => {
    const count = (recorded.get(event.kind) ?? 0) + 1;
    recorded.set(event.kind, count);
    const limit = MAX_RECORDED[event.kind];
    const note =
      limit !== undefined && count === limit + 1
        ? { kind: event.kind, detail: `further ${event.kind} events are not recorded (the first ${limit} are)` }
        : undefined;
    if (limit !== undefined && count > limit && note === undefined) return;
    events.push(note ?? event);
    options.onEvent?.(note ?? event);
  };
  let starts = 0;
  let nextId = 1;
  /** Every session whose process may still run: an interrupted run ends them all. */
  const sessions = new Set<Session>();
  const interrupted = (): boolean => options.signal?.aborted === true;
  const start = async (): Promise<{ session: Session; hello: HelloMessage }> => {
    if (interrupted()) throw new AdapterStartError('the run was interrupted before the adapter started');
    starts += 1;
    const session = new Session(settings, emit, options.onNonProtocolLine);
    sessions.add(session);
    void session.ended.then(() => sessions.delete(session));
    return { session, hello: await session.hello };
  };
  const onAbort = (): void => {
    for (const session of sessions) session.interrupt();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let current: { session: Session; hello: HelloMessage };
  try {
    current = await start();
  } catch (error) {
    options.signal?.removeEventListener('abort', onAbort);
    throw error;
  }
  const first = current.hello;
  const unknown = first.features.filter((feature) => !(FEATURES as readonly string[]).includes(feature));
  if (unknown.length > 0) emit({ kind: 'violation', detail: `unknown features ignored: ${unknown.join(', ')}` });
  let restarting: Promise<void> | undefined;
  /** Why no process is started any more, once a restarted one has greeted as another adapter. */
  let refusal: string | undefined;

  const live = async (): Promise<Session> => {
    if (refusal !== undefined) throw new AdapterFault(refusal);
    if (interrupted()) throw new AdapterFault('the run was interrupted; the adapter is not restarted');
    if (!current.session.alive || !current.session.accepting) {
      restarting ??= start().then(
        (next) => {
          restarting = undefined;
          const change = identityChange(first, next.hello);
          if (change !== undefined) {
            // spec: protocol.handshake — every answer of the run is judged against the first hello's declarations
            refusal = `the restarted adapter greeted as another adapter (${change}); no further process is started`;
            emit({ kind: 'violation', detail: refusal });
            next.session.kill();
            throw new AdapterFault(refusal);
          }
          current = next;
        },
        (error: unknown) => {
          restarting = undefined;
          // a fault, so that a failed restart is never taken for the rejection of an invalid configuration
          throw new AdapterFault(`cannot restart the adapter: ${(error as Error).message}`);
        },
      );
      await restarting;
    }
    return current.session;
  };

  // The callers' records are the in-process interface's own types (spec: protocol.request), which the schema's request definitions are generated from.
  const call = async (op: ProtocolOp, body: Record<string, unknown>): Promise<Answer> => {
    const session = await live();
    return session.request({ type: 'request', id: nextId++, op, ...body } as RequestMessage);
  };
  const tensorOp =
    (op: ProtocolOp) =>
    async (request: { input: Tensor; weight?: Tensor; bias?: Tensor; params: object }): Promise<TensorAnswer> => {
      const tensors: Partial<WeightedOperands> = { input: encodeWireTensor(request.input) };
      if (request.weight !== undefined) tensors.weight = encodeWireTensor(request.weight);
      if (request.bias !== undefined) tensors.bias = encodeWireTensor(request.bias);
      const answer = await call(op, { params: request.params, tensors });
      if (answer.tensor === undefined) throw new AdapterFault(`adapter answered ${op} without a tensor`);
      try {
        const output = decodeWireTensor(answer.tensor);
        return answer.form === undefined ? output : { ...output, form: answer.form };
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
    // spec: protocol.timeouts — this adapter's own timeouts fire first, so that it kills and restarts a hung process
    callBoundMs: settings.startTimeoutMs + settings.timeoutMs + 1000,
    dispose: async () => {
      options.signal?.removeEventListener('abort', onAbort);
      await current.session.shutdown(2000);
    },
  };
  for (const method of OP_METHODS) if (has(method)) (adapter as TensorMethods)[method] = tensorOp(method) as never;
  if (has('outputShape')) {
    adapter.outputShape = async ({ layer, inputShape, layout }) => {
      const answer = await call('outputShape', { layer, inputShape, layout });
      if (!Array.isArray(answer.value)) throw new AdapterFault('adapter answered outputShape without an array');
      return answer.value;
    };
  }
  if (has('paramCount')) {
    adapter.paramCount = async ({ layer, inputShape, layout }) => {
      const answer = await call('paramCount', { layer, inputShape, layout });
      if (typeof answer.value !== 'number') throw new AdapterFault('adapter answered paramCount without a number');
      return answer.value;
    };
  }
  return adapter;
}
