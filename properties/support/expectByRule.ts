/**
 * Judges the answer to an invalid call or layer by the rule its convention has for the case's
 * kind (src/spec/parameterRules.ts, spec: error.parameter-range, convention.unspecified): where the
 * convention's own rule declares the case invalid, only a rejection passes; where its sources
 * give no rule, a rejection passes and so does any answer of the right kind (a tensor, a shape of
 * sizes, a count), whose values the spec does not define. An answer of the wrong kind is the
 * adapter's fault either way (spec: conformance.adapter).
 */
import type { AdapterOp } from '../../src/ops/Adapter.js';
import { isRejection } from '../../src/ops/Adapter.js';
import type { ConventionSpec } from '../../src/spec/conventions.js';
import { PARAMETER_KINDS, parameterRule, ruleConvention, type ParameterKind, type ParameterRule } from '../../src/spec/parameterRules.js';
import { checkAdapterAnswer } from '../../src/adapter/checkAdapterAnswer.js';
import { PropertyViolation } from '../PropertyDefinition.js';
import { describeAnswer, expectRejected } from './expectRejected.js';

/** The rule's reason in words, for messages: the source a rejection is required by. */
export function ruleReason(convention: ConventionSpec, kind: ParameterKind, rule: ParameterRule = parameterRule(convention, kind)): string {
  const name = ruleConvention(convention);
  switch (rule.rule) {
    case 'reject':
      return name === 'cnnspec' ? rule.source : `under ${name}: ${rule.source}`;
    case 'unspecified':
      return `no rule under ${name} (${rule.why})`;
    case 'defined':
      return `defined under ${name}: ${rule.source}`;
    case 'limit':
      return `beyond the limit (spec: error.limits): ${rule.why}`;
  }
}

/** Throws when an answer is not of the kind the op gives: a tensor, a shape of sizes >= 0, a count >= 0. */
export function expectAnswerOfKind(op: AdapterOp, answer: unknown): void {
  checkAdapterAnswer(op, answer);
  if (op === 'outputShape' && (answer as number[]).some((size) => size < 0)) {
    throw new PropertyViolation(
      `the adapter's shape inference answered [${(answer as number[]).join(', ')}], which is not a shape (a size below 0)`,
      { answer: describeAnswer(answer) },
    );
  }
  if (op === 'paramCount' && (answer as number) < 0)
    throw new PropertyViolation(`the adapter's parameter count answered ${String(answer)}, below 0`, { answer: describeAnswer(answer) });
}

/**
 * Resolves when the answer conforms to the rule of `kind` under the convention; throws a
 * PropertyViolation that starts with `what` otherwise.
 */
export async function expectByRule(
  convention: ConventionSpec,
  kind: ParameterKind,
  op: AdapterOp,
  invoke: () => Promise<unknown>,
  what: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const rule = parameterRule(convention, kind);
  const facts = { ...details, parameterKind: kind, rule: rule.rule };
  switch (rule.rule) {
    case 'reject':
      await expectRejected(invoke, `${what}: ${PARAMETER_KINDS[kind].title} is invalid (${ruleReason(convention, kind, rule)})`, facts);
      return;
    case 'unspecified': {
      let answer: unknown;
      try {
        answer = await invoke();
      } catch (error) {
        if (!isRejection(error)) throw error;
        return;
      }
      // spec: convention.unspecified — the convention has no rule: an answer is not judged, but it must be one
      expectAnswerOfKind(op, answer);
      return;
    }
    case 'defined':
    case 'limit':
      throw new Error(`${what}: a case of kind ${kind} (${rule.rule} under ${ruleConvention(convention)}) is not judged by its rule alone`);
  }
}
