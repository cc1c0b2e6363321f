/**
 * A report's convention in words: a convention name, or a base with its overrides
 * (spec: convention.model), e.g. `pytorch with poolCeilMode=true`.
 */
export function describeConvention(convention: unknown): string {
  if (typeof convention === 'string') return convention;
  if (typeof convention === 'object' && convention !== null && 'base' in convention) {
    const { base, overrides } = convention as { base: unknown; overrides?: unknown };
    const entries = typeof overrides === 'object' && overrides !== null ? Object.entries(overrides) : [];
    const changes = entries.map(([knob, value]) => `${knob}=${JSON.stringify(value)}`).join(', ');
    return `${String(base)}${changes === '' ? '' : ` with ${changes}`}`;
  }
  return JSON.stringify(convention) ?? String(convention);
}
