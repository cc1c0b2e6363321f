/**
 * Plans every layer of a model in order, each on the previous layer's output shape. A layer may
 * spell its fields as the command line does (canonicalLayer); an error names the field as written.
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { resolveConvention } from '../spec/conventions.js';
import { LAYOUTS } from '../tensor/layout.js';
import type { LayerContext, ModelSpec } from './LayerSpec.js';
import { checkLimits, type Limits } from '../spec/limits.js';
import { checkEnum, checkKnownFields } from '../spec/paramChecks.js';
import { canonicalLayer } from './canonicalLayer.js';
import { planLayer, type LayerPlan } from './planLayer.js';
import { checkShape } from '../tensor/tensor.js';

/** `strides[1]` as `stride[1]` where the layer wrote `stride`. */
function asWritten(parameter: string, written: Record<string, string>): string {
  const field = /^[A-Za-z]+/.exec(parameter)?.[0];
  return field !== undefined && Object.hasOwn(written, field) ? `${written[field]}${parameter.slice(field.length)}` : parameter;
}

export function planModel(model: ModelSpec, limits?: Limits): LayerPlan[] {
  const record = checkKnownFields({ op: 'model', clause: 'shape.layers' }, 'model', model, ['input', 'layout', 'convention', 'layers']);
  if (limits !== undefined) checkLimits('model', limits);
  let shape = checkShape('model', 'model.input', record.input, { min: 1, max: Infinity });
  // Checked here too, not only by the layers: a model without layers still reports both.
  resolveConvention(record.convention, 'model');
  if (record.layout !== undefined) checkEnum({ op: 'model', clause: 'layout.channels-first' }, 'model.layout', record.layout, LAYOUTS);
  const layers: unknown = record.layers;
  if (!Array.isArray(layers)) {
    throw new CnnSpecError({
      code: 'E_PARAM_FIELD',
      op: 'model',
      clause: 'shape.layers',
      parameter: 'model.layers',
      value: layers,
      rule: 'be an array of layers',
    });
  }
  const context: LayerContext = { layout: model.layout, convention: model.convention };
  const plans: LayerPlan[] = [];
  // An index loop, not map: map skips the holes of a sparse array, which would leave holes in the plans.
  for (let index = 0; index < layers.length; index++) {
    const layer: unknown = layers[index];
    let written: Record<string, string> = {};
    try {
      const canonical = canonicalLayer(layer);
      written = canonical.written;
      const plan = planLayer(canonical.layer as ModelSpec['layers'][number], shape, context, limits);
      shape = plan.outputShape;
      plans.push(plan);
    } catch (error) {
      if (error instanceof CnnSpecError) {
        // Name the layer, so that an error in a long stack points at the right line.
        const name = (layer as { name?: unknown } | null | undefined)?.name;
        throw new CnnSpecError({
          code: error.code,
          op: error.op,
          clause: error.clause,
          parameter: `layers[${index}]${typeof name === 'string' && name !== '' ? ` (${name})` : ''}.${asWritten(error.parameter, written)}`,
          value: error.value,
          rule: error.rule,
        });
      }
      throw error;
    }
  }
  return plans;
}
