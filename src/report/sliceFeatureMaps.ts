/**
 * Cuts an evidence tensor into the two-dimensional maps of a view: which maps to show (those a
 * failure is in first, up to a limit), and each map's cells, cropped around its point of
 * interest when it is too large to draw whole.
 */
import type { EvidenceTensor } from './model/Report.js';
import { rowMajorStrides } from '../tensor/tensor.js';
import { evidenceValue } from './evidenceValue.js';
import type { AxisRole, TensorView } from './tensorViews.js';

export interface MapCell {
  /** Flat row-major index into the tensor. */
  index: number;
  /** Undefined when the data is truncated before this element. */
  value: number | undefined;
}

export interface FeatureMapSlice {
  /** Coordinates along the view's group axes. */
  coords: number[];
  /** E.g. "batch 0 · channel 1 · depth 2". */
  label: string;
  /** Full extent of the map. */
  rows: number;
  cols: number;
  /** Origin of the drawn crop within the map. */
  rowStart: number;
  colStart: number;
  /** The drawn cells, `cells[r][c]` at map position (rowStart + r, colStart + c). */
  cells: MapCell[][];
}

export interface SliceSelection {
  /** Ordinals (mixed-radix numbers over the group axes) of the maps to show, ascending. */
  ordinals: number[];
  /** How many maps the tensor has. */
  total: number;
}

/** Largest number of rows or columns drawn of one map. */
export const MAX_MAP_EXTENT = 32;

export function extent(shape: readonly number[], axis: number | undefined): number {
  return axis === undefined ? 1 : (shape[axis] ?? 1);
}

export function mapCount(shape: readonly number[], view: TensorView): number {
  return view.groups.reduce((product, group) => product * extent(shape, group.axis), 1);
}

/** Group coordinates of a map ordinal (the last group axis varies fastest). */
export function groupCoords(shape: readonly number[], view: TensorView, ordinal: number): number[] {
  const coords = new Array<number>(view.groups.length).fill(0);
  let rest = ordinal;
  for (let g = view.groups.length - 1; g >= 0; g--) {
    const size = extent(shape, view.groups[g]!.axis);
    coords[g] = rest % size;
    rest = Math.floor(rest / size);
  }
  return coords;
}

/** Coordinates along every tensor axis of a flat row-major index. */
export function tensorCoords(shape: readonly number[], index: number): number[] {
  const coords = new Array<number>(shape.length).fill(0);
  let rest = index;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    coords[axis] = rest % shape[axis]!;
    rest = Math.floor(rest / shape[axis]!);
  }
  return coords;
}

/** Where a flat index lies in a view: the map ordinal and the row and column in it. */
export function locate(shape: readonly number[], view: TensorView, index: number): { ordinal: number; row: number; col: number } {
  const coords = tensorCoords(shape, index);
  const ordinal = view.groups.reduce((acc, group) => acc * extent(shape, group.axis) + coords[group.axis]!, 0);
  return { ordinal, row: view.rowAxis === undefined ? 0 : coords[view.rowAxis]!, col: coords[view.colAxis] ?? 0 };
}

/**
 * The maps to show: the preferred ones first (in the order given, duplicates ignored), then the
 * first ones, `max` in all, shown in tensor order.
 */
export function chooseSlices(total: number, max: number, preferred: Iterable<number>): SliceSelection {
  const chosen = new Set<number>();
  for (const ordinal of preferred) {
    if (chosen.size >= max) break;
    if (ordinal >= 0 && ordinal < total) chosen.add(ordinal);
  }
  for (let ordinal = 0; ordinal < total && chosen.size < max; ordinal++) chosen.add(ordinal);
  return { ordinals: [...chosen].sort((a, b) => a - b), total };
}

const ROLE_NAMES: Record<AxisRole, string> = { batch: 'batch', channel: 'channel', depth: 'depth', out: 'out', in: 'in', block: 'block' };

function sliceLabel(shape: readonly number[], view: TensorView, coords: number[]): string {
  return view.groups
    .map((group, g) => ({ group, coord: coords[g]! }))
    .filter(({ group }) => !((group.role === 'depth' || group.role === 'block') && extent(shape, group.axis) === 1))
    .map(({ group, coord }) => `${ROLE_NAMES[group.role]} ${coord}`)
    .join(' · ');
}

function cropStart(size: number, centre: number | undefined, max: number): number {
  if (size <= max) return 0;
  const wanted = (centre ?? 0) - Math.floor(max / 2);
  return Math.min(Math.max(wanted, 0), size - max);
}

/**
 * The chosen maps of a tensor. `centre` names the map position a crop keeps in view (the first
 * differing element, the window of a failing output); without one a crop starts at the origin.
 */
export function sliceTensor(
  tensor: EvidenceTensor,
  view: TensorView,
  ordinals: readonly number[],
  centre: (ordinal: number) => { row: number; col: number } | undefined = () => undefined,
  maxExtent = MAX_MAP_EXTENT,
): FeatureMapSlice[] {
  const shape = tensor.shape;
  const strides = rowMajorStrides(shape);
  const rows = extent(shape, view.rowAxis);
  const cols = extent(shape, view.colAxis);
  const rowStride = view.rowAxis === undefined ? 0 : strides[view.rowAxis]!;
  const colStride = strides[view.colAxis] ?? 0;
  return ordinals.map((ordinal) => {
    const coords = groupCoords(shape, view, ordinal);
    const base = view.groups.reduce((acc, group, g) => acc + coords[g]! * strides[group.axis]!, 0);
    const focus = centre(ordinal);
    const rowStart = cropStart(rows, focus?.row, maxExtent);
    const colStart = cropStart(cols, focus?.col, maxExtent);
    const cells: MapCell[][] = [];
    for (let r = rowStart; r < Math.min(rows, rowStart + maxExtent); r++) {
      const row: MapCell[] = [];
      for (let c = colStart; c < Math.min(cols, colStart + maxExtent); c++) {
        const index = base + r * rowStride + c * colStride;
        row.push({ index, value: evidenceValue(tensor, index) });
      }
      cells.push(row);
    }
    return { coords, label: sliceLabel(shape, view, coords), rows, cols, rowStart, colStart, cells };
  });
}
