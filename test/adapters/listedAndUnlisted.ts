/**
 * A module adapter for `cnnspec run --adapter` with two defects in one property: same convolution
 * shifted as ONNX Runtime's (listed in the expectations of the test that uses it) and a flipped
 * kernel wherever the padding is not same (not listed).
 */
import type { Adapter } from '../../src/ops/Adapter.js';
import { MUTANTS } from '../mutants/mutants.js';

const mutant = (name: string): Adapter => MUTANTS.find((candidate) => candidate.name === name)!.adapter;
const shifted = mutant('same-shift-as-onnxruntime');
const flipped = mutant('flipped-kernel');

const adapter: Adapter = {
  ...shifted,
  name: 'listed and unlisted defects',
  conv: async (request) =>
    typeof request.params.padding === 'string' && request.params.padding.startsWith('same')
      ? shifted.conv!(request)
      : flipped.conv!(request),
};

export default adapter;
