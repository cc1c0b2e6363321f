/**
 * Turns a formula's mathjs expression tree into a plain JavaScript function of its variables,
 * once, when the formulas are loaded. The tree stays the one source (it is also what the spec
 * prints); this only removes mathjs's per-call interpretation from the shape functions, which
 * run for every case of every property.
 *
 * The functions follow mathjs's number semantics. mathjs compares and rounds with a relative
 * tolerance of 1e-12; for the integers below 2^33 that the kit's sizes produce, a quotient is
 * never within that tolerance of an integer it is not equal to, so the exact operations below
 * agree with mathjs (a test compares the two on every formula over a grid of sizes).
 */
import type { MathNode } from 'mathjs';

export type FormulaFunction = (scope: Readonly<Record<string, number>>) => number | boolean;

type Compiled = (scope: Readonly<Record<string, number>>) => number | boolean;

const num = (value: number | boolean): number => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

const OPERATORS: Readonly<Record<string, (a: number, b: number) => number | boolean>> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  equal: (a, b) => a === b,
  unequal: (a, b) => a !== b,
  larger: (a, b) => a > b,
  largerEq: (a, b) => a >= b,
  smaller: (a, b) => a < b,
  smallerEq: (a, b) => a <= b,
};

const FUNCTIONS: Readonly<Record<string, (...args: number[]) => number>> = {
  floor: Math.floor,
  ceil: Math.ceil,
  fix: Math.trunc,
  max: Math.max,
  min: Math.min,
  // mathjs: never negative for a positive divisor, x itself for a zero divisor
  mod: (x, y) => (y === 0 ? x : x - y * Math.floor(x / y)),
};

export function compileFormula(node: MathNode): FormulaFunction {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number') throw new Error(`formula constant ${String(value)} is not a number`);
      return () => value;
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      return (scope) => scope[name]!;
    }
    case 'ParenthesisNode':
      return compileFormula((node as unknown as { content: MathNode }).content);
    case 'OperatorNode': {
      const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
      const operands = args.map(compileFormula);
      if (operands.length === 1) {
        const [operand] = operands as [Compiled];
        if (fn === 'unaryMinus') return (scope) => -num(operand(scope));
        if (fn === 'unaryPlus') return (scope) => num(operand(scope));
      }
      const operator = OPERATORS[fn];
      if (operator === undefined || operands.length !== 2) throw new Error(`formula operator ${fn} is not supported`);
      const [left, right] = operands as [Compiled, Compiled];
      return (scope) => operator(num(left(scope)), num(right(scope)));
    }
    case 'FunctionNode': {
      const { fn, args } = node as unknown as { fn: { name: string }; args: MathNode[] };
      const apply = FUNCTIONS[fn.name];
      if (apply === undefined) throw new Error(`formula function ${fn.name} is not supported`);
      const operands = args.map(compileFormula);
      return (scope) => apply(...operands.map((operand) => num(operand(scope))));
    }
    default:
      throw new Error(`formula node ${node.type} is not supported`);
  }
}
