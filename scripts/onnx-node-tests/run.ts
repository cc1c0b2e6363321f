/**
 * `npm run onnx:node-tests [-- --dump DIR]`: ONNX's own backend node tests of Conv, AveragePool,
 * MaxPool, GlobalAveragePool, GlobalMaxPool, Gemm and ConvTranspose, converted into fixture records in memory
 * and judged like golden fixtures (judgeFixture: the tolerance model of spec:
 * conformance.tolerance) against onnxruntime-node and the reference, both under the onnx
 * convention, and for contrast compared exactly (each record given `tolerance: exact`). Prints per
 * adapter how many tests agree, differ or are not expressible either way; for each case that
 * differs exactly, the element with the largest error, its ulp distance, and the metric and
 * margin the tolerance model judged it with.
 *
 * The tests come from the generators of Debian's python3-onnx (export.py, run with the system
 * Python); without it the script exits 2. The records are never written into fixtures/ (the data
 * is ONNX's and regenerated on every run; ConvTranspose's exact ones are written by
 * writeConvTransposeFixtures.ts); `--dump DIR` writes them, one file each, into DIR.
 *
 * Exit status: 0 when measured (differences are the measurement, not a failure), 1 when a test
 * cannot be converted or the reference does not agree with one as golden fixtures are judged, 2 without
 * python3-onnx or onnxruntime-node, or on a usage error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Adapter } from '../../src/ops/Adapter.js';
import type { ConventionName } from '../../src/spec/conventions.js';
import { decodeFixtureNumber, decodeFixtureTensor, shortestFloat32 } from '../../src/fixtures/fixtureValues.js';
import type { FixtureNumber } from '../../src/fixtures/Fixture.js';
import { formatFixtureJson } from '../../src/fixtures/formatFixtureJson.js';
import { packageRoot } from '../../src/files/packageRoot.js';
import { fixtureCall } from '../../src/fixtures/fixtureCall.js';
import { opOf } from '../../src/ops/registry.js';
import { judgeFixture, type Verdict } from '../../src/fixtures/judgeFixture.js';
import { loadAdapter } from '../../src/adapter/loadAdapter.js';
import type { FixtureComparison } from '../../src/report/model/Report.js';
import { elementErrors, type ElementErrors } from './elementErrors.js';
import { exportNodeTests, NodeTestsUnavailable } from './exportNodeTests.js';
import { toFixtures, type ConvertedNodeTest, type NodeTestConversion } from './toFixtures.js';

const CONVENTION: ConventionName = 'onnx';
/** The adapters judged, as --adapter names them. */
const ADAPTERS = ['onnxruntime-node', 'reference:onnx'];
const OPS = ['Conv', 'AveragePool', 'MaxPool', 'GlobalAveragePool', 'GlobalMaxPool', 'Gemm', 'ConvTranspose'];

/** A usage or environment problem: printed and exit 2. */
class Unavailable extends Error {}

interface Judged {
  case: ConvertedNodeTest;
  /** As a golden fixture is judged: the tolerance model. */
  verdict: Verdict;
  /** Compared exactly. */
  exact: Verdict;
  /** Where the exact comparison differs: the element errors. */
  errors?: ElementErrors;
}

/** The folder --dump names, refused inside the project's own fixtures/: these records are not golden fixtures. */
function dumpTarget(dir: string): string {
  const target = resolve(dir);
  const fixtures = join(packageRoot(), 'fixtures');
  if (target === fixtures || !relative(fixtures, target).startsWith('..')) {
    throw new Unavailable(`--dump ${dir} is inside ${fixtures}: these records are not golden fixtures; name a folder elsewhere`);
  }
  return target;
}

/** Writes every record as <target>/<op>/<id>.json. */
function dump(conversion: NodeTestConversion, target: string): void {
  for (const { fixture } of conversion.converted) {
    mkdirSync(join(target, fixture.op), { recursive: true });
    writeFileSync(join(target, fixture.op, `${fixture.id}.json`), formatFixtureJson(fixture));
  }
  console.log(`wrote ${conversion.converted.length} fixture records under ${target}`);
}

/** The verdicts of one adapter on one case, under the tolerance model and exactly, with the element errors of an exact difference. */
async function judge(adapter: Adapter, converted: ConvertedNodeTest): Promise<Judged> {
  const { fixture } = converted;
  const verdict = await judgeFixture(adapter, CONVENTION, fixture);
  const exact = await judgeFixture(adapter, CONVENTION, { ...fixture, tolerance: { metric: 'exact' } });
  const actual = exact.status === 'differs' ? exact.evidence?.actual : undefined;
  if (actual === undefined || actual.truncated === true || !('output' in fixture.expected)) return { case: converted, verdict, exact };
  const expected = decodeFixtureTensor(fixture.expected.output);
  const output = { shape: actual.shape, data: Float32Array.from(actual.data as FixtureNumber[], decodeFixtureNumber) };
  if (output.shape.join(',') !== expected.shape.join(',')) return { case: converted, verdict, exact };
  return {
    case: converted,
    verdict,
    exact,
    errors: elementErrors(expected, output, opOf(fixture.op).zeroSignFree(fixtureCall(fixture).request.params)),
  };
}

const number = (value: number): string => (Number.isFinite(value) ? String(shortestFloat32(Math.fround(value))) : String(value));
const exponent = (value: number): string => (Number.isFinite(value) ? value.toExponential(2) : String(value));

function printConversion(conversion: NodeTestConversion, total: number): void {
  console.log(
    `ONNX ${conversion.onnx} backend node tests (numpy ${conversion.numpy}) of ${OPS.join(', ')}: ${total} tests, ${conversion.converted.length} converted to fixtures, ${conversion.skipped.length} not convertible`,
  );
  console.log('');
  if (conversion.skipped.length === 0) return;
  console.log('| not converted | op | why |');
  console.log('| --- | --- | --- |');
  for (const skipped of conversion.skipped) console.log(`| ${skipped.name} | ${skipped.opType} | ${skipped.reason} |`);
  console.log('');
}

function printSummary(conversion: NodeTestConversion, names: string[], results: Judged[][]): void {
  for (const [title, verdictOf] of [
    [`Judged as golden fixtures are (tolerance model), under convention ${CONVENTION}:`, (judged: Judged) => judged.verdict],
    [`Compared exactly, under convention ${CONVENTION}:`, (judged: Judged) => judged.exact],
  ] as const) {
    console.log(title);
    console.log('');
    console.log(`| ONNX op | tests | converted | ${names.map((name) => `${name}: agrees / differs / not expressible`).join(' | ')} |`);
    console.log(`| --- | ---: | ---: | ${names.map(() => '---:').join(' | ')} |`);
    for (const op of [...OPS, 'all']) {
      const inOp = (judged: Judged): boolean => op === 'all' || judged.case.test.opType === op;
      const count = conversion.converted.filter((c) => op === 'all' || c.test.opType === op).length;
      const tests = count + conversion.skipped.filter((s) => op === 'all' || s.opType === op).length;
      const cells = results.map((column) => {
        const rows = column.filter(inOp);
        const of = (status: Verdict['status']): number => rows.filter((judged) => verdictOf(judged).status === status).length;
        return `${of('agrees')} / ${of('differs')} / ${of('not-expressible')}`;
      });
      console.log(`| ${op === 'all' ? '**all**' : op} | ${tests} | ${count} | ${cells.join(' | ')} |`);
    }
    console.log('');
  }
}

const describe = (comparison: FixtureComparison | undefined): string =>
  comparison === undefined ? '' : `${comparison.metric}, margin ${comparison.margin === null ? '—' : comparison.margin.toFixed(3)}`;

function printDifferences(names: string[], results: Judged[][]): void {
  const rows = results.flatMap((column, i) =>
    column
      .filter((judged) => judged.exact.status !== 'agrees' || judged.verdict.status !== 'agrees')
      .map((judged) => [names[i]!, judged] as const),
  );
  if (rows.length === 0) return;
  console.log('The cases that differ exactly or under the tolerance model (worst element: the largest absolute error):');
  console.log('');
  console.log(
    '| adapter | ONNX test | exactly | elements differing | worst element | expected | actual | abs error | ulp | max ulp | as a fixture (tolerance model) |',
  );
  console.log('| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [name, { case: c, verdict, exact, errors }] of rows) {
    const worst = errors?.worst;
    const cells = worst
      ? [
          `${errors.differing} of ${errors.elements}`,
          `[${worst.coordinates.join(',')}]`,
          number(worst.expected),
          number(worst.actual),
          exponent(worst.absError),
          String(worst.ulp),
          String(errors.maxUlp),
        ]
      : ['', '', '', '', '', '', ''];
    const asFixture =
      verdict.status === 'agrees'
        ? `agrees (${describe(verdict.comparison)})`
        : verdict.status === 'differs'
          ? `**differs**: ${verdict.detail}`
          : verdict.status;
    console.log(`| ${name} | ${c.test.name} | ${exact.status} | ${cells.join(' | ')} | ${asFixture.replace(/\|/g, '\\|')} |`);
  }
  console.log('');
}

/**
 * The reference must agree with every converted test as golden fixtures are judged (the tolerance
 * model): ONNX's expected outputs are numpy's float32 arithmetic, which the bound allows for.
 */
function checkReferenceAgreement(conversion: NodeTestConversion, referenceColumn: Judged[]): string[] {
  const problems: string[] = [];
  referenceColumn.forEach(({ verdict }, index) => {
    if (verdict.status !== 'agrees') {
      problems.push(
        `${conversion.converted[index]!.test.name}: the reference ${verdict.status}${verdict.status === 'differs' ? ` (${verdict.detail})` : ''}`,
      );
    }
  });
  console.log(
    `reference (convention ${CONVENTION}): agrees with ${conversion.converted.length - problems.length} of ${conversion.converted.length} as golden fixtures are judged`,
  );
  return problems;
}

async function main(): Promise<number> {
  let options: { dump?: string; help?: boolean };
  try {
    options = parseArgs({
      args: process.argv.slice(2),
      options: { dump: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    throw new Unavailable(`${(error as Error).message}; usage: npx tsx scripts/onnx-node-tests/run.ts [--dump DIR]`);
  }
  if (options.help === true) {
    console.log(
      'usage: npx tsx scripts/onnx-node-tests/run.ts [--dump DIR]\n  --dump DIR  also write the converted fixture records into DIR/<op>/<id>.json',
    );
    return 0;
  }
  const target = options.dump === undefined ? undefined : dumpTarget(options.dump);
  const exported = exportNodeTests();
  const conversion = toFixtures(exported);
  printConversion(conversion, exported.cases.length + exported.skipped.length);
  if (target !== undefined) dump(conversion, target);

  const names: string[] = [];
  const results: Judged[][] = [];
  for (const spec of ADAPTERS) {
    let adapter: Adapter;
    try {
      adapter = await loadAdapter(spec);
    } catch (error) {
      throw new Unavailable((error as Error).message);
    }
    if (adapter.convention !== CONVENTION)
      throw new Error(`adapter ${spec} follows convention ${JSON.stringify(adapter.convention)}, expected ${CONVENTION}`);
    names.push(`${adapter.name} ${adapter.version}`);
    const column: Judged[] = [];
    try {
      for (const converted of conversion.converted) column.push(await judge(adapter, converted));
    } finally {
      await adapter.dispose?.();
    }
    results.push(column);
  }
  printSummary(conversion, names, results);
  printDifferences(names, results);
  const problems = checkReferenceAgreement(conversion, results[ADAPTERS.indexOf('reference:onnx')]!);
  for (const problem of problems) console.error(problem);
  return problems.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`onnx node tests: ${(error as Error).message}`);
  process.exitCode = error instanceof Unavailable || error instanceof NodeTestsUnavailable ? 2 : 1;
}
