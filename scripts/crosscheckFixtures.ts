/**
 * `npm run fixtures:crosscheck`: runs every golden fixture through real implementations (TF.js
 * CPU and ONNX Runtime), each under the convention it follows, and writes the agreement matrix
 * fixtures/AGREEMENT.md: per fixture and framework, agrees, differs (with the largest error),
 * not expressible, or not claimed under that framework's convention. Every disagreement must be
 * explained in fixtures/crosscheck-explanations.json (a documented divergence, a framework bug,
 * or a fixture bug to fix); the script exits 1 when one is not, or when an explanation matches
 * nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUnsupportedCase, type Adapter } from '../src/adapter/Adapter.js';
import { onnxruntimeAdapter } from '../src/adapter/onnxruntimeAdapter.js';
import { tfjsAdapter } from '../src/adapter/tfjsAdapter.js';
import type { ConventionName } from '../src/conventions.js';
import type { Feature } from '../src/features.js';
import type { Fixture } from '../src/Fixture.js';
import { decodeFixtureTensor } from '../src/fixtureValues.js';
import { loadFixtures } from '../src/loadFixtures.js';
import { packageRoot } from '../src/packageRoot.js';
import { planConv } from '../src/planConv.js';
import { planDense } from '../src/planDense.js';
import { planGlobalPool } from '../src/planGlobalPool.js';
import { planPad } from '../src/pad.js';
import { planPool } from '../src/planPool.js';
import { planLayer } from '../src/planLayer.js';
import type { LayerSpec } from '../src/LayerSpec.js';
import { zeroSignFree } from '../src/runFixture.js';
import { compareWithTolerance } from '../src/tolerance.js';

interface Framework {
  key: string;
  convention: ConventionName;
  create: () => Promise<Adapter>;
}

export const FRAMEWORKS: Framework[] = [
  { key: 'tfjs-cpu', convention: 'tfjs', create: () => tfjsAdapter('cpu') },
  { key: 'onnxruntime-node', convention: 'onnx', create: () => onnxruntimeAdapter() },
];

export type Verdict =
  | { status: 'agrees' }
  | { status: 'differs'; detail: string }
  | { status: 'not-expressible'; detail: string }
  | { status: 'other-convention' };

export interface Explanation {
  framework: string;
  /** A fixture id, or a prefix ending in `*`. */
  fixture: string;
  kind: 'divergence' | 'framework-bug' | 'fixture-bug';
  clause?: string;
  link?: string;
  note: string;
}

/** Features a fixture uses, by planning it under a convention. */
function featuresOf(fixture: Exclude<Fixture, { op: 'model' }>, convention: ConventionName): Feature[] {
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

async function callAdapter(adapter: Adapter, fixture: Exclude<Fixture, { op: 'model' }>) {
  const input = decodeFixtureTensor(fixture.inputs.input);
  switch (fixture.op) {
    case 'conv': {
      const bias = fixture.inputs.bias && decodeFixtureTensor(fixture.inputs.bias);
      return adapter.conv!({ input, weight: decodeFixtureTensor(fixture.inputs.weight), ...(bias ? { bias } : {}), params: fixture.params });
    }
    case 'pool':
      return adapter.pool!({ input, params: fixture.params });
    case 'global-pool':
      return adapter.globalPool!({ input, params: fixture.params });
    case 'dense': {
      const bias = fixture.inputs.bias && decodeFixtureTensor(fixture.inputs.bias);
      return adapter.dense!({ input, weight: decodeFixtureTensor(fixture.inputs.weight), ...(bias ? { bias } : {}), params: fixture.params });
    }
    case 'pad':
      return adapter.pad!({ input, params: fixture.params });
  }
}

const METHODS = { conv: 'conv', pool: 'pool', 'global-pool': 'globalPool', dense: 'dense', pad: 'pad' } as const;

async function judgeModel(adapter: Adapter, fixture: Extract<Fixture, { op: 'model' }>): Promise<Verdict> {
  if (typeof adapter.outputShape !== 'function' || typeof adapter.paramCount !== 'function') {
    return { status: 'not-expressible', detail: 'no shape inference or parameter counting' };
  }
  if ('error' in fixture.expected) return { status: 'not-expressible', detail: 'model error fixtures need the runner' };
  let shape = fixture.params.input;
  for (const [index, layer] of fixture.params.layers.entries()) {
    const request = { layer: layer as LayerSpec, inputShape: shape, layout: fixture.params.layout };
    const expected = fixture.expected.layers[index]!;
    const [outputShape, params] = [await adapter.outputShape(request), await adapter.paramCount(request)];
    if (JSON.stringify(outputShape) !== JSON.stringify(expected.outputShape) || params !== expected.params) {
      return { status: 'differs', detail: `layer ${index}: shape [${outputShape}] params ${params}` };
    }
    shape = planLayer(layer as LayerSpec, shape, { layout: fixture.params.layout }).outputShape;
  }
  return { status: 'agrees' };
}

export async function judge(adapter: Adapter, framework: Framework, fixture: Fixture): Promise<Verdict> {
  if (!fixture.conventions.includes(framework.convention)) return { status: 'other-convention' };
  if (fixture.op === 'model') return judgeModel(adapter, fixture);
  if (typeof adapter[METHODS[fixture.op]] !== 'function') return { status: 'not-expressible', detail: `no ${METHODS[fixture.op]}` };
  if ('output' in fixture.expected) {
    const missing = featuresOf(fixture, framework.convention).filter((feature) => !adapter.features.includes(feature));
    if (missing.length > 0) return { status: 'not-expressible', detail: `feature ${missing.join(', ')}` };
  }
  let output;
  try {
    output = await callAdapter(adapter, fixture);
  } catch (error) {
    if (isUnsupportedCase(error)) return { status: 'not-expressible', detail: (error as Error).message };
    if ('error' in fixture.expected) return { status: 'agrees' };
    return { status: 'differs', detail: `threw: ${(error as Error).message.split('\n')[0]!.slice(0, 160)}` };
  }
  if ('error' in fixture.expected) return { status: 'differs', detail: `answered ${fixture.expected.error.code} with shape [${output.shape}]` };
  const expected = decodeFixtureTensor(fixture.expected.output);
  const report = compareWithTolerance(expected, output, { kind: 'exact', zeroSignFree: zeroSignFree(fixture) });
  if (report.pass) return { status: 'agrees' };
  if (report.shapeMismatch) return { status: 'differs', detail: `shape [${report.shapeMismatch.actual}] instead of [${report.shapeMismatch.expected}]` };
  let maxError = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const e = expected.data[i]!;
    const a = output.data[i]!;
    if (!Object.is(e, a) && !(Number.isNaN(e) && Number.isNaN(a))) maxError = Math.max(maxError, Math.abs(e - a));
  }
  const worst = report.worst!;
  return { status: 'differs', detail: `${report.failures}/${report.elements} elements, max error ${Number.isNaN(maxError) ? 'NaN' : maxError}; e.g. [${worst.index}] ${worst.actual} for ${worst.expected}` };
}

const matches = (explanation: Explanation, framework: string, id: string): boolean =>
  explanation.framework === framework && (explanation.fixture.endsWith('*') ? id.startsWith(explanation.fixture.slice(0, -1)) : id === explanation.fixture);

async function main(): Promise<void> {
  const root = packageRoot();
  const fixtures = loadFixtures().map(({ fixture }) => fixture);
  const explanations = JSON.parse(readFileSync(join(root, 'fixtures', 'crosscheck-explanations.json'), 'utf8')) as Explanation[];
  const verdicts = new Map<string, Map<string, Verdict>>();
  const versions: string[] = [];
  for (const framework of FRAMEWORKS) {
    const adapter = await framework.create();
    versions.push(`${framework.key} ${adapter.version} (convention ${framework.convention})`);
    const column = new Map<string, Verdict>();
    for (const fixture of fixtures) column.set(fixture.id, await judge(adapter, framework, fixture));
    await adapter.dispose?.();
    verdicts.set(framework.key, column);
  }
  const unexplained: string[] = [];
  const used = new Set<Explanation>();
  const lines: string[] = [];
  const rows: string[] = [];
  for (const fixture of fixtures) {
    const cells = FRAMEWORKS.map((framework) => {
      const verdict = verdicts.get(framework.key)!.get(fixture.id)!;
      if (verdict.status === 'agrees') return 'agrees';
      if (verdict.status === 'other-convention') return '—';
      if (verdict.status === 'not-expressible') return `not expressible (${verdict.detail})`;
      const explanation = explanations.find((e) => matches(e, framework.key, fixture.id));
      if (explanation === undefined) unexplained.push(`${framework.key} ${fixture.id}: ${verdict.detail}`);
      else used.add(explanation);
      const tag = explanation === undefined ? 'UNEXPLAINED' : explanation.kind;
      lines.push(`| \`${fixture.id}\` | ${framework.key} | ${verdict.detail.replace(/\|/g, '\\|')} | ${tag}${explanation?.clause ? ` ([${explanation.clause}](../spec/${clauseFile(explanation.clause)}#${explanation.clause}))` : ''}${explanation?.link ? ` [link](${explanation.link})` : ''} | ${explanation?.note ?? ''} |`);
      return `**differs** (${tag})`;
    });
    rows.push(`| \`${fixture.id}\` | ${cells.join(' | ')} |`);
  }
  const stale = explanations.filter((e) => !used.has(e)).map((e) => `${e.framework} ${e.fixture}`);
  const summary = FRAMEWORKS.map((framework) => {
    const counts = { agrees: 0, differs: 0, 'not-expressible': 0, 'other-convention': 0 };
    for (const verdict of verdicts.get(framework.key)!.values()) counts[verdict.status] += 1;
    return `| ${framework.key} | ${counts.agrees} | ${counts.differs} | ${counts['not-expressible']} | ${counts['other-convention']} |`;
  });
  const document = [
    '# Fixture agreement matrix',
    '',
    'Every golden fixture run through real implementations, each under the convention it follows',
    '(`npm run fixtures:crosscheck`, which rewrites this file). Cells: **agrees** (exact, the sign of a',
    "zero result of a sum aside); **differs** with the reason it is accepted; **not expressible** when",
    "the framework cannot state the case; **—** when the fixture does not claim the framework's",
    'convention (it holds under others). Every disagreement is explained in',
    '[`crosscheck-explanations.json`](crosscheck-explanations.json).',
    '',
    `Run with: ${versions.join('; ')}; ${fixtures.length} fixtures.`,
    '',
    '| framework | agrees | differs | not expressible | other convention |',
    '| --- | --- | --- | --- | --- |',
    ...summary,
    '',
    '## Disagreements',
    '',
    '| fixture | framework | what the framework does | explanation | note |',
    '| --- | --- | --- | --- | --- |',
    ...lines,
    '',
    '## Every fixture',
    '',
    `| fixture | ${FRAMEWORKS.map((f) => f.key).join(' | ')} |`,
    `| --- | ${FRAMEWORKS.map(() => '---').join(' | ')} |`,
    ...rows,
    '',
  ].join('\n');
  writeFileSync(join(root, 'fixtures', 'AGREEMENT.md'), document);
  console.log(summary.join('\n'));
  if (unexplained.length > 0) console.error(`unexplained disagreements:\n  ${unexplained.join('\n  ')}`);
  if (stale.length > 0) console.error(`explanations that match no disagreement:\n  ${stale.join('\n  ')}`);
  if (unexplained.length > 0 || stale.length > 0) process.exitCode = 1;
}

let clauseFiles: Map<string, string> | undefined;
function clauseFile(id: string): string {
  clauseFiles ??= new Map(
    (JSON.parse(readFileSync(join(packageRoot(), 'spec', 'clauses.json'), 'utf8')) as { clauses: { id: string; file: string }[] }).clauses.map((c) => [c.id, c.file]),
  );
  return clauseFiles.get(id) ?? 'README.md';
}

if (process.argv[1]?.endsWith('crosscheckFixtures.ts')) await main();
