/**
 * Same padding along one axis: the output size ceil(n / s) and the pads that give it, split
 * with the odd pixel at the end (same-upper) or at the beginning (same-lower).
 *
 * @see spec:padding.same.output-size
 * @see spec:padding.same.total
 * @see spec:padding.same-upper
 * @see spec:padding.same-lower
 */
import { evaluateFormula } from '../spec/formulas.js';
import { checkEffectiveKernel, checkEnum, checkInteger } from '../spec/paramChecks.js';

export interface SamePads {
  output: number;
  total: number;
  begin: number;
  end: number;
}

export function samePads(
  inputSize: number,
  kernel: number,
  stride = 1,
  dilation = 1,
  mode: 'same-upper' | 'same-lower' = 'same-upper',
): SamePads {
  const ctx = { op: 'samePads', clause: 'padding.same.total' };
  const n = checkInteger(ctx, 'inputSize', inputSize, 1);
  const k = checkInteger(ctx, 'kernel', kernel, 1);
  const s = checkInteger(ctx, 'stride', stride, 1);
  const d = checkInteger(ctx, 'dilation', dilation, 1);
  checkEnum(ctx, 'mode', mode, ['same-upper', 'same-lower'] as const);
  checkEffectiveKernel(ctx.op, 'dilation', k, d);
  const effK = evaluateFormula('effective-kernel', { d, k });
  const output = evaluateFormula('same.output-size', { n, s });
  const total = evaluateFormula('same.total', { out: output, s, effK, n });
  return {
    output,
    total,
    begin: evaluateFormula(`${mode}.begin`, { total }),
    end: evaluateFormula(`${mode}.end`, { total }),
  };
}
