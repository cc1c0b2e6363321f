/**
 * What a worker job of a parallel run is given (spec: conformance.jobs): the run's settings and
 * tests in a form that crosses to another thread, the adapter's source, and the shared counter
 * every job takes its next test from.
 */
import type { ReportResult } from '../../report/model/Report.js';
import type { ConventionSpec } from '../../spec/conventions.js';
import type { ExpectationEntry } from '../Expectations.js';
import type { WorkItem } from '../WorkItem.js';
import type { AdapterSource } from './AdapterSource.js';

/** A test as it crosses: a property by its id (the worker finds its definition), a fixture whole. */
export type SentWorkItem = Omit<WorkItem, 'property'> & { property?: string };

/** The identity a job's adapter must declare: that of the run's adapter, which the report names. */
export interface AdapterIdentity {
  name: string;
  version: string;
  convention: ConventionSpec;
  features: string[];
}

export interface JobSetup {
  /** The job's number, from 2 (job 1 is the run's own thread). */
  job: number;
  source: AdapterSource;
  identity: AdapterIdentity;
  run: {
    seed: number;
    numRuns: number;
    maxElements: number;
    timeoutMs: number;
    startTimeoutMs: number;
    path?: string;
    profiles: string[];
  };
  entries: ExpectationEntry[];
  items: SentWorkItem[];
  /**
   * Int32Array view: [NEXT_TEST] the index of the next test to take, [STOP] 1 once no further test
   * may start, [jobStateSlot(job)] the job's state (JOB_STARTING, JOB_RUNNING, JOB_RELEASED).
   */
  shared: SharedArrayBuffer;
}

/** What a worker job tells the run, in order. */
export type JobMessage =
  | { type: 'started'; index: number }
  | {
      type: 'result';
      index: number;
      result: ReportResult;
      runFaults: { kind: string; detail: string }[];
    }
  | { type: 'refused'; message: string }
  | {
      type: 'done';
      adapterMs: number;
      starts?: number;
      events: { kind: string; detail: string }[];
    };

/** The slots of the shared counter. */
export const NEXT_TEST = 0;
export const STOP = 1;

/** The slot of worker job `job`'s state (jobs are numbered from 2). */
export const jobStateSlot = (job: number): number => job;

/** Slots a run of `jobs` jobs shares. */
export const sharedSlots = (jobs: number): number => jobs + 1;

/**
 * A worker job's states. It moves from starting to running, by compare-and-exchange, before it
 * takes its first test; the run moves it from starting to released, the same way, once no test
 * is left for it, so that the run need not wait for an adapter that would take nothing. Exactly
 * one of the two exchanges succeeds: a released job never takes a test.
 */
export const JOB_STARTING = 0;
export const JOB_RUNNING = 1;
export const JOB_RELEASED = 2;

/**
 * A replay command made in a worker: the run's own formatter is a function of the run's thread,
 * so a worker leaves this mark and the run replaces it (replayMark, readReplayMark).
 */
const REPLAY_MARK = '\u0000cnnspec-replay:';

export function replayMark(id: string, seed: number, path: string): string {
  return `${REPLAY_MARK}${JSON.stringify([id, seed, path])}`;
}

/** The arguments of a replay mark, or undefined for a command already made. */
export function readReplayMark(text: string): [string, number, string] | undefined {
  return text.startsWith(REPLAY_MARK) ? (JSON.parse(text.slice(REPLAY_MARK.length)) as [string, number, string]) : undefined;
}
