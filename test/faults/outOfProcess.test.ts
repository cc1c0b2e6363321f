/**
 * Out-of-process adapters that break the process or the protocol in every way, each run through
 * `cnnspec run --exec`: the run completes (exit 1, or 2 when the adapter cannot even start),
 * every test the fault touches fails with the reason, the adapter is restarted where it died,
 * the events say what happened within a bounded size, every other test passes, and every report
 * is written and valid (spec: protocol.framing, protocol.handshake, protocol.tensor,
 * protocol.response, protocol.timeouts). The adapter is test/adapters/faulty/faultyProcess.mjs;
 * faults marked "once" strike one request of the run, so that exactly one test is hit and the
 * restarted adapter must carry the rest.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, execAdapter } from '../../src/adapter/execAdapter.js';
import { splitLines } from '../../src/protocol/splitLines.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { checkReports, cnnspecRun, root, type CheckedRun } from './checkedRun.js';

const script = join(root, 'test', 'adapters', 'faulty', 'faultyProcess.mjs');
const markers = mkdtempSync(join(tmpdir(), 'cnnspec-fault-markers-'));
/** The adapter command for a mode; `once` makes the fault strike a single request of the run. */
const command = (mode: string, options: { once?: boolean; n?: number } = {}): string =>
  [
    process.execPath,
    script,
    mode,
    ...(options.n === undefined ? [] : [`n=${options.n}`]),
    ...(options.once ? [`once=${join(markers, `${mode}-${Math.random().toString(36).slice(2)}`)}`] : []),
  ].join(' ');

const CONV_PROPERTY = 'conv/output-shape/matches-formula';
const CONV_FIXTURE = 'fixture/conv.gen-000';
const SELECTION = [CONV_PROPERTY, CONV_FIXTURE, 'dense/output-shape/matches-formula', 'fixture/dense.gen-000'];
const TIMEOUT_MS = 1000;
/** The run command waits this long for a hello (--start-timeout). */
const START_TIMEOUT_MS = 2000;
const WALL_BOUND_MS = 25_000;
/** A report may carry events, but never megabytes of them. */
const MAX_REPORT_BYTES = 200_000;

interface OutOfProcessFault {
  fault: string;
  /** The adapter command. */
  exec: string;
  exit: 0 | 1 | 2;
  /** The tests the fault must fail (every other selected test must pass), or `one` for any single test. */
  affected: string[] | 'one';
  /** What the failures say; for exit 2, what standard error says. */
  reason?: RegExp;
  /** Process starts: 1, exactly n, or more than one. */
  starts?: number | 'several';
  /** Event details the report must hold. */
  events?: RegExp[];
  /** --timeout, when the fault needs longer than TIMEOUT_MS to show (default TIMEOUT_MS). */
  timeoutMs?: number;
}

const FAULTS: OutOfProcessFault[] = [
  { fault: 'has no fault (the control)', exec: command('healthy'), exit: 0, affected: [], starts: 1 },
  {
    fault: 'exits with code 3 on its second request, once',
    exec: command('exit-on-request', { n: 2, once: true }),
    exit: 1,
    affected: 'one',
    reason: /adapter exited \(code 3, signal null\) while request \d+ was in flight/,
    starts: 2,
    events: [/^adapter exited \(code 3, signal null\)$/],
  },
  {
    fault: 'kills itself with SIGKILL, once',
    exec: command('sigkill-on-conv', { once: true }),
    exit: 1,
    affected: [CONV_PROPERTY],
    reason: /killed by SIGKILL\) while request \d+ was in flight/,
    starts: 2,
  },
  {
    fault: 'kills itself with SIGKILL on every convolution',
    exec: command('sigkill-on-conv'),
    exit: 1,
    affected: [CONV_PROPERTY, CONV_FIXTURE],
    reason: /killed by SIGKILL\) while request \d+ was in flight/,
    starts: 'several',
  },
  {
    fault: 'kills itself with SIGSEGV, once',
    exec: command('sigsegv-on-conv', { once: true }),
    exit: 1,
    affected: [CONV_PROPERTY],
    reason: /killed by SIGSEGV\) while request \d+ was in flight/,
    starts: 2,
  },
  {
    fault: 'answers the wrong shape',
    exec: command('wrong-shape'),
    exit: 1,
    affected: [CONV_PROPERTY, CONV_FIXTURE],
    reason: /shape/,
    starts: 1,
  },
  {
    fault: 'answers a tensor one element short',
    exec: command('wrong-length'),
    exit: 1,
    affected: [CONV_PROPERTY, CONV_FIXTURE],
    reason: /adapter answered conv with a malformed tensor: tensor data holds \d+ bytes, shape \[[\d, ]+\] needs \d+/,
    starts: 1,
  },
  {
    fault: 'answers float64 data',
    exec: command('wrong-dtype'),
    exit: 1,
    affected: [CONV_PROPERTY, CONV_FIXTURE],
    reason: /adapter broke the protocol answering request \d+: invalid message \(\/tensor\/dtype must be equal to constant/,
    starts: 1,
  },
  {
    fault: 'answers NaN everywhere',
    exec: command('nan'),
    exit: 1,
    affected: [CONV_FIXTURE],
    reason: /\d+\/\d+ elements, max error NaN/,
    starts: 1,
  },
  {
    fault: 'prints garbage around its answers',
    exec: command('garbage'),
    exit: 0,
    affected: [],
    starts: 1,
    events: [
      /^not JSON: this is not JSON \{$/,
      /^invalid message \(\/ must have required property 'id'/,
      /^invalid message \(\/type must be one of/,
      /^not JSON: trailing garbage after the answer$/,
    ],
  },
  {
    fault: 'answers every request twice',
    exec: command('duplicate'),
    exit: 0,
    affected: [],
    starts: 1,
    events: [/^response to an already answered id \d+$/],
  },
  {
    fault: 'holds an answer until the next request, once',
    exec: command('hold', { once: true }),
    exit: 1,
    affected: [CONV_PROPERTY],
    reason: new RegExp(`adapter did not answer request \\d+ within ${TIMEOUT_MS} ms`),
    starts: 2,
    events: [/^request \d+ \(conv\) took longer than/],
  },
  {
    fault: 'answers an id never asked, once',
    exec: command('unknown-id', { once: true }),
    exit: 1,
    affected: [CONV_PROPERTY],
    reason: new RegExp(`adapter did not answer request \\d+ within ${TIMEOUT_MS} ms`),
    starts: 2,
    events: [/^response to an unknown id \d+$/],
  },
  // 64 MiB take a while to arrive: a longer timeout, so that the line's length is what ends the request
  {
    fault: 'sends a 200 MB line, once',
    exec: command('huge-line', { once: true, n: 200 }),
    exit: 1,
    affected: [CONV_PROPERTY],
    reason: new RegExp(
      `adapter sent a line longer than ${MAX_LINE_BYTES} bytes \\(the protocol's limit\\), beginning "x+" while request \\d+ was in flight`,
    ),
    starts: 2,
    timeoutMs: 10_000,
  },
  {
    fault: 'sends a line that never ends, once',
    exec: command('endless-line', { once: true }),
    exit: 1,
    affected: [CONV_PROPERTY],
    reason: /adapter sent a line longer than \d+ bytes/,
    starts: 2,
    timeoutMs: 10_000,
  },
  {
    fault: 'writes megabytes to standard error',
    exec: command('stderr-flood', { n: 1 }),
    exit: 0,
    affected: [],
    starts: 1,
    events: [
      /^diagnostic \d+: e+$/,
      /^line cut at 500 bytes: an unterminated diagnostic of a megabyte u+/,
      /^further stderr events are not recorded/,
    ],
  },
  // the kit gives an adapter whose output closed a moment to exit; a longer timeout keeps the two apart
  {
    fault: 'closes its standard output and keeps running, once',
    exec: command('closes-stdout', { once: true }),
    exit: 1,
    affected: [CONV_PROPERTY],
    reason: /adapter closed its standard output but kept running while request \d+ was in flight/,
    starts: 2,
    timeoutMs: 5000,
  },
  {
    fault: 'greets with protocol version 2',
    exec: command('protocol-2'),
    exit: 2,
    affected: [],
    reason: /adapter speaks protocol 2, the kit 1/,
  },
  {
    fault: 'greets without its ops',
    exec: command('invalid-hello'),
    exit: 2,
    affected: [],
    reason: /adapter sent an invalid hello: invalid message \(\/ must have required property 'ops'/,
  },
];

function checkFaultRun(run: CheckedRun, fault: OutOfProcessFault): void {
  expect(run.code, run.err).toBe(fault.exit);
  if (fault.exit === 2) {
    expect(run.err).toMatch(fault.reason!);
    expect(run.report).toBeUndefined();
    return;
  }
  const report = checkReports(run);
  expect(report.results.map((r) => r.id).sort()).toEqual([...SELECTION].sort());
  const hit = report.results.filter((r) => r.status !== 'pass');
  if (fault.affected === 'one') expect(hit.map((r) => r.id)).toHaveLength(1);
  else expect(hit.map((r) => r.id).sort()).toEqual([...fault.affected].sort());
  for (const result of hit) {
    expect(result.status, result.id).toBe('fail');
    expect(result.message, result.id).toMatch(fault.reason!);
  }
  if (fault.starts === 'several') expect(report.adapter.starts).toBeGreaterThan(2);
  else expect(report.adapter.starts).toBe(fault.starts);
  if (fault.starts !== 1)
    expect(report.events.filter((e) => e.kind === 'start').reduce((sum, e) => sum + e.count, 0)).toBe(report.adapter.starts);
  const details = report.events.map((e) => e.detail);
  for (const event of fault.events ?? [])
    expect(
      details.some((d) => event.test(d)),
      `an event matching ${event} in ${JSON.stringify(details).slice(0, 2000)}`,
    ).toBe(true);
  expect(JSON.stringify(report).length).toBeLessThan(MAX_REPORT_BYTES);
  expect(report.summary.conformant).toBe(fault.exit === 0);
}

describe('out-of-process adapter faults', () => {
  // The one slow fault waits idle for the start-up timeout, so it runs alongside the others.
  let silent: Promise<CheckedRun>;
  beforeAll(() => {
    silent = cnnspecRun([
      '--exec',
      command('silent'),
      '--num-runs',
      '3',
      '--timeout',
      String(TIMEOUT_MS),
      '--start-timeout',
      String(START_TIMEOUT_MS),
      '--only',
      SELECTION.join(','),
    ]);
  });

  it.each(FAULTS)(
    'an adapter process that $fault: the run completes, says why, restarts it where it died, and writes valid reports',
    async (fault) => {
      const run = await cnnspecRun([
        '--exec',
        fault.exec,
        '--num-runs',
        '3',
        '--timeout',
        String(fault.timeoutMs ?? TIMEOUT_MS),
        '--only',
        SELECTION.join(','),
      ]);
      expect(run.ms).toBeLessThan(WALL_BOUND_MS);
      checkFaultRun(run, fault);
    },
    60_000,
  );

  it(
    'an adapter process that never greets: the run ends with exit 2 once the start-up timeout has passed',
    async () => {
      const run = await silent;
      checkFaultRun(run, {
        fault: 'never greets',
        exec: '',
        exit: 2,
        affected: [],
        reason: new RegExp(`adapter did not send its hello within ${START_TIMEOUT_MS} ms`),
      });
      expect(run.ms).toBeLessThan(START_TIMEOUT_MS + 5000);
    },
    START_TIMEOUT_MS + 30_000,
  );

  it('takes answers in any order when requests overlap: each goes to its own request', async () => {
    // the run sends one request at a time, so out-of-order answers need two calls in flight
    const adapter = await execAdapter({ command: command('hold') });
    try {
      const request = (value: number) => ({ input: makeTensor([1, 1, 1], [value]), weight: makeTensor([1, 1, 1], [1]), params: {} });
      const [first, second] = await Promise.all([adapter.conv!(request(2)), adapter.conv!(request(3))]);
      expect([first.data[0], second.data[0]]).toEqual([2, 3]);
      expect(adapter.events().filter((e) => e.kind === 'violation')).toEqual([]);
    } finally {
      await adapter.dispose!();
    }
  });
});

describe('splitLines (spec: protocol.framing)', () => {
  const split = (chunks: (string | Buffer)[], maxBytes: number): Promise<string[]> => {
    const stream = new PassThrough();
    const seen: string[] = [];
    return new Promise((resolve) => {
      splitLines(stream, {
        maxBytes,
        onLine: (line) => seen.push(`line ${line}`),
        onOverflow: (head) => seen.push(`overflow ${head}`),
        onEnd: () => resolve(seen),
      });
      for (const chunk of chunks) stream.write(chunk);
      stream.end();
    });
  };

  it('joins lines across chunks, also inside a UTF-8 character, drops a \\r before the newline, and keeps a last line without one', async () => {
    const euro = Buffer.from('€');
    expect(
      await split(['a', 'b\r\nc', Buffer.concat([Buffer.from('\n'), euro.subarray(0, 1)]), euro.subarray(1), '\n\nlast'], 100),
    ).toEqual(['line ab', 'line c', 'line €', 'line ', 'line last']);
  });

  it('hands over a line beyond the limit once, cut, drops the rest of it, and goes on with the next line', async () => {
    expect(await split(['12345', '678', '90\nok\n', 'abcdefghijkl'], 8)).toEqual(['overflow 12345678', 'line ok', 'overflow abcdefgh']);
  });
});
