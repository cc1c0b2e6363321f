/**
 * One precondition of an op, as a row of a table instead of a hand-written throw: when the call
 * breaks it, the code, clause, parameter, value and rule of the CnnSpecError it gets. Tables can
 * be listed (a report, a spec page) as well as checked (checkPreconditions).
 *
 * @see spec:error.typed
 */
import type { ErrorCode } from './CnnSpecError.js';

export interface Precondition<Facts> {
  /** True when the call breaks the rule (the row throws), given the facts the plan has at its check. */
  readonly when: (facts: Facts) => boolean;
  readonly code: ErrorCode;
  /** Clause ID of the rule. */
  readonly clause: string;
  /** The parameter named by the error, with an index path where useful, e.g. `weight.shape[1]`. */
  readonly parameter: string | ((facts: Facts) => string);
  /** The offending value, as given. */
  readonly value: (facts: Facts) => unknown;
  /** Completes "must ...". */
  readonly rule: string | ((facts: Facts) => string);
}
