/**
 * The receptive field formulas bound the inputs that can change each output of a stack of
 * convolution and pooling layers run through the adapter, and are tight for interior
 * positions. The inputs that can change an output are measured by injecting NaN into one input
 * position at a time (weights all 1, no bias): NaN reaches every output whose value depends on
 * that position.
 */
import fc from 'fast-check';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import { sameElement } from '../../src/judge/compareExact.js';
import type { Layout } from '../../src/spec/conventions.js';
import type { LayerSpec, ModelSpec } from '../../src/shape/LayerSpec.js';
import {
  activationStrides,
  defaultKernelLayout,
  joinActivationShape,
  joinKernelShape,
  splitActivationShape,
} from '../../src/tensor/layout.js';
import type { LayerPlan } from '../../src/shape/planLayer.js';
import { planModel } from '../../src/shape/planModel.js';
import type { Padding } from '../../src/ops/window/planWindow.js';
import { receptiveFieldOfPlans } from '../../src/shape/receptiveField.js';
import { elementCount, makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { caseSpace, type CaseSpace } from '../arbitraries/caseSpace.js';
import { validUnderEveryMember } from '../arbitraries/validUnderEveryMember.js';
import { allIndices } from '../pool/poolWindows.js';
import { defineProperty, NotApplicable, PropertyViolation, type PropertyContext } from '../PropertyDefinition.js';
import { callConv, callPool } from '../support/callAdapter.js';
import { expectShape } from '../support/expectTensor.js';

interface StackCase {
  /** Input shape: batch 1, channels 1. */
  input: number[];
  layout: Layout;
  layers: LayerSpec[];
}

const perAxis = (rank: number, min: number, max: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min, max }), { minLength: rank, maxLength: rank });

function paddingArbitrary(rank: number, space: CaseSpace, same: boolean): fc.Arbitrary<Padding> {
  const explicit = fc
    .record({ begin: perAxis(rank, 0, 1), end: perAxis(rank, 0, 1) })
    .map(({ begin, end }) => ({ begin, end: space.asymmetricPads ? end : begin }));
  const modes = (['valid', 'same-upper', 'same-lower'] as const).filter(
    (mode) => mode === 'valid' || (same && space.convPaddings.includes(mode)),
  );
  return fc.oneof(fc.constantFrom<Padding>(...modes), explicit);
}

/** One conv or pool layer the adapter and its convention support (the stack is checked whole later). */
function layerArbitrary(ctx: PropertyContext, space: CaseSpace, rank: number): fc.Arbitrary<LayerSpec> {
  const poolKinds = [
    // Max pooling reveals a NaN only when NaN propagates, for certain (spec: convention.unspecified).
    ...(space.maxPool && knobChoices(ctx.convention, 'maxPoolNan').every((mode) => mode === 'propagate') ? (['max-pool'] as const) : []),
    ...(space.avgPool ? (['avg-pool'] as const) : []),
  ];
  const conv: fc.Arbitrary<LayerSpec> = fc.record({
    type: fc.constant('conv' as const),
    filters: fc.integer({ min: 1, max: 2 }),
    kernel: perAxis(rank, 1, 3),
    strides: perAxis(rank, 1, 2),
    dilations: space.convDilation ? perAxis(rank, 1, 2) : fc.constant(new Array<number>(rank).fill(1)),
    padding: paddingArbitrary(rank, space, true),
    bias: fc.constant(false),
  });
  if (poolKinds.length === 0) return conv;
  const pool: fc.Arbitrary<LayerSpec> = fc.constantFrom(...poolKinds).chain((type) => {
    const dilated = type === 'max-pool' ? space.maxPoolDilation : space.avgPoolDilation;
    return fc.record({
      type: fc.constant(type),
      kernel: perAxis(rank, 1, 3),
      strides: perAxis(rank, 1, 3),
      dilations: dilated ? perAxis(rank, 1, 2) : fc.constant(new Array<number>(rank).fill(1)),
      padding: paddingArbitrary(rank, space, ctx.features.has('pool.same')),
      ceilMode: space.ceilMode ? fc.boolean() : fc.constant(false),
      ...(type === 'avg-pool' ? { countIncludePad: space.countIncludePad ? fc.boolean() : fc.constant(false) } : {}),
    }) as fc.Arbitrary<LayerSpec>;
  });
  return fc.oneof(conv, pool);
}

const modelOf = (ctx: PropertyContext, c: StackCase): ModelSpec => ({
  input: c.input,
  layout: c.layout,
  convention: ctx.conventionSpec,
  layers: c.layers,
});

function stackCase(ctx: PropertyContext): fc.Arbitrary<StackCase> {
  const space = caseSpace(ctx);
  if (!ctx.features.has('conv')) throw NotApplicable.needsOneOf('conv');
  const ranks = [1, 2].filter((rank) => space.ranks.includes(rank));
  if (ranks.length === 0) throw NotApplicable.needsOneOf('spatial-rank-1', 'spatial-rank-2');
  const layout: Layout | undefined = space.layouts.includes('channels-first') ? 'channels-first' : space.layouts[0];
  if (layout === undefined) throw NotApplicable.needsOneOf('layout.channels-first', 'layout.channels-last');
  const rank =
    ranks.length === 2
      ? fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) })
      : fc.constant(ranks[0]!);
  return rank
    .chain((r) =>
      fc.record({
        spatial: r === 1 ? perAxis(1, 4, 10) : perAxis(2, 3, 6),
        layers: fc.array(layerArbitrary(ctx, space, r), { minLength: 1, maxLength: 3 }),
      }),
    )
    .map(({ spatial, layers }) => ({ input: joinActivationShape({ batch: 1, channels: 1, spatial }, layout), layout, layers }))
    .filter((c) => {
      try {
        if (elementCount(planModel(modelOf(ctx, c)).at(-1)!.outputShape) === 0) return false;
      } catch {
        return false;
      }
      return validUnderEveryMember(ctx.conventionSpec, (member) => planModel({ ...modelOf(ctx, c), convention: member }));
    });
}

/** Runs the stack through the adapter: weights all 1, no bias. */
async function runStack(ctx: PropertyContext, plans: readonly LayerPlan[], layout: Layout, input: Tensor): Promise<Tensor> {
  let x = input;
  for (const [index, plan] of plans.entries()) {
    const layer = plan.layer;
    if (layer.type === 'conv') {
      const kernelLayout = defaultKernelLayout(layout);
      const kernel = layer.kernel as number[];
      const inChannels = splitActivationShape(x.shape, layout).channels;
      const weightShape = joinKernelShape({ outChannels: layer.filters, inChannelsPerGroup: inChannels, kernel }, kernelLayout);
      const weight = makeTensor(weightShape, new Array<number>(elementCount(weightShape)).fill(1));
      x = await callConv(ctx.adapter, {
        input: x,
        weight,
        params: { strides: layer.strides!, dilations: layer.dilations!, padding: layer.padding!, groups: 1, layout, kernelLayout },
      });
    } else if (layer.type === 'max-pool' || layer.type === 'avg-pool') {
      x = await callPool(ctx.adapter, {
        input: x,
        params: {
          kind: layer.type === 'max-pool' ? 'max' : 'avg',
          kernel: layer.kernel,
          strides: layer.strides!,
          dilations: layer.dilations!,
          padding: layer.padding!,
          ceilMode: layer.ceilMode!,
          layout,
          ...(layer.type === 'avg-pool' ? { countIncludePad: layer.countIncludePad! } : {}),
        },
      });
    }
    expectShape(x.shape, plan.outputShape, `output of layer ${index} (${layer.type})`);
  }
  return x;
}

export const receptiveFieldBoundsStack = defineProperty({
  id: 'rf/stack/bounds-inputs-that-change-output',
  spec: ['rf.definition', 'rf.size', 'rf.jump', 'rf.start', 'rf.stack'],
  features: ['conv'],
  ops: ['conv', 'pool'],
  description:
    'Through a stack of convolution and pooling layers, the inputs that can change output position o lie within [start + o·jump, start + o·jump + size - 1], and for an interior position the first and last of them are the ends of that interval.',
  numRuns: 20,
  arbitrary: stackCase,
  check: async (ctx, c) => {
    const model = modelOf(ctx, c);
    const plans = planModel(model);
    const field = receptiveFieldOfPlans(model, plans).at(-1)!;
    const inputSpatial = splitActivationShape(c.input, c.layout).spatial;
    const outputShape = plans.at(-1)!.outputShape;
    const outputSpatial = splitActivationShape(outputShape, c.layout).spatial;
    const xStrides = activationStrides(c.input, c.layout);
    const yStrides = activationStrides(outputShape, c.layout);
    const rank = inputSpatial.length;
    const outputPositions = allIndices(outputSpatial);
    const outputOffset = (o: readonly number[]): number => o.reduce((sum, i, a) => sum + i * yStrides.spatial[a]!, 0);

    const base = await runStack(ctx, plans, c.layout, makeTensor(c.input));
    // reached[k] = input positions whose NaN changes output position k (batch 0, channel 0)
    const reached: number[][][] = outputPositions.map(() => []);
    for (const p of allIndices(inputSpatial)) {
      const x = makeTensor(c.input);
      x.data[p.reduce((sum, i, a) => sum + i * xStrides.spatial[a]!, 0)] = NaN;
      const y = await runStack(ctx, plans, c.layout, x);
      outputPositions.forEach((o, k) => {
        const offset = outputOffset(o);
        if (!sameElement(base.data[offset]!, y.data[offset]!, true)) reached[k]!.push(p);
      });
    }

    outputPositions.forEach((o, k) => {
      const low = o.map((i, a) => field.start[a]! + i * field.jump[a]!);
      const high = low.map((l, a) => l + field.size[a]! - 1);
      const details = { position: o, low, high, reached: reached[k], field };
      for (const p of reached[k]!) {
        if (p.some((i, a) => i < low[a]! || i > high[a]!)) {
          throw new PropertyViolation(
            `input position [${p.join(', ')}] changes output position [${o.join(', ')}] but lies outside its receptive field [${low.join(', ')}]..[${high.join(', ')}]`,
            details,
          );
        }
      }
      const interior = low.every((l, a) => l >= 0 && high[a]! <= inputSpatial[a]! - 1);
      if (!interior) return;
      for (let a = 0; a < rank; a++) {
        const coords = reached[k]!.map((p) => p[a]!);
        const first = coords.length === 0 ? undefined : Math.min(...coords);
        const last = coords.length === 0 ? undefined : Math.max(...coords);
        if (first !== low[a] || last !== high[a]) {
          throw new PropertyViolation(
            `interior output position [${o.join(', ')}]: along axis ${a} the inputs that change it span ${first}..${last}, not the receptive field ${low[a]}..${high[a]}`,
            details,
          );
        }
      }
    });
  },
});

export const RF_STACK_PROPERTIES = [receptiveFieldBoundsStack];
