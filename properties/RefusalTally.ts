/**
 * The cases an adapter refused as unsupported (UnsupportedCase) while a property ran, with the
 * adapter's distinct reasons: what a property that gives up on skipped cases reports
 * (spec: conformance.capabilities). Counted apart from fast-check's skips, which also hold the
 * cases a property's own preconditions set aside.
 */

/** Distinct reasons a result keeps: enough to see the pattern, not a copy of every message. */
export const MAX_REFUSAL_REASONS = 3;
/** Characters kept of one reason. */
export const MAX_REFUSAL_REASON_LENGTH = 120;

/** The adapter's refusals, as a result records them. */
export interface RefusedCases {
  /** Cases the adapter refused. */
  cases: number;
  /** Its first distinct reasons, at most MAX_REFUSAL_REASONS, each cut to MAX_REFUSAL_REASON_LENGTH characters. */
  reasons: string[];
  /** Refused cases whose reason is not among `reasons`. */
  otherCases: number;
}

export class RefusalTally {
  #cases = 0;
  #otherCases = 0;
  readonly #reasons: string[] = [];

  record(error: unknown): void {
    this.#cases += 1;
    const reason = cut(error instanceof Error ? error.message : String(error));
    if (this.#reasons.includes(reason)) return;
    if (this.#reasons.length < MAX_REFUSAL_REASONS) this.#reasons.push(reason);
    else this.#otherCases += 1;
  }

  get cases(): number {
    return this.#cases;
  }

  summary(): RefusedCases {
    return { cases: this.#cases, reasons: [...this.#reasons], otherCases: this.#otherCases };
  }
}

/** The reasons in words: `no 3-D explicit pads; no dilations (and 4 cases for other reasons)`. */
export function refusalReasons(refused: RefusedCases): string {
  const others =
    refused.otherCases === 0 ? '' : ` (and ${refused.otherCases} case${refused.otherCases === 1 ? '' : 's'} for other reasons)`;
  return `${refused.reasons.join('; ')}${others}`;
}

/** One line, at most MAX_REFUSAL_REASON_LENGTH characters: an adapter's message may be a whole stack. */
function cut(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim() || '(no reason given)';
  return line.length <= MAX_REFUSAL_REASON_LENGTH ? line : `${line.slice(0, MAX_REFUSAL_REASON_LENGTH - 1)}…`;
}
