/**
 * A report's convention in words: a convention name, or a base with its overrides
 * (spec: convention.model), e.g. `pytorch with poolCeilMode=true`. Bounded, and never a throw: a
 * report.json given to `cnnspec report` may hold a convention nested too deep for JSON.stringify.
 */
import { PROTOCOL_LIMITS } from '../protocol/protocolLimits.js';
import { cutText } from './cutText.js';

/** The longest description kept, in characters. */
export const MAX_CONVENTION_TEXT = 1000;

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '(not printable as JSON)';
  }
}

export function describeConvention(convention: unknown): string {
  if (typeof convention === 'string') return cutText(convention, PROTOCOL_LIMITS.conventionStringLength);
  if (typeof convention === 'object' && convention !== null && 'base' in convention) {
    const { base, overrides } = convention as { base: unknown; overrides?: unknown };
    const entries = typeof overrides === 'object' && overrides !== null ? Object.entries(overrides) : [];
    const changes = entries.map(([knob, value]) => `${knob}=${json(value)}`).join(', ');
    return cutText(`${String(base)}${changes === '' ? '' : ` with ${changes}`}`, MAX_CONVENTION_TEXT);
  }
  return cutText(json(convention), MAX_CONVENTION_TEXT);
}
