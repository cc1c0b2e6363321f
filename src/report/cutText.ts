/**
 * Text an adapter or a file supplied, cut for display at `max` characters with what was left out
 * said: `abc… (199997 more characters)`. Limits at the source keep a run's own reports small;
 * this keeps a rendering small whatever report.json it is given.
 */
export function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}
