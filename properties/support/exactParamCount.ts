/**
 * A layer's parameter count computed exactly, in BigInt, from the formulas of the spec (spec:
 * params.conv, params.depthwise, params.separable, params.conv-transpose, params.dense), for layers beyond the
 * reference's limits: a kernel of 2^32 + 1 or an input of 2^31 channels (spec: error.limits,
 * error.parameter-range). The layer's other values are assumed valid; the scope of each formula
 * is the one src/shape/planLayer.ts binds (a test compares the two on in-range layers).
 */
import type { MathNode } from 'mathjs';
import type { Layout } from '../../src/spec/conventions.js';
import { FORMULAS, type FormulaId } from '../../src/spec/formulas.js';
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

const count = (id: FormulaId, scope: Record<string, number | bigint>): bigint =>
  exact(FORMULAS[id].expression, Object.fromEntries(Object.entries(scope).map(([name, value]) => [name, BigInt(value)])));

const perAxis = (value: unknown, rank: number): number[] =>
  Array.isArray(value) ? (value as number[]) : new Array<number>(rank).fill(value as number);

/** The parameter count of a layer on an input, exactly. */
export function exactParamCount(layer: LayerSpec, inputShape: readonly number[], layout: Layout): bigint {
  const bias =
    layer.type === 'conv' ||
    layer.type === 'depthwise-conv' ||
    layer.type === 'separable-conv' ||
    layer.type === 'conv-transpose' ||
    layer.type === 'dense'
      ? (layer.bias ?? true)
      : false;
  const b = bias ? 1 : 0;
  switch (layer.type) {
    case 'conv':
    case 'depthwise-conv':
    case 'separable-conv': {
      const dims = splitActivationShape(inputShape, layout);
      const K = perAxis(layer.kernel, dims.spatial.length).reduce((product, k) => product * BigInt(k), 1n);
      if (layer.type === 'conv') return count('params.conv', { K, cin: dims.channels, g: layer.groups ?? 1, cout: layer.filters, bias: b });
      const dm = layer.depthMultiplier ?? 1;
      if (layer.type === 'depthwise-conv') return count('params.depthwise', { K, cin: dims.channels, dm, bias: b });
      return count('params.separable', { K, cin: dims.channels, dm, f: layer.filters, bias: b });
    }
    case 'conv-transpose': {
      const dims = splitActivationShape(inputShape, layout);
      const K = perAxis(layer.kernel, dims.spatial.length).reduce((product, k) => product * BigInt(k), 1n);
      return count('params.conv-transpose', { K, cin: dims.channels, g: layer.groups ?? 1, cout: layer.filters, bias: b });
    }
    case 'dense':
      return count('params.dense', { nin: inputShape[inputShape.length - 1]!, nout: layer.units, bias: b });
    default:
      return 0n;
  }
}
