/**
 * An input shape that looks meant in the other layout, or without its batch axis, is answered as
 * read, with a warning on standard error that says how it was read and how to ask for the other
 * reading; a shape meant as given gets none (spec: layout.channels-first, layout.channels-last).
 */
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/runCli.js';
import { inputLayoutWarnings, namedAxes, type InputReading } from '../../src/shape/inputLayoutWarnings.js';
import { planLayer } from '../../src/shape/planLayer.js';
import { runCliCaptured as cli } from '../support/runCliCaptured.js';

const reading = (shape: number[], extra: Partial<InputReading> = {}): InputReading => ({
  shape,
  layout: 'channels-first',
  layoutGiven: false,
  layerType: 'conv',
  source: 'cli',
  ...extra,
});
const CONV = ['--kernel', '5', '--padding', 'same', '--filters', '6'];

describe('inputLayoutWarnings', () => {
  it('names the axes as the layout reads them', () => {
    expect(namedAxes([1, 32, 32, 3], 'channels-first')).toBe('[N=1, C=32, H=32, W=3]');
    expect(namedAxes([1, 32, 32, 3], 'channels-last')).toBe('[N=1, H=32, W=32, C=3]');
    expect(namedAxes([2, 3, 8], 'channels-first')).toBe('[N=2, C=3, W=8]');
    expect(namedAxes([1, 4, 8, 8, 8], 'channels-first')).toBe('[N=1, C=4, D=8, H=8, W=8]');
  });

  it('warns of a channels-last image read channels-first by default, and of the mirror case', () => {
    expect(inputLayoutWarnings(reading([1, 32, 32, 3]))).toEqual([
      expect.stringMatching(
        /^--input 1,32,32,3 looks channels-last .*read as channels-first \[N=1, C=32, H=32, W=3\].*--layout channels-last/,
      ),
    ]);
    expect(inputLayoutWarnings(reading([1, 28, 28, 1], { source: 'model' }))).toEqual([
      expect.stringMatching(/^model\.input \[1, 28, 28, 1\] looks channels-last.*"layout": "channels-last"/),
    ]);
    expect(inputLayoutWarnings(reading([1, 16, 16, 16, 4]))).toHaveLength(1);
    expect(inputLayoutWarnings(reading([1, 3, 32, 32], { layout: 'channels-last' }))).toEqual([
      expect.stringMatching(/looks channels-first.*read as channels-last \[N=1, H=3, W=32, C=32\].*--layout channels-first/),
    ]);
  });

  it('warns of an image without its batch axis, in either order of its axes', () => {
    expect(inputLayoutWarnings(reading([32, 32, 3]))).toEqual([
      expect.stringMatching(/^--input 32,32,3 has no batch axis\? .*\[N=32, C=32, W=3\].*--input-shape 32,32,3/),
    ]);
    expect(inputLayoutWarnings(reading([3, 32, 32]))).toEqual([
      expect.stringMatching(/^--input 3,32,32 has no batch axis\?.*--input 1,3,32,32\.$/),
    ]);
    // with a layout given too: the rank, not the layout, is what went wrong
    expect(
      inputLayoutWarnings(reading([28, 28, 1], { layout: 'channels-last', layoutGiven: true, layerType: 'max-pool', source: 'model' })),
    ).toEqual([expect.stringMatching(/^model\.input \[28, 28, 1\] has no batch axis\?.*"input": \[1, 28, 28, 1\]\.$/)]);
  });

  it('stays silent on shapes meant as given and on layers without a layout', () => {
    for (const shape of [
      [1, 3, 32, 32],
      [1, 8, 8, 3],
      [1, 16, 100],
      [1, 4, 32, 16],
      [8, 3, 100],
      [1, 32, 32, 5],
      [2, 64, 7, 7],
    ]) {
      expect({ shape, warnings: inputLayoutWarnings(reading(shape)) }).toEqual({ shape, warnings: [] });
    }
    expect(inputLayoutWarnings(reading([1, 32, 32, 3], { layoutGiven: true }))).toEqual([]);
    expect(inputLayoutWarnings(reading([1, 32, 32, 3], { layout: 'channels-last' }))).toEqual([]);
    expect(inputLayoutWarnings(reading([1, 32, 32, 3], { layerType: 'dense' }))).toEqual([]);
    expect(inputLayoutWarnings(reading([32, 32, 3], { layerType: 'flatten' }))).toEqual([]);
  });
});

describe('cnnspec shape and summary warn on standard error; standard output stays the answer', () => {
  it('warns of --input 1,32,32,3 read channels-first and still answers for that reading', async () => {
    const { code, out, err } = await cli(['shape', 'conv', '--input', '1,32,32,3', ...CONV]);
    expect(code).toBe(EXIT_OK);
    expect(out).toContain('output shape  [1, 6, 32, 3]');
    expect(err).toMatch(/^cnnspec: warning: --input 1,32,32,3 looks channels-last .*channels-first \[N=1, C=32, H=32, W=3\]/);
    const json = await cli(['shape', 'conv', '--input', '1,32,32,3', ...CONV, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ layout: 'channels-first', outputShape: [1, 6, 32, 3] });
    expect(json.err).toContain('looks channels-last');
  });

  it('reads --input-shape as Keras input_shape: channels-last, batch of 1 added, no warning', async () => {
    const { code, out, err } = await cli(['shape', 'conv', '--input-shape', '32,32,3', ...CONV]);
    const plan = planLayer({ type: 'conv', filters: 6, kernel: 5, padding: 'same-upper' }, [1, 32, 32, 3], { layout: 'channels-last' });
    expect(code).toBe(EXIT_OK);
    expect(err).toBe('');
    expect(out).toContain('conv on [1, 32, 32, 3] (channels-last)');
    expect(out).toContain(`output shape  [${plan.outputShape.join(', ')}]`);
    expect(plan.outputShape).toEqual([1, 32, 32, 6]);
    const channelsFirst = await cli(['shape', 'conv', '--input-shape', '3,32,32', '--layout', 'channels-first', ...CONV]);
    expect(channelsFirst.out).toContain('output shape  [1, 6, 32, 32]');
  });

  it('warns before an error that the wrong reading causes', async () => {
    const { code, err } = await cli(['shape', 'conv', '--input', '32,32,3', '--kernel', '5', '--filters', '6']);
    expect(code).toBe(EXIT_USAGE);
    expect(err).toMatch(/^cnnspec: warning: --input 32,32,3 has no batch axis\?[^\n]*\ncnnspec: error: conv: kernel\[0\]/);
  });

  it('wants exactly one of --input and --input-shape', async () => {
    for (const args of [[], ['--input', '1,3,8,8', '--input-shape', '8,8,3']]) {
      const { code, err } = await cli(['shape', 'max-pool', '--kernel', '2', ...args]);
      expect(code).toBe(EXIT_USAGE);
      expect(err).toContain('--input-shape 32,32,3');
    }
  });

  it('summary warns of a model input without its batch axis', async () => {
    const model = { input: [32, 32, 3], layout: 'channels-last', layers: [{ type: 'conv', filters: 6, kernel: 1 }] };
    const { code, err } = await cli(['summary', '-'], JSON.stringify(model));
    expect(code).toBe(EXIT_OK);
    expect(err).toMatch(/^cnnspec: warning: model\.input \[32, 32, 3\] has no batch axis\?.*"input": \[1, 32, 32, 3\]\.\n$/);
    const fine = await cli(['summary', '-'], JSON.stringify({ ...model, input: [1, 32, 32, 3] }));
    expect(fine.err).toBe('');
  });
});
