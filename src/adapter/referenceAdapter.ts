/**
 * The reference implementation wrapped as an adapter. It declares every feature and must pass
 * every property under every convention.
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { resolveConvention, type ConventionSpec } from '../spec/conventions.js';
import { FEATURES } from '../spec/features.js';
import { isPlainRecord } from '../spec/paramChecks.js';
import { paramCount } from '../shape/paramCount.js';
import { outputShape } from '../shape/outputShape.js';
import { ADAPTER_API_VERSION, type Adapter, type AdapterOp, type TensorMethods } from '../ops/Adapter.js';
import { OP_NAMES, opOf, type OpName, type OpRequests } from '../ops/registry.js';

/**
 * Checks a request: a record (other fields than the op's are ignored: callers may pass a larger
 * case record) whose `params`, when the op has them, is a plain record without `convention`, as
 * the adapter's convention applies to every call (spec: conformance.adapter).
 */
function checkRequest<R>(op: AdapterOp, request: R, fields: readonly string[]): R {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new CnnSpecError({
      code: 'E_PARAM_FIELD',
      op,
      clause: 'conformance.adapter',
      parameter: 'request',
      value: request,
      rule: `be a request record { ${fields.join(', ')} }`,
    });
  }
  if (fields.includes('params')) {
    const params: unknown = (request as { params?: unknown }).params;
    if (!isPlainRecord(params)) {
      throw new CnnSpecError({
        code: 'E_PARAM_FIELD',
        op,
        clause: 'conformance.adapter',
        parameter: 'request.params',
        value: params,
        rule: 'be a plain object',
      });
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

const LAYER_REQUEST = ['layer', 'inputShape', 'layout'] as const;

export function referenceAdapter(convention: ConventionSpec = 'cnnspec'): Adapter {
  const resolved = resolveConvention(convention);
  // Everything the convention defines.
  const features = FEATURES.filter((feature) => !resolved.undefinedFeatures.includes(feature));
  const adapter: Adapter = {
    name: 'reference',
    version: '0.1.0',
    adapterApi: ADAPTER_API_VERSION,
    convention,
    features,
    outputShape: async (request) => {
      const { layer, inputShape, layout } = checkRequest('outputShape', request, LAYER_REQUEST);
      return outputShape(layer, inputShape, { layout, convention });
    },
    paramCount: async (request) => {
      const { layer, inputShape, layout } = checkRequest('paramCount', request, LAYER_REQUEST);
      return paramCount(layer, inputShape, { layout, convention }).total;
    },
  };
  for (const name of OP_NAMES) {
    const op = opOf(name);
    const fields = [...op.tensors.map((tensor) => tensor.name), 'params'];
    (adapter as TensorMethods)[op.method] = (async (request: OpRequests[OpName]) =>
      op.reference(checkRequest(op.method, request, fields), convention)) as never;
  }
  return adapter;
}
