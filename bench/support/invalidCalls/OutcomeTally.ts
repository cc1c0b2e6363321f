/**
 * Counts of what the invalid-input generators reached (functions, kinds of invalidity) and what
 * the kit answered (error codes, accepted calls, escapes), with every escape kept for reporting.
 */
import fc from 'fast-check';
import type { Outcome } from './judgeCall.js';
import type { InvalidCall } from './invalidInputs.js';

export interface Escape {
  /** Index of the case in the run (its fast-check path), to replay and shrink it. */
  index: number;
  call: InvalidCall;
  reason: string;
}

export class OutcomeTally {
  cases = 0;
  readonly byFunction = new Map<string, number>();
  /** A case with two parts of one kind counts once for that kind. */
  readonly byKind = new Map<string, number>();
  /** Error codes, `accepted` for calls that were valid after all, `escape` for escapes. */
  readonly byAnswer = new Map<string, number>();
  readonly escapes: Escape[] = [];
  slowestMs = 0;

  add(index: number, call: InvalidCall, outcome: Outcome): void {
    this.cases += 1;
    increment(this.byFunction, call.fn);
    for (const kind of new Set(call.invalid.map((part) => part.kind))) increment(this.byKind, kind);
    increment(this.byAnswer, outcome.status === 'rejected' ? outcome.code : outcome.status);
    if (outcome.status === 'escape') this.escapes.push({ index, call, reason: outcome.reason });
    this.slowestMs = Math.max(this.slowestMs, outcome.ms);
  }

  share(map: Map<string, number>, key: string): number {
    return this.cases === 0 ? 0 : (map.get(key) ?? 0) / this.cases;
  }

  /** The counts as three tables: per function, per kind of invalidity, per answer. */
  format(): string {
    const table = (title: string, map: Map<string, number>): string => {
      const rows = [...map].sort((a, b) => b[1] - a[1]);
      const width = Math.max(title.length, ...rows.map(([key]) => key.length));
      return [
        title,
        ...rows.map(
          ([key, count]) => `  ${key.padEnd(width)}  ${String(count).padStart(7)}  ${((100 * count) / this.cases).toFixed(1).padStart(5)}%`,
        ),
      ].join('\n');
    };
    return [table('per function', this.byFunction), table('per kind of invalidity', this.byKind), table('per answer', this.byAnswer)].join(
      '\n\n',
    );
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** An escape in full: the function, the damaged parts, the arguments and what went wrong. */
export function formatEscape(escaped: Escape): string {
  return [
    `${escaped.call.fn}: ${escaped.reason}`,
    `  invalid: ${escaped.call.invalid.map((part) => `${part.kind} at ${part.at}`).join(', ')}`,
    `  arguments: ${fc.stringify(escaped.call.args)}`,
  ].join('\n');
}
