/**
 * Protocol faults that the kit used to pass over in silence, each run through `cnnspec run
 * --exec` against test/adapters/faulty/faultyProcess.mjs: a second hello, a hello of another
 * protocol version in the middle of a session, a restarted process that greets as another
 * implementation, and an exit notice on an invalid line. Each is a recorded protocol violation
 * that says what happened, and the run completes with valid reports (spec: protocol.handshake,
 * protocol.response, protocol.timeouts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model/Report.js';
import { checkReports, cnnspecRun, root } from './checkedRun.js';

const script = join(root, 'test', 'adapters', 'faulty', 'faultyProcess.mjs');
const markers = mkdtempSync(join(tmpdir(), 'cnnspec-protocol-holes-'));
const command = (mode: string, options: { once?: boolean } = {}): string =>
  [
    process.execPath,
    script,
    mode,
    ...(options.once ? [`once=${join(markers, `${mode}-${Math.random().toString(36).slice(2)}`)}`] : []),
  ].join(' ');

const CONV_PROPERTY = 'conv/output-shape/matches-formula';
const CONV_FIXTURE = 'fixture/conv.gen-000';
const DENSE = ['dense/output-shape/matches-formula', 'fixture/dense.gen-000'];
const SELECTION = [CONV_PROPERTY, CONV_FIXTURE, ...DENSE];

async function run(exec: string, timeoutMs = 5000): Promise<Report> {
  const result = await cnnspecRun(['--exec', exec, '--num-runs', '3', '--timeout', String(timeoutMs), '--only', SELECTION.join(',')]);
  expect(result.ms).toBeLessThan(25_000);
  const report = checkReports(result, undefined);
  expect(result.code, result.err).toBe(report.summary.conformant ? 0 : 1);
  expect(report.results.map((r) => r.id).sort()).toEqual([...SELECTION].sort());
  return report;
}

const violations = (report: Report): string[] => report.events.filter((e) => e.kind === 'violation').map((e) => e.detail);
const statusOf = (report: Report, id: string): string | undefined => report.results.find((r) => r.id === id)?.status;

describe('protocol faults are recorded, never passed over', () => {
  it('a second hello, at the start or with an answer, is a violation that changes nothing: one process, every test passes', async () => {
    const report = await run(command('second-hello'));
    expect(report.summary.conformant).toBe(true);
    expect(report.adapter.starts).toBe(1);
    expect(violations(report).some((d) => d.startsWith("a second hello, ignored (the session's first hello stands)"))).toBe(true);
    const seconds = report.events
      .filter((e) => e.kind === 'violation' && e.detail.startsWith('a second hello'))
      .reduce((sum, e) => sum + e.count, 0);
    expect(seconds).toBeGreaterThan(1); // the one at the start and those with the answers
  }, 60_000);

  it('a hello of protocol 2 in the middle of a session fails the request in flight at once, saying why, and the process is replaced', async () => {
    const report = await run(command('midrun-protocol-2', { once: true }), 20_000);
    const failed = report.results.filter((r) => r.status !== 'pass');
    expect(failed.map((r) => r.id)).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/adapter sent a hello of protocol 2 after greeting with protocol 1 while request \d+ was in flight/);
    expect(failed[0]!.durationMs).toBeLessThan(15_000); // not by the request's timeout
    expect(violations(report)).toContain('adapter sent a hello of protocol 2 after greeting with protocol 1');
    expect(report.adapter.starts).toBe(2);
  }, 60_000);

  it('a restarted process that greets as another implementation and convention is refused, said so, and not restarted again', async () => {
    const report = await run(command('impostor', { once: true }));
    const refusal =
      /the restarted adapter greeted as another adapter \(name "someone-else", first "faulty-impostor"; convention "onnx", first "cnnspec"\)/;
    expect(
      violations(report).some((d) => refusal.test(d) && d.endsWith('; no further process is started')),
      JSON.stringify(violations(report)),
    ).toBe(true);
    expect(report.adapter.starts).toBe(2); // the impostor's one start, then no more
    // the first process dies in the first test (whose shrinking then meets the refusal too); every later test meets the refusal
    expect(report.results.find((r) => r.id === CONV_PROPERTY)!.message).toMatch(
      new RegExp(`adapter exited \\(code 3, signal null\\) while request \\d+ was in flight|${refusal.source}`),
    );
    for (const result of report.results.filter((r) => r.id !== CONV_PROPERTY)) {
      expect(result.status, result.id).toBe('fail');
      expect(result.message, result.id).toMatch(refusal);
    }
    expect(report.summary.conformant).toBe(false);
  }, 60_000);

  it('an exit notice on an invalid line is not taken: the line is a violation, its request fails, and the same process serves on', async () => {
    const report = await run(command('invalid-exit', { once: true }));
    expect(report.adapter.starts).toBe(1);
    expect(violations(report).some((d) => d.startsWith('invalid message (') && d.endsWith('; its exit notice is not taken'))).toBe(true);
    expect(report.events.some((e) => e.detail.startsWith('adapter announced its exit'))).toBe(false);
    const failed = report.results.filter((r) => r.status !== 'pass');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/adapter broke the protocol answering request \d+: invalid message/);
    for (const id of DENSE) expect(statusOf(report, id)).toBe('pass');
  }, 60_000);
});
