/**
 * The body of one registered vitest test: the work item is run and judged as `cnnspec run`
 * judges it, recorded in the test's meta, and turned into vitest's outcomes. A pass passes; an
 * unsupported test is skipped with the reason; a failure or an error throws a ConformanceFailure;
 * an expected failure passes with its reason as an annotation; an unexpected pass passes with an
 * annotation, or fails under strict expectations.
 */
import { describeExpectation } from '../report/describeExpectation.js';
import type { TaskMeta, TestContext } from 'vitest';
import type { ResultStatus } from '../report/model/Report.js';
import type { RunOptions, WorkItem } from '../runner/runConformance.js';
import { ConformanceFailure } from './ConformanceFailure.js';
import { replayCommand } from '../evidence/replayCommand.js';
import type { SuiteSettings } from './resolveSuiteSettings.js';
import { runWorkItem, type WorkItemContext } from '../runner/runWorkItem.js';

/** What a test records in `task.meta.cnnspec`, for reporters (vitest's JSON reporter prints it). */
export interface ConformanceTestMeta {
  id: string;
  status: ResultStatus;
  spec: string[];
  /** Why it is unsupported, why it failed, or the expectation's reason. */
  message?: string;
}

declare module 'vitest' {
  interface TaskMeta {
    cnnspec?: ConformanceTestMeta;
  }
}

/** The parts of vitest's test context a conformance test uses. */
export type ConformanceTestContext = Pick<TestContext, 'skip' | 'annotate'> & {
  readonly task: { readonly file: { readonly filepath: string }; readonly meta: TaskMeta };
};

/** What every test of one registered suite shares. */
export interface SuiteContext extends Omit<WorkItemContext, 'run'> {
  settings: SuiteSettings;
}

export async function runConformanceTest(item: WorkItem, ctx: ConformanceTestContext, suite: SuiteContext): Promise<void> {
  const { settings } = suite;
  const run: RunOptions = {
    adapter: suite.adapter,
    source: 'vitest',
    seed: settings.seed,
    numRuns: settings.numRuns,
    maxElements: settings.maxElements,
    timeoutMs: settings.timeoutMs,
    ...(settings.path === undefined ? {} : { path: settings.path }),
    replay: replayCommand(ctx.task.file.filepath),
  };
  const result = await runWorkItem(item, { ...suite, run });
  const note = result.expectation?.reason ?? result.message;
  ctx.task.meta.cnnspec = { id: result.id, status: result.status, spec: result.spec, ...(note === undefined ? {} : { message: note }) };
  switch (result.status) {
    case 'pass':
      return;
    case 'unsupported':
      ctx.skip(`unsupported: ${result.message ?? ''}`);
      return;
    case 'expected-fail':
      await ctx.annotate(
        `expected failure (${result.expectation!.match}): ${describeExpectation(result.expectation!)}`,
        'cnnspec:expected-fail',
        {
          contentType: 'text/plain',
          body: new ConformanceFailure(result).message,
        },
      );
      return;
    case 'unexpected-pass':
      if (settings.strictExpectations) throw new ConformanceFailure(result);
      await ctx.annotate(
        `unexpected pass: the expectation ${result.expectation!.match} says it fails (${result.expectation!.reason})`,
        'cnnspec:unexpected-pass',
      );
      return;
    case 'fail':
    case 'error':
      throw new ConformanceFailure(result);
  }
}
