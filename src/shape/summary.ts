/**
 * A model summary like Keras's `model.summary()`: one row per layer with its output shape,
 * parameter count and receptive field, and the totals.
 */
import { resolveConvention } from '../spec/conventions.js';
import type { ModelSpec } from './LayerSpec.js';
import type { Limits } from '../spec/limits.js';
import type { ParameterCount } from './planLayer.js';
import { planModel } from './planModel.js';
import { receptiveFieldOfPlans, type ReceptiveField } from './receptiveField.js';

export interface SummaryRow {
  index: number;
  name: string;
  type: string;
  outputShape: number[];
  params: ParameterCount;
  /** Shapes of the layer's weight tensors. */
  weightShapes: { name: string; shape: number[] }[];
  receptiveField: ReceptiveField;
}

export interface Summary {
  input: number[];
  layout: string;
  convention: string;
  rows: SummaryRow[];
  totals: ParameterCount;
}

export function summary(model: ModelSpec, limits?: Limits): Summary {
  const plans = planModel(model, limits);
  const convention = resolveConvention(model.convention);
  const fields = receptiveFieldOfPlans(model, plans);
  const counters = new Map<string, number>();
  const rows = plans.map((plan, index): SummaryRow => {
    const type = plan.layer.type;
    const count = (counters.get(type) ?? 0) + 1;
    counters.set(type, count);
    return {
      index,
      name: plan.layer.name ?? `${type}_${count}`,
      type,
      outputShape: plan.outputShape,
      params: plan.params,
      weightShapes: plan.weightShapes,
      receptiveField: fields[index]!,
    };
  });
  const totals = rows.reduce<ParameterCount>(
    (sum, row) => ({
      total: sum.total + row.params.total,
      weights: sum.weights + row.params.weights,
      biases: sum.biases + row.params.biases,
    }),
    { total: 0, weights: 0, biases: 0 },
  );
  return {
    input: [...model.input],
    layout: model.layout ?? convention.layout,
    convention: convention.name,
    rows,
    totals,
  };
}
