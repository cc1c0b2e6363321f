/**
 * A layer's parameter count computed exactly, in BigInt, from the formulas of the spec (spec:
 * params.conv, params.depthwise, params.separable, params.conv-transpose, params.dense), for layers beyond the
 * reference's limits: a kernel of 2^32 + 1 or an input of 2^31 channels (spec: error.limits,
 * error.parameter-range). The layer's other values are assumed valid; the scope of each formula
 * is the one the layer's descriptor binds for its plan too (a test compares the two on in-range layers).
 */
import type { MathNode } from 'mathjs';
import type { Layout } from '../../src/spec/conventions.js';
import { FORMULAS } from '../../src/spec/formulas.js';
import { layerOf } from '../../src/shape/layerRegistry.js';
import type { LayerSpec } from '../../src/shape/LayerSpec.js';
import { splitActivationShape } from '../../src/tensor/layout.js';

/** Evaluates a formula of sums, products and exact quotients of integers. */
function exact(node: MathNode, scope: Readonly<Record<string, bigint>>): bigint {
  switch (node.type) {
    case 'ConstantNode':
      return BigInt((node as unknown as { value: number }).value);
    case 'SymbolNode': {
      const value = scope[(node as unknown as { name: string }).name];
      if (value === undefined) throw new Error(`unbound symbol ${(node as unknown as { name: string }).name}`);
      return value;
    }
    case 'ParenthesisNode':
      return exact((node as unknown as { content: MathNode }).content, scope);
    case 'OperatorNode': {
      const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
      const [a, b] = args.map((arg) => exact(arg, scope)) as [bigint, bigint];
      switch (fn) {
        case 'add':
          return a + b;
        case 'subtract':
          return a - b;
        case 'multiply':
          return a * b;
        case 'divide':
          if (a % b !== 0n) throw new Error(`inexact quotient ${a} / ${b}`);
          return a / b;
        default:
          throw new Error(`operator ${fn} has no exact integer evaluation`);
      }
    }
    default:
      throw new Error(`formula node ${node.type} has no exact integer evaluation`);
  }
}

/** The parameter count of a layer on an input, exactly, by its descriptor's formula (src/shape/layerRegistry.ts). */
export function exactParamCount(layer: LayerSpec, inputShape: readonly number[], layout: Layout): bigint {
  const descriptor = layerOf(layer.type);
  if (descriptor.paramFormula === undefined) return 0n;
  const dims = inputShape.length >= 3 ? splitActivationShape(inputShape, layout) : undefined;
  const bias = descriptor.hasBias && ((layer as { bias?: boolean }).bias ?? true) ? 1 : 0;
  const { id, scope } = descriptor.paramFormula(layer, {
    channels: dims?.channels ?? 0,
    features: inputShape[inputShape.length - 1]!,
    rank: dims?.spatial.length ?? 0,
    bias,
  });
  return exact(FORMULAS[id].expression, scope as Record<string, bigint>);
}
