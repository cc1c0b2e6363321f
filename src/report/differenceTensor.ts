/**
 * The element-wise difference actual − expected of two tensors of one shape, for the difference
 * map. Equal special values (NaN and NaN, an infinity and itself) differ by 0, as the tolerance
 * model counts them equal (spec: conformance.tolerance); any other pairing with NaN or an infinity
 * has no finite difference and stays NaN or infinite.
 */
import type { EvidenceTensor } from './model/Report.js';
import { evidenceValue, shapeSize } from './evidenceValue.js';

export function differenceTensor(expected: EvidenceTensor, actual: EvidenceTensor): EvidenceTensor {
  const size = Math.min(shapeSize(expected.shape), Math.max(expected.data.length, actual.data.length));
  const data: (number | string)[] = [];
  for (let i = 0; i < size; i++) {
    const e = evidenceValue(expected, i);
    const a = evidenceValue(actual, i);
    if (e === undefined || a === undefined) {
      data.push('missing');
      continue;
    }
    const same = (Number.isNaN(e) && Number.isNaN(a)) || (!Number.isFinite(e) && e === a);
    const difference = same ? 0 : a - e;
    data.push(
      Number.isNaN(difference) ? 'NaN' : difference === Infinity ? 'Infinity' : difference === -Infinity ? '-Infinity' : difference,
    );
  }
  return { shape: [...expected.shape], data, ...(size < shapeSize(expected.shape) ? { truncated: true } : {}) };
}
