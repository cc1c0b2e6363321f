/**
 * Shape algebra agrees with the reference: output shapes are those the ops produce, parameter
 * counts are the element counts of the weights the ops accept, and the receptive field formula
 * matches the inputs that can change an output, measured by injecting NaN into one input at a
 * time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv } from '../src/ops/conv/conv.js';
import { convTranspose } from '../src/ops/conv-transpose/convTranspose.js';
import { dense } from '../src/ops/dense/dense.js';
import { globalPool } from '../src/ops/global-pool/globalPool.js';
import type { LayerSpec, ModelSpec } from '../src/shape/LayerSpec.js';
import { modelOutputShape, outputShape } from '../src/shape/outputShape.js';
import { modelParamCount, paramCount } from '../src/shape/paramCount.js';
import { planLayer } from '../src/shape/planLayer.js';
import { planModel } from '../src/shape/planModel.js';
import { pool } from '../src/ops/pool/pool.js';
import { receptiveField } from '../src/shape/receptiveField.js';
import { samePads } from '../src/shape/samePads.js';
import { formatSummary } from '../src/shape/formatSummary.js';
import { summary } from '../src/shape/summary.js';
import { planConv } from '../src/ops/conv/planConv.js';
import { elementCount, makeTensor, type Tensor } from '../src/tensor/tensor.js';
import { advanceIndex } from '../src/tensor/advanceIndex.js';

const runs = { seed: 20261128, numRuns: 40 };

/** Runs a model on channels-first data with every weight 1 and every bias 0, through the reference ops. */
function runModel(model: ModelSpec, input: Tensor): Tensor {
  let x = input;
  for (const [index, plan] of planModel(model).entries()) {
    const layer = plan.layer;
    const ones = (shape: number[]): Tensor => makeTensor(shape, new Array<number>(elementCount(shape)).fill(1));
    const weights = plan.weightShapes.map((w) => (w.name === 'bias' ? makeTensor(w.shape) : ones(w.shape)));
    const bias = plan.weightShapes.findIndex((w) => w.name === 'bias');
    const b = bias === -1 ? undefined : weights[bias];
    switch (layer.type) {
      case 'conv':
        x = conv(x, weights[0]!, b, {
          strides: layer.strides,
          dilations: layer.dilations,
          padding: layer.padding,
          groups: layer.groups,
          fill: layer.fill,
        });
        break;
      case 'depthwise-conv':
        x = conv(x, weights[0]!, b, {
          strides: layer.strides,
          dilations: layer.dilations,
          padding: layer.padding,
          groups: x.shape[1],
          fill: layer.fill,
        });
        break;
      case 'separable-conv':
        x = conv(x, weights[0]!, undefined, {
          strides: layer.strides,
          dilations: layer.dilations,
          padding: layer.padding,
          groups: x.shape[1],
        });
        x = conv(x, weights[1]!, b);
        break;
      case 'conv-transpose':
        x = convTranspose(x, weights[0]!, b, {
          strides: layer.strides,
          dilations: layer.dilations,
          padding: layer.padding,
          outputPadding: layer.outputPadding,
          outputShape: layer.outputShape,
          groups: layer.groups,
        });
        break;
      case 'max-pool':
      case 'avg-pool':
        x = pool(x, {
          kind: layer.type === 'max-pool' ? 'max' : 'avg',
          kernel: layer.kernel,
          strides: layer.strides,
          dilations: layer.dilations,
          padding: layer.padding,
          ceilMode: layer.ceilMode,
          ...(layer.type === 'avg-pool' ? { countIncludePad: layer.countIncludePad } : {}),
        });
        break;
      case 'global-max-pool':
      case 'global-avg-pool':
        x = globalPool(x, { kind: layer.type === 'global-max-pool' ? 'max' : 'avg', keepDims: layer.keepDims });
        break;
      case 'flatten':
        x = { shape: [x.shape[0]!, x.data.length / x.shape[0]!], data: x.data };
        break;
      case 'dense':
        x = dense(x, weights[0]!, b);
        break;
    }
    expect(x.shape, `layer ${index}`).toEqual(plan.outputShape);
  }
  return x;
}

const windowLayer = (rank: number): fc.Arbitrary<LayerSpec> => {
  const axis = (min: number, max: number): fc.Arbitrary<number[]> =>
    fc.array(fc.integer({ min, max }), { minLength: rank, maxLength: rank });
  const padding = fc.oneof(
    fc.constantFrom('valid' as const, 'same-upper' as const, 'same-lower' as const),
    fc.record({ begin: axis(0, 1), end: axis(0, 1) }),
  );
  return fc.oneof(
    fc.record({
      type: fc.constant('conv' as const),
      filters: fc.integer({ min: 1, max: 2 }),
      kernel: axis(1, 3),
      strides: axis(1, 2),
      dilations: axis(1, 2),
      padding,
    }),
    fc
      .record({
        type: fc.constant('conv-transpose' as const),
        filters: fc.integer({ min: 1, max: 2 }),
        kernel: axis(1, 3),
        strides: axis(1, 2),
        dilations: axis(1, 2),
        padding,
        outputPadding: axis(0, 1),
      })
      // spec: conv-transpose.output-padding — below the stride or the dilation
      .map((layer) => ({
        ...layer,
        outputPadding: layer.outputPadding.map((p, a) => Math.min(p, Math.max(layer.strides[a]!, layer.dilations[a]!) - 1)),
      })),
    fc.record({
      type: fc.constantFrom('max-pool' as const, 'avg-pool' as const),
      kernel: axis(1, 3),
      strides: axis(1, 3),
      padding: fc.constant('valid' as const),
      ceilMode: fc.boolean(),
    }),
  );
};

/** A model of window layers on a channels-first input whose windows all fit (retried by filter). */
const modelCase = fc
  .record({ rank: fc.integer({ min: 1, max: 2 }), size: fc.integer({ min: 6, max: 12 }) })
  .chain(({ rank, size }) =>
    fc.record({
      input: fc.constant<number[]>([1, 1, ...new Array<number>(rank).fill(size)]),
      layers: fc.array(windowLayer(rank), { minLength: 1, maxLength: 3 }),
    }),
  )
  .filter((model) => {
    try {
      planModel(model);
      return true;
    } catch {
      return false;
    }
  });

describe('shape algebra', () => {
  it('output shapes are those the reference ops produce', () => {
    fc.assert(
      fc.property(modelCase, (model) => {
        const y = runModel(model, makeTensor(model.input));
        expect(y.shape).toEqual(modelOutputShape(model));
      }),
      runs,
    );
  });

  it('parameter counts are the element counts of the weights the reference accepts', () => {
    const layers: LayerSpec[] = [
      { type: 'conv', filters: 6, kernel: [3, 2], groups: 2 },
      { type: 'conv', filters: 4, kernel: 1, bias: false },
      { type: 'depthwise-conv', kernel: 3, depthMultiplier: 3 },
      { type: 'separable-conv', filters: 5, kernel: [2, 3], depthMultiplier: 2 },
      { type: 'separable-conv', filters: 5, kernel: 3, bias: false },
      { type: 'conv-transpose', filters: 6, kernel: [2, 3], strides: 2 },
      { type: 'conv-transpose', filters: 4, kernel: 3, groups: 2, bias: false },
      { type: 'max-pool', kernel: 2 },
      { type: 'global-avg-pool', keepDims: false },
      { type: 'dense', units: 7 },
      { type: 'dense', units: 3, bias: false },
    ];
    const model: ModelSpec = { input: [2, 4, 12, 12], layers };
    runModel(model, makeTensor(model.input)); // the ops accept tensors of exactly these shapes
    let total = 0;
    for (const plan of planModel(model)) {
      const elements = plan.weightShapes.reduce((sum, w) => sum + elementCount(w.shape), 0);
      expect(plan.params.total, plan.layer.type).toBe(elements);
      const biasElements = plan.weightShapes.filter((w) => w.name === 'bias').reduce((sum, w) => sum + elementCount(w.shape), 0);
      expect(plan.params.biases, plan.layer.type).toBe(biasElements);
      total += elements;
    }
    expect(modelParamCount(model).total).toBe(total);
  });

  it('a dense layer on an image grows with the pixel count, a convolution does not', () => {
    for (const side of [28, 100, 500]) {
      const pixels = side * side;
      expect(paramCount({ type: 'dense', units: 1, bias: false }, [1, pixels]).total).toBe(pixels);
      expect(paramCount({ type: 'dense', units: 1000 }, [1, pixels]).weights).toBe(pixels * 1000);
      expect(paramCount({ type: 'conv', filters: 32, kernel: 3 }, [1, 1, side, side]).total).toBe(
        paramCount({ type: 'conv', filters: 32, kernel: 3 }, [1, 1, 28, 28]).total,
      );
    }
    const conv3 = paramCount({ type: 'conv', filters: 32, kernel: 3 }, [1, 1, 500, 500]);
    expect(conv3).toEqual({ total: 3 * 3 * 1 * 32 + 32, weights: 3 * 3 * 32, biases: 32 });
  });

  it('the receptive field bounds the inputs that can change each output, and is tight for interior positions', () => {
    fc.assert(
      fc.property(modelCase, (model) => {
        const rank = model.input.length - 2;
        const spatial = model.input.slice(2);
        const base = runModel(model, makeTensor(model.input));
        const field = receptiveField(model).at(-1)!;
        const outSpatial = base.shape.slice(2);
        // support[o] = input positions whose NaN reaches output position o (first channel)
        const support = new Map<number, number[][]>();
        const inputIndex = new Array<number>(rank).fill(0);
        do {
          const x = makeTensor(model.input);
          let flat = 0;
          for (let a = 0; a < rank; a++) flat = flat * spatial[a]! + inputIndex[a]!;
          x.data[flat] = NaN;
          const y = runModel(model, x);
          for (let o = 0; o < elementCount(outSpatial); o++) {
            if (Number.isNaN(y.data[o]!)) support.set(o, [...(support.get(o) ?? []), [...inputIndex]]);
          }
        } while (advanceIndex(inputIndex, spatial));
        // spec: rf.transpose — the interval of position o, in whole input pixels
        const first = (b: number, o: number): number => Math.ceil(field.start[b]! + o * field.jump[b]!) + 0; // + 0: no -0
        const last = (b: number, o: number): number => Math.floor(field.start[b]! + o * field.jump[b]! + field.size[b]! - 1);
        // After a transposed convolution the ends are exact only while every layer reads a run of
        // positions with no gap (no dilation, no transposed kernel shorter than its stride) and no
        // crop or output padding moves positions the transposed convolution does not hold into range.
        const transposed = model.layers.some((layer) => layer.type === 'conv-transpose');
        const tight =
          !transposed ||
          model.layers.every(
            (layer) =>
              (!('dilations' in layer) || layer.dilations === undefined || (layer.dilations as number[]).every((d) => d === 1)) &&
              (layer.type !== 'conv-transpose' ||
                (layer.padding === 'valid' &&
                  (layer.outputPadding as number[]).every((p) => p === 0) &&
                  (layer.kernel as number[]).every((k, a) => k >= (layer.strides as number[])[a]!))),
          );
        const outIndex = new Array<number>(rank).fill(0);
        let o = 0;
        do {
          const reached = support.get(o) ?? [];
          for (let a = 0; a < rank; a++) {
            const low = first(a, outIndex[a]!);
            const high = last(a, outIndex[a]!);
            const coords = reached.map((p) => p[a]!);
            for (const c of coords) expect(c).toBeGreaterThanOrEqual(low), expect(c).toBeLessThanOrEqual(high);
            const interior = [...Array(rank).keys()].every((b) => first(b, outIndex[b]!) >= 0 && last(b, outIndex[b]!) <= spatial[b]! - 1);
            if (interior && tight && low <= high) {
              expect(Math.min(...coords), `axis ${a} low`).toBe(low);
              expect(Math.max(...coords), `axis ${a} high`).toBe(high);
            }
          }
          o += 1;
        } while (advanceIndex(outIndex, outSpatial));
      }),
      { ...runs, numRuns: 60 },
    );
  });

  it('global pooling and flatten see the whole axis; dense after flatten keeps it', () => {
    const model: ModelSpec = {
      input: [1, 1, 9, 7],
      layers: [
        { type: 'conv', filters: 2, kernel: 3, padding: 'same-upper' },
        { type: 'global-max-pool' },
        { type: 'flatten' },
        { type: 'dense', units: 3 },
      ],
    };
    const fields = receptiveField(model);
    expect(fields[1]!.size).toEqual([9 + 2, 7 + 2]);
    expect(fields[1]!.consumed).toEqual([false, false]);
    expect(fields[2]!.consumed).toEqual([true, true]);
    expect(fields[2]!.jump).toEqual([null, null]);
    expect(fields[3]).toEqual(fields[2]);
    const dropped = receptiveField({ ...model, layers: [{ type: 'global-avg-pool', keepDims: false }] });
    expect(dropped[0]!.consumed).toEqual([true, true]);
    const lastAxis = receptiveField({ input: [1, 2, 5, 6], layers: [{ type: 'dense', units: 4 }] });
    expect(lastAxis[0]!.size).toEqual([1, 6]);
    expect(lastAxis[0]!.consumed).toEqual([false, true]);
    const channelsLast = receptiveField({ input: [1, 5, 6, 2], layout: 'channels-last', layers: [{ type: 'dense', units: 4 }] });
    expect(channelsLast[0]!.size).toEqual([1, 1]);
  });

  it('samePads agrees with the pads convolution resolves for same padding', () => {
    for (const n of [1, 4, 5, 6, 7, 10])
      for (const k of [1, 2, 3, 4])
        for (const s of [1, 2, 3])
          for (const d of [1, 2])
            for (const mode of ['same-upper', 'same-lower'] as const) {
              const plan = planConv({ padding: mode, strides: s, dilations: d }, [1, 1, n], [1, 1, k]);
              expect(samePads(n, k, s, d, mode)).toEqual({
                output: plan.window.output[0],
                total: plan.window.padBegin[0]! + plan.window.padEnd[0]!,
                begin: plan.window.padBegin[0],
                end: plan.window.padEnd[0],
              });
            }
  });

  it('a summary lists every layer with its shape and count, and totals them', () => {
    const model: ModelSpec = {
      input: [1, 28, 28, 1],
      layout: 'channels-last',
      layers: [
        { type: 'conv', filters: 32, kernel: 3 },
        { type: 'max-pool', kernel: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 10, name: 'logits' },
      ],
    };
    const s = summary(model);
    const plans = planModel(model);
    expect(s.rows.map((row) => row.outputShape)).toEqual(plans.map((plan) => plan.outputShape));
    expect(s.totals).toEqual(modelParamCount(model));
    expect(s.rows.map((row) => row.name)).toEqual(['conv_1', 'max-pool_1', 'flatten_1', 'logits']);
    const text = formatSummary(s);
    for (const row of s.rows) {
      expect(text).toContain(`${row.name} (${row.type})`);
      expect(text).toContain(`[${row.outputShape.join(', ')}]`);
    }
    expect(text).toContain(`Total params: ${s.totals.total.toLocaleString('en-US')}`);
    expect(outputShape(model.layers[0]!, model.input, { layout: 'channels-last' })).toEqual(s.rows[0]!.outputShape);
    expect(modelOutputShape({ input: [1, 3], layers: [] })).toEqual([1, 3]);
    expect(planLayer({ type: 'flatten' }, [2, 3, 4]).outputShape).toEqual([2, 12]);
  });
});
