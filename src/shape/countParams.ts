/**
 * A parameter count from its formula, split into weights and biases: the weights are the count
 * with the bias term 0 (spec: params.bias).
 */
import { evaluateFormula, type FormulaId } from '../spec/formulas.js';
import type { SymbolName } from '../spec/formulas.js';
import type { ParameterCount } from './LayerDescriptor.js';

export function countParams(formula: FormulaId, scope: Partial<Record<SymbolName, number>>): ParameterCount {
  const total = evaluateFormula(formula, scope);
  const weights = evaluateFormula(formula, { ...scope, bias: 0 });
  return { total, weights, biases: total - weights };
}
