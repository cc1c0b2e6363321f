/**
 * The API form an adapter names travels from its answer (or its error) to the report (spec:
 * conformance.api-forms, conformance.adapter): the answer checks accept a string and refuse
 * anything else, the guard, the read-only copies and the error clean-up keep it, and property
 * and fixture failures carry it, with the forms of the case's other calls, in their evidence.
 */
import { describe, expect, it } from 'vitest';
import { AdapterFault, type Adapter, type AdapterOp, type TensorAnswer } from '../../src/ops/Adapter.js';
import { attachForm } from '../../src/adapter/attachForm.js';
import type { Fixture } from '../../src/fixtures/Fixture.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { renderMarkdown } from '../../src/report/renderMarkdown.js';
import { answerForm, MAX_FORM_LENGTH } from '../../src/adapter/answerForm.js';
import { checkAdapterAnswer } from '../../src/adapter/checkAdapterAnswer.js';
import { guardAdapter } from '../../src/runner/guardAdapter.js';
import { judgeFixture } from '../../src/fixtures/judgeFixture.js';
import { normalizeAdapterError } from '../../src/adapter/normalizeAdapterError.js';
import { readOnlyInputs } from '../../src/adapter/readOnlyInputs.js';
import { runConformance } from '../../src/runner/runConformance.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { MUTANTS } from '../mutants/mutants.js';

const flipped = MUTANTS.find((m) => m.name === 'flipped-kernel')!.adapter;
const TENSOR_OPS = ['conv', 'pool', 'globalPool', 'dense', 'pad'] as const;

/** The adapter with every answer naming its form `<op> call <n>`, counting calls. */
function namingForms(adapter: Adapter): Adapter {
  let calls = 0;
  const named: Record<string, unknown> = { ...adapter };
  for (const op of TENSOR_OPS) {
    const method = adapter[op] as ((request: unknown) => Promise<TensorAnswer>) | undefined;
    if (method === undefined) continue;
    named[op] = async (request: unknown): Promise<TensorAnswer> => {
      calls += 1;
      const form = `${op} call ${calls}`;
      try {
        return { ...(await method.call(adapter, request)), form };
      } catch (error) {
        throw attachForm(error, form);
      }
    };
  }
  return named as unknown as Adapter;
}

const convRequest = { input: makeTensor([1, 1, 3], [1, 2, 3]), weight: makeTensor([1, 1, 2], [1, -1]), params: {} };

describe('the API form of an answer (spec: conformance.api-forms)', () => {
  it('is a string, cut to its bounded length, with control characters escaped; anything else is no form', () => {
    expect(answerForm({ form: 'tf.conv2d(x, filter, strides=1, pad=1 (number))' })).toBe('tf.conv2d(x, filter, strides=1, pad=1 (number))');
    expect(answerForm({ form: `a\u001b[31mb` })).toBe('a\\u001b[31mb');
    expect(answerForm({ form: 'x'.repeat(MAX_FORM_LENGTH + 10) })).toBe(`${'x'.repeat(MAX_FORM_LENGTH)}…`);
    for (const value of [
      { form: 3 },
      { form: '' },
      {},
      null,
      'form',
      Object.defineProperty({}, 'form', {
        get: () => {
          throw new Error('no');
        },
      }),
    ]) {
      expect(answerForm(value)).toBeUndefined();
    }
  });

  it('is checked with the answer: a form that is not a string is an answer of the wrong kind (spec: conformance.adapter)', () => {
    const output = { shape: [1], data: new Float32Array(1) };
    expect(() => checkAdapterAnswer('conv', { ...output, form: 'Conv(pads=[0, 0])' })).not.toThrow();
    expect(() => checkAdapterAnswer('conv', { ...output, form: 42 })).toThrow(AdapterFault);
    expect(() => checkAdapterAnswer('conv', { ...output, form: 42 })).toThrow(/its form is the number 42, not a string/);
  });

  it('survives the guard and the read-only copies, on answers and on errors', async () => {
    const adapter = readOnlyInputs(guardAdapter(namingForms(flipped), 10_000));
    const answer = await adapter.conv!(convRequest);
    expect(answer.form).toBe('conv call 1');
    const error = (await adapter.pool!({ input: convRequest.input, params: { kind: 'max', kernel: [9] } }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { form?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error.form).toBe('pool call 2');
  });

  it('stays with an error whose message the kit has to replace', () => {
    const frozen = Object.freeze(Object.assign(new Error('bad\u0007message'), { form: 'Conv(auto_pad=VALID)' }));
    const cleaned = normalizeAdapterError('conv' as AdapterOp, frozen) as Error & { form?: string };
    expect(cleaned).not.toBe(frozen);
    expect(cleaned.message).toBe('bad\\u0007message');
    expect(cleaned.form).toBe('Conv(auto_pad=VALID)');
  });

  it("reaches the evidence of a property failure, with the forms of the case's other calls", async () => {
    const run = (adapter: Adapter, only: string) =>
      runConformance({
        adapter: namingForms(adapter),
        source: 'a mutant naming its forms',
        seed: 20261128,
        numRuns: 20,
        timeoutMs: 30_000,
        only: [only],
        fixtures: false,
        replay: (id, seed, path) => `replay ${id} ${seed} ${path}`,
      });
    const differential = (await run(flipped, 'conv/differential/exact-domain')).results[0]!;
    expect(differential.status).toBe('fail');
    expect(differential.evidence?.form).toMatch(/^conv call \d+$/);
    // conv with a bias against conv without one plus the bias: the adapter against itself
    const report = await run(MUTANTS.find((m) => m.name === 'bias-by-position')!.adapter, 'conv/bias/adds-a-constant-per-channel');
    const bias = report.results[0]!;
    expect(bias.status).toBe('fail');
    expect(bias.evidence?.form).toMatch(/^conv call \d+$/);
    expect(bias.evidence?.otherForms?.length).toBeGreaterThanOrEqual(1);
    expect(bias.evidence?.otherForms).not.toContain(bias.evidence?.form);
    for (const form of bias.evidence!.otherForms!) expect(form).toMatch(/^conv call \d+$/);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| test | status | clauses | message | API form |');
    expect(markdown).toContain(`${bias.evidence!.form}; other calls: ${bias.evidence!.otherForms!.join('; ')} |`);
  }, 60_000);

  it('reaches the evidence of a fixture failure, whether the call answered or threw', async () => {
    const fixtures = loadFixtures().map(({ fixture }) => fixture);
    const fixture = fixtures.find((f) => f.id === 'conv.seed-4x4-k3-valid')! as Fixture;
    const verdict = await judgeFixture(namingForms(flipped), 'cnnspec', fixture);
    expect(verdict.status).toBe('differs');
    expect(verdict.status === 'differs' && verdict.evidence?.form).toMatch(/^conv call \d+$/);
    const throwing: Adapter = namingForms({ ...flipped, conv: async () => Promise.reject(new Error('no convolution today')) });
    const thrown = await judgeFixture(throwing, 'cnnspec', fixture);
    expect(thrown.status === 'differs' && thrown.evidence?.form).toMatch(/^conv call \d+$/);
  });
});
