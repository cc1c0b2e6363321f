/**
 * One heatmap: padding cells around the map, values written in small maps only, special values
 * by glyph, differing elements marked, the window of a failing output traced; and the parts it
 * is drawn with (the colour scale, the cell text).
 */
import { describe, expect, it } from 'vitest';
import { divergingScale } from '../../src/report/divergingScale.js';
import { featureMapSvg, VALUES_WRITTEN_UP_TO } from '../../src/report/featureMapSvg.js';
import { formatCellValue } from '../../src/report/formatCellValue.js';
import { sliceTensor } from '../../src/report/sliceFeatureMaps.js';
import { activationView } from '../../src/report/tensorViews.js';
import type { EvidenceTensor } from '../../src/report/model/Report.js';
import { attributeValues, cellIndices, differsIndices } from './htmlQueries.js';
import { evidenceTensor, tensorOf } from './syntheticReport.js';

function slice(tensor: EvidenceTensor) {
  return sliceTensor(tensor, activationView(tensor.shape, 'channels-first'), [0])[0]!;
}

describe('formatCellValue', () => {
  it('writes every value in at most six characters, and special values by glyph', () => {
    const values = [
      0,
      1,
      -1,
      99999,
      -99999,
      123456,
      0.5,
      -0.333333,
      1 / 3,
      1e-7,
      -2.5e-12,
      6.02e23,
      -1.7e38,
      3.4028234663852886e38,
      1.401298464324817e-45,
      2.675,
    ];
    for (const value of values) expect(formatCellValue(value).length, String(value)).toBeLessThanOrEqual(6);
    expect([NaN, Infinity, -Infinity, -0, undefined].map(formatCellValue)).toEqual(['NaN', '+∞', '−∞', '−0', '…']);
    expect(formatCellValue(-3)).toBe('−3');
    expect(Number(formatCellValue(0.5))).toBe(0.5);
  });
});

describe('divergingScale', () => {
  it('is white at 0, saturates at the largest finite magnitude, and keeps the sign apart', () => {
    const scale = divergingScale([-2, 0.5, 4, NaN, Infinity, undefined]);
    expect(scale.limit).toBe(4);
    expect(scale.colour(0)).toBe('#ffffff');
    expect(scale.colour(4)).toBe(scale.colour(Infinity));
    expect(scale.colour(-4)).toBe(scale.colour(-Infinity));
    expect(scale.colour(4)).not.toBe(scale.colour(-4));
    expect(scale.colour(2)).not.toBe(scale.colour(4));
    expect(scale.darkFill(4)).toBe(true);
    expect(scale.darkFill(0.1)).toBe(false);
    expect(divergingScale([0, 0]).limit).toBe(1);
  });
});

describe('featureMapSvg', () => {
  const tensor = evidenceTensor(tensorOf([1, 1, 3, 4], (i) => i - 5));
  const scale = divergingScale(tensor.data as number[]);

  it('draws one cell per element and a hatched cell per padding position', () => {
    const pads = { top: 1, bottom: 2, left: 0, right: 3 };
    const svg = featureMapSvg({ tensor: 'input', title: 'input map', slice: slice(tensor), scale, pads, idPrefix: 't' });
    expect(cellIndices(svg).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(attributeValues(svg, 'data-pad')).toHaveLength((3 + 1 + 2) * (4 + 0 + 3) - 12);
    expect(svg).toContain('<title>input map</title>');
    expect(svg).toMatch(/^<svg data-tensor="input" role="img" aria-label="input map"/);
    expect(svg).toContain('fill="url(#t-pad)"');
  });

  it('writes values into small maps only', () => {
    const small = featureMapSvg({ tensor: 'expected', title: 'small', slice: slice(tensor), scale, idPrefix: 's' });
    expect(small).toContain('>−5</text>');
    const large = evidenceTensor(tensorOf([1, 1, 2, VALUES_WRITTEN_UP_TO + 1], (i) => i + 1000));
    const svg = featureMapSvg({
      tensor: 'expected',
      title: 'large',
      slice: slice(large),
      scale: divergingScale(large.data as number[]),
      idPrefix: 'l',
    });
    expect(svg).not.toContain('>1000</text>');
    expect(cellIndices(svg)).toHaveLength(2 * (VALUES_WRITTEN_UP_TO + 1));
  });

  it('marks exactly the differing elements of the map', () => {
    const svg = featureMapSvg({
      tensor: 'actual',
      title: 'actual',
      slice: slice(tensor),
      scale,
      differing: new Set([0, 7, 11, 99]),
      idPrefix: 'a',
    });
    expect(differsIndices(svg)).toEqual([0, 7, 11]);
  });

  it('gives NaN, infinities, -0 and missing elements their own glyphs, also on maps too large for text', () => {
    const special: EvidenceTensor = { shape: [1, 1, 1, 5], data: ['NaN', 'Infinity', '-Infinity', '-0'], truncated: true };
    const small = featureMapSvg({ tensor: 'actual', title: 'special', slice: slice(special), scale: divergingScale([]), idPrefix: 'n' });
    for (const glyph of ['NaN', '+∞', '−∞', '−0', '…']) expect(small).toContain(`>${glyph}</text>`);
    expect(small).toContain('stroke-dasharray="2 2"');
    const wide: EvidenceTensor = { shape: [1, 1, 1, 20], data: ['NaN', 'Infinity', '-0', ...new Array<number>(17).fill(1)] };
    const large = featureMapSvg({ tensor: 'actual', title: 'wide', slice: slice(wide), scale: divergingScale([1]), idPrefix: 'w' });
    expect(large).not.toContain('</text>');
    expect(large).toMatch(/<path d="M[^"]*L[^"]*M[^"]*L[^"]*" stroke="#ffffff"/);
    expect(large).toContain('<circle');
  });

  it('traces a window onto the map, padding positions included, and outlines the failing output', () => {
    const svg = featureMapSvg({
      tensor: 'input',
      title: 'window',
      slice: slice(tensor),
      scale,
      pads: { top: 1, bottom: 1, left: 1, right: 1 },
      footprint: { rows: [-1, 1], cols: [-1, 0, 1] },
      idPrefix: 'f',
    });
    expect(attributeValues(svg, 'data-tap')).toHaveLength(6);
    expect(attributeValues(svg, 'data-footprint')).toHaveLength(1);
    const output = featureMapSvg({ tensor: 'expected', title: 'focus', slice: slice(tensor), scale, focus: 6, idPrefix: 'o' });
    expect(attributeValues(output, 'data-focus')).toHaveLength(1);
  });

  it('escapes its title', () => {
    const svg = featureMapSvg({ tensor: 'input', title: '</title><script>alert(1)</script>', slice: slice(tensor), scale, idPrefix: 'e' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/title&gt;&lt;script&gt;');
  });
});
