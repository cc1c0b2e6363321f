/**
 * Failures of every op, drawn from the reference and the mutants, for the rendering tests: each
 * names the bug it shows, so a picture of it can be checked for what a reader must see.
 */
import type { FailureEvidence, ReportResult } from '../../src/report/model/Report.js';
import { evidenceOf, mutant, syntheticResult, tensorOf } from './syntheticReport.js';

export interface FailureCase {
  name: string;
  evidence: FailureEvidence;
  result: ReportResult;
}

function result(id: string, spec: string[], message: string, evidence: FailureEvidence): ReportResult {
  return syntheticResult({
    id,
    status: 'fail',
    spec,
    message,
    evidence,
    replay: `npx cnnspec run --adapter ./synthetic.ts --only '${id}'`,
  });
}

/** A one-hot input under an asymmetric kernel: a flipped kernel shows as the kernel rotated by 180°. */
export async function flippedKernelCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'conv',
      request: {
        input: tensorOf([1, 1, 5, 5], (i) => (i === 12 ? 1 : 0)),
        weight: tensorOf([1, 1, 3, 3], (i) => i + 1),
        params: { padding: 'same-upper', layout: 'channels-first', kernelLayout: 'out-in-spatial' },
      },
    },
    mutant('flipped-kernel'),
  );
  return {
    name: 'flipped kernel',
    evidence,
    result: result(
      'conv/no-flip/kernel-applied-as-stored',
      ['conv.no-flip', 'conv.definition'],
      'one-hot input: 8 of 25 elements differ (exact)',
      evidence,
    ),
  };
}

/** Same-upper with a stride of 2 on an even size: the odd pad goes to the wrong side, every output shifts. */
export async function samePaddingCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'conv',
      request: {
        input: tensorOf([1, 6, 6, 1], (i) => (i % 7) - 3),
        weight: tensorOf([3, 3, 1, 1], (i) => [1, 0, -1][i % 3]!),
        params: { padding: 'same-upper', strides: [2, 2], layout: 'channels-last', kernelLayout: 'spatial-in-out' },
      },
    },
    mutant('same-upper-as-lower'),
  );
  return {
    name: 'same padding on the wrong side',
    evidence,
    result: result('fixture/conv.same-upper-stride2-nhwc', ['padding.same-upper', 'padding.same.total'], '9/9 elements differ', evidence),
  };
}

/** Average pooling that counts padding: the border outputs are too small. */
export async function averagePaddingCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'pool',
      request: {
        input: tensorOf([1, 2, 4, 4], (i) => (i % 5) + 1),
        params: { kind: 'avg', kernel: [3, 3], strides: [1, 1], padding: { begin: [1, 1], end: [1, 1] }, layout: 'channels-first' },
      },
    },
    mutant('padding-counted-in-average'),
  );
  return {
    name: 'padding counted in the average',
    evidence,
    result: result('pool/avg/excludes-padding', ['pool.avg', 'pool.padding'], '24 of 32 elements differ beyond the tolerance', evidence),
  };
}

/** Max pooling that skips NaN. */
export async function nanPoolCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'pool',
      request: {
        input: tensorOf([1, 1, 1, 6], (i) => (i === 2 ? NaN : i === 4 ? -0 : i === 5 ? Infinity : i)),
        params: { kind: 'max', kernel: [1, 2], strides: [1, 2], layout: 'channels-first' },
      },
    },
    mutant('max-pool-drops-nan'),
  );
  return {
    name: 'NaN dropped by max pooling',
    evidence,
    result: result('pool/max/nan-propagates', ['pool.max.nan'], '1 of 3 elements differ', evidence),
  };
}

/** A one-dimensional convolution (spatial rank 1). */
export async function rankOneCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'conv',
      request: {
        input: tensorOf([1, 2, 7], (i) => i % 4),
        weight: tensorOf([2, 2, 3], (i) => (i % 3) - 1),
        params: { padding: { begin: [2], end: [1] }, layout: 'channels-first' },
      },
    },
    mutant('flipped-kernel'),
  );
  return { name: 'rank 1', evidence, result: result('conv/differential/rank-1', ['conv.definition'], 'differs', evidence) };
}

/** A three-dimensional convolution, channels-last: maps are depth slices. */
export async function rankThreeCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'conv',
      request: {
        input: tensorOf([1, 3, 4, 4, 2], (i) => (i % 9) - 4),
        weight: tensorOf([2, 2, 2, 2, 1], (i) => (i % 5) - 2),
        params: { padding: 'same-upper', layout: 'channels-last', kernelLayout: 'spatial-in-out' },
      },
    },
    mutant('flipped-kernel'),
  );
  return { name: 'rank 3', evidence, result: result('conv/differential/rank-3', ['conv.definition'], 'differs', evidence) };
}

/** A square dense weight read in the other layout. */
export async function denseCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'dense',
      request: { input: tensorOf([2, 3], (i) => i + 1), weight: tensorOf([3, 3], (i) => (i % 4) - 1), params: { weightLayout: 'in-out' } },
    },
    mutant('square-dense-weights-transposed'),
  );
  return {
    name: 'dense transposed',
    evidence,
    result: result('dense/weight-layout/in-out', ['dense.weight-layout', 'dense.definition'], 'differs', evidence),
  };
}

/** Global average pooling with the wrong count. */
export async function globalPoolCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    { op: 'global-pool', request: { input: tensorOf([2, 3, 2, 3], (i) => i % 7), params: { kind: 'avg', layout: 'channels-first' } } },
    mutant('global-average-wrong-count'),
  );
  return { name: 'global average', evidence, result: result('pool/global/average', ['pool.global'], 'differs', evidence) };
}

/** Pad that loses -0. */
export async function padCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'pad',
      request: {
        input: tensorOf([1, 1, 2, 3], (i) => (i === 1 ? -0 : i)),
        params: { padding: { begin: [1, 2], end: [0, 1] }, layout: 'channels-first' },
      },
    },
    mutant('pad-loses-negative-zero'),
  );
  return { name: 'pad loses -0', evidence, result: result('pad/signed-zero', ['numerics.signed-zero', 'padding.op'], 'differs', evidence) };
}

/** An output one row short: the shapes differ. */
export async function shapeMismatchCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'conv',
      request: {
        input: tensorOf([1, 1, 4, 4], (i) => i),
        weight: tensorOf([1, 1, 3, 3], () => 1),
        params: { padding: 'valid', layout: 'channels-first' },
      },
    },
    mutant('output-size-off-by-one'),
  );
  return {
    name: 'shape mismatch',
    evidence,
    result: result('fixture/conv.seed-4x4-k3-valid', ['shape.output-size.floor'], 'shape [1,1,1,2] instead of [1,1,2,2]', evidence),
  };
}

/** The adapter threw: no actual output. */
export async function adapterThrewCase(): Promise<FailureCase> {
  const evidence = await evidenceOf(
    {
      op: 'conv',
      request: {
        input: tensorOf([1, 1, 3, 3], (i) => i),
        weight: tensorOf([1, 1, 2, 2], () => 1),
        params: { padding: 'valid', layout: 'channels-first' },
      },
    },
    'throws',
  );
  return {
    name: 'adapter threw',
    evidence,
    result: syntheticResult({
      id: 'conv/shapes/valid',
      status: 'error',
      message: 'adapter conv threw: RangeError: out of memory',
      evidence,
    }),
  };
}

export async function allFailureCases(): Promise<FailureCase[]> {
  return Promise.all([
    flippedKernelCase(),
    samePaddingCase(),
    averagePaddingCase(),
    nanPoolCase(),
    rankOneCase(),
    rankThreeCase(),
    denseCase(),
    globalPoolCase(),
    padCase(),
    shapeMismatchCase(),
    adapterThrewCase(),
  ]);
}
