/**
 * The reference implementation wrapped as an adapter. It declares every feature and must pass
 * every property under every convention.
 */
import { conv } from '../conv.js';
import { resolveConvention, type ConventionSpec } from '../conventions.js';
import { dense } from '../dense.js';
import { FEATURES } from '../features.js';
import { globalPool } from '../globalPool.js';
import { pad } from '../pad.js';
import { paramCount } from '../paramCount.js';
import { outputShape } from '../outputShape.js';
import { pool } from '../pool.js';
import { ADAPTER_API_VERSION, type Adapter } from './Adapter.js';

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
    conv: async ({ input, weight, bias, params }) => conv(input, weight, bias, { ...params, convention }),
    pool: async ({ input, params }) => pool(input, { ...params, convention }),
    globalPool: async ({ input, params }) => globalPool(input, { ...params, convention }),
    dense: async ({ input, weight, bias, params }) => dense(input, weight, bias, { ...params, convention }),
    pad: async ({ input, params }) => pad(input, { ...params, convention }),
    outputShape: async ({ layer, inputShape, layout }) => outputShape(layer, inputShape, { layout, convention }),
    paramCount: async ({ layer, inputShape, layout }) => paramCount(layer, inputShape, { layout, convention }).total,
  };
}
