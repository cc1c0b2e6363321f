/**
 * Max pooling: the output is a value of its window and bounds the window from above, empty
 * windows yield the convention's empty value, the op is monotone and commutes with ReLU, and a
 * NaN in a window does what the convention's NaN mode says.
 */
import fc from 'fast-check';
import { sameElement } from '../../src/judge/compareExact.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { poolCase, type PoolCase } from '../arbitraries/poolCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callPool } from '../support/callAdapter.js';
import { expectShape, expectTensor, expectThat } from '../support/expectTensor.js';
import { openElements } from '../support/openElements.js';
import { combine, mapTensor } from '../support/tensorOps.js';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import { emptyMaxValues, planPoolCase, poolWindows } from './poolWindows.js';

export const maxIsWindowValue = defineProperty({
  id: 'pool/max/output-is-a-window-value',
  spec: ['pool.max', 'pool.window', 'pool.padding', 'pool.empty-window', 'pool.dilation'],
  features: ['pool.max'],
  ops: ['pool'],
  description:
    "Every max-pooling output is one of its window's input values and no less than any of them; a window with no input tap yields the convention's empty value.",
  arbitrary: (ctx) => poolCase(ctx, { kinds: ['max'] }),
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const y = await callPool(ctx.adapter, { input: c.input, params: c.params });
    expectShape(y.shape, plan.outputShape, 'max pool output');
    const empty = emptyMaxValues(ctx.convention);
    for (const w of poolWindows(plan)) {
      const got = y.data[w.output]!;
      const values = w.inputTaps.map((offset) => c.input.data[offset]!);
      if (values.length === 0) {
        expectThat(
          empty.some((value) => sameElement(value, got, false)),
          `empty window at output ${w.output} yields ${got}, not the convention's empty value ${empty.join(' or ')}`,
          { output: w.output, position: w.position, actual: got, expected: empty },
        );
      } else {
        expectThat(
          values.some((value) => Object.is(value, got)) && values.every((value) => got >= value),
          `output ${w.output} is ${got}, not the largest of its window's input values [${values.join(', ')}]`,
          { output: w.output, position: w.position, actual: got, window: values },
        );
      }
    }
  },
});

/**
 * Non-negative exact-domain values (x + d stays in the exact domain), mostly 0: raising a few
 * elements at a time is the sharpest test, since monotone means no single raise lowers an output.
 */
const increase = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 8 }).map((k) => k / 8) },
);

export const maxIsMonotone = defineProperty({
  id: 'pool/max/monotone',
  spec: ['pool.max'],
  features: ['pool.max'],
  ops: ['pool'],
  description: 'Max pooling is monotone: raising input values never lowers an output.',
  arbitrary: (ctx) =>
    poolCase(ctx, { kinds: ['max'] }).chain((c) =>
      fc.record({
        input: fc.constant(c.input),
        params: fc.constant(c.params),
        increase: fc.array(increase, { minLength: c.input.data.length, maxLength: c.input.data.length }),
      }),
    ),
  check: async (ctx, c) => {
    const raised = combine(c.input, makeTensor(c.input.shape, c.increase), (x, d) => x + d);
    const low = await callPool(ctx.adapter, { input: c.input, params: c.params });
    const high = await callPool(ctx.adapter, { input: raised, params: c.params });
    expectShape(high.shape, low.shape, 'max pool of the raised input');
    // spec: convention.unspecified — an empty window's open value may differ between the calls
    const open = openElements({ op: 'pool', request: { input: c.input, params: c.params } }, ctx.conventionSpec);
    for (let index = 0; index < low.data.length; index++) {
      if (open.has(index)) continue;
      expectThat(
        low.data[index]! <= high.data[index]!,
        `raising the input lowered output ${index} from ${low.data[index]} to ${high.data[index]}`,
        {
          output: index,
          before: low.data[index]!,
          after: high.data[index]!,
        },
      );
    }
  },
});

const relu = (value: number): number => (value > 0 ? value : 0);

export const maxCommutesWithRelu = defineProperty({
  id: 'pool/max/commutes-with-relu',
  spec: ['pool.max'],
  features: ['pool.max'],
  ops: ['pool'],
  description:
    'Max pooling commutes with ReLU (a non-decreasing map) wherever every window holds an input tap: pool(relu(x)) = relu(pool(x)).',
  arbitrary: (ctx) =>
    poolCase(ctx, { kinds: ['max'] }).filter((c) => poolWindows(planPoolCase(ctx, c)).every((w) => w.inputTaps.length > 0)),
  check: async (ctx, c) => {
    const pooledRelu = await callPool(ctx.adapter, { input: mapTensor(c.input, relu), params: c.params });
    const reluPooled = mapTensor(await callPool(ctx.adapter, { input: c.input, params: c.params }), relu);
    expectTensor(pooledRelu, reluPooled, 'pool(relu(x)) against relu(pool(x))');
  },
});

interface NaNCase extends Pick<PoolCase, 'input' | 'params'> {
  /** Input offsets set to NaN. */
  nanAt: number[];
}

export const maxNaNFollowsConvention = defineProperty({
  id: 'pool/max/nan-follows-convention',
  spec: ['pool.max.nan', 'numerics.nan', 'divergence.max-pool-nan'],
  features: ['pool.max'],
  ops: ['pool'],
  description:
    "A max-pooling window holding a NaN yields NaN under the 'propagate' NaN mode, the largest of its other input values (or the empty value) under 'ignore', and either under 'unspecified'.",
  arbitrary: (ctx) =>
    poolCase(ctx, { kinds: ['max'], values: 'special' }).chain((c) =>
      fc
        // Up to a third of the elements: implementations that mishandle NaN often do so only where
        // several windows, or several taps of one window, hold one.
        .array(fc.nat({ max: c.input.data.length - 1 }), { minLength: 1, maxLength: Math.max(3, Math.ceil(c.input.data.length / 3)) })
        .map((nanAt): NaNCase => {
          const data = Array.from(c.input.data);
          for (const offset of nanAt) data[offset] = NaN;
          return { input: makeTensor(c.input.shape, data), params: c.params, nanAt };
        }),
    ),
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const y = await callPool(ctx.adapter, { input: c.input, params: c.params });
    expectShape(y.shape, plan.outputShape, 'max pool output');
    // spec: convention.unspecified — an open NaN mode or empty value admits either, per window
    const modes = knobChoices(ctx.convention, 'maxPoolNan');
    const mode = modes.join("' or '");
    const empty = emptyMaxValues(ctx.convention);
    for (const w of poolWindows(plan)) {
      const values = w.inputTaps.map((offset) => c.input.data[offset]!);
      if (!values.some(Number.isNaN)) continue;
      const others = values.filter((value) => !Number.isNaN(value));
      const ignoring = others.length === 0 ? [...empty] : [Math.max(...others)];
      // Where an empty value is the lowest finite float32, frameworks start their maximum there,
      // so a window whose other values are all -Infinity yields it instead.
      if (ignoring[0] === -Infinity) ignoring.push(...empty.filter((value) => value !== -Infinity));
      const got = y.data[w.output]!;
      const accepted = [...(modes.includes('propagate') ? [NaN] : []), ...(modes.includes('ignore') ? ignoring : [])];
      expectThat(
        accepted.some((expected) => sameElement(expected, got, true)),
        `window at output ${w.output} holds a NaN; under NaN mode '${mode}' it must yield ${accepted.join(' or ')}, not ${got}`,
        { output: w.output, position: w.position, window: values, actual: got, accepted },
      );
    }
  },
});

export const MAX_POOL_PROPERTIES = [maxIsWindowValue, maxIsMonotone, maxCommutesWithRelu, maxNaNFollowsConvention];
