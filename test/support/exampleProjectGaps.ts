/**
 * Tests the library of examples/vitest-project may fail: gaps of the library, not of the kit
 * (spec: error.parameter-range). Its conv2d computes a kernel with an empty spatial axis, its
 * dense answers a tensor whose data does not fit its shape for inputs without features, and its
 * strides have no upper bound (spec: error.limits).
 */
export const EXAMPLE_GAPS: readonly string[] = [
  'conv/invalid/parameters-are-rejected',
  'conv/limits/oversized-parameters-are-rejected-or-exact',
  'dense/invalid/parameters-are-rejected',
  'pool/limits/oversized-parameters-are-rejected-or-exact',
];
