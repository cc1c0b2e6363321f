/**
 * Checks a call's facts against a table of preconditions, in the table's order, so the first
 * broken row decides which error a call with several problems gets.
 *
 * @see spec:error.typed
 */
import { CnnSpecError } from './CnnSpecError.js';
import type { Precondition } from './Precondition.js';

/** Throws the CnnSpecError of the first row whose `when` holds for `facts`; returns otherwise. */
export function checkPreconditions<Facts>(op: string, rows: readonly Precondition<Facts>[], facts: Facts): void {
  for (const row of rows) {
    if (!row.when(facts)) continue;
    throw new CnnSpecError({
      code: row.code,
      op,
      clause: row.clause,
      parameter: typeof row.parameter === 'string' ? row.parameter : row.parameter(facts),
      value: row.value(facts),
      rule: typeof row.rule === 'string' ? row.rule : row.rule(facts),
    });
  }
}
