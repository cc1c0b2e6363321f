/**
 * Builds a parameter's per-convention defaults from the convention records, so that a parameter
 * table never restates what src/spec/conventions.ts already says.
 */
import { CONVENTION_NAMES, CONVENTIONS, type Convention, type ConventionName, type OpenKnob } from '../spec/conventions.js';
import type { ParameterDefault } from './ParameterRow.js';

/** The default each named convention gives, computed from its record. */
export function conventionDefaults(of: (convention: Convention) => ParameterDefault): Readonly<Record<ConventionName, ParameterDefault>> {
  return Object.freeze(
    Object.fromEntries(CONVENTION_NAMES.map((name) => [name, of(CONVENTIONS[name])])) as Record<ConventionName, ParameterDefault>,
  );
}

/** The same default under every convention. */
export function fixedDefault(value: string | number | boolean): Readonly<Record<ConventionName, ParameterDefault>> {
  return conventionDefaults(() => ({ kind: 'value', value }));
}

/** No default under any convention: the parameter is required. */
export const REQUIRED: Readonly<Record<ConventionName, ParameterDefault>> = conventionDefaults(() => ({ kind: 'required' }));

/**
 * A knob's value as the default, or the values it leaves open where the convention leaves it
 * unspecified (spec: convention.unspecified).
 */
export function knobDefault<K extends keyof Convention>(convention: Convention, knob: K): ParameterDefault {
  const open = convention.open[knob as OpenKnob] as readonly (string | number | boolean)[] | undefined;
  if (open !== undefined) return { kind: 'open', values: open };
  return { kind: 'value', value: convention[knob] as string | number | boolean };
}
