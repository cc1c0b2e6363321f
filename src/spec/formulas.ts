/**
 * Every formula of the spec, written once as a mathjs assignment `symbol = expression`.
 *
 * The same expressions drive the shape functions of the reference (through {@link evaluateFormula}),
 * the properties, and the formulas printed in the spec text (scripts/renderSpec.ts renders them
 * between `<!-- formula: id -->` markers; a test fails when the printed text is stale).
 *
 * All quantities are per spatial axis unless the glossary says otherwise. Arithmetic is exact
 * for the sizes the kit accepts: every operand is an integer below 2^33, so a float64 quotient
 * is never rounded across an integer boundary and floor/ceil/fix of it are exact.
 */
import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs';
import { CnnSpecError } from './CnnSpecError.js';
import { compileFormula } from './compileFormula.js';

// mathjs's single-file build: the same functions as its ES modules, loaded about nine times
// faster (every process and test worker of the kit loads it).
const { parse } = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as typeof import('mathjs');

/**
 * What each symbol means, as a noun phrase that completes "`symbol` is ..." (the spec prints
 * formulas as "where `s` is the stride along the axis"), and how the spec typesets it.
 */
export const SYMBOLS = {
  n: { tex: 'n', meaning: 'the input size along the axis' },
  k: { tex: 'k', meaning: 'the kernel (window) size along the axis' },
  d: { tex: 'd', meaning: 'the dilation along the axis' },
  s: { tex: 's', meaning: 'the stride along the axis' },
  pb: { tex: 'p_b', meaning: 'the padding at the beginning of the axis' },
  pe: { tex: 'p_e', meaning: 'the padding at the end of the axis' },
  effK: { tex: 'k_{\\mathrm{eff}}', meaning: 'the effective (dilated) kernel extent along the axis' },
  out: { tex: '\\mathit{out}', meaning: 'the output size along the axis' },
  total: { tex: 'p_{\\mathrm{total}}', meaning: 'the total same padding along the axis' },
  o: { tex: 'o', meaning: 'the output index along the axis, from 0' },
  j: { tex: 'j', meaning: 'the tap index inside the window along the axis, from 0 to k - 1' },
  i: { tex: 'i', meaning: 'the input coordinate of a tap (negative or >= n inside the padding)' },
  dropLast: { tex: '\\mathit{dropLast}', meaning: 'true when the last ceil-mode window is dropped, else false' },
  divides: { tex: '\\mathit{divides}', meaning: 'true when the stride divides the span exactly, else false' },
  K: { tex: 'K', meaning: 'the kernel volume: the product of the kernel sizes over all spatial axes' },
  cin: { tex: 'C_{\\mathrm{in}}', meaning: 'the number of input channels' },
  cout: { tex: 'C_{\\mathrm{out}}', meaning: 'the number of output channels (filters)' },
  g: { tex: 'g', meaning: 'the number of groups' },
  dm: { tex: 'm', meaning: 'the depth multiplier' },
  f: { tex: 'F', meaning: 'the number of filters of the pointwise step of a separable convolution' },
  bias: { tex: 'b', meaning: '1 when the layer has a bias, else 0' },
  nin: { tex: 'N_{\\mathrm{in}}', meaning: 'the number of input features of a dense layer (the size of the last axis)' },
  nout: { tex: 'N_{\\mathrm{out}}', meaning: 'the number of output features (units) of a dense layer' },
  P: { tex: 'P', meaning: 'the parameter count' },
  rf: { tex: 'r', meaning: 'the receptive field size before the layer, in input pixels' },
  jump: { tex: 'J', meaning: 'the jump before the layer: input pixels between neighbouring positions' },
  start: { tex: 'S', meaning: 'the start before the layer: the input coordinate of the first pixel seen by position 0' },
  rfOut: { tex: "r'", meaning: 'the receptive field size after the layer' },
  jumpOut: { tex: "J'", meaning: 'the jump after the layer' },
  startOut: { tex: "S'", meaning: 'the start after the layer' },
  center: { tex: 'c', meaning: 'the input coordinate of the centre of the receptive field of position 0' },
  opad: { tex: 'p_o', meaning: 'the output padding of a transposed convolution along the axis' },
  crop: {
    tex: 'p_{\\mathrm{crop}}',
    meaning: "the total crop of a transposed convolution's full output along the axis (negative: elements appended)",
  },
} as const satisfies Record<string, { tex: string; meaning: string }>;

export type SymbolName = keyof typeof SYMBOLS;

interface FormulaSource {
  /** The clause that states this formula. */
  clause: string;
  /** `symbol = expression`, in mathjs syntax. */
  source: string;
}

/** The formulas, keyed by a stable formula ID. */
export const FORMULA_SOURCES = {
  'effective-kernel': { clause: 'shape.effective-kernel', source: 'effK = d * (k - 1) + 1' },
  'output-size.floor': { clause: 'shape.output-size.floor', source: 'out = floor((n + pb + pe - effK) / s) + 1' },
  'output-size.ceil': { clause: 'shape.output-size.ceil', source: 'out = ceil((n + pb + pe - effK) / s) + 1' },
  'output-size.trunc': { clause: 'shape.output-size.trunc', source: 'out = fix((n + pb + pe - effK) / s + 1)' },
  'output-size.exact': { clause: 'shape.output-size.exact', source: 'divides = mod(n + pb + pe - effK, s) == 0' },
  'last-window-rule': { clause: 'pool.ceil-mode.last-window', source: 'dropLast = (out - 1) * s >= n + pb' },
  'window-tap': { clause: 'shape.window', source: 'i = o * s - pb + j * d' },
  'same.output-size': { clause: 'padding.same.output-size', source: 'out = ceil(n / s)' },
  'same.total': { clause: 'padding.same.total', source: 'total = max(0, (out - 1) * s + effK - n)' },
  'same-upper.begin': { clause: 'padding.same-upper', source: 'pb = floor(total / 2)' },
  'same-upper.end': { clause: 'padding.same-upper', source: 'pe = total - floor(total / 2)' },
  'same-lower.begin': { clause: 'padding.same-lower', source: 'pb = total - floor(total / 2)' },
  'same-lower.end': { clause: 'padding.same-lower', source: 'pe = floor(total / 2)' },
  'conv-transpose.output-size': { clause: 'conv-transpose.output-size', source: 'out = (n - 1) * s - pb - pe + d * (k - 1) + opad + 1' },
  'conv-transpose.crop': { clause: 'conv-transpose.output-shape', source: 'crop = (n - 1) * s + d * (k - 1) + 1 + opad - out' },
  'conv-transpose.same.output-size': { clause: 'conv-transpose.same', source: 'out = n * s' },
  'conv-transpose.crop-upper.begin': { clause: 'conv-transpose.crop-split', source: 'pb = max(0, floor(crop / 2))' },
  'conv-transpose.crop-lower.begin': { clause: 'conv-transpose.crop-split', source: 'pb = max(0, crop - floor(crop / 2))' },
  'conv-transpose.crop.end': { clause: 'conv-transpose.crop-split', source: 'pe = crop - pb' },
  'params.conv': { clause: 'params.conv', source: 'P = K * (cin / g) * cout + bias * cout' },
  'params.depthwise': { clause: 'params.depthwise', source: 'P = K * cin * dm + bias * cin * dm' },
  'params.separable': { clause: 'params.separable', source: 'P = K * cin * dm + cin * dm * f + bias * f' },
  'params.dense': { clause: 'params.dense', source: 'P = nin * nout + bias * nout' },
  'params.conv-transpose': { clause: 'params.conv-transpose', source: 'P = cin * (cout / g) * K + bias * cout' },
  'rf.size': { clause: 'rf.size', source: 'rfOut = rf + (effK - 1) * jump' },
  'rf.jump': { clause: 'rf.jump', source: 'jumpOut = jump * s' },
  'rf.start': { clause: 'rf.start', source: 'startOut = start - pb * jump' },
  'rf.center': { clause: 'rf.start', source: 'center = start + (rf - 1) / 2' },
  'rf.transpose.size': { clause: 'rf.transpose', source: 'rfOut = rf + (effK - 1) * jump / s' },
  'rf.transpose.jump': { clause: 'rf.transpose', source: 'jumpOut = jump / s' },
  'rf.transpose.start': { clause: 'rf.transpose', source: 'startOut = start + (pb - effK + 1) * jump / s' },
} as const satisfies Record<string, FormulaSource>;

export type FormulaId = keyof typeof FORMULA_SOURCES;

/** A parsed formula: its result symbol, its free variables and a compiled evaluator. */
export interface Formula {
  id: FormulaId;
  clause: string;
  source: string;
  result: SymbolName;
  variables: SymbolName[];
  expression: MathNode;
  evaluate: (scope: Record<string, number>) => number | boolean;
}

const FUNCTION_NAMES = new Set(['floor', 'ceil', 'fix', 'max', 'min', 'mod']);

function isSymbolName(name: string): name is SymbolName {
  return Object.prototype.hasOwnProperty.call(SYMBOLS, name);
}

function freeVariables(node: MathNode): SymbolName[] {
  const names = new Set<string>();
  node.traverse((child, path, parent) => {
    if (child.type !== 'SymbolNode') return;
    if (parent?.type === 'FunctionNode' && path === 'fn') return;
    names.add((child as unknown as { name: string }).name);
  });
  return [...names].map((name) => {
    if (!isSymbolName(name)) throw new Error(`formula uses symbol ${name}, which has no glossary entry`);
    return name;
  });
}

function parseFormula(id: FormulaId): Formula {
  const { clause, source } = FORMULA_SOURCES[id];
  const node = parse(source);
  if (node.type !== 'AssignmentNode') throw new Error(`formula ${id} must be an assignment: ${source}`);
  const assignment = node as unknown as { object: { name: string }; value: MathNode };
  const result = assignment.object.name;
  if (!isSymbolName(result)) throw new Error(`formula ${id} assigns ${result}, which has no glossary entry`);
  const variables = freeVariables(assignment.value);
  const evaluate = compileFormula(assignment.value);
  return {
    id,
    clause,
    source,
    result,
    variables,
    expression: assignment.value,
    evaluate,
  };
}

/** All formulas, parsed once. */
export const FORMULAS: Readonly<Record<FormulaId, Formula>> = Object.freeze(
  Object.fromEntries((Object.keys(FORMULA_SOURCES) as FormulaId[]).map((id) => [id, parseFormula(id)])) as Record<FormulaId, Formula>,
);

/**
 * Evaluates a formula. The scope must bind every free variable of the formula to a finite
 * number (other entries are ignored), and the result must be finite: an unknown id, a missing or
 * non-finite variable, or a result that overflows or divides by zero is a typed error.
 *
 * @see spec:error.typed
 */
export function evaluateFormula(id: FormulaId, scope: Partial<Record<SymbolName, number>>): number {
  const op = 'evaluateFormula';
  if (typeof id !== 'string' || !Object.prototype.hasOwnProperty.call(FORMULAS, id)) {
    throw new CnnSpecError({
      code: 'E_PARAM_ENUM',
      op,
      clause: 'error.typed',
      parameter: 'id',
      value: id,
      rule: `be a formula id (${Object.keys(FORMULAS).join(', ')})`,
    });
  }
  const formula = FORMULAS[id];
  if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) {
    throw new CnnSpecError({
      code: 'E_PARAM_FIELD',
      op,
      clause: formula.clause,
      parameter: 'scope',
      value: scope,
      rule: `be a record binding ${formula.variables.join(', ')}`,
    });
  }
  // Only the formula's variables are bound, each checked to be a finite number.
  const bound: Record<string, number> = {};
  for (const name of formula.variables) {
    const value: unknown = (scope as Record<string, unknown>)[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new CnnSpecError({
        code: value === undefined ? 'E_PARAM_FIELD' : 'E_PARAM_RANGE',
        op,
        clause: formula.clause,
        parameter: `scope.${name}`,
        value,
        rule: `be a finite number: formula ${id} needs a finite number for ${name} (${SYMBOLS[name].meaning})`,
      });
    }
    bound[name] = value;
  }
  const evaluated = formula.evaluate(bound);
  const value = typeof evaluated === 'boolean' ? (evaluated ? 1 : 0) : evaluated;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      op,
      clause: formula.clause,
      parameter: 'scope',
      value: bound,
      rule: `give a finite result: ${formula.source} evaluates to ${String(value)}`,
    });
  }
  return value;
}

/** Evaluates a formula whose result is a condition. */
export function evaluateCondition(id: FormulaId, scope: Partial<Record<SymbolName, number>>): boolean {
  return evaluateFormula(id, scope) === 1;
}

function texHandler(node: MathNode, options?: object): string | undefined {
  if (node.type === 'SymbolNode') {
    const name = (node as unknown as { name: string }).name;
    if (FUNCTION_NAMES.has(name)) return undefined;
    // Braced, so that `\cdot` followed by `s` cannot read as `\cdots`.
    if (isSymbolName(name)) return `{${SYMBOLS[name].tex}}`;
  }
  if (node.type === 'FunctionNode') {
    const fn = node as unknown as { fn: { name: string }; args: MathNode[] };
    const args = fn.args.map((arg) => arg.toTex(options));
    if (fn.fn.name === 'mod') return `\\left(${args[0]}\\right) \\bmod ${args[1]}`;
    if (fn.fn.name === 'fix') return `\\operatorname{trunc}\\left(${args.join(', ')}\\right)`;
  }
  return undefined;
}

/** The formula typeset as LaTeX, `symbol = expression`. */
export function formulaTex(id: FormulaId): string {
  const formula = FORMULAS[id];
  const options = { parenthesis: 'auto' as const, handler: texHandler };
  return `${SYMBOLS[formula.result].tex} = ${formula.expression.toTex(options)}`;
}

/** The formula as plain text, exactly as written in {@link FORMULA_SOURCES}. */
export function formulaText(id: FormulaId): string {
  return FORMULAS[id].source;
}
