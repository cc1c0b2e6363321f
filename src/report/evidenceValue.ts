/**
 * Element values of evidence tensors. Reports spell NaN, the infinities and -0 as strings, as
 * fixtures do; an element past the end of truncated data, or one that is neither a number nor
 * one of those spellings, has no value.
 */
import type { EvidenceTensor } from './model/Report.js';

const SPELLED: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

export function evidenceValue(tensor: EvidenceTensor, index: number): number | undefined {
  const element = tensor.data[index];
  if (typeof element === 'number') return element;
  if (typeof element === 'string' && Object.hasOwn(SPELLED, element)) return SPELLED[element];
  return undefined;
}

/** The number of elements a shape holds. */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((product, extent) => product * extent, 1);
}

/** Whether data is missing: truncated, or shorter than the shape. */
export function isTruncated(tensor: EvidenceTensor): boolean {
  return tensor.truncated === true || tensor.data.length < shapeSize(tensor.shape);
}
