/**
 * A field an adapter sent or declared beyond one of PROTOCOL_LIMITS (spec: protocol.limits): which
 * field, how large it is and the limit, so that the message says all three and a test can check
 * them without parsing it.
 */
export interface LimitProblem {
  /** JSON pointer of the field, such as `/tensor/shape` or `/name`. */
  field: string;
  /** Its size in `unit`; undefined where the walk stopped at the limit without measuring all of it. */
  size: number | undefined;
  limit: number;
  unit: 'entries' | 'characters' | 'levels of nesting' | 'values';
}

/**
 * The problem in words, as one line: `/tensor/shape has 20000000 entries, more than the limit of
 * 16 (spec: protocol.limits)`, or where the size was not measured to the end `/convention has more
 * than 8 levels of nesting, the limit (spec: protocol.limits)`.
 */
export function describeLimitProblem(problem: LimitProblem): string {
  return problem.size === undefined
    ? `${problem.field} has more than ${problem.limit} ${problem.unit}, the limit (spec: protocol.limits)`
    : `${problem.field} has ${problem.size} ${problem.unit}, more than the limit of ${problem.limit} (spec: protocol.limits)`;
}
