/** How a report draws a failure's tensors: the figure of its op (src/ops/registry.ts). */
import { OPS } from '../ops/registry.js';
import type { OpFigure } from '../ops/OpDescriptor.js';
import type { FailureEvidence } from './model/Report.js';

export function figureOf(evidence: FailureEvidence): OpFigure {
  return OPS[evidence.op].figure;
}
