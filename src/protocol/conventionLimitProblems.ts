/**
 * Whether a convention as an adapter declares it (a name, or `{ base, overrides }` with nested
 * values) stays within the limits of spec: protocol.limits: nesting, number of values, length of
 * strings. The walk keeps its own stack, so a value nested 10,000 levels deep is measured without
 * the recursion that would overflow the call stack (JSON.stringify's, for one), and stops at the
 * first limit it passes, so a cycle or a million fields costs no more than the limit.
 */
import type { LimitProblem } from './LimitProblem.js';
import { PROTOCOL_LIMITS } from './protocolLimits.js';

export function conventionLimitProblems(convention: unknown, field: string): LimitProblem[] {
  const { conventionDepth, conventionNodes, conventionStringLength } = PROTOCOL_LIMITS;
  const stack: { value: unknown; depth: number }[] = [{ value: convention, depth: 0 }];
  let nodes = 0;
  try {
    while (stack.length > 0) {
      const { value, depth } = stack.pop()!;
      nodes += 1;
      if (nodes > conventionNodes) return [{ field, size: undefined, limit: conventionNodes, unit: 'values' }];
      if (typeof value === 'string' && value.length > conventionStringLength) {
        return [{ field: `${field} (a string in it)`, size: value.length, limit: conventionStringLength, unit: 'characters' }];
      }
      if (value === null || typeof value !== 'object') continue;
      if (depth + 1 > conventionDepth) return [{ field, size: undefined, limit: conventionDepth, unit: 'levels of nesting' }];
      const children = Array.isArray(value) ? value : Object.values(value);
      if (nodes + stack.length + children.length > conventionNodes)
        return [{ field, size: undefined, limit: conventionNodes, unit: 'values' }];
      for (const child of children) stack.push({ value: child, depth: depth + 1 });
    }
  } catch {
    // An in-process value whose getters or proxy traps throw: the convention's own check says what is wrong with it.
    return [];
  }
  return [];
}
