/**
 * Pickers for tests of API forms (spec: conformance.api-forms): one that records the dimensions
 * and options a planner offers, one that follows a script of choices, one that prefers the option
 * whose text matches, and the scripts that reach every option a planner offers.
 */
import type { FormOption, FormPicker } from '../../src/adapter/formPicker.js';

/** The dimensions a planner offered for one request, with their options' texts, in the order it asked. */
export function recordingPicker(script: ReadonlyMap<string, number> = new Map()): { pick: FormPicker; dimensions: Map<string, string[]> } {
  const dimensions = new Map<string, string[]>();
  const pick = (<T>(dimension: string, options: readonly FormOption<T>[]): FormOption<T> => {
    dimensions.set(
      dimension,
      options.map((option) => option.text),
    );
    return options[script.get(dimension) ?? 0] ?? options[0]!;
  }) as FormPicker;
  return { pick, dimensions };
}

/** The option a script names for each dimension, the first for any other. */
export function scriptedPicker(script: ReadonlyMap<string, number>): FormPicker {
  return recordingPicker(script).pick;
}

/** The first option whose text matches `pattern` in every dimension that has one, else the first. */
export function preferringPicker(pattern: RegExp): FormPicker {
  return (<T>(_dimension: string, options: readonly FormOption<T>[]): FormOption<T> =>
    options.find((option) => pattern.test(option.text)) ?? options[0]!) as FormPicker;
}

/**
 * Scripts that reach every option (by its text) of every dimension a planner offers, each
 * changing one dimension from a script that reached it: a dimension that exists only in some
 * forms (the keepdims of a Reduce*) is reached through the choice that makes it exist. The empty
 * script, the first form, comes first.
 */
export function everyOption(plan: (pick: FormPicker) => void): { script: Map<string, number>; dimension?: string; option?: string }[] {
  const scripts: { script: Map<string, number>; dimension?: string; option?: string }[] = [{ script: new Map() }];
  const reached = new Set<string>();
  for (let next = 0; next < scripts.length; next++) {
    const { script } = scripts[next]!;
    const { pick, dimensions } = recordingPicker(script);
    plan(pick);
    for (const [dimension, options] of dimensions) reached.add(`${dimension}=${options[script.get(dimension) ?? 0]}`);
    for (const [dimension, options] of dimensions) {
      options.forEach((option, index) => {
        if (reached.has(`${dimension}=${option}`)) return;
        reached.add(`${dimension}=${option}`);
        scripts.push({ script: new Map(script).set(dimension, index), dimension, option });
      });
    }
  }
  return scripts;
}
