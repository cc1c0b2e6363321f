/**
 * Pickers for tests of API forms (spec: conformance.api-forms): one that records the dimensions
 * and options a planner offers, one that varies a single dimension, and one that prefers the
 * option whose text matches.
 */
import type { FormOption, FormPicker } from '../../src/adapter/formPicker.js';

/** The dimensions a planner offered for one request, with their options' texts, in the order it asked. */
export function recordingPicker(): { pick: FormPicker; dimensions: Map<string, string[]> } {
  const dimensions = new Map<string, string[]>();
  const pick = (<T>(dimension: string, options: readonly FormOption<T>[]): FormOption<T> => {
    dimensions.set(dimension, options.map((option) => option.text));
    return options[0]!;
  }) as FormPicker;
  return { pick, dimensions };
}

/** Option `index` of `dimension`, the first option of every other dimension. */
export function varyingPicker(dimension: string, index: number): FormPicker {
  return (<T>(asked: string, options: readonly FormOption<T>[]): FormOption<T> => (asked === dimension ? options[index]! : options[0]!)) as FormPicker;
}

/** The first option whose text matches `pattern` in every dimension that has one, else the first. */
export function preferringPicker(pattern: RegExp): FormPicker {
  return (<T>(_dimension: string, options: readonly FormOption<T>[]): FormOption<T> => options.find((option) => pattern.test(option.text)) ?? options[0]!) as FormPicker;
}
