/**
 * The tolerance one op call is judged with (spec: conformance.tolerance), the same for
 * properties and golden fixtures:
 *
 * - max pooling, global max pooling and pad: exact (a pad keeps the sign of every zero; a
 *   maximum's zero may have either sign only where it comes from a sum, which it never does);
 * - convolution and dense: exact where every partial sum of every output is exactly
 *   representable in float32 in any order (spec: conformance.exact-domain), else the
 *   dot-product bound over K·C_in/g (convolution) or N_in (dense) products;
 * - average and global average pooling: the dot-product bound over the window (an average is a
 *   dot product with weights 1/count, which an implementation may divide or multiply by a
 *   rounded reciprocal).
 *
 * The magnitude bound of a dot product is the same op on absolute values, computed by the
 * reference.
 */
import type { ConventionSpec } from '../spec/conventions.js';
import { dotProductsAreExact } from './dotProductsAreExact.js';
import { referenceCall } from '../ops/referenceCall.js';
import { opOf, type OpCall } from '../ops/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Tolerance } from './tolerance.js';

const absolute = (tensor: Tensor): Tensor => ({ shape: tensor.shape, data: tensor.data.map(Math.abs) });

/** The call with every tensor replaced by its absolute values: its answer is the magnitude bound. */
function absoluteCall(call: OpCall): OpCall {
  const request = call.request as { input: Tensor; weight?: Tensor; bias?: Tensor };
  const absolute_ = {
    ...call.request,
    input: absolute(request.input),
    ...(request.weight === undefined ? {} : { weight: absolute(request.weight) }),
    ...(request.bias === undefined ? {} : { bias: absolute(request.bias) }),
  };
  return { op: call.op, request: absolute_ } as OpCall;
}

export function callTolerance(call: OpCall, convention: ConventionSpec): Tolerance {
  const op = opOf(call.op);
  const accumulation = op.accumulation(call.request, convention);
  if (accumulation.kind === 'exact') return { kind: 'exact', zeroSignFree: op.zeroSignFree(call.request.params) };
  const magnitude = referenceCall(absoluteCall(call), convention).data;
  const { input, weight, bias } = call.request as { input: Tensor; weight?: Tensor; bias?: Tensor };
  if (
    accumulation.exactWhenRepresentable &&
    weight !== undefined &&
    dotProductsAreExact([input.data, weight.data], bias?.data, magnitude)
  ) {
    return { kind: 'exact', zeroSignFree: true };
  }
  const { accumulationLength, hasBias, ulpBudget } = accumulation;
  return { kind: 'dot-product', magnitude, accumulationLength, hasBias, ulpBudget };
}
