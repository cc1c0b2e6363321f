/**
 * Adapter process events (restarts, timeouts, protocol violations, stderr) counted into a few
 * rows: events whose kind and message agree but for numbers (request ids, pids, milliseconds)
 * share a row, so that thousands of stderr lines stay readable, and the shards of one run merge
 * into the rows of the unsharded run.
 */
import type { AdapterEvent } from '../report/model/Report.js';

function eventKey(event: { kind: string; detail: string }): string {
  return `${event.kind}\u0000${event.detail.replace(/\d+/g, '#').slice(0, 120)}`;
}

/** Events, each once (`count` absent) or already counted, as rows. */
export function countEvents(events: readonly { kind: string; detail: string; count?: number }[]): AdapterEvent[] {
  const rows = new Map<string, AdapterEvent>();
  for (const event of events) {
    const key = eventKey(event);
    const row = rows.get(key);
    if (row === undefined) rows.set(key, { kind: event.kind, detail: event.detail.slice(0, 300), count: event.count ?? 1 });
    else row.count += event.count ?? 1;
  }
  return [...rows.values()];
}
