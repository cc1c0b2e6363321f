/**
 * A model file may spell a layer's fields as the command line does (`stride`, `dilation`, the flag
 * names, `"padding": "same"`): the summary is the one of the canonical spelling, an error names
 * the field as written, and a field given twice is an error (spec: shape.layers).
 */
import { describe, expect, it } from 'vitest';
import { canonicalLayer } from '../../src/shape/canonicalLayer.js';
import type { ModelSpec } from '../../src/shape/LayerSpec.js';
import { summary } from '../../src/shape/summary.js';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { runCliCaptured as cli } from '../support/runCliCaptured.js';

const model = (layers: unknown[], input = [1, 3, 9, 9]): ModelSpec => ({ input, layers }) as unknown as ModelSpec;
const shapes = (m: ModelSpec): number[][] => summary(m).rows.map((row) => row.outputShape);

function thrown(run: () => unknown): CnnSpecError {
  try {
    run();
  } catch (error) {
    if (error instanceof CnnSpecError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('model file spellings', () => {
  it('reads the command line spellings as the canonical fields', () => {
    const spelt = model([
      { type: 'conv', filters: 4, kernel: 3, stride: 2, dilation: 1, padding: 'same' },
      { type: 'avg-pool', kernel: 2, stride: 1, 'ceil-mode': true, 'count-include-pad': true, 'pad-begin': 1 },
      { type: 'depthwise-conv', kernel: 1, 'depth-multiplier': 2 },
      { type: 'global-max-pool', 'keep-dims': true },
    ]);
    const canonical = model([
      { type: 'conv', filters: 4, kernel: 3, strides: 2, dilations: 1, padding: 'same-upper' },
      { type: 'avg-pool', kernel: 2, strides: 1, ceilMode: true, countIncludePad: true, padding: { begin: 1, end: 0 } },
      { type: 'depthwise-conv', kernel: 1, depthMultiplier: 2 },
      { type: 'global-max-pool', keepDims: true },
    ]);
    expect(shapes(spelt)).toEqual(shapes(canonical));
    expect(shapes(spelt)).toEqual([
      [1, 4, 5, 5],
      [1, 4, 5, 5],
      [1, 8, 5, 5],
      [1, 8, 1, 1],
    ]);
    expect(summary(spelt).totals).toEqual(summary(canonical).totals);
  });

  it('"same" is same-upper, as in every framework that has it (spec: padding.same-upper)', () => {
    expect(canonicalLayer({ type: 'max-pool', kernel: 2, padding: 'same' }).layer).toEqual({
      type: 'max-pool',
      kernel: 2,
      padding: 'same-upper',
    });
    expect(canonicalLayer({ type: 'max-pool', kernel: 2, padding: 'same-lower' }).layer).toEqual({
      type: 'max-pool',
      kernel: 2,
      padding: 'same-lower',
    });
  });

  it('names a bad value by the spelling the file used', () => {
    const error = thrown(() =>
      summary(
        model([
          { type: 'conv', filters: 2, kernel: 3, name: 'c1' },
          { type: 'max-pool', kernel: 2, stride: [1, 0] },
        ]),
      ),
    );
    expect(error).toMatchObject({ code: 'E_PARAM_RANGE', parameter: 'layers[1].stride[1]', value: 0 });
  });

  it('rejects one field given in two spellings, naming both', () => {
    const error = thrown(() => summary(model([{ type: 'max-pool', kernel: 2, stride: 2, strides: 2 }])));
    expect(error).toMatchObject({ code: 'E_PARAM_FIELD', clause: 'shape.layers', parameter: 'layers[0].stride', value: 2 });
    expect(error.rule).toContain('"strides"');
    expect(thrown(() => summary(model([{ type: 'max-pool', kernel: 2, padding: 'valid', 'pad-end': 1 }])))).toMatchObject({
      parameter: 'layers[0].pad-end',
    });
  });

  it('suggests the field a misspelt one meant, among the fields of the layer type', () => {
    const error = thrown(() => summary(model([{ type: 'conv', filters: 2, kernel_size: 3 }])));
    expect(error).toMatchObject({ code: 'E_PARAM_FIELD', op: 'conv', parameter: 'layers[0].layer.kernel_size' });
    expect(error.rule).toBe(
      'not be set: did you mean "kernel"? known fields are type, name, filters, kernel, strides, dilations, padding, groups, fill, bias',
    );
    expect(thrown(() => summary({ input: [1, 3, 9, 9], layer: [] } as never)).rule).toMatch(/^not be set: did you mean "layers"\?/);
  });

  it('passes anything that is not a record on unchanged, for the layer check to reject', () => {
    expect(canonicalLayer(5)).toEqual({ layer: 5, written: {} });
    expect(thrown(() => summary(model([5])))).toMatchObject({ code: 'E_PARAM_FIELD', parameter: 'layers[0].layer' });
  });

  it("the command line takes the model file's spellings too: --strides and --dilations", async () => {
    const flags = await cli([
      'shape',
      'conv',
      '--input',
      '1,2,9,9',
      '--filters',
      '1',
      '--kernel',
      '3',
      '--stride',
      '2',
      '--dilation',
      '2',
      '--json',
    ]);
    const fields = await cli([
      'shape',
      'conv',
      '--input',
      '1,2,9,9',
      '--filters',
      '1',
      '--kernel',
      '3',
      '--strides',
      '2',
      '--dilations',
      '2',
      '--json',
    ]);
    expect(JSON.parse(fields.out)).toEqual(JSON.parse(flags.out));
    expect(JSON.parse(fields.out)).toMatchObject({ layer: { strides: 2, dilations: 2 }, outputShape: [1, 1, 3, 3] });
    const both = await cli(['shape', 'conv', '--input', '1,2,9,9', '--filters', '1', '--kernel', '3', '--stride', '2', '--strides', '2']);
    expect(both).toMatchObject({ code: 2, err: 'cnnspec: error: use either --stride or --strides, not both\n' });
  });
});
