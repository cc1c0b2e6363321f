/**
 * A parameter count from its formula, split into weights and biases: the weights are the count
 * with the bias term 0 (spec: params.bias).
 */
import { evaluateFormula } from '../spec/formulas.js';
import type { ParamFormula, ParameterCount } from './LayerDescriptor.js';

/** The count of a planned layer, whose every quantity is within the limits and so an exact binary64 integer. */
export function countParams({ id, scope }: ParamFormula): ParameterCount {
  const numbers = Object.fromEntries(Object.entries(scope).map(([name, value]) => [name, Number(value)]));
  const total = evaluateFormula(id, numbers);
  const weights = evaluateFormula(id, { ...numbers, bias: 0 });
  return { total, weights, biases: total - weights };
}

/** The kernel volume K of a kernel given per axis or as one value for all. */
export function kernelVolume(kernel: number | readonly number[], rank: number): bigint {
  const sizes = typeof kernel === 'number' ? new Array<number>(rank).fill(kernel) : kernel;
  return sizes.reduce((product, k) => product * BigInt(k), 1n);
}
