/**
 * Average pooling over a window that holds no input tap (padding not counted) yields the
 * convention's empty value: NaN, the quotient 0/0, or 0.
 */
import { NotApplicable, defineProperty } from '../PropertyDefinition.js';
import { isPoolCaseValid, poolCase } from '../arbitraries/poolCase.js';
import { sameElement } from '../../src/judge/compareExact.js';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import { callPool } from '../support/callAdapter.js';
import { expectShape, expectThat } from '../support/expectTensor.js';
import { emptyAverageValues, planPoolCase, poolWindows } from './poolWindows.js';

export const emptyAverage = defineProperty({
  id: 'pool/avg/empty-window-yields-the-convention-value',
  spec: ['pool.empty-window', 'divergence.empty-window', 'pool.avg'],
  features: ['pool.avg'],
  ops: ['pool'],
  description: "An average over a window with no input tap, padding not counted, yields the convention's empty value (NaN or 0).",
  arbitrary: (ctx) => {
    if (knobChoices(ctx.convention, 'poolPadLimit').some((limit) => limit !== 'none')) {
      throw new NotApplicable(`convention ${ctx.convention.name} limits pooling pads (or may), so no window may lie wholly in the padding`);
    }
    if (!ctx.features.has('padding.explicit-asymmetric')) throw NotApplicable.needsOneOf('padding.explicit-asymmetric');
    return poolCase(ctx, { kinds: ['avg'], countIncludePad: 'off', paddings: ['explicit'] })
      .map((c) => {
        // The begin pad of the first axis spans the whole window: window 0 there holds no input.
        const padding = c.params.padding as { begin: number[]; end: number[] };
        const k = c.params.kernel as number[];
        const d = c.params.dilations as number[];
        const begin = padding.begin.map((p, a) => (a === 0 ? d[0]! * (k[0]! - 1) + 1 : p));
        return { ...c, params: { ...c.params, padding: { begin, end: padding.end } } };
      })
      .filter((c) => isPoolCaseValid(ctx, c));
  },
  check: async (ctx, c) => {
    const plan = planPoolCase(ctx, c);
    const y = await callPool(ctx.adapter, { input: c.input, params: c.params });
    expectShape(y.shape, plan.outputShape, 'average pool output');
    // spec: convention.unspecified — where the convention leaves the value open, either, per window
    const expected = emptyAverageValues(ctx.convention);
    for (const w of poolWindows(plan)) {
      if (w.inputTaps.length > 0) continue;
      const got = y.data[w.output]!;
      expectThat(
        expected.some((value) => sameElement(value, got, true)),
        `empty window at output ${w.output} yields ${got}, not ${expected.join(' or ')}`,
        { position: w.position, actual: got },
      );
    }
  },
});

export const EMPTY_WINDOW_PROPERTIES = [emptyAverage];
