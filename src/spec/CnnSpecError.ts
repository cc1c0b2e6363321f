/**
 * The one error type the kit throws for bad input. Every instance names what was wrong
 * (parameter and value), the rule it broke and the clause that states the rule, so that a
 * caller can report it without parsing the message.
 *
 * @see spec:error.typed
 */

/** Closed set of error codes. @see spec:error.codes */
export type ErrorCode =
  /** A size, stride, dilation, pad or group count is not an integer in its allowed range. */
  | 'E_PARAM_RANGE'
  /** A per-axis parameter has the wrong number of entries for the spatial rank. */
  | 'E_PARAM_ARITY'
  /** A string option (padding mode, fill mode, layout, convention, ...) is not one of the allowed values. */
  | 'E_PARAM_ENUM'
  /** A parameter record has a field the op does not know, or lacks one it requires. */
  | 'E_PARAM_FIELD'
  /** Two shapes disagree (channels of input and weight, bias length, rank). */
  | 'E_SHAPE_MISMATCH'
  /** A shape entry is not a positive integer, or the rank is wrong for the op. */
  | 'E_SHAPE_INVALID'
  /** A tensor's data length differs from the product of its shape, or its dtype is wrong. */
  | 'E_DATA_LENGTH'
  /** Channels are not divisible by the group count. */
  | 'E_GROUPS'
  /** The (dilated) kernel or window does not fit in the padded input: the output would be empty. */
  | 'E_OUTPUT_EMPTY'
  /** Padding larger than the rule of the fill mode or of the convention allows. */
  | 'E_PAD_LIMIT'
  /** The convention requires an exact division that does not divide (TOSA). */
  | 'E_INEXACT'
  /** The convention does not define this combination of parameters. */
  | 'E_UNSUPPORTED'
  /** The configuration would allocate or compute more than the set limits. */
  | 'E_TOO_LARGE';

export interface CnnSpecErrorDetails {
  code: ErrorCode;
  /** Clause ID of the rule that was broken, e.g. `conv.groups`. */
  clause: string;
  /** Which parameter, with an index path where useful, e.g. `strides[1]` or `weight.shape[1]`. */
  parameter: string;
  /** The offending value, as given. */
  value: unknown;
  /** The rule, phrased so that it completes "must ...", e.g. `be an integer >= 1`. */
  rule: string;
  /** The op or function that rejected the input, e.g. `conv`. */
  op: string;
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    // Not JSON (a cycle, a BigInt, a throwing toJSON); String can fail too, on an object without
    // prototype. The message must still be made: a rejection never becomes a crash.
    try {
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
}

export class CnnSpecError extends Error {
  readonly code: ErrorCode;
  readonly clause: string;
  readonly parameter: string;
  readonly value: unknown;
  readonly rule: string;
  readonly op: string;

  constructor(details: CnnSpecErrorDetails) {
    super(
      `${details.op}: ${details.parameter} (${describeValue(details.value)}) must ${details.rule} ` +
        `[${details.code}, spec: ${details.clause}]`,
    );
    this.name = 'CnnSpecError';
    this.code = details.code;
    this.clause = details.clause;
    this.parameter = details.parameter;
    this.value = details.value;
    this.rule = details.rule;
    this.op = details.op;
  }

  /** A plain record of the details, for reports and JSON output. */
  toJSON(): CnnSpecErrorDetails & { message: string } {
    return {
      code: this.code,
      clause: this.clause,
      parameter: this.parameter,
      value: this.value,
      rule: this.rule,
      op: this.op,
      message: this.message,
    };
  }
}
