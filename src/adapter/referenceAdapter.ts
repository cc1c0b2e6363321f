/**
 * The reference implementation wrapped as an adapter. It declares every feature and must pass
 * every property under every convention.
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { conv } from '../ops/conv/conv.js';
import { resolveConvention, type ConventionSpec } from '../spec/conventions.js';
import { dense } from '../ops/dense/dense.js';
import { FEATURES } from '../spec/features.js';
import { globalPool } from '../ops/global-pool/globalPool.js';
import { pad } from '../ops/pad/pad.js';
import { isPlainRecord } from '../spec/paramChecks.js';
import { paramCount } from '../shape/paramCount.js';
import { outputShape } from '../shape/outputShape.js';
import { pool } from '../ops/pool/pool.js';
import { ADAPTER_API_VERSION, type Adapter, type AdapterOp } from '../ops/Adapter.js';

/**
 * Checks a request: a record (other fields than the op's are ignored: callers may pass a larger
 * case record) whose `params`, when the op has them, is a plain record without `convention`, as
 * the adapter's convention applies to every call (spec: conformance.adapter).
 */
function checkRequest<R>(op: AdapterOp, request: R, fields: readonly string[]): R {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new CnnSpecError({ code: 'E_PARAM_FIELD', op, clause: 'conformance.adapter', parameter: 'request', value: request, rule: `be a request record { ${fields.join(', ')} }` });
  }
  if (fields.includes('params')) {
    const params: unknown = (request as { params?: unknown }).params;
    if (!isPlainRecord(params)) {
      throw new CnnSpecError({ code: 'E_PARAM_FIELD', op, clause: 'conformance.adapter', parameter: 'request.params', value: params, rule: 'be a plain object' });
    }
    if ('convention' in params) {
      throw new CnnSpecError({
        code: 'E_PARAM_FIELD',
        op,
        clause: 'conformance.adapter',
        parameter: 'request.params.convention',
        value: params.convention,
        rule: 'not be set: the adapter follows its own convention',
      });
    }
  }
  return request;
}

const TENSOR_OP = ['input', 'params'] as const;
const WEIGHTED_OP = ['input', 'weight', 'bias', 'params'] as const;
const LAYER_REQUEST = ['layer', 'inputShape', 'layout'] as const;

export function referenceAdapter(convention: ConventionSpec = 'cnnspec'): Adapter {
  const resolved = resolveConvention(convention);
  // Everything the convention defines.
  const features = FEATURES.filter((feature) => !resolved.undefinedFeatures.includes(feature));
  return {
    name: 'reference',
    version: '0.1.0',
    adapterApi: ADAPTER_API_VERSION,
    convention,
    features,
    conv: async (request) => {
      const { input, weight, bias, params } = checkRequest('conv', request, WEIGHTED_OP);
      return conv(input, weight, bias, { ...params, convention });
    },
    pool: async (request) => {
      const { input, params } = checkRequest('pool', request, TENSOR_OP);
      return pool(input, { ...params, convention });
    },
    globalPool: async (request) => {
      const { input, params } = checkRequest('globalPool', request, TENSOR_OP);
      return globalPool(input, { ...params, convention });
    },
    dense: async (request) => {
      const { input, weight, bias, params } = checkRequest('dense', request, WEIGHTED_OP);
      return dense(input, weight, bias, { ...params, convention });
    },
    pad: async (request) => {
      const { input, params } = checkRequest('pad', request, TENSOR_OP);
      return pad(input, { ...params, convention });
    },
    outputShape: async (request) => {
      const { layer, inputShape, layout } = checkRequest('outputShape', request, LAYER_REQUEST);
      return outputShape(layer, inputShape, { layout, convention });
    },
    paramCount: async (request) => {
      const { layer, inputShape, layout } = checkRequest('paramCount', request, LAYER_REQUEST);
      return paramCount(layer, inputShape, { layout, convention }).total;
    },
  };
}
