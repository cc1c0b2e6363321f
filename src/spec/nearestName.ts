/**
 * The known name a misspelt one most likely meant, for "did you mean" in an error about an
 * unknown field (spec: error.typed). Names are compared without case, `-` and `_`, so that
 * `ceil_mode` and `ceil-mode` find `ceilMode`; a name is suggested only when it is close (an edit
 * distance of at most a third of its length, and at least 2 edits allowed), or shares a long
 * prefix or is contained whole (`kernel_size` finds `kernel`, `use_bias` finds `bias`), so that
 * an unrelated field gets no suggestion rather than a misleading one.
 */
import { distance } from 'fastest-levenshtein';

const folded = (name: string): string => name.toLowerCase().replace(/[-_\s]/g, '');

function commonPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** The nearest of `known` to `given`, or undefined when none is near enough to suggest. */
export function nearestName(given: string, known: readonly string[]): string | undefined {
  const g = folded(given);
  if (g === '') return undefined;
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const k = folded(name);
    if (k === '') continue;
    const edits = distance(g, k);
    const close = edits <= Math.max(2, Math.floor(k.length / 3));
    const related = (k.length >= 4 && (g.includes(k) || k.includes(g))) || commonPrefix(g, k) >= 5;
    if (!close && !related) continue;
    // Among the candidates the fewest edits win; the order of `known` breaks ties.
    if (best === undefined || edits < best.score) best = { name, score: edits };
  }
  return best?.name;
}
