/**
 * Splits a byte stream into newline-terminated lines without ever holding more than `maxBytes`
 * of one line (spec: protocol.framing). An adapter may write a line of any length, or one that
 * never ends; a line beyond the limit is handed over once, cut at the limit, through `onOverflow`,
 * and the rest of it is dropped up to its newline. A `\r` before the newline is removed.
 */
import type { Readable } from 'node:stream';

export interface SplitLinesOptions {
  /** The most bytes of one line (newline excluded) held at a time. */
  maxBytes: number;
  onLine: (line: string) => void;
  /** A line longer than `maxBytes`: its first `maxBytes` bytes (at most PREVIEW_BYTES of them), decoded. */
  onOverflow: (head: string) => void;
  /** The stream ended; a last line without a newline has been handed over before. */
  onEnd?: () => void;
}

const NEWLINE = 0x0a;
/** How much of an overlong line is decoded for `onOverflow`: enough to recognise it. */
export const PREVIEW_BYTES = 1024;

function decode(parts: Buffer[], size: number): string {
  const text = Buffer.concat(parts, size).toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

export function splitLines(stream: Readable, options: SplitLinesOptions): void {
  let parts: Buffer[] = [];
  let size = 0;
  let overflowing = false;
  stream.on('data', (chunk: Buffer) => {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!overflowing) {
        const piece = chunk.subarray(start, end);
        if (size + piece.length > options.maxBytes) {
          overflowing = true;
          const headBytes = Math.min(options.maxBytes, PREVIEW_BYTES);
          const head = Buffer.concat([...parts, piece], headBytes).toString('utf8');
          parts = [];
          size = 0;
          options.onOverflow(head);
        } else if (piece.length > 0) {
          parts.push(piece);
          size += piece.length;
        }
      }
      if (newline === -1) break;
      if (!overflowing) options.onLine(decode(parts, size));
      parts = [];
      size = 0;
      overflowing = false;
      start = newline + 1;
    }
  });
  stream.on('end', () => {
    if (size > 0 && !overflowing) options.onLine(decode(parts, size));
    parts = [];
    size = 0;
    options.onEnd?.();
  });
}
