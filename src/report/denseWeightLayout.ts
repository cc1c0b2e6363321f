/**
 * The layout of a dense weight in a failure's evidence: as the request sent it, or as the shapes
 * make it unambiguous (spec: dense.weight-layout); undefined for a square weight sent without one.
 */
import type { FailureEvidence } from './model/Report.js';

export function denseWeightLayout(evidence: FailureEvidence): 'in-out' | 'out-in' | undefined {
  const given = evidence.params['weightLayout'];
  if (given === 'in-out' || given === 'out-in') return given;
  const inFeatures = evidence.input.shape.at(-1);
  const [first, second] = evidence.weight?.shape ?? [];
  if (first === inFeatures && second !== inFeatures) return 'in-out';
  if (second === inFeatures && first !== inFeatures) return 'out-in';
  return undefined;
}
