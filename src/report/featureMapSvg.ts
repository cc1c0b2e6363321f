/**
 * One feature map as an inline SVG heatmap: a cell per element coloured on a diverging scale,
 * values written in the cells of small maps, special values by glyph, the padding as a hatched
 * frame outside a border line, the taps of a failing output's window dotted, and differing
 * elements outlined in red with a corner mark. The SVG carries `data-tensor`, an accessible
 * `<title>`, and `data-differs` on each mark, and references nothing outside itself.
 */
import type { DivergingScale } from './divergingScale.js';
import { escapeHtml } from './escapeHtml.js';
import { formatCellValue, formatExactValue } from './formatCellValue.js';
import type { FeatureMapSlice } from './sliceFeatureMaps.js';

export type TensorRole = 'input' | 'kernel' | 'expected' | 'actual' | 'difference';

export interface Pads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface FeatureMapPicture {
  tensor: TensorRole;
  /** The accessible title, e.g. "input, batch 0 · channel 0". */
  title: string;
  slice: FeatureMapSlice;
  scale: DivergingScale;
  /** Padding cells around the map, per side. */
  pads?: Pads;
  /** Flat indices of the elements that differ. */
  differing?: ReadonlySet<number>;
  /** Map rows and columns a failing output's window reads (padding positions included). */
  footprint?: { rows: readonly number[]; cols: readonly number[] };
  /** The flat index of the output whose window the input's footprint traces, outlined to match it. */
  focus?: number;
  /** A region outlined inside the map, in map positions (the input within a pad op's output). */
  inner?: { rowBegin: number; rowEnd: number; colBegin: number; colEnd: number };
  /** Unique within the page: prefixes the SVG's pattern ids. */
  idPrefix: string;
}

/** Maps up to this many cells a side (padding included) have their values written in. */
export const VALUES_WRITTEN_UP_TO = 12;
const DIFFERS = '#d7000f';
const EDGE = '#1a1a1a';
const NAN_FILL = '#8c8c8c';
const FOOTPRINT = '#6a1b9a';

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function featureMapSvg(picture: FeatureMapPicture): string {
  const { slice, scale } = picture;
  const pads = picture.pads ?? { top: 0, bottom: 0, left: 0, right: 0 };
  const cropRows = slice.cells.length;
  const cropCols = slice.cells[0]?.length ?? 0;
  const gridRows = pads.top + cropRows + pads.bottom;
  const gridCols = pads.left + cropCols + pads.right;
  const small = gridRows <= VALUES_WRITTEN_UP_TO && gridCols <= VALUES_WRITTEN_UP_TO;
  const cell = small ? 30 : Math.max(5, Math.min(16, Math.floor(384 / Math.max(gridCols, 1)), Math.floor(384 / Math.max(gridRows, 1))));
  // Index labels along the top and left of small maps let a reader name a position.
  const band = small ? 14 : 0;
  const margin = 3;
  const width = band + gridCols * cell + 2 * margin;
  const height = band + gridRows * cell + 2 * margin;
  const x = (col: number): number => margin + band + (col + pads.left) * cell;
  const y = (row: number): number => margin + band + (row + pads.top) * cell;
  const parts: string[] = [];
  const patternId = `${picture.idPrefix}-pad`;

  parts.push(`<title>${escapeHtml(picture.title)}</title>`);
  if (pads.top + pads.bottom + pads.left + pads.right > 0) {
    parts.push(
      `<defs><pattern id="${patternId}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ececec"/><rect width="2" height="6" fill="#a3a3a3"/></pattern></defs>`,
    );
  }

  if (small) {
    for (let c = 0; c < cropCols; c++) {
      parts.push(
        `<text class="axis" x="${round(x(c) + cell / 2)}" y="${margin + band - 3}" text-anchor="middle">${slice.colStart + c}</text>`,
      );
    }
    for (let r = 0; r < cropRows; r++) {
      parts.push(
        `<text class="axis" x="${margin + band - 3}" y="${round(y(r) + cell / 2 + 3)}" text-anchor="end">${slice.rowStart + r}</text>`,
      );
    }
  }

  // Padding: every grid position outside the map.
  for (let r = -pads.top; r < cropRows + pads.bottom; r++) {
    for (let c = -pads.left; c < cropCols + pads.right; c++) {
      if (r >= 0 && r < cropRows && c >= 0 && c < cropCols) continue;
      parts.push(
        `<rect data-pad="" x="${x(c)}" y="${y(r)}" width="${cell}" height="${cell}" fill="url(#${patternId})" stroke="#fff" stroke-width="0.5"/>`,
      );
    }
  }

  for (let r = 0; r < cropRows; r++) {
    for (let c = 0; c < cropCols; c++) {
      const { index, value } = slice.cells[r]![c]!;
      const tooltip = small ? `<title>[${slice.rowStart + r}, ${slice.colStart + c}] = ${escapeHtml(formatExactValue(value))}</title>` : '';
      const fill = value === undefined ? '#ffffff' : Number.isNaN(value) ? NAN_FILL : scale.colour(value);
      const dash = value === undefined ? ' stroke-dasharray="2 2" stroke="#9a9a9a"' : ' stroke="#ffffff" stroke-width="0.5"';
      parts.push(
        `<rect data-index="${index}" x="${x(c)}" y="${y(r)}" width="${cell}" height="${cell}" fill="${fill}"${dash}>${tooltip}</rect>`,
      );
      parts.push(glyph(value, x(c), y(r), cell, small, value !== undefined && !Number.isNaN(value) && scale.darkFill(value)));
    }
  }

  // The border between the padding and the map (spec: padding.modes).
  parts.push(
    `<rect class="edge" x="${x(0) - 1}" y="${y(0) - 1}" width="${cropCols * cell + 2}" height="${cropRows * cell + 2}" fill="none" stroke="${EDGE}" stroke-width="2"/>`,
  );

  if (picture.inner !== undefined) {
    const { rowBegin, rowEnd, colBegin, colEnd } = picture.inner;
    const r0 = Math.max(rowBegin - slice.rowStart, 0);
    const r1 = Math.min(rowEnd - slice.rowStart, cropRows);
    const c0 = Math.max(colBegin - slice.colStart, 0);
    const c1 = Math.min(colEnd - slice.colStart, cropCols);
    if (r1 > r0 && c1 > c0) {
      parts.push(
        `<rect data-inner="" x="${x(c0)}" y="${y(r0)}" width="${(c1 - c0) * cell}" height="${(r1 - r0) * cell}" fill="none" stroke="${EDGE}" stroke-width="2" stroke-dasharray="5 3"/>`,
      );
    }
  }

  if (picture.footprint !== undefined) parts.push(...footprintMarks(picture.footprint, slice, pads, cropRows, cropCols, x, y, cell));
  if (picture.focus !== undefined) {
    for (let r = 0; r < cropRows; r++) {
      for (let c = 0; c < cropCols; c++) {
        if (slice.cells[r]![c]!.index !== picture.focus) continue;
        parts.push(
          `<rect data-focus="" x="${x(c) + 4}" y="${y(r) + 4}" width="${cell - 8}" height="${cell - 8}" fill="none" stroke="${FOOTPRINT}" stroke-width="2" stroke-dasharray="4 2"/>`,
        );
      }
    }
  }

  if (picture.differing !== undefined && picture.differing.size > 0) {
    for (let r = 0; r < cropRows; r++) {
      for (let c = 0; c < cropCols; c++) {
        const { index } = slice.cells[r]![c]!;
        if (picture.differing.has(index)) parts.push(differsMark(index, x(c), y(r), cell));
      }
    }
  }

  const label = escapeHtml(picture.title);
  return `<svg data-tensor="${picture.tensor}" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="10">${parts.join('')}</svg>`;
}

function glyph(value: number | undefined, x: number, y: number, cell: number, small: boolean, dark: boolean): string {
  const special = value === undefined || !Number.isFinite(value) || Object.is(value, -0);
  if (small) {
    const colour = value !== undefined && Number.isNaN(value) ? '#ffffff' : dark ? '#ffffff' : '#111111';
    const weight = special ? ' font-weight="bold"' : '';
    const text = formatCellValue(value);
    // Monospace digits are about 0.6 em wide: long values get a smaller font to stay inside the cell.
    const size = Math.min(10, Math.floor(((cell - 4) / (0.62 * text.length)) * 10) / 10);
    return `<text x="${round(x + cell / 2)}" y="${round(y + cell / 2 + size * 0.35)}" text-anchor="middle" font-size="${size}" fill="${colour}"${weight}>${escapeHtml(text)}</text>`;
  }
  if (!special) return '';
  // Too small for text: NaN a cross, infinities a bar, -0 a dot, truncated nothing but its dashed outline.
  const inset = cell * 0.2;
  if (value === undefined) return '';
  if (Number.isNaN(value)) {
    return `<path d="M${round(x + inset)} ${round(y + inset)}L${round(x + cell - inset)} ${round(y + cell - inset)}M${round(x + cell - inset)} ${round(y + inset)}L${round(x + inset)} ${round(y + cell - inset)}" stroke="#ffffff" stroke-width="1.2"/>`;
  }
  if (!Number.isFinite(value)) {
    return `<rect x="${round(x + inset)}" y="${round(y + cell / 2 - 1)}" width="${round(cell - 2 * inset)}" height="2" fill="#ffffff"/>`;
  }
  return `<circle cx="${round(x + cell / 2)}" cy="${round(y + cell / 2)}" r="${round(Math.max(1, cell * 0.12))}" fill="#111111"/>`;
}

function differsMark(index: number, x: number, y: number, cell: number): string {
  const stroke = cell >= 12 ? 3 : 2;
  // Small cells get the outline outside the cell, so the mark is larger than what it marks.
  const grow = cell >= 12 ? -stroke / 2 : stroke / 2;
  const corner =
    cell >= 12
      ? `<path d="M${round(x + cell - cell * 0.35)} ${y}L${x + cell} ${y}L${x + cell} ${round(y + cell * 0.35)}Z" fill="${DIFFERS}"/>`
      : '';
  return `<g class="differs"><rect data-differs="${index}" x="${round(x - grow)}" y="${round(y - grow)}" width="${round(cell + 2 * grow)}" height="${round(cell + 2 * grow)}" fill="none" stroke="${DIFFERS}" stroke-width="${stroke}"/>${corner}</g>`;
}

function footprintMarks(
  footprint: { rows: readonly number[]; cols: readonly number[] },
  slice: FeatureMapSlice,
  pads: Pads,
  cropRows: number,
  cropCols: number,
  x: (col: number) => number,
  y: (row: number) => number,
  cell: number,
): string[] {
  const inGrid = (position: number, start: number, before: number, count: number, after: number): number | undefined => {
    const local = position - start;
    return local >= -before && local < count + after ? local : undefined;
  };
  const rows = footprint.rows.map((row) => inGrid(row, slice.rowStart, pads.top, cropRows, pads.bottom)).filter((row) => row !== undefined);
  const cols = footprint.cols.map((col) => inGrid(col, slice.colStart, pads.left, cropCols, pads.right)).filter((col) => col !== undefined);
  if (rows.length === 0 || cols.length === 0) return [];
  const marks: string[] = [];
  const top = Math.min(...rows);
  const left = Math.min(...cols);
  const bottom = Math.max(...rows) + 1;
  const right = Math.max(...cols) + 1;
  marks.push(
    `<rect data-footprint="" x="${x(left) + 2}" y="${y(top) + 2}" width="${(right - left) * cell - 4}" height="${(bottom - top) * cell - 4}" fill="none" stroke="${FOOTPRINT}" stroke-width="2" stroke-dasharray="4 2"/>`,
  );
  const radius = Math.max(1.5, cell * 0.1);
  for (const row of rows) {
    for (const col of cols) {
      marks.push(
        `<circle data-tap="" cx="${round(x(col) + radius + 2)}" cy="${round(y(row) + cell - radius - 2)}" r="${round(radius)}" fill="${FOOTPRINT}"/>`,
      );
    }
  }
  return marks;
}
