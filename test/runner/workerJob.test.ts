/**
 * A worker job's own logic, run in the test's thread (spec: conformance.jobs): it takes the run's
 * tests from the shared counter and judges each as the run's own thread does; it takes none when
 * the run has stopped, when its adapter does not start, or when its adapter declares another
 * identity than the run's. (In a run it is a worker thread's, where code coverage does not reach.)
 */
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../src/adapter/loadAdapter.js';
import type { ReportResult } from '../../src/report/model/Report.js';
import { runConformance, workItems } from '../../src/runner/runConformance.js';
import { selectTests } from '../../src/runner/selectTests.js';
import type { AdapterSource } from '../../src/runner/jobs/AdapterSource.js';
import {
  JOB_RELEASED,
  JOB_RUNNING,
  jobStateSlot,
  sharedSlots,
  NEXT_TEST,
  readReplayMark,
  replayMark,
  STOP,
  type JobMessage,
  type JobSetup,
} from '../../src/runner/jobs/JobSetup.js';
import { runWorkerJob } from '../../src/runner/jobs/runWorkerJob.js';
import { DEFAULT_SEED } from '../../src/runner/runDefaults.js';

const ONLY = ['dense/*', 'fixture/dense.*'];

function setupFor(source: AdapterSource, version = '0.1.0'): JobSetup {
  const items = selectTests(workItems('cnnspec'), { only: ONLY });
  return {
    job: 2,
    source,
    identity: { name: 'cnnspec-reference', version, convention: 'cnnspec', features: [] },
    run: { seed: DEFAULT_SEED, numRuns: 5, maxElements: 4096, timeoutMs: 20_000, startTimeoutMs: 20_000, profiles: [] },
    entries: [],
    items: items.map(({ property, ...rest }) => (property === undefined ? rest : { ...rest, property: property.id })),
    shared: new SharedArrayBuffer(sharedSlots(2) * Int32Array.BYTES_PER_ELEMENT),
  };
}

/** The run's adapter's identity, as the run sends it. */
async function referenceIdentity(): Promise<JobSetup['identity']> {
  const adapter = await loadAdapter('reference');
  return { name: adapter.name, version: adapter.version, convention: adapter.convention, features: [...adapter.features] };
}

async function runJob(setup: JobSetup, signal = new AbortController().signal): Promise<JobMessage[]> {
  const messages: JobMessage[] = [];
  await runWorkerJob(setup, { post: (message) => messages.push(message), signal, strays: () => [] });
  return messages;
}

const untimed = ({ durationMs: _durationMs, ...rest }: ReportResult): Omit<ReportResult, 'durationMs'> => rest;

describe('a worker job (spec: conformance.jobs)', () => {
  it('takes every test from the counter and judges each as the serial run does', async () => {
    const setup = { ...setupFor({ kind: 'module', spec: 'reference' }), identity: await referenceIdentity() };
    const messages = await runJob(setup);
    const results = messages.flatMap((message) => (message.type === 'result' ? [message] : []));
    expect(results.map((message) => message.index)).toEqual(setup.items.map((_, index) => index));
    expect(messages.filter((message) => message.type === 'started')).toHaveLength(setup.items.length);
    expect(messages.at(-1)).toMatchObject({ type: 'done', events: [] });
    expect(Atomics.load(new Int32Array(setup.shared), NEXT_TEST)).toBe(setup.items.length + 1);
    const serial = await runConformance({
      adapter: await loadAdapter('reference'),
      source: 'reference',
      seed: DEFAULT_SEED,
      numRuns: 5,
      timeoutMs: 20_000,
      only: ONLY,
      replay: (id, seed, path) => `replay ${id} ${seed} ${path}`,
    });
    expect(results.map((message) => untimed(message.result))).toEqual(serial.results.map(untimed));
  }, 60_000);

  it('leaves a mark where a replay command goes, which the run fills in with its own', () => {
    expect(readReplayMark('npx cnnspec run --only x')).toBeUndefined();
    const marked = replayMark('conv/linearity/input', 7, '3:1');
    expect(readReplayMark(marked)).toEqual(['conv/linearity/input', 7, '3:1']);
  });

  it('takes no test once the run has stopped, or when the run aborts', async () => {
    const stopped = { ...setupFor({ kind: 'module', spec: 'reference' }), identity: await referenceIdentity() };
    Atomics.store(new Int32Array(stopped.shared), STOP, 1);
    expect((await runJob(stopped)).map((message) => message.type)).toEqual(['done']);
    const aborted = { ...setupFor({ kind: 'module', spec: 'reference' }), identity: await referenceIdentity() };
    const controller = new AbortController();
    controller.abort();
    expect((await runJob(aborted, controller.signal)).map((message) => message.type)).toEqual(['done']);
  });

  it('a job the run released before it began takes no test and says nothing; one that began is running', async () => {
    const released = { ...setupFor({ kind: 'module', spec: 'reference' }), identity: await referenceIdentity() };
    Atomics.store(new Int32Array(released.shared), jobStateSlot(2), JOB_RELEASED);
    expect(await runJob(released)).toEqual([{ type: 'done', adapterMs: 0, events: [] }]);
    expect(Atomics.load(new Int32Array(released.shared), NEXT_TEST)).toBe(0);
    // released while its adapter starts: an adapter that cannot start is then no refusal either
    const failing = setupFor({ kind: 'module', spec: 'test/adapters/no-such-adapter.ts' });
    Atomics.store(new Int32Array(failing.shared), jobStateSlot(2), JOB_RELEASED);
    expect(await runJob(failing)).toEqual([{ type: 'done', adapterMs: 0, events: [] }]);
    const running = { ...setupFor({ kind: 'module', spec: 'reference' }), identity: await referenceIdentity() };
    await runJob(running);
    expect(Atomics.load(new Int32Array(running.shared), jobStateSlot(2))).toBe(JOB_RUNNING);
  }, 60_000);

  it('takes no test when its adapter does not start, and says why', async () => {
    const messages = await runJob(setupFor({ kind: 'module', spec: 'test/adapters/no-such-adapter.ts' }));
    expect(messages).toEqual([
      { type: 'refused', message: expect.stringMatching(/^its adapter did not start: no adapter "test\/adapters\/no-such-adapter.ts"/) },
    ]);
  });

  it('takes no test when its adapter declares another identity, and names what differs', async () => {
    const identity = await referenceIdentity();
    const setup = { ...setupFor({ kind: 'module', spec: 'reference' }), identity: { ...identity, version: '9.9.9' } };
    const messages = await runJob(setup);
    expect(messages).toEqual([
      { type: 'refused', message: `its adapter declares version ${JSON.stringify(identity.version)}, not the run's "9.9.9"` },
    ]);
    expect(Atomics.load(new Int32Array(setup.shared), NEXT_TEST)).toBe(0);
  });
});
