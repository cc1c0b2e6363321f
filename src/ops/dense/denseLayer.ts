/**
 * The `dense` layer of a model file: a dense layer on the last axis (spec: dense.definition).
 *
 * @see spec:params.dense
 */
import { checkInteger } from '../../spec/paramChecks.js';
import { countParams } from '../../shape/countParams.js';
import type { LayerDescriptor, ParamFormula, ParamInput } from '../../shape/LayerDescriptor.js';
import { planDense } from './planDense.js';

/** A dense layer on the last axis. */
export interface DenseLayer {
  type: 'dense';
  name?: string;
  units: number;
  /** @defaultValue true */
  bias?: boolean;
}

/** spec: params.dense */
const paramFormula = (layer: DenseLayer, input: ParamInput): ParamFormula => ({
  id: 'params.dense',
  scope: { nin: BigInt(input.features), nout: BigInt(layer.units), bias: BigInt(input.bias) },
});

export const denseLayer: LayerDescriptor<DenseLayer> = {
  fields: ['type', 'name', 'units', 'bias'],
  hasBias: true,
  readsLayout: false,
  paramFormula,
  plan: (layer, input) => {
    const { type, shape, layout, bias } = input;
    const units = checkInteger({ op: type, clause: 'dense.definition' }, 'units', layer.units, 1);
    const nin = shape[shape.length - 1]!;
    const weightLayout = input.convention.denseWeightLayout;
    const weightShape = weightLayout === 'in-out' ? [nin, units] : [units, nin];
    const plan = planDense(
      { weightLayout, convention: input.conventionSpec },
      shape,
      weightShape,
      bias ? [units] : undefined,
      input.limits,
    );
    const actsOnSpatialAxis = shape.length >= 3 && layout === 'channels-first';
    return {
      outputShape: plan.outputShape,
      weightShapes: [{ name: 'weight', shape: weightShape }, ...(bias ? [{ name: 'bias', shape: [units] }] : [])],
      params: countParams(paramFormula(layer, { channels: nin, features: nin, rank: 0, bias: bias ? 1 : 0 })),
      spatial: actsOnSpatialAxis ? { kind: 'last-axis' } : { kind: 'none' },
    };
  },
};
