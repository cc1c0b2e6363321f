/**
 * Reports for testing the renderings, with evidence computed rather than written down: the
 * expected tensors come from the reference, the actual ones from a deliberately broken
 * implementation (test/mutants), and the window from the reference's planners.
 */
import type { Adapter } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { buildEvidence, evidenceTensor } from '../../src/evidence/buildEvidence.js';
import { invokeAdapter } from '../../src/adapter/invokeAdapter.js';
import type { FailureEvidence, Report, ReportResult, ResultStatus } from '../../src/report/model/Report.js';
import { summarizeResults } from '../../src/runner/summarizeResults.js';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { MUTANTS } from '../mutants/mutants.js';
import type { OpCall } from '../../src/ops/registry.js';

export const reference = referenceAdapter('cnnspec');

export function mutant(name: string): Adapter {
  const found = MUTANTS.find((m) => m.name === name);
  if (found === undefined) throw new Error(`no mutant named ${name}`);
  return found.adapter;
}

export { evidenceTensor };

/** A tensor of the given shape holding f(i) at flat index i. */
export function tensorOf(shape: number[], f: (i: number) => number): Tensor {
  const size = shape.reduce((p, s) => p * s, 1);
  return makeTensor(
    shape,
    Array.from({ length: size }, (_, i) => f(i)),
  );
}

/** The evidence of running one request through the reference and through `actualFrom`. */
export async function evidenceOf(opCall: OpCall, actualFrom: Adapter | 'throws'): Promise<FailureEvidence> {
  const expected = await invokeAdapter(reference, opCall);
  const actual = actualFrom === 'throws' ? undefined : await invokeAdapter(actualFrom, opCall);
  return buildEvidence(opCall, 'cnnspec', {
    expected,
    ...(actual === undefined ? {} : { actual }),
    // signed zeros count as differences here, so that the pictures of -0 can be tested
    tolerance: { kind: 'exact', zeroSignFree: false },
    comparison: `the adapter's ${opCall.op} against the reference`,
  });
}

export function syntheticResult(fields: Partial<ReportResult> & { id: string; status: ResultStatus }): ReportResult {
  return {
    kind: fields.id.startsWith('fixture/') ? 'fixture' : 'property',
    spec: ['conv.definition'],
    features: ['conv'],
    required: true,
    description: `The test ${fields.id}.`,
    durationMs: 3,
    ...fields,
  };
}

export function syntheticReport(
  results: ReportResult[],
  overrides: {
    adapter?: Partial<Report['adapter']>;
    run?: Partial<Report['run']>;
    expectations?: Report['expectations'];
    events?: Report['events'];
  } = {},
): Report {
  const incomplete = overrides.run?.incomplete ?? false;
  const summary = summarizeResults(results, { incomplete, strictExpectations: false, unmatchedExpectations: 0 });
  return {
    format: 'cnnspec-report/1',
    suite: { name: 'cnnspec', version: '0.1.0', specVersion: '2026.1', adapterApi: 1, protocol: 1 },
    adapter: {
      name: 'synthetic',
      version: '1.0.0',
      convention: 'cnnspec',
      features: ['conv', 'pool.max'],
      ops: ['conv', 'pool'],
      source: './synthetic.ts',
      ...overrides.adapter,
    },
    run: {
      seed: 7,
      numRuns: 40,
      maxElements: 4096,
      timeoutMs: 30000,
      properties: true,
      fixtures: true,
      profile: 'core',
      startedAt: '2026-11-28T10:00:00.000Z',
      finishedAt: '2026-11-28T10:00:02.500Z',
      durationMs: 2500,
      adapterMs: 120,
      node: 'v20.20.2',
      platform: 'linux-x64',
      incomplete,
      env: {},
      ...overrides.run,
    },
    ...(overrides.expectations === undefined ? {} : { expectations: overrides.expectations }),
    summary,
    results,
    events: overrides.events ?? [],
  };
}
