/**
 * The reference's answer to one op call (an op and its request, as fixtures, evidence and
 * properties hold it) under a convention. Throws the reference's CnnSpecError where the
 * convention rejects the call.
 */
import type { ConventionSpec } from '../spec/conventions.js';
import { conv } from './conv/conv.js';
import { dense } from './dense/dense.js';
import { globalPool } from './global-pool/globalPool.js';
import { pad } from './pad/pad.js';
import { pool } from './pool/pool.js';
import type { EvidenceCall } from '../runner/buildEvidence.js';
import type { Tensor } from '../tensor/tensor.js';

export function referenceCall(call: EvidenceCall, convention: ConventionSpec): Tensor {
  switch (call.op) {
    case 'conv':
      return conv(call.request.input, call.request.weight, call.request.bias, { ...call.request.params, convention });
    case 'pool':
      return pool(call.request.input, { ...call.request.params, convention });
    case 'global-pool':
      return globalPool(call.request.input, { ...call.request.params, convention });
    case 'dense':
      return dense(call.request.input, call.request.weight, call.request.bias, { ...call.request.params, convention });
    case 'pad':
      return pad(call.request.input, { ...call.request.params, convention });
  }
}
