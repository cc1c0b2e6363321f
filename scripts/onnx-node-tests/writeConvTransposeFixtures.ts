/**
 * `npx tsx scripts/onnx-node-tests/writeConvTransposeFixtures.ts [--source ROOT --source-label LABEL]`:
 * writes ONNX's backend node tests of ConvTranspose into fixtures/conv-transpose/ as golden
 * fixtures (`conv-transpose.onnx-convtranspose-1d` for `test_convtranspose_1d`: the kit's own ids
 * are kebab-case; provenance `onnx <version> backend node test <name>`).
 * Unlike the other ops' node tests (run.ts), whose expected outputs are sums and averages rounded
 * by numpy in float32, these hold small integers, so each expected output is exact; each is
 * checked against the exact evaluator (scripts/exact/exactOps.ts) before it is written, and a
 * test whose output follows another rule than the spec's is listed as skipped with the element
 * that differs, never written. A test whose attributes cnnspec rejects is written as an error
 * fixture (toFixtures.ts). Without `--source`, the tests of Debian's python3-onnx; with it, those
 * of an ONNX source tree (export.py), such as the group tests ONNX 1.17 added.
 *
 * A fixture never changes in place: an id already on disk is kept, and reported as kept.
 * Prints what it wrote, kept and skipped, with the reasons. Exit status: 0 when done, 1 when a
 * test cannot be converted, 2 without python3-onnx or on a usage error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeFixtureNumber, encodeFixtureNumber } from '../../src/fixtures/fixtureValues.js';
import type { ConvTransposeFixture, FixtureTensor } from '../../src/fixtures/Fixture.js';
import { formatFixtureJson } from '../../src/fixtures/formatFixtureJson.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { exactConvTranspose } from '../exact/exactOps.js';
import { exportNodeTests, NodeTestsUnavailable } from './exportNodeTests.js';
import { toFixtures, type SkippedNodeTest } from './toFixtures.js';

const values = (tensor: FixtureTensor): number[] => tensor.data.map(decodeFixtureNumber);

/** The kit's kebab-case id of a node test: `test_convtranspose_1d` is `conv-transpose.onnx-convtranspose-1d`. */
export const kitId = (testName: string): string =>
  `conv-transpose.onnx-${testName
    .replace(/^test_/, '')
    .replace(/_/g, '-')
    .toLowerCase()}`;

/** Where the fixture's expected output and the exact evaluator part, or undefined where they agree. */
export function exactDisagreement(fixture: ConvTransposeFixture): string | undefined {
  if (!('output' in fixture.expected)) return undefined;
  const { params, inputs } = fixture;
  const rank = inputs.input.shape.length - 2;
  const perAxis = (value: number | number[] | undefined, fallback: number): number[] =>
    value === undefined ? Array(rank).fill(fallback) : typeof value === 'number' ? Array(rank).fill(value) : value;
  const padding = params.padding ?? 'valid';
  let exact: ReturnType<typeof exactConvTranspose>;
  try {
    exact = exactConvTranspose({
      input: { shape: inputs.input.shape, data: values(inputs.input) },
      weight: { shape: inputs.weight.shape, data: values(inputs.weight) },
      ...(inputs.bias ? { bias: values(inputs.bias) } : {}),
      strides: perAxis(params.strides, 1),
      dilations: perAxis(params.dilations, 1),
      padding: typeof padding === 'string' ? padding : { begin: perAxis(padding.begin, 0), end: perAxis(padding.end, 0) },
      outputPadding: perAxis(params.outputPadding, 0),
      ...(params.outputShape === undefined ? {} : { outputShape: perAxis(params.outputShape, 1) }),
      groups: params.groups ?? 1,
      layout: params.layout ?? 'channels-first',
      kernelLayout: params.kernelLayout ?? 'in-out-spatial',
    });
  } catch (error) {
    return `outside the exact evaluator's domain: ${(error as Error).message}`;
  }
  if (exact === undefined) return 'the exact evaluator rejects the attributes the planner accepts';
  const expected = fixture.expected.output;
  if (exact.shape.join(',') !== expected.shape.join(','))
    return `ONNX expects shape [${expected.shape}], the spec's rule gives [${exact.shape}]`;
  const wanted = values(expected);
  const index = exact.data.findIndex((v, i) => encodeFixtureNumber(Math.fround(v)) !== encodeFixtureNumber(wanted[i]!));
  return index < 0 ? undefined : `element ${index}: ONNX expects ${wanted[index]}, the spec's rule gives ${exact.data[index]}`;
}

function main(): number {
  const { values: options } = parseArgs({
    args: process.argv.slice(2),
    options: { source: { type: 'string' }, 'source-label': { type: 'string' } },
  });
  if ((options.source === undefined) !== (options['source-label'] === undefined))
    throw new NodeTestsUnavailable('--source and --source-label go together');
  const exported = exportNodeTests({
    ops: ['ConvTranspose'],
    ...(options.source === undefined ? {} : { source: { root: options.source, label: options['source-label']! } }),
  });
  const conversion = toFixtures(exported);
  const skipped: SkippedNodeTest[] = [...conversion.skipped];
  const written: string[] = [];
  const kept: string[] = [];
  for (const { test, fixture } of conversion.converted) {
    if (fixture.op !== 'conv-transpose') continue;
    const disagreement = exactDisagreement(fixture);
    if (disagreement !== undefined) {
      skipped.push({
        name: test.name,
        opType: test.opType,
        reason: `its expected output follows another rule than the spec's: ${disagreement}`,
      });
      continue;
    }
    const renamed = { ...fixture, id: kitId(test.name) };
    const checked: ConvTransposeFixture =
      'output' in renamed.expected
        ? {
            ...renamed,
            provenance: {
              ...fixture.provenance,
              notes: `${fixture.provenance.notes} Every element equals the exact evaluator's (scripts/exact/exactOps.ts).`,
            },
          }
        : renamed;
    const path = join(packageRoot(), 'fixtures', 'conv-transpose', `${checked.id}.json`);
    if (existsSync(path)) {
      const onDisk = JSON.parse(readFileSync(path, 'utf8')) as ConvTransposeFixture;
      kept.push(`${checked.id} (${onDisk.provenance.source})`);
      continue;
    }
    writeFileSync(path, formatFixtureJson(checked));
    written.push(checked.id);
  }
  console.log(
    `ONNX ${conversion.onnx} backend node tests of ConvTranspose: ${conversion.converted.length + conversion.skipped.length} tests`,
  );
  console.log(`written (${written.length}): ${written.join(', ') || 'none'}`);
  console.log(`kept, already on disk (${kept.length}): ${kept.join(', ') || 'none'}`);
  console.log(`skipped (${skipped.length}):`);
  for (const s of skipped) console.log(`  ${s.name}: ${s.reason}`);
  return 0;
}

if (process.argv[1]?.endsWith('writeConvTransposeFixtures.ts')) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(`conv-transpose node tests: ${(error as Error).message}`);
    process.exitCode = error instanceof NodeTestsUnavailable ? 2 : 1;
  }
}
