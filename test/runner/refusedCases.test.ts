/**
 * Cases the adapter refuses as unsupported (UnsupportedCase) are skipped and counted; a property
 * that gives up on skipped cases says who skipped them and why, and is never reported with
 * fast-check's bare `null` (spec: conformance.capabilities, conformance.verdict).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnsupportedCase, type Adapter, type PoolRequest } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { runConformance, workItems } from '../../src/runner/runConformance.js';
import { loadProfile } from '../../src/profiles/loadProfiles.js';
import { runWorkItem } from '../../src/runner/runWorkItem.js';
import { ALL_PROPERTIES, defineProperty } from '../../properties/index.js';
import { KIT_ERROR, MAX_SKIPS_PER_RUN, formatFailure, runProperty } from '../../properties/runProperty.js';
import { MAX_REFUSAL_REASON_LENGTH, MAX_REFUSAL_REASONS } from '../../properties/RefusalTally.js';

const reference = referenceAdapter('cnnspec');
const OUTPUT_SHAPE = 'pool/output-shape/matches-formula'; // one pool call per case, features []: required by the core profile
const COUNTING_PAD = 'pool/avg/count-include-pad-equals-uniform-depthwise-conv'; // needs pool.avg.count-include-pad: not required
const property = (id: string) => ALL_PROPERTIES.find((candidate) => candidate.id === id)!;
const numRuns = 5;
// fast-check gives up at the first skip beyond MAX_SKIPS_PER_RUN per case asked for.
const givingUp = MAX_SKIPS_PER_RUN * numRuns + 1;

/** The reference, whose pool answers the first `accepted` calls and then refuses every call. */
function refusingPool(accepted = 0, reason: (call: number) => string = () => 'no 3-D explicit pads'): Adapter {
  let calls = 0;
  return {
    ...reference,
    pool: async (request: PoolRequest) => {
      calls += 1;
      if (calls > accepted) throw new UnsupportedCase(reason(calls));
      return reference.pool!(request);
    },
  };
}

describe('a property whose every case the adapter refuses', () => {
  it('is unsupported, with the number of cases and the reason, and nothing ran', async () => {
    const result = await runProperty(property(OUTPUT_SHAPE), refusingPool(), { seed: 1, numRuns });
    expect(result.status).toBe('unsupported');
    if (result.status !== 'unsupported') return;
    expect(result.missing).toEqual([`the adapter refused all ${givingUp} generated cases as unsupported: no 3-D explicit pads`]);
    expect(result.refused).toEqual({ cases: givingUp, reasons: ['no 3-D explicit pads'], otherCases: 0 });
    expect(result.lacking).toEqual({ features: [], methods: [] });
  });

  it('keeps at most a few distinct reasons, each cut to one short line', async () => {
    const long = (call: number) => `refusal ${call}:\n${'x'.repeat(300)}`;
    const result = await runProperty(property(OUTPUT_SHAPE), refusingPool(0, long), { seed: 1, numRuns });
    expect(result.status).toBe('unsupported');
    if (result.status !== 'unsupported') return;
    expect(result.refused!.reasons.length).toBe(MAX_REFUSAL_REASONS);
    for (const reason of result.refused!.reasons) {
      expect(reason.length).toBeLessThanOrEqual(MAX_REFUSAL_REASON_LENGTH);
      expect(reason).toMatch(/^refusal \d+: x+…$/);
    }
    expect(result.refused!.otherCases).toBe(givingUp - MAX_REFUSAL_REASONS);
    expect(result.missing[0]).toMatch(new RegExp(`\\(and ${givingUp - MAX_REFUSAL_REASONS} cases for other reasons\\)$`));
  });

  it('fails when the profile requires the test, saying the profile requires it to run', async () => {
    const adapter = refusingPool();
    const item = workItems('cnnspec').find((candidate) => candidate.id === OUTPUT_SHAPE)!;
    const run = { adapter, source: 'test', seed: 1, numRuns, timeoutMs: 30_000, replay: (id: string) => `replay ${id}` };
    const result = await runWorkItem(item, { adapter, convention: 'cnnspec', run, profiles: [loadProfile()], entries: [] });
    expect(result.required).toBe(true);
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      `profile core requires this test to run, but the adapter refused all ${givingUp} generated cases as unsupported: no 3-D explicit pads`,
    );
    expect(result.replay).toBe(`replay ${OUTPUT_SHAPE}`);
  });

  it('is unsupported in a run when the profile does not require it, failed when it does, and never reported as `null`', async () => {
    const report = await runConformance({
      adapter: refusingPool(),
      source: 'test',
      seed: 1,
      numRuns,
      timeoutMs: 30_000,
      only: [OUTPUT_SHAPE, COUNTING_PAD],
      fixtures: false,
      replay: (id) => `replay ${id}`,
    });
    const byId = new Map(report.results.map((result) => [result.id, result]));
    expect(byId.get(COUNTING_PAD)).toMatchObject({
      status: 'unsupported',
      required: false,
      message: `the adapter refused all ${givingUp} generated cases as unsupported: no 3-D explicit pads`,
    });
    expect(byId.get(OUTPUT_SHAPE)).toMatchObject({ status: 'fail', required: true });
    expect(byId.get(OUTPUT_SHAPE)!.message).toMatch(
      /^profile core requires this test to run, but the adapter refused all \d+ generated cases as unsupported: no 3-D explicit pads$/,
    );
    expect(report.summary.conformant).toBe(false);
  });
});

describe('a property that ran some cases before too many were refused', () => {
  it('fails with how many ran, how many the adapter refused and why, and records only the cases that ran', async () => {
    const result = await runProperty(property(OUTPUT_SHAPE), refusingPool(3), { seed: 1, numRuns });
    expect(result.status).toBe('fail');
    if (result.status !== 'fail') return;
    expect(result.message).toBe(
      `too many skipped cases: 3 cases ran, the adapter refused ${givingUp} as unsupported (no 3-D explicit pads); more than ${MAX_SKIPS_PER_RUN} skipped per case asked for (${numRuns}) fails the property`,
    );
    expect(result.numRuns).toBe(3);
    expect(result.refused).toEqual({ cases: givingUp, reasons: ['no 3-D explicit pads'], otherCases: 0 });
    expect(result.counterexample).toBeUndefined();
    expect(formatFailure(result)).not.toContain('counterexample');
  });
});

describe("a property's own preconditions", () => {
  const own = (skip: (value: number) => boolean) =>
    defineProperty<unknown>({
      id: 'pool/own-precondition/skips',
      spec: ['conformance.capabilities'],
      features: [],
      ops: ['pool'],
      description: 'A probe whose check sets cases aside by its own precondition.',
      arbitrary: () => fc.integer({ min: 0, max: 1000 }),
      check: async (ctx, value) => {
        fc.pre(!skip(value as number));
        await ctx.adapter.pool!({ input: { shape: [1, 1, 2, 2], data: new Float32Array(4) }, params: { kind: 'max', kernel: [1, 1] } });
      },
    });

  it('are not taken for refusals by the adapter: a property that gives up on them alone is an error in the kit', async () => {
    const result = await runProperty(
      own(() => true),
      reference,
      { seed: 1, numRuns },
    );
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.message).toBe(
      `${KIT_ERROR}: the property's own preconditions skipped ${givingUp} cases and 0 ran, more than ${MAX_SKIPS_PER_RUN} skipped per case asked for (${numRuns})`,
    );
  });

  it('are counted apart from the adapter refusals they come with', async () => {
    const result = await runProperty(
      own((value) => value % 2 === 0),
      refusingPool(),
      { seed: 1, numRuns },
    );
    expect(result.status).toBe('fail');
    if (result.status !== 'fail') return;
    const refused = result.refused!.cases;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(givingUp);
    expect(result.message).toBe(
      `too many skipped cases: 0 cases ran, the adapter refused ${refused} as unsupported (no 3-D explicit pads), and the property's own preconditions skipped ${givingUp - refused}; more than ${MAX_SKIPS_PER_RUN} skipped per case asked for (${numRuns}) fails the property`,
    );
  });
});

describe('a property some of whose cases the adapter refuses', () => {
  it('passes on the cases that ran', async () => {
    let calls = 0;
    const everyOther: Adapter = {
      ...reference,
      pool: async (request: PoolRequest) => {
        calls += 1;
        if (calls % 2 === 0) throw new UnsupportedCase('every other case');
        return reference.pool!(request);
      },
    };
    const result = await runProperty(property(OUTPUT_SHAPE), everyOther, { seed: 1, numRuns: 20 });
    expect(result.status).toBe('pass');
    expect(result.status === 'pass' && result.numRuns).toBe(20);
  });
});
