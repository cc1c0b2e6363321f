/**
 * "Did you mean": the nearest known field for a misspelt one, and none for an unrelated one
 * (spec: error.typed).
 */
import { describe, expect, it } from 'vitest';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { nearestName } from '../../src/spec/nearestName.js';
import { checkKnownFields } from '../../src/spec/paramChecks.js';

const CONV = ['type', 'name', 'filters', 'kernel', 'strides', 'dilations', 'padding', 'groups', 'fill', 'bias'];

describe('nearestName', () => {
  it.each([
    ['stride', 'strides'],
    ['dilation', 'dilations'],
    ['filter', 'filters'],
    ['kernal', 'kernel'],
    ['kernel_size', 'kernel'],
    ['use_bias', 'bias'],
    ['dilation_rate', 'dilations'],
    ['Padding', 'padding'],
    ['group', 'groups'],
  ])('suggests %s -> %s', (given, expected) => {
    expect(nearestName(given, CONV)).toBe(expected);
  });

  it('folds case, - and _ (ceil_mode and ceil-mode find ceilMode)', () => {
    expect(nearestName('ceil_mode', ['kernel', 'ceilMode'])).toBe('ceilMode');
    expect(nearestName('count-include-pad', ['countIncludePad', 'kernel'])).toBe('countIncludePad');
  });

  it('suggests nothing for an unrelated name or an empty one', () => {
    expect(nearestName('activation', CONV)).toBeUndefined();
    expect(nearestName('zzz', CONV)).toBeUndefined();
    expect(nearestName('', CONV)).toBeUndefined();
    expect(nearestName('stride', [])).toBeUndefined();
  });
});

describe('checkKnownFields', () => {
  it('names the unknown field, and suggests the known one it most likely meant', () => {
    const error = (() => {
      try {
        checkKnownFields({ op: 'conv', clause: 'shape.layers' }, 'layer', { type: 'conv', strdes: 2 }, CONV);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CnnSpecError);
    expect(error).toMatchObject({ code: 'E_PARAM_FIELD', parameter: 'layer.strdes', value: 2 });
    expect((error as CnnSpecError).rule).toBe(`not be set: did you mean "strides"? known fields are ${CONV.join(', ')}`);
  });

  it('lists the known fields without a suggestion when none is near', () => {
    expect(() => checkKnownFields({ op: 'conv', clause: 'shape.layers' }, 'layer', { activation: 'relu' }, CONV)).toThrow(
      new RegExp(`layer\\.activation \\("relu"\\) must not be set: known fields are ${CONV.join(', ')} `),
    );
  });
});
