/**
 * The outcomes that conform for one call under a convention. Where the convention fixes every
 * knob that can affect the call, there is one: an error, or a tensor. Where it leaves some open,
 * each fully specified member of the convention gives its outcome, and an implementation
 * conforms when it gives one of them: the same error or tensor as one member for the whole call
 * (`call` knobs), while each element may come from any member that agrees with it on the call
 * knobs (`element` knobs: a window's NaN, an empty window).
 *
 * @see spec:convention.unspecified
 */
import { callChoicesKey, concreteConventions, type ConcreteConvention } from '../spec/concreteConventions.js';
import type { ConventionSpec, OpenKnob } from '../spec/conventions.js';
import { CnnSpecError } from '../spec/CnnSpecError.js';
import type { Tensor } from '../tensor/tensor.js';
import { compareWithAlternatives, type ComparisonReport, type Tolerance } from './tolerance.js';
import { opOf, type OpCall } from '../ops/registry.js';

/** A result of one member, with the tolerance it is judged with. */
export interface OutcomeTensor {
  output: Tensor;
  tolerance: Tolerance;
  choices: ConcreteConvention['choices'];
}

/** What the members that agree on the call knobs require: an error, or one of some tensors per element. */
export type CallOutcome =
  | { kind: 'error'; error: CnnSpecError; choices: ConcreteConvention['choices'] }
  | { kind: 'tensor'; alternatives: OutcomeTensor[]; choices: ConcreteConvention['choices'] };

export interface ConformingOutcomes {
  outcomes: CallOutcome[];
  /** The knobs the convention leaves open whose value changes this call's outcome. */
  open: OpenKnob[];
}

/** The open knobs that can change the result of a call. */
export function openKnobsOf(call: OpCall): OpenKnob[] {
  return opOf(call.op).openKnobs(call.request.params);
}

const sameBits = (a: Tensor, b: Tensor): boolean => {
  if (a.shape.length !== b.shape.length || a.shape.some((size, axis) => size !== b.shape[axis]) || a.data.length !== b.data.length)
    return false;
  for (let index = 0; index < a.data.length; index++) if (!Object.is(a.data[index], b.data[index])) return false;
  return true;
};

/**
 * Evaluates a call under every member of a convention that the given knobs distinguish.
 * `evaluate` computes the expected tensor and its tolerance under a fully specified convention,
 * and throws a CnnSpecError where that member rejects the call.
 */
export function conformingOutcomes(
  spec: ConventionSpec,
  knobs: readonly OpenKnob[],
  evaluate: (member: ConventionSpec) => { output: Tensor; tolerance: Tolerance },
): ConformingOutcomes {
  const members = concreteConventions(spec, knobs);
  const groups = new Map<string, CallOutcome>();
  // What each member answers, as a key: the knobs whose value changes it are the open ones.
  const answers = new Map<ConcreteConvention, string>();
  for (const member of members) {
    const key = callChoicesKey(member.choices);
    let result: { output: Tensor; tolerance: Tolerance } | CnnSpecError;
    try {
      result = evaluate(member.spec);
    } catch (error) {
      if (!(error instanceof CnnSpecError)) throw error;
      result = error;
    }
    answers.set(member, result instanceof CnnSpecError ? `error ${result.code}` : answerKey(result.output));
    const group = groups.get(key);
    if (result instanceof CnnSpecError) {
      // Element knobs never decide whether a call is valid, so a group is all errors or all tensors.
      if (group === undefined) groups.set(key, { kind: 'error', error: result, choices: member.choices });
      continue;
    }
    if (group === undefined) {
      groups.set(key, { kind: 'tensor', alternatives: [{ ...result, choices: member.choices }], choices: member.choices });
    } else if (group.kind === 'tensor' && !group.alternatives.some((alternative) => sameBits(alternative.output, result.output))) {
      group.alternatives.push({ ...result, choices: member.choices });
    }
  }
  // A knob is open for this call when two members that differ in it alone answer differently.
  const open = (Object.keys(members[0]!.choices) as OpenKnob[]).filter((knob) =>
    members.some((member) =>
      members.some(
        (other) =>
          other.choices[knob] !== member.choices[knob] &&
          Object.keys(member.choices).every((k) => k === knob || other.choices[k as OpenKnob] === member.choices[k as OpenKnob]) &&
          answers.get(other) !== answers.get(member),
      ),
    ),
  );
  return { outcomes: [...groups.values()], open };
}

/** A tensor as a key: its shape and the bits of every element. */
const answerKey = (tensor: Tensor): string =>
  `${tensor.shape.join(',')}:${Array.from(new Uint32Array(Float32Array.from(tensor.data).buffer)).join(',')}`;

/** The tensor outcomes, first those fixed for every member. */
const tensorOutcomes = (outcomes: ConformingOutcomes): Extract<CallOutcome, { kind: 'tensor' }>[] =>
  outcomes.outcomes.filter((outcome): outcome is Extract<CallOutcome, { kind: 'tensor' }> => outcome.kind === 'tensor');

/** Whether rejecting the call conforms: some member rejects it. */
export function rejectionConforms(outcomes: ConformingOutcomes): boolean {
  return outcomes.outcomes.some((outcome) => outcome.kind === 'error');
}

/** The error a member requires, for messages; undefined when every member answers with a tensor. */
export function requiredError(outcomes: ConformingOutcomes): CnnSpecError | undefined {
  const outcome = outcomes.outcomes.find((candidate) => candidate.kind === 'error');
  return outcome?.kind === 'error' ? outcome.error : undefined;
}

export interface TensorJudgement {
  pass: boolean;
  /** The comparison with the outcome that fits best (undefined when every member requires an error). */
  report?: ComparisonReport;
  /** That outcome. */
  outcome?: Extract<CallOutcome, { kind: 'tensor' }>;
  /** Flat indices of the elements outside every alternative's bound, for that outcome. */
  failing: number[];
}

/** Judges a tensor an implementation answered against the conforming outcomes. */
export function judgeTensor(outcomes: ConformingOutcomes, actual: { shape: readonly number[]; data: ArrayLike<number> }): TensorJudgement {
  let best: TensorJudgement = { pass: false, failing: [] };
  for (const outcome of tensorOutcomes(outcomes)) {
    const failing: number[] = [];
    const report = compareWithAlternatives(
      outcome.alternatives.map((alternative) => ({ expected: alternative.output, tolerance: alternative.tolerance })),
      actual,
      failing,
    );
    if (report.pass) return { pass: true, report, outcome, failing };
    if (best.report === undefined || report.failures < best.report.failures) best = { pass: false, report, outcome, failing };
  }
  return best;
}
