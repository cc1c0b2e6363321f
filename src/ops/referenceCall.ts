/**
 * The reference's answer to one op call (an op and its request, as fixtures, evidence and
 * properties hold it) under a convention. Throws the reference's CnnSpecError where the
 * convention rejects the call.
 */
import type { ConventionSpec } from '../spec/conventions.js';
import type { Limits } from '../spec/limits.js';
import type { Tensor } from '../tensor/tensor.js';
import { opOf, type OpCall } from './registry.js';

export function referenceCall(call: OpCall, convention: ConventionSpec, limits?: Limits): Tensor {
  return opOf(call.op).reference(call.request, convention, limits);
}
