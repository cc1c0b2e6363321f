/** How the bench scripts print what they measure: times, ratios, shares and rates. */

export function formatMs(ms: number): string {
  if (ms === 0) return '0 ms';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** `a / b` as a factor, e.g. `2.41x`. */
export function formatRatio(a: number, b: number): string {
  return b === 0 ? '-' : `${(a / b).toFixed(2)}x`;
}

export function formatShare(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`;
}

/** Operations per second, in millions (`M/s`) or billions (`G/s`). */
export function formatRate(operations: number, ms: number): string {
  const perSecond = (operations * 1000) / ms;
  return perSecond >= 1e9 ? `${(perSecond / 1e9).toFixed(2)} G/s` : `${(perSecond / 1e6).toFixed(1)} M/s`;
}
