/**
 * A convention that leaves open knobs unspecified stands for a set of fully specified
 * conventions, one per combination of the values those knobs can take. An implementation
 * conforms when it behaves as one of them (per call), or, for `element` knobs, as one of them at
 * each output element.
 *
 * @see spec:convention.unspecified
 */
import { OPEN_KNOBS, resolveConvention, type Convention, type ConventionKnobs, type ConventionSpec, type OpenKnob } from './conventions.js';

/** One fully specified member of a convention's set: its spec and the values it gives the open knobs. */
export interface ConcreteConvention {
  spec: ConventionSpec;
  /** The value each unspecified knob (of those asked about) takes in this member. */
  choices: Partial<{ [K in OpenKnob]: ConventionKnobs[K] }>;
}

/** The values a knob may take under a convention: its own, or every value where it is unspecified. */
export function knobChoices<K extends OpenKnob>(convention: Convention, knob: K): readonly ConventionKnobs[K][] {
  return (convention.open[knob] as readonly ConventionKnobs[K][] | undefined) ?? [convention[knob]];
}

/**
 * The fully specified conventions a convention stands for, varying only the given knobs (those
 * that can affect the call at hand) that it leaves unspecified. A convention with none of them
 * unspecified stands for itself.
 */
export function concreteConventions(
  spec: ConventionSpec,
  knobs: readonly OpenKnob[] = Object.keys(OPEN_KNOBS) as OpenKnob[],
): ConcreteConvention[] {
  const convention = resolveConvention(spec);
  const open = knobs.filter((knob) => convention.unspecified.includes(knob));
  if (open.length === 0) return [{ spec, choices: {} }];
  const base = typeof spec === 'string' ? spec : spec.base;
  const overrides = typeof spec === 'string' ? {} : spec.overrides;
  let members: ConcreteConvention['choices'][] = [{}];
  for (const knob of open) {
    members = members.flatMap((choices) => knobChoices(convention, knob).map((value) => ({ ...choices, [knob]: value })));
  }
  return members.map((choices) => ({ spec: { base, overrides: { ...overrides, ...choices } }, choices }));
}

/**
 * A convention as given, then each fully specified member it stands for: the order in which the
 * reference is asked, so that its own value comes first where the convention leaves a knob open
 * (spec: convention.unspecified).
 */
export function conventionAndMembers(spec: ConventionSpec): ConventionSpec[] {
  return [spec, ...concreteConventions(spec).map((member) => member.spec)];
}

/** The part of a member's choices that holds for a whole call (its `call` knobs), as a stable key. */
export function callChoicesKey(choices: ConcreteConvention['choices']): string {
  return JSON.stringify(
    Object.entries(choices)
      .filter(([knob]) => OPEN_KNOBS[knob as OpenKnob] === 'call')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
