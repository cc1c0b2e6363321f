/**
 * The layer registry and the `conv-transpose` layer it holds: every layer type has one
 * descriptor; a transposed convolution's layer plan is the op's plan on the weight its fields
 * imply, in either layout; invalid layers are typed errors naming the field; the decoder example
 * prints the summary its notes record (checked against PyTorch there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planConvTranspose } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { formatSummary } from '../../src/shape/formatSummary.js';
import { LAYER_TYPES, LAYERS } from '../../src/shape/layerRegistry.js';
import type { ConvTransposeLayer, ModelSpec } from '../../src/shape/LayerSpec.js';
import { planLayer } from '../../src/shape/planLayer.js';
import { receptiveField } from '../../src/shape/receptiveField.js';
import { summary } from '../../src/shape/summary.js';

const root = join(import.meta.dirname, '..', '..');

function errorOf(run: () => unknown): CnnSpecError {
  try {
    run();
  } catch (error) {
    if (error instanceof CnnSpecError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

describe('layer registry', () => {
  it('describes every layer type once, each with its type, name and, where it has one, bias field', () => {
    expect(new Set(LAYER_TYPES).size).toBe(LAYER_TYPES.length);
    expect(LAYER_TYPES).toContain('conv-transpose');
    for (const type of LAYER_TYPES) {
      const { fields, hasBias } = LAYERS[type];
      expect(fields.slice(0, 2), type).toEqual(['type', 'name']);
      expect(fields.includes('bias'), type).toBe(hasBias);
    }
  });
});

describe('conv-transpose layer', () => {
  const layer: ConvTransposeLayer = {
    type: 'conv-transpose',
    filters: 6,
    kernel: [3, 2],
    strides: [2, 3],
    dilations: [1, 2],
    padding: { begin: [1, 0], end: [0, 2] },
    outputPadding: [1, 1],
    groups: 2,
  };

  it('plans as the op does on the weight its fields imply, channels-first and channels-last', () => {
    const first = planLayer(layer, [1, 4, 5, 6]);
    const op = planConvTranspose(
      { strides: [2, 3], dilations: [1, 2], padding: { begin: [1, 0], end: [0, 2] }, outputPadding: [1, 1], groups: 2 },
      [1, 4, 5, 6],
      [4, 3, 3, 2],
      [6],
    );
    expect(first.weightShapes).toEqual([
      { name: 'weight', shape: [4, 3, 3, 2] },
      { name: 'bias', shape: [6] },
    ]);
    expect(first.outputShape).toEqual(op.outputShape);
    expect(first.params).toEqual({ total: 4 * 3 * 3 * 2 + 6, weights: 4 * 3 * 3 * 2, biases: 6 });

    const last = planLayer(layer, [1, 5, 6, 4], { layout: 'channels-last' });
    expect(last.weightShapes[0]!.shape).toEqual([3, 2, 3, 4]);
    expect(last.outputShape).toEqual([op.outputShape[0], ...op.outputShape.slice(2), op.outputShape[1]]);
  });

  it('takes same padding and a requested output shape as the op does', () => {
    expect(planLayer({ type: 'conv-transpose', filters: 2, kernel: 3, strides: 2, padding: 'same-upper' }, [1, 1, 5]).outputShape).toEqual([
      1, 2, 10,
    ]);
    expect(
      planLayer({ type: 'conv-transpose', filters: 2, kernel: 3, strides: 2, padding: 'same-lower', outputShape: [9] }, [1, 1, 5])
        .outputShape,
    ).toEqual([1, 2, 9]);
  });

  it('rejects an invalid layer with a typed error naming the field', () => {
    const input = [1, 4, 5, 5];
    const cases: [Partial<ConvTransposeLayer>, string, string][] = [
      [{ filters: 5, groups: 2 }, 'E_GROUPS', 'filters'],
      [{ groups: 3, filters: 6 }, 'E_GROUPS', 'groups'],
      [{ strides: 2, outputPadding: 2 }, 'E_PARAM_RANGE', 'outputPadding[0]'],
      [{ outputShape: [10] }, 'E_PARAM_ARITY', 'outputShape'],
      [{ outputShape: 10 as never }, 'E_PARAM_ARITY', 'outputShape'],
      [{ outputShape: [0, 5] }, 'E_PARAM_RANGE', 'outputShape[0]'],
      [{ padding: { begin: 4, end: 3 } }, 'E_OUTPUT_EMPTY', 'output[0]'],
      [{ padding: { begin: 1, end: 1 }, outputShape: [5, 5] }, 'E_PARAM_RANGE', 'padding'],
      [{ strides: 0 }, 'E_PARAM_RANGE', 'strides'],
      [{ dilations: [1, 0] }, 'E_PARAM_RANGE', 'dilations[1]'],
      [{ filters: 0 }, 'E_PARAM_RANGE', 'filters'],
      [{ bias: 'yes' as never }, 'E_PARAM_RANGE', 'bias'],
      [{ fill: 'zeros' } as never, 'E_PARAM_FIELD', 'layer.fill'],
    ];
    for (const [change, code, parameter] of cases) {
      const error = errorOf(() => planLayer({ type: 'conv-transpose', filters: 6, kernel: 3, ...change } as ConvTransposeLayer, input));
      expect([error.code, error.parameter], JSON.stringify(change)).toEqual([code, parameter]);
      expect(error.op).toBe('conv-transpose');
    }
    const flat = errorOf(() => planLayer({ type: 'conv-transpose', filters: 2, kernel: 3 }, [1, 4]));
    expect([flat.code, flat.parameter]).toEqual(['E_SHAPE_INVALID', 'input.shape']);
  });

  it('divides the jump by the stride (spec: rf.transpose), exactly for a stride that is not a power of two', () => {
    const fields = receptiveField({
      input: [1, 1, 9],
      layers: [
        { type: 'conv-transpose', filters: 1, kernel: 3, strides: 3 },
        { type: 'conv', filters: 1, kernel: 3, strides: 3 },
      ],
    });
    // In thirds of a pixel: size 1 + 2/3, start (0 - 3 + 1)/3; each reported as one correctly rounded quotient.
    expect(fields[0]).toMatchObject({ jump: [1 / 3], size: [5 / 3], start: [-2 / 3] });
    // Back to whole pixels: the convolution of stride 3 undoes the upsampling.
    expect(fields[1]).toMatchObject({ jump: [1], size: [7 / 3], start: [-2 / 3] });
  });
});

describe('the decoder example', () => {
  it('prints the summary its notes record', () => {
    const model = JSON.parse(readFileSync(join(root, 'examples', 'models', 'decoder-dcgan.json'), 'utf8')) as ModelSpec;
    const notes = readFileSync(join(root, 'examples', 'models', 'README.md'), 'utf8');
    const command = '$ cnnspec summary examples/models/decoder-dcgan.json\n';
    const start = notes.indexOf(command);
    expect(start).toBeGreaterThanOrEqual(0);
    const recorded = notes.slice(start + command.length, notes.indexOf('\n```', start));
    expect(formatSummary(summary(model))).toBe(recorded);
  });
});
