/**
 * In-process adapters that fail in every way an implementation can, each run through `cnnspec
 * run`: the run completes with exit 1, every test the fault touches fails with a message that
 * states the reason, every other test passes, and every report is written and valid (spec:
 * conformance.adapter, conformance.capabilities). Every adapter is the reference with a faulty
 * convolution (test/adapters/faulty/), so dense tests are the ones that must be left alone.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReports, cnnspecRun, root } from './checkedRun.js';

const CONV_PROPERTY = 'conv/output-shape/matches-formula';
const CONV_FIXTURE = 'fixture/conv.gen-000';
const CONV_ERROR_FIXTURE = 'fixture/conv.error-groups-not-dividing';
const SELECTION = [CONV_PROPERTY, CONV_FIXTURE, CONV_ERROR_FIXTURE, 'dense/output-shape/matches-formula', 'fixture/dense.gen-000'];
/** A fault is not the rejection an error fixture asks for, but an error thrown by the adapter is. */
const WITH_FAULTS = [CONV_PROPERTY, CONV_FIXTURE, CONV_ERROR_FIXTURE];
const WITH_ERRORS = [CONV_PROPERTY, CONV_FIXTURE];
const TIMEOUT_MS = 200;
/** Generous for a 2-core machine: a run of these few tests takes about a second, or a few with timeouts. */
const WALL_BOUND_MS = 20_000;

interface InProcessFault {
  fault: string;
  /** The module under test/adapters/faulty/ that injects it. */
  module: string;
  /** The tests the fault must fail; every other selected test must pass. */
  affected: string[];
  reason: RegExp;
}

const FAULTS: InProcessFault[] = [
  { fault: 'throws synchronously', module: 'convThrowsSync.ts', affected: WITH_ERRORS, reason: /conv exploded synchronously/ },
  { fault: 'returns a rejected promise', module: 'convRejects.ts', affected: WITH_ERRORS, reason: /conv rejected its promise/ },
  {
    fault: 'never settles',
    module: 'convNeverSettles.ts',
    affected: WITH_FAULTS,
    reason: new RegExp(`adapter conv did not settle within ${TIMEOUT_MS} ms`),
  },
  {
    fault: 'calls process.exit(3)',
    module: 'convCallsExit.ts',
    affected: WITH_FAULTS,
    reason: /adapter conv called process\.exit\(3\); the kit kept running/,
  },
  { fault: 'answers the wrong shape', module: 'convWrongShape.ts', affected: WITH_ERRORS, reason: /shape/ },
  {
    fault: 'answers the wrong data length',
    module: 'convWrongLength.ts',
    affected: WITH_ERRORS,
    reason: /invalid answer from conv: its data holds \d+ element\(s\), its shape \[[\d, ]+\] needs \d+/,
  },
  {
    fault: 'answers Float64Array data',
    module: 'convFloat64Data.ts',
    affected: WITH_ERRORS,
    reason: /invalid answer from conv: its data is a Float64Array of \d+ element\(s\), not a Float32Array/,
  },
  {
    fault: 'answers plain array data',
    module: 'convPlainArrayData.ts',
    affected: WITH_ERRORS,
    reason: /invalid answer from conv: its data is an array of \d+ element\(s\), not a Float32Array/,
  },
  {
    fault: 'answers Int32Array data',
    module: 'convInt32Data.ts',
    affected: WITH_ERRORS,
    reason: /invalid answer from conv: its data is an Int32Array of \d+ element\(s\), not a Float32Array/,
  },
  // only the fixture looks at values: the shape property rightly passes
  { fault: 'answers NaN everywhere', module: 'convNaN.ts', affected: [CONV_FIXTURE], reason: /\d+\/\d+ elements, max error NaN/ },
  {
    fault: 'resolves to undefined',
    module: 'convUndefined.ts',
    affected: WITH_FAULTS,
    reason: /invalid answer from conv: undefined instead of a tensor/,
  },
  {
    fault: 'resolves to a number',
    module: 'convNonObject.ts',
    affected: WITH_FAULTS,
    reason: /invalid answer from conv: the number 42 instead of a tensor/,
  },
  {
    fault: 'throws a string',
    module: 'convThrowsString.ts',
    affected: WITH_ERRORS,
    reason: /adapter conv threw the string "conv broke", not an Error/,
  },
  { fault: 'rejects with null', module: 'convThrowsNull.ts', affected: WITH_ERRORS, reason: /adapter conv threw null, not an Error/ },
  { fault: 'throws a 1 MB message', module: 'convHugeMessage.ts', affected: WITH_ERRORS, reason: /conv failed: x+/ },
  {
    fault: 'throws a message of markup and control characters',
    module: 'convMarkupMessage.ts',
    affected: WITH_ERRORS,
    reason: /conv failed: <script>alert\("x"\)<\/script> \]\]> <!\[CDATA\[ & &amp; \\u0000\\u0007 \\u001b\[31mred/,
  },
];

describe('in-process adapter faults', () => {
  it.each(FAULTS)(
    'an adapter whose conv $fault: the run completes, records the reason and writes valid reports',
    async ({ module, affected, reason }) => {
      const adapter = join(root, 'test', 'adapters', 'faulty', module);
      const run = await cnnspecRun([
        '--adapter',
        adapter,
        '--num-runs',
        '3',
        '--timeout',
        String(TIMEOUT_MS),
        '--only',
        SELECTION.join(','),
      ]);
      expect(run.ms).toBeLessThan(WALL_BOUND_MS);
      expect(run.code, run.err).toBe(1);
      const report = checkReports(run, module === 'convMarkupMessage.ts' ? '<script>alert' : undefined);
      expect(report.results.map((r) => r.id).sort()).toEqual([...SELECTION].sort());
      for (const result of report.results) {
        if (affected.includes(result.id)) {
          expect(result.status, result.id).toBe('fail');
          expect(result.message, result.id).toMatch(reason);
          // an adapter's message can neither swell the report nor carry control characters
          expect(result.message!.length, result.id).toBeLessThan(5000);
          expect(result.message, result.id).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
        } else {
          expect({ id: result.id, status: result.status, message: result.message }).toEqual({
            id: result.id,
            status: 'pass',
            message: undefined,
          });
        }
      }
      expect(report.summary.conformant).toBe(false);
      expect(report.run.incomplete).toBe(false);
    },
    30_000,
  );

  it('keeps the original process.exit once no adapter call is in flight, and a cut message says how long it was', async () => {
    const exit = process.exit;
    const run = await cnnspecRun([
      '--adapter',
      join(root, 'test', 'adapters', 'faulty', 'convCallsExit.ts'),
      '--num-runs',
      '2',
      '--only',
      CONV_FIXTURE,
    ]);
    expect(run.code).toBe(1);
    expect(process.exit).toBe(exit);
    const huge = await cnnspecRun([
      '--adapter',
      join(root, 'test', 'adapters', 'faulty', 'convHugeMessage.ts'),
      '--num-runs',
      '2',
      '--only',
      CONV_PROPERTY,
    ]);
    expect(huge.report!.results[0]!.message).toMatch(/\.\.\. \(cut: the message has 1048589 characters\)$/);
  }, 30_000);
});
