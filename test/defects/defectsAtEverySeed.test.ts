/**
 * A CI gate runs one fixed seed, so the default run must find every documented defect whatever
 * the seed (spec: conformance.expectations). Two implementations imitate documented defects
 * exactly as measured: ONNX Runtime's SAME convolution shift and its max pooling that loses NaN
 * (under the onnx convention), and PyTorch's empty 1-D max pooling (under the pytorch
 * convention). With their defects listed, the default properties must explain a failure of each
 * defect at every seed from 1 to 8, and leave no failure unexplained; bench/seedSweep.ts does the
 * same for the real frameworks.
 */
import { describe, expect, it } from 'vitest';
import type { Adapter, PoolRequest } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { splitActivationShape } from '../../src/tensor/layout.js';
import { validateExpectations } from '../../src/runner/loadExpectations.js';
import { runConformance } from '../../src/runner/runConformance.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { MUTANTS } from '../mutants/mutants.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

const onnx = referenceAdapter('onnx');
/** ONNX Runtime as measured: SAME convolution windows shifted, and a max-pooling window holding NaN gives 0. */
const onnxruntimeLike: Adapter = {
  ...onnx,
  name: 'onnxruntime-like',
  conv: MUTANTS.find((mutant) => mutant.name === 'same-shift-as-onnxruntime')!.adapter.conv!,
  pool: async (request: PoolRequest) => {
    const output = await onnx.pool!(request);
    if (request.params.kind !== 'max' || !Array.from(request.input.data).some(Number.isNaN)) return output;
    return makeTensor(
      output.shape,
      Float32Array.from(output.data, (value) => (Number.isNaN(value) ? 0 : value)),
    );
  },
};

const pytorch = referenceAdapter('pytorch');
/** PyTorch 1.13 as measured: 1-D max pooling whose output size is 0 answers an empty tensor. */
const pytorchLike: Adapter = {
  ...pytorch,
  name: 'pytorch-like',
  pool: async (request: PoolRequest) => {
    try {
      return await pytorch.pool!(request);
    } catch (error) {
      // an output size of exactly 0 (not below), 1-D max pooling only
      const layout = request.params.layout ?? 'channels-first';
      const { batch, channels, spatial } = splitActivationShape(request.input.shape, layout);
      if (
        !(error instanceof CnnSpecError) ||
        error.code !== 'E_OUTPUT_EMPTY' ||
        !/the output size would be 0\b/.test(error.message) ||
        request.params.kind !== 'max' ||
        spatial.length !== 1
      )
        throw error;
      return makeTensor(layout === 'channels-first' ? [batch, channels, 0] : [batch, 0, channels]);
    }
  },
};

const cases = [
  { adapter: onnxruntimeLike, defects: ['defect.onnxruntime-same-conv', 'defect.onnxruntime-maxpool-nan'] },
  { adapter: pytorchLike, defects: ['defect.pytorch-maxpool1d-empty-output'] },
];

describe('every documented defect is found at every seed by the default properties', () => {
  for (const { adapter, defects } of cases) {
    it(`${adapter.name}: ${defects.join(', ')} at seeds ${SEEDS.join(', ')}, and nothing unexplained`, async () => {
      const content = validateExpectations(
        { format: 'cnnspec-expectations/1', entries: defects.map((defect) => ({ defect })) },
        'the test expectations',
      );
      for (const seed of SEEDS) {
        const report = await runConformance({
          adapter,
          source: 'test',
          seed,
          numRuns: 40,
          timeoutMs: 5000,
          fixtures: false,
          replay: () => '',
          expectations: { file: 'inline', content },
        });
        const found = (report.expectations?.defects ?? []).filter((entry) => entry.explained > 0).map((entry) => entry.defect);
        const unexplained = report.results
          .filter((result) => result.status === 'fail' || result.status === 'error')
          .map((result) => `${result.id}: ${result.message?.split('\n')[0]}`);
        expect({ seed, found, unexplained }).toEqual({ seed, found: defects, unexplained: [] });
      }
    }, 240_000);
  }
});
