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
import { planConv } from '../ops/conv/planConv.js';
import { planDense } from '../ops/dense/planDense.js';
import { planPool } from '../ops/pool/planPool.js';
import { referenceCall } from '../ops/referenceCall.js';
import type { EvidenceCall } from '../runner/buildEvidence.js';
import { elementCount, type Tensor } from '../tensor/tensor.js';
import type { Tolerance } from './tolerance.js';

const absolute = (tensor: Tensor): Tensor => ({ shape: tensor.shape, data: tensor.data.map(Math.abs) });

/** The call with every tensor replaced by its absolute values: its answer is the magnitude bound. */
function absoluteCall(call: EvidenceCall): EvidenceCall {
  const request = call.request as { input: Tensor; weight?: Tensor; bias?: Tensor };
  const absolute_ = {
    ...call.request,
    input: absolute(request.input),
    ...(request.weight === undefined ? {} : { weight: absolute(request.weight) }),
    ...(request.bias === undefined ? {} : { bias: absolute(request.bias) }),
  };
  return { op: call.op, request: absolute_ } as EvidenceCall;
}

export function callTolerance(call: EvidenceCall, convention: ConventionSpec): Tolerance {
  switch (call.op) {
    case 'pad':
      return { kind: 'exact', zeroSignFree: false };
    case 'pool':
    case 'global-pool': {
      if (call.request.params.kind === 'max') return { kind: 'exact', zeroSignFree: true };
      const magnitude = referenceCall(absoluteCall(call), convention).data;
      const length =
        call.op === 'pool'
          ? elementCount(planPool({ ...call.request.params, convention }, call.request.input.shape).window.kernel)
          : call.request.input.data.length / Math.max(1, magnitude.length);
      return { kind: 'dot-product', magnitude, accumulationLength: length, hasBias: false, ulpBudget: length + 2 };
    }
    case 'conv':
    case 'dense': {
      const { input, weight, bias } = call.request;
      const magnitude = referenceCall(absoluteCall(call), convention).data;
      if (dotProductsAreExact([input.data, weight.data], bias?.data, magnitude)) return { kind: 'exact', zeroSignFree: true };
      const hasBias = bias !== undefined && bias.data.some((b) => b !== 0);
      const length =
        call.op === 'conv'
          ? (() => {
              const plan = planConv({ ...call.request.params, convention }, input.shape, weight.shape, bias?.shape);
              return elementCount(plan.window.kernel) * plan.inChannelsPerGroup;
            })()
          : planDense({ ...call.request.params, convention }, input.shape, weight.shape, bias?.shape).inFeatures;
      return { kind: 'dot-product', magnitude, accumulationLength: length, hasBias, ulpBudget: 2 * length + (call.op === 'dense' && hasBias ? 1 : 0) };
    }
  }
}
