/**
 * Runs a golden fixture through an adapter and compares the result with the expectation, the
 * way the conformance runner and the fixture cross-check both need it.
 */
import { isAdapterFault, isInputModified, isRejection, isUnsupportedCase, type Adapter } from '../ops/Adapter.js';
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { concreteConventions } from '../spec/concreteConventions.js';
import type { ConventionName, ConventionSpec } from '../spec/conventions.js';
import type { Feature } from '../spec/features.js';
import type { Fixture, FixtureConvention } from '../fixtures/Fixture.js';
import { decodeFixtureTensor } from '../fixtures/fixtureValues.js';
import type { LayerSpec } from '../shape/LayerSpec.js';
import { planPad } from '../ops/pad/pad.js';
import { planConv } from '../ops/conv/planConv.js';
import { planDense } from '../ops/dense/planDense.js';
import { planGlobalPool } from '../ops/global-pool/planGlobalPool.js';
import { planLayer } from '../shape/planLayer.js';
import { planPool } from '../ops/pool/planPool.js';
import { zeroSignFree } from '../fixtures/runFixture.js';
import type { Tensor } from '../tensor/tensor.js';
import { judgeTensor, rejectionConforms, requiredError } from '../judge/conformingOutcomes.js';
import type { Alternative, ComparisonReport } from '../judge/tolerance.js';
import { answerForm } from './answerForm.js';
import { fixtureOutcomes } from './fixtureOutcomes.js';
import { buildEvidence, type EvidenceCall } from './buildEvidence.js';
import { invokeAdapter } from './invokeAdapter.js';
import { readOnlyInputs } from './readOnlyInputs.js';
import type { FailureEvidence, FixtureComparison } from '../report/model/Report.js';

export type Verdict =
  | { status: 'agrees'; comparison?: FixtureComparison }
  | { status: 'differs'; detail: string; evidence?: FailureEvidence; comparison?: FixtureComparison }
  | { status: 'not-expressible'; detail: string }
  | { status: 'other-convention' };


/**
 * Features a fixture uses, by planning it under a convention, or under the first of its members
 * that accepts the call where the convention leaves a knob about validity open (spec:
 * convention.unspecified): the reference follows cnnspec's value, which may reject a call the
 * fixture expects an output of.
 */
export function fixtureFeatures(fixture: Exclude<Fixture, { op: 'model' }>, convention: ConventionName): Feature[] {
  let rejection: unknown;
  for (const member of [{ spec: convention as ConventionSpec }, ...concreteConventions(convention)]) {
    try {
      return planFeatures(fixture, member.spec);
    } catch (error) {
      if (!(error instanceof CnnSpecError)) throw error;
      rejection ??= error;
    }
  }
  throw rejection;
}

function planFeatures(fixture: Exclude<Fixture, { op: 'model' }>, convention: ConventionSpec): Feature[] {
  const input = fixture.inputs.input.shape;
  switch (fixture.op) {
    case 'conv':
      return planConv({ ...fixture.params, convention }, input, fixture.inputs.weight.shape, fixture.inputs.bias?.shape).features.map((f) => f.feature);
    case 'pool':
      return planPool({ ...fixture.params, convention }, input).features.map((f) => f.feature);
    case 'global-pool':
      return planGlobalPool({ ...fixture.params, convention }, input).pool.features.map((f) => f.feature);
    case 'dense':
      return planDense({ ...fixture.params, convention }, input, fixture.inputs.weight.shape, fixture.inputs.bias?.shape).features.map((f) => f.feature);
    case 'pad':
      return planPad({ ...fixture.params, convention }, input).features.map((f) => f.feature);
  }
}

/** The adapter call a fixture makes: its op and request, decoded from the fixture. */
function fixtureCall(fixture: Exclude<Fixture, { op: 'model' }>): EvidenceCall {
  const input = decodeFixtureTensor(fixture.inputs.input);
  switch (fixture.op) {
    case 'conv': {
      const bias = fixture.inputs.bias && decodeFixtureTensor(fixture.inputs.bias);
      return { op: 'conv', request: { input, weight: decodeFixtureTensor(fixture.inputs.weight), ...(bias ? { bias } : {}), params: fixture.params } };
    }
    case 'pool':
      return { op: 'pool', request: { input, params: fixture.params } };
    case 'global-pool':
      return { op: 'global-pool', request: { input, params: fixture.params } };
    case 'dense': {
      const bias = fixture.inputs.bias && decodeFixtureTensor(fixture.inputs.bias);
      return { op: 'dense', request: { input, weight: decodeFixtureTensor(fixture.inputs.weight), ...(bias ? { bias } : {}), params: fixture.params } };
    }
    case 'pad':
      return { op: 'pad', request: { input, params: fixture.params } };
  }
}

const METHODS = { conv: 'conv', pool: 'pool', 'global-pool': 'globalPool', dense: 'dense', pad: 'pad' } as const;

/** What a call threw, for a verdict: the first line of the adapter's message, cut; the kit's own InputModified whole. */
function thrownMessage(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  return isInputModified(error) ? message : message.split('\n')[0]!.slice(0, 160);
}

async function judgeModel(adapter: Adapter, fixture: Extract<Fixture, { op: 'model' }>): Promise<Verdict> {
  if (typeof adapter.outputShape !== 'function' || typeof adapter.paramCount !== 'function') {
    return { status: 'not-expressible', detail: 'no shape inference or parameter counting' };
  }
  if ('error' in fixture.expected) return { status: 'not-expressible', detail: 'model error fixtures need the runner' };
  let shape = fixture.params.input;
  for (const [index, layer] of fixture.params.layers.entries()) {
    const request = { layer: layer as LayerSpec, inputShape: shape, layout: fixture.params.layout };
    const expected = fixture.expected.layers[index]!;
    let outputShape: number[];
    let params: number;
    try {
      [outputShape, params] = [await adapter.outputShape(request), await adapter.paramCount(request)];
    } catch (error) {
      if (isUnsupportedCase(error)) return { status: 'not-expressible', detail: (error as Error).message };
      return { status: 'differs', detail: `layer ${index} threw: ${thrownMessage(error)}` };
    }
    if (JSON.stringify(outputShape) !== JSON.stringify(expected.outputShape) || params !== expected.params) {
      return { status: 'differs', detail: `layer ${index}: shape [${outputShape}] params ${params}` };
    }
    shape = planLayer(layer as LayerSpec, shape, { layout: fixture.params.layout }).outputShape;
  }
  return { status: 'agrees' };
}

/**
 * Judges an adapter on one fixture under the adapter's convention: agrees, differs (with what the
 * adapter did), not expressible (a feature, a method or a case it cannot state), or not claimed
 * under that convention.
 */
export async function judgeFixture(given: Adapter, convention: ConventionName, fixture: Fixture): Promise<Verdict> {
  if (!fixture.conventions.includes(convention as FixtureConvention)) return { status: 'other-convention' };
  // fixture records are shared by every run: a call works on copies (spec: conformance.inputs-read-only)
  const adapter = readOnlyInputs(given);
  if (fixture.op === 'model') return judgeModel(adapter, fixture);
  if (typeof adapter[METHODS[fixture.op]] !== 'function') return { status: 'not-expressible', detail: `no ${METHODS[fixture.op]}` };
  if ('output' in fixture.expected) {
    const missing = fixtureFeatures(fixture, convention).filter((feature) => !adapter.features.includes(feature));
    if (missing.length > 0) return { status: 'not-expressible', detail: `feature ${missing.join(', ')}` };
  }
  const call = fixtureCall(fixture);
  // spec: conformance.tolerance, convention.unspecified — the fixture's outcomes and tolerance
  const outcomes = fixtureOutcomes(fixture, call, convention);
  const tensorOutcome = outcomes.outcomes.find((outcome) => outcome.kind === 'tensor');
  const shown = tensorOutcome?.kind === 'tensor' ? tensorOutcome.alternatives[0] : undefined;
  // spec: conformance.api-forms — the form the adapter named, on its answer or on its error
  let form: string | undefined;
  const evidence = (actual: Tensor | undefined, comparison: string, failing?: { alternatives: Alternative[] }): FailureEvidence =>
    buildEvidence(call, convention, {
      ...(shown === undefined ? {} : { expected: shown.output }),
      ...(actual === undefined ? {} : { actual }),
      tolerance: shown?.tolerance ?? { kind: 'exact', zeroSignFree: zeroSignFree(fixture) },
      ...(failing === undefined || failing.alternatives.length < 2 ? {} : { alternatives: failing.alternatives }),
      comparison,
      ...(form === undefined ? {} : { form }),
    });
  const open = outcomes.open.length === 0 ? '' : ` (convention ${convention} leaves ${outcomes.open.join(', ')} open)`;
  let output: Tensor;
  try {
    output = await invokeAdapter(adapter, call);
    form = answerForm(output);
  } catch (error) {
    if (isUnsupportedCase(error)) return { status: 'not-expressible', detail: (error as Error).message };
    form = answerForm(error);
    const message = thrownMessage(error);
    // a timeout, a crash, a broken answer or a changed input is not the rejection an error fixture asks for
    if (!isRejection(error)) {
      const detail = isAdapterFault(error) ? `adapter fault: ${message}` : message;
      return { status: 'differs', detail, evidence: evidence(undefined, `the adapter's ${METHODS[fixture.op]} call failed: ${message}`) };
    }
    if (rejectionConforms(outcomes)) return { status: 'agrees' };
    return { status: 'differs', detail: `threw: ${message}${open}`, evidence: evidence(undefined, `the adapter's ${METHODS[fixture.op]} call threw: ${message}`) };
  }
  const judged = judgeTensor(outcomes, output);
  if (judged.pass) return { status: 'agrees', comparison: comparisonSummary(judged.report!, judged.outcome!.alternatives.length, outcomes.open) };
  if (judged.report === undefined) {
    const code = 'error' in fixture.expected ? fixture.expected.error.code : requiredError(outcomes)?.code ?? '';
    return { status: 'differs', detail: `answered ${code} with shape [${output.shape}]`, evidence: evidence(output, `the spec requires the error ${code}; the adapter answered`) };
  }
  const report = judged.report;
  const alternatives = judged.outcome!.alternatives.map((alternative) => ({ expected: alternative.output, tolerance: alternative.tolerance }));
  const bound = ` (${report.metric} bound${report.metric === 'exact' ? '' : `, ${report.maxUlp} ulp`})`;
  const differs = (detail: string): Verdict => ({
    status: 'differs',
    detail: `${detail}${report.shapeMismatch ? '' : bound}${open}`,
    evidence: evidence(output, `the adapter's ${METHODS[fixture.op]} against the fixture's expected output`, { alternatives }),
    comparison: comparisonSummary(report, alternatives.length, outcomes.open),
  });
  if (report.shapeMismatch) return differs(`shape [${report.shapeMismatch.actual}] instead of [${report.shapeMismatch.expected}]`);
  const worst = report.worst!;
  let maxError = 0;
  for (const index of judged.failing) maxError = Math.max(maxError, Math.abs(output.data[index]! - shown!.output.data[index]!));
  return differs(`${report.failures}/${report.elements} elements, max error ${Number.isNaN(maxError) ? 'NaN' : maxError}; e.g. [${worst.index}] ${worst.actual} for ${worst.expected}`);
}

/** How a fixture's comparison went: the bound used and the room left, for the report. */
function comparisonSummary(report: ComparisonReport, alternatives: number, open: readonly string[]): FixtureComparison {
  return {
    metric: report.metric,
    margin: Number.isFinite(report.margin) ? report.margin : null,
    maxUlp: Number.isFinite(report.maxUlp) ? report.maxUlp : null,
    ...(report.ulpBudget === undefined ? {} : { ulpBudget: report.ulpBudget }),
    ...(open.length === 0 ? {} : { open: [...open], alternatives }),
  };
}

