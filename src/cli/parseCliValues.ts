/**
 * Parsers for the compact values the CLI accepts: shapes and per-axis lists written
 * `1,3,224,224` or `1x3x224x224`, and padding written by mode name or as pad sizes.
 */
import { InvalidArgumentError } from 'commander';
import type { Padding } from '../ops/window/planWindow.js';

/** `3`, `3,5` or `3x5` to a list of integers. */
export function parseIntegerList(text: string): number[] {
  const parts = text.split(/[,x]/).map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => !/^-?\d+$/.test(part))) {
    throw new InvalidArgumentError(`expected integers separated by "," or "x", got ${JSON.stringify(text)}`);
  }
  return parts.map(Number);
}

/** A single integer, or a list for per-axis values. */
export function parseAxisValue(text: string): number | number[] {
  const list = parseIntegerList(text);
  return list.length === 1 ? list[0]! : list;
}

/**
 * `valid`, `same` (= `same-upper`), `same-upper`, `same-lower`, or symmetric pad sizes (`1` or
 * `1,2`, one per axis). Asymmetric pads use --pad-begin and --pad-end instead.
 */
export function parsePadding(text: string): Padding {
  if (text === 'same') return 'same-upper';
  if (text === 'valid' || text === 'same-upper' || text === 'same-lower') return text;
  let sizes: number | number[];
  try {
    sizes = parseAxisValue(text);
  } catch {
    throw new InvalidArgumentError(
      `expected valid, same, same-upper, same-lower or pad sizes such as 1 or 1,2; got ${JSON.stringify(text)}`,
    );
  }
  return { begin: sizes, end: sizes };
}
