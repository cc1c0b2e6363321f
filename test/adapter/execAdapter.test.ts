/**
 * The kit's side of the protocol against adapters that break it: every violation is recorded and
 * survived, hangs and crashes are restarted, and start-up failures are clear adapter errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAdapterFault } from '../../src/ops/Adapter.js';
import { AdapterStartError, execAdapter } from '../../src/adapter/execAdapter.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { StderrTail } from '../../src/adapter/StderrTail.js';

const script = join(packageRoot(), 'test', 'adapters', 'misbehaving.mjs');
const command = (...args: string[]): string => [process.execPath, script, ...args].map((a) => `'${a}'`).join(' ');
const convRequest = { input: makeTensor([1, 1, 2], [1, 2]), weight: makeTensor([1, 1, 1], [1]), params: {} };
const layerRequest = { layer: { type: 'flatten' as const }, inputShape: [1, 2, 3], layout: 'channels-first' as const };

describe('execAdapter', () => {
  // spec: protocol.framing, protocol.handshake, protocol.response
  it('records blank, non-JSON and invalid lines, stderr, unknown features, and answers to unknown or answered ids, and goes on', async () => {
    const adapter = await execAdapter({ command: command('noisy') });
    try {
      expect(adapter.features).not.toContain('no-such-feature');
      const output = await adapter.conv!(convRequest);
      expect(output.shape).toEqual([1]);
      await adapter.conv!(convRequest); // the second request proves the first's extra answers were survived
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the trailing duplicate arrive
      const details = adapter.events().map((e) => `${e.kind}: ${e.detail}`);
      expect(details).toContainEqual('violation: not JSON: this is not JSON');
      expect(details.some((d) => d.startsWith('violation: invalid message ('))).toBe(true);
      expect(details).toContainEqual('stderr: a diagnostic on stderr');
      expect(details).toContainEqual('violation: unknown features ignored: no-such-feature');
      expect(details).toContainEqual('violation: response to an unknown id 999999');
      expect(details).toContainEqual('violation: response to an already answered id 1');
      expect(adapter.starts()).toBe(1);
    } finally {
      await adapter.dispose!();
    }
  });

  // spec: protocol.timeouts
  it('fails a request that times out, kills the adapter and restarts it for the next request', async () => {
    const adapter = await execAdapter({ command: command('hangs'), timeoutMs: 300 });
    try {
      await expect(adapter.conv!(convRequest)).rejects.toThrow('adapter did not answer request 1 within 300 ms');
      await expect(adapter.conv!(convRequest)).rejects.toThrow('adapter did not answer request 2 within 300 ms');
      expect(adapter.starts()).toBe(2);
      expect(adapter.events().filter((e) => e.kind === 'timeout')).toHaveLength(2);
    } finally {
      await adapter.dispose!();
    }
  });

  // spec: protocol.response, protocol.tensor
  it('fails a request at once, as a fault, when its answer breaks the schema or carries a malformed tensor', async () => {
    const adapter = await execAdapter({ command: command('invalid-answer'), timeoutMs: 10_000 });
    try {
      const started = performance.now();
      const first = await adapter.conv!(convRequest).catch((error: unknown) => error);
      expect(isAdapterFault(first)).toBe(true);
      expect((first as Error).message).toMatch(/^adapter broke the protocol answering request 1: invalid message \(/);
      const second = await adapter.conv!(convRequest).catch((error: unknown) => error);
      expect(isAdapterFault(second)).toBe(true);
      expect((second as Error).message).toMatch(/^adapter answered conv with a malformed tensor: /);
      expect(performance.now() - started).toBeLessThan(5000); // not by waiting for the timeout
    } finally {
      await adapter.dispose!();
    }
  });

  // spec: protocol.timeouts
  it('sends nothing more to an adapter that announced its exit, and starts a new one for the next request', async () => {
    const adapter = await execAdapter({ command: command('retires') });
    try {
      await adapter.conv!(convRequest);
      await adapter.conv!(convRequest); // sent at once, while the first process still lingers
      await adapter.conv!(convRequest);
      expect(adapter.starts()).toBe(3);
      expect(adapter.events().filter((e) => e.detail.startsWith('adapter announced its exit'))).toHaveLength(3);
    } finally {
      await adapter.dispose!();
    }
  });

  // spec: protocol.response
  it('rejects answers of the wrong kind', async () => {
    const adapter = await execAdapter({ command: command('wrong-kinds') });
    try {
      await expect(adapter.conv!(convRequest)).rejects.toThrow('adapter answered conv without a tensor');
      await expect(adapter.outputShape!(layerRequest)).rejects.toThrow('adapter answered outputShape without an array');
      await expect(adapter.paramCount!(layerRequest)).rejects.toThrow('adapter answered paramCount without a number');
    } finally {
      await adapter.dispose!();
    }
  });

  // spec: protocol.timeouts, protocol.handshake
  it('fails the request in flight when the adapter exits, and reports a restart that does not greet', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'cnnspec-exec-')), 'started');
    const adapter = await execAdapter({ command: command('greets-once', marker) });
    await expect(adapter.conv!(convRequest)).rejects.toThrow(/adapter exited \(code 1, signal null\) while request 1 was in flight/);
    await expect(adapter.conv!(convRequest)).rejects.toThrow(/adapter exited \(code 3, signal null\) before its hello/);
    expect(adapter.starts()).toBe(2);
    await adapter.dispose!();
  });

  // spec: protocol.shutdown
  it('kills an adapter that ignores shutdown after the grace period', async () => {
    const adapter = await execAdapter({ command: command('ignores-shutdown') });
    const started = performance.now();
    await adapter.dispose!();
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
    expect(adapter.events().at(-1)).toMatchObject({ kind: 'exit', detail: expect.stringContaining('SIGKILL') as unknown as string });
  });

  // spec: protocol.handshake
  it('refuses an adapter that does not greet in time, greets with another protocol version, or cannot start', async () => {
    await expect(execAdapter({ command: command('silent'), startTimeoutMs: 300 })).rejects.toThrow(
      new AdapterStartError('adapter did not send its hello within 300 ms'),
    );
    await expect(execAdapter({ command: command('protocol-2') })).rejects.toThrow(
      new AdapterStartError('adapter speaks protocol 2, the kit 1'),
    );
    await expect(execAdapter({ command: 'exit 5' })).rejects.toThrow(/adapter exited \(code 5, signal null\) before its hello/);
  });

  // spec: protocol.framing
  it('calls onNonProtocolLine for a stray line (not JSON), not for a broken message', async () => {
    const lines: string[] = [];
    const adapter = await execAdapter({ command: command('noisy'), onNonProtocolLine: (line) => lines.push(line) });
    try {
      expect(lines).toEqual(['this is not JSON']);
    } finally {
      await adapter.dispose!();
    }
  });

  // spec: protocol.framing, protocol.handshake
  it("quotes the last lines of the adapter's standard error when it dies before its hello", async () => {
    const error = (await execAdapter({ command: command('traceback') }).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(AdapterStartError);
    const [head, ...tail] = error.message.split('\n');
    expect(head).toBe(
      'adapter exited (code 1, signal null) before its hello; its standard error ended with (the last 20 lines; 11 before them are left out):',
    );
    expect(tail).toHaveLength(20);
    expect(tail[0]).toBe('  |   frame 12 of the traceback');
    expect(tail.at(-1)).toBe("  | ModuleNotFoundError: No module named 'no_such_module'");
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)('shows the traceback of a Python adapter whose import fails', async () => {
    const adapter = join(packageRoot(), 'test', 'adapters', 'failsAtImport.py');
    const error = (await execAdapter({ command: `python3 '${adapter}'` }).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(
      /^adapter exited \(code 1, signal null\) before its hello; its standard error ended with:\n {2}\| Traceback \(most recent call last\):\n/,
    );
    expect(error.message).toContain("  | ModuleNotFoundError: No module named 'cnnspec_no_such_framework'");
  });

  // spec: protocol.timeouts
  it("quotes the crashed process's standard error in the failure of the request in flight", async () => {
    const adapter = await execAdapter({ command: command('crashes-on-request') });
    try {
      const error = (await adapter.conv!(convRequest).catch((caught: unknown) => caught)) as Error;
      expect(isAdapterFault(error)).toBe(true);
      expect(error.message).toBe(
        'adapter exited (code 4, signal null) while request 1 was in flight; its standard error ended with:\n  | handling request 1\n  | RuntimeError: the kernel crashed',
      );
    } finally {
      await adapter.dispose!();
    }
  });
});

describe('StderrTail', () => {
  it('keeps the last lines within the line and character limits, and says how many it left out', () => {
    const tail = new StderrTail(3, 20);
    expect(tail.clause()).toBe('');
    for (const line of ['', 'one', 'two', 'three', 'four']) tail.push(line);
    expect(tail.clause()).toBe(
      '; its standard error ended with (the last 3 lines; 1 before them are left out):\n  | two\n  | three\n  | four',
    );
    tail.push('a line far longer than twenty characters');
    expect(tail.clause()).toBe(
      '; its standard error ended with (the last 1 lines; 4 before them are left out):\n  | a line far longer th…',
    );
  });
});
