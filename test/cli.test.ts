/**
 * The command line: every command, its JSON form, and the exit codes for errors and misuse.
 * The expected contents come from the library functions the commands wrap.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../src/cli/runCli.js';
import { runCliCaptured } from './support/runCliCaptured.js';
import { parseAxisValue, parseIntegerList, parsePadding } from '../src/cli/parseCliValues.js';
import { CONVENTION_NAMES, CONVENTIONS } from '../src/spec/conventions.js';
import { formulaText } from '../src/spec/formulas.js';
import type { ModelSpec } from '../src/shape/LayerSpec.js';
import { planLayer } from '../src/shape/planLayer.js';
import { formatSummary } from '../src/shape/formatSummary.js';
import { summary } from '../src/shape/summary.js';

const root = join(import.meta.dirname, '..');

const cli = runCliCaptured;

describe('cnnspec shape', () => {
  it('prints the output shape, pads, parameters and formulas of a layer', async () => {
    const { code, out } = await cli([
      'shape',
      'conv',
      '--input',
      '1,3,224,224',
      '--filters',
      '64',
      '--kernel',
      '7',
      '--stride',
      '2',
      '--padding',
      '3',
    ]);
    const plan = planLayer({ type: 'conv', filters: 64, kernel: 7, strides: 2, padding: { begin: 3, end: 3 } }, [1, 3, 224, 224]);
    expect(code).toBe(EXIT_OK);
    expect(out).toContain(`output shape  [${plan.outputShape.join(', ')}]`);
    expect(out).toContain(plan.params.total.toLocaleString('en-US'));
    expect(out).toContain(formulaText('output-size.floor'));
    expect(out).toContain(formulaText('params.conv'));
  });

  it('plans a transposed convolution with its output padding or output shape (spec: conv-transpose.output-padding, conv-transpose.output-shape)', async () => {
    const base = ['shape', 'conv-transpose', '--input', '1,64,7,7', '--filters', '32', '--kernel', '3', '--stride', '2'];
    const padded = await cli([...base, '--padding', '1', '--output-padding', '1']);
    const plan = planLayer(
      { type: 'conv-transpose', filters: 32, kernel: 3, strides: 2, padding: { begin: 1, end: 1 }, outputPadding: 1 },
      [1, 64, 7, 7],
    );
    expect(padded.code).toBe(EXIT_OK);
    expect(padded.out).toContain(`output shape  [${plan.outputShape.join(', ')}]`);
    expect(padded.out).toContain(plan.params.total.toLocaleString('en-US'));
    const shaped = await cli([...base, '--output-shape', '14,15']);
    expect(shaped.out).toContain('output shape  [1, 32, 14, 15]');
    const rejected = await cli([...base, '--output-padding', '2']);
    expect(rejected.code).not.toBe(EXIT_OK);
    expect(rejected.err).toContain('outputPadding[0] (2)');
  });

  it('prints JSON with the plan of the window', async () => {
    const { code, out } = await cli([
      'shape',
      'max-pool',
      '--input',
      '1x1x4x4',
      '--kernel',
      '3',
      '--stride',
      '2',
      '--ceil-mode',
      '--convention',
      'onnx',
      '--json',
    ]);
    expect(code).toBe(EXIT_OK);
    const result = JSON.parse(out) as {
      outputShape: number[];
      window: { output: number[] };
      formulas: { id: string }[];
      convention: string;
    };
    const plan = planLayer({ type: 'max-pool', kernel: 3, strides: 2, ceilMode: true }, [1, 1, 4, 4], { convention: 'onnx' });
    expect(result.outputShape).toEqual(plan.outputShape);
    expect(result.convention).toBe('onnx');
    expect(result.formulas.map((f) => f.id)).toEqual(['effective-kernel', 'output-size.ceil', 'last-window-rule']);
  });

  it('shows the same-padding formulas and asymmetric pads', async () => {
    const same = await cli([
      'shape',
      'conv',
      '--input',
      '1,1,6,6',
      '--filters',
      '1',
      '--kernel',
      '3',
      '--stride',
      '2',
      '--padding',
      'same',
    ]);
    expect(same.out).toContain(formulaText('same.total'));
    expect(same.out).toContain(formulaText('same-upper.begin'));
    const lower = await cli([
      'shape',
      'avg-pool',
      '--input',
      '1,1,6,6',
      '--kernel',
      '3',
      '--stride',
      '2',
      '--padding',
      'same-lower',
      '--json',
    ]);
    expect(JSON.parse(lower.out).window.padBegin).toEqual([1, 1]);
    const asym = await cli([
      'shape',
      'conv',
      '--input',
      '1,1,6,6',
      '--filters',
      '1',
      '--kernel',
      '3',
      '--pad-begin',
      '1,0',
      '--pad-end',
      '0,2',
      '--json',
    ]);
    expect(JSON.parse(asym.out).window).toMatchObject({ padBegin: [1, 0], padEnd: [0, 2] });
  });

  it('covers every layer type', async () => {
    const cases: string[][] = [
      [
        'depthwise-conv',
        '--input',
        '1,3,8,8',
        '--kernel',
        '3',
        '--depth-multiplier',
        '2',
        '--no-bias',
        '--fill',
        'reflect',
        '--padding',
        '1',
      ],
      ['separable-conv', '--input', '1,3,8,8', '--kernel', '3', '--filters', '4'],
      ['global-avg-pool', '--input', '1,3,8,8', '--no-keep-dims'],
      ['global-max-pool', '--input', '1,3,8,8', '--keep-dims'],
      ['flatten', '--input', '1,3,8,8'],
      ['dense', '--input', '1,2,3', '--units', '5'],
      ['avg-pool', '--input', '1,8,8,3', '--kernel', '2', '--count-include-pad', '--layout', 'channels-last', '--dilation', '1'],
      ['conv', '--input', '1,4,8,8', '--filters', '4', '--kernel', '3,1', '--groups', '2'],
    ];
    for (const args of cases) {
      const { code, out, err } = await cli(['shape', ...args]);
      expect({ code, err }, args.join(' ')).toEqual({ code: EXIT_OK, err: '' });
      expect(out).toContain('output shape');
    }
  });

  it('exits 2 with the typed error for an invalid configuration', async () => {
    const { code, err } = await cli(['shape', 'conv', '--input', '1,3,5,5', '--filters', '4', '--kernel', '3', '--groups', '2']);
    expect(code).toBe(EXIT_USAGE);
    expect(err).toContain('E_GROUPS');
    expect(err).toContain('spec: conv.groups');
  });

  it('exits 2 for misuse: unknown option, bad value, missing input, both padding forms', async () => {
    expect((await cli(['shape', 'conv', '--input', '1,3,5,5', '--bogus'])).code).toBe(EXIT_USAGE);
    expect((await cli(['shape', 'conv', '--input', '1,3,five'])).code).toBe(EXIT_USAGE);
    expect((await cli(['shape', 'conv', '--filters', '2'])).code).toBe(EXIT_USAGE);
    expect((await cli(['shape', 'conv', '--input', '1,1,5,5', '--filters', '1.5'])).code).toBe(EXIT_USAGE);
    const both = await cli(['shape', 'conv', '--input', '1,1,5,5', '--filters', '1', '--kernel', '3', '--padding', '1', '--pad-end', '1']);
    expect(both.code).toBe(EXIT_USAGE);
    expect(both.err).toContain('either --padding or --pad-begin/--pad-end');
    expect((await cli(['frobnicate'])).code).toBe(EXIT_USAGE);
  });

  it('prints help and the version with exit 0', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(EXIT_OK);
    expect(help.out).toContain('shape');
    expect(help.out).toContain('summary');
    const version = await cli(['--version']);
    expect(version.code).toBe(EXIT_OK);
    expect(version.out.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});

describe('cnnspec summary', () => {
  const file = join(root, 'examples', 'models', 'small-cnn.json');
  const model = JSON.parse(readFileSync(file, 'utf8')) as ModelSpec;

  it('prints the summary table of a model file', async () => {
    const { code, out } = await cli(['summary', file]);
    expect(code).toBe(EXIT_OK);
    expect(out).toBe(`${formatSummary(summary(model))}\n`);
  });

  it('prints JSON, and reads standard input for -', async () => {
    const { code, out } = await cli(['summary', '-', '--json'], JSON.stringify(model));
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(summary(model))));
  });

  it('exits 2 for a missing file, bad JSON or an invalid model', async () => {
    const missing = await cli(['summary', join(root, 'no-such-model.json')]);
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.err).toContain('cannot read model file');
    const bad = await cli(['summary', '-'], '{ not json');
    expect(bad.code).toBe(EXIT_USAGE);
    expect(bad.err).toContain('is not valid JSON');
    const invalid = await cli(['summary', '-'], JSON.stringify({ input: [1, 1, 4, 4], layers: [{ type: 'conv', filters: 1, kernel: 5 }] }));
    expect(invalid.code).toBe(EXIT_USAGE);
    expect(invalid.err).toContain('E_OUTPUT_EMPTY');
  });
});

describe('cnnspec conventions', () => {
  it('lists every convention, and shows the knobs of one', async () => {
    const list = await cli(['conventions']);
    for (const name of CONVENTION_NAMES) expect(list.out).toContain(`${name}: ${CONVENTIONS[name].title}`);
    const one = await cli(['conventions', 'pytorch']);
    expect(one.out).toContain('countIncludePad');
    const json = await cli(['conventions', 'caffe', '--json']);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify(CONVENTIONS.caffe)));
    const all = await cli(['conventions', '--json']);
    expect((JSON.parse(all.out) as unknown[]).length).toBe(CONVENTION_NAMES.length);
    expect((await cli(['conventions', 'mxnet'])).code).toBe(EXIT_USAGE);
  });
});

describe('CLI value parsers', () => {
  it('parse lists, per-axis values and padding', () => {
    expect(parseIntegerList('1x3x224x224')).toEqual([1, 3, 224, 224]);
    expect(parseAxisValue('3')).toBe(3);
    expect(parseAxisValue('3,5')).toEqual([3, 5]);
    expect(parsePadding('same')).toBe('same-upper');
    expect(parsePadding('valid')).toBe('valid');
    expect(parsePadding('1,2')).toEqual({ begin: [1, 2], end: [1, 2] });
    expect(() => parsePadding('middle')).toThrow(/expected valid, same/);
  });
});

describe('the cnnspec executable', () => {
  it('runs, and its exit code reflects the outcome', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], { cwd: root, encoding: 'utf8' });
    const ok = run(['shape', 'conv', '--input', '1,1,28,28', '--filters', '32', '--kernel', '3']);
    expect(ok.status).toBe(0);
    const expected = planLayer({ type: 'conv', filters: 32, kernel: 3 }, [1, 1, 28, 28]).outputShape;
    expect(ok.stdout).toContain(`output shape  [${expected.join(', ')}]`);
    const bad = run(['shape', 'conv', '--input', '1,1,2,2', '--filters', '1', '--kernel', '3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('E_OUTPUT_EMPTY');
  }, 60_000);
});
