/**
 * Reports for testing the renderings, with evidence computed rather than written down: the
 * expected tensors come from the reference, the actual ones from a deliberately broken
 * implementation (test/mutants), and the window from the reference's planners.
 */
import type { Adapter, ConvRequest, DenseRequest, GlobalPoolRequest, PadRequest, PoolRequest } from '../../src/adapter/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { encodeFixtureNumber } from '../../src/fixtureValues.js';
import { planConv } from '../../src/planConv.js';
import { planPool } from '../../src/planPool.js';
import type { EvidenceTensor, FailureEvidence, Report, ReportResult, ResultStatus } from '../../src/runner/Report.js';
import { makeTensor, type Tensor } from '../../src/tensor.js';
import { MUTANTS } from '../mutants/mutants.js';

export const reference = referenceAdapter('cnnspec');

export function mutant(name: string): Adapter {
  const found = MUTANTS.find((m) => m.name === name);
  if (found === undefined) throw new Error(`no mutant named ${name}`);
  return found.adapter;
}

export function evidenceTensor(tensor: Tensor): EvidenceTensor {
  return { shape: [...tensor.shape], data: Array.from(tensor.data, encodeFixtureNumber) };
}

/** A tensor of the given shape holding f(i) at flat index i. */
export function tensorOf(shape: number[], f: (i: number) => number): Tensor {
  const size = shape.reduce((p, s) => p * s, 1);
  return makeTensor(shape, Array.from({ length: size }, (_, i) => f(i)));
}

/** Flat indices where two tensors of one shape differ (NaN equals NaN; signed zeros differ). */
export function differingIndices(expected: Tensor, actual: Tensor): number[] {
  const indices: number[] = [];
  expected.data.forEach((e, i) => {
    const a = actual.data[i]!;
    if (!(Object.is(e, a) || (Number.isNaN(e) && Number.isNaN(a)))) indices.push(i);
  });
  return indices;
}

function sameShape(a: Tensor, b: Tensor): boolean {
  return a.shape.length === b.shape.length && a.shape.every((s, i) => s === b.shape[i]);
}

type OpRequest =
  | { op: 'conv'; request: ConvRequest }
  | { op: 'pool'; request: PoolRequest }
  | { op: 'global-pool'; request: GlobalPoolRequest }
  | { op: 'dense'; request: DenseRequest }
  | { op: 'pad'; request: PadRequest };

async function call(adapter: Adapter, call: OpRequest): Promise<Tensor> {
  switch (call.op) {
    case 'conv':
      return adapter.conv!(call.request);
    case 'pool':
      return adapter.pool!(call.request);
    case 'global-pool':
      return adapter.globalPool!(call.request);
    case 'dense':
      return adapter.dense!(call.request);
    case 'pad':
      return adapter.pad!(call.request);
  }
}

/** The evidence of running one request through the reference and through `actualFrom`. */
export async function evidenceOf(opCall: OpRequest, actualFrom: Adapter | 'throws'): Promise<FailureEvidence> {
  const expected = await call(reference, opCall);
  const actual = actualFrom === 'throws' ? undefined : await call(actualFrom, opCall);
  const { input } = opCall.request;
  const params = opCall.request.params as { [key: string]: unknown };
  const layout = (params['layout'] as FailureEvidence['layout'] | undefined) ?? 'channels-first';
  let window: FailureEvidence['window'];
  let weight: Tensor | undefined;
  let kernelLayout: string | undefined;
  if (opCall.op === 'conv') {
    const plan = planConv(opCall.request.params, input.shape, opCall.request.weight.shape, opCall.request.bias?.shape);
    window = { kernel: plan.window.kernel, strides: plan.window.strides, dilations: plan.window.dilations, padBegin: plan.window.padBegin, padEnd: plan.window.padEnd };
    weight = opCall.request.weight;
    kernelLayout = plan.kernelLayout;
  } else if (opCall.op === 'pool') {
    const plan = planPool(opCall.request.params, input.shape);
    window = { kernel: plan.window.kernel, strides: plan.window.strides, dilations: plan.window.dilations, padBegin: plan.window.padBegin, padEnd: plan.window.padEnd };
  } else if (opCall.op === 'dense') {
    weight = opCall.request.weight;
  }
  return {
    op: opCall.op,
    layout,
    input: evidenceTensor(input),
    ...(weight === undefined ? {} : { weight: evidenceTensor(weight) }),
    ...(kernelLayout === undefined ? {} : { kernelLayout }),
    params,
    ...(window === undefined ? {} : { window }),
    expected: evidenceTensor(expected),
    ...(actual === undefined ? {} : { actual: evidenceTensor(actual) }),
    ...(actual !== undefined && sameShape(expected, actual) ? { differing: differingIndices(expected, actual) } : {}),
    comparison: `the adapter's ${opCall.op} against the reference`,
  };
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

export function syntheticReport(results: ReportResult[], overrides: { adapter?: Partial<Report['adapter']>; run?: Partial<Report['run']>; expectations?: Report['expectations']; events?: Report['events'] } = {}): Report {
  const count = (status: ResultStatus): number => results.filter((r) => r.status === status).length;
  const incomplete = overrides.run?.incomplete ?? false;
  const summary = {
    total: results.length,
    pass: count('pass'),
    fail: count('fail'),
    'expected-fail': count('expected-fail'),
    'unexpected-pass': count('unexpected-pass'),
    unsupported: count('unsupported'),
    error: count('error'),
    conformant: count('fail') === 0 && count('error') === 0 && !incomplete,
  };
  return {
    format: 'cnnspec-report/1',
    suite: { name: 'cnnspec', version: '0.1.0', specVersion: '2026.1', adapterApi: 1, protocol: 1 },
    adapter: { name: 'synthetic', version: '1.0.0', convention: 'cnnspec', features: ['conv', 'pool.max'], ops: ['conv', 'pool'], source: './synthetic.ts', ...overrides.adapter },
    run: {
      seed: 7,
      numRuns: 40,
      maxElements: 4096,
      timeoutMs: 30000,
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
