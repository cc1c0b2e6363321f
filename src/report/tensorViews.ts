/**
 * How a tensor of a failure is cut into two-dimensional maps: which axes enumerate separate maps
 * (batch, channel, depth, kernel in/out, leading rows), and which axes run down and across a map.
 * Views name each axis by its role so that pictures can be labelled and padded by spatial axis.
 *
 * spec: layout.channels-first, layout.channels-last, layout.kernel
 */

export type AxisRole = 'batch' | 'channel' | 'depth' | 'out' | 'in' | 'block';

export interface GroupAxis {
  axis: number;
  role: AxisRole;
  /** Which spatial axis (0-based, outermost first) this is, for depth slices. */
  spatial?: number;
}

export interface TensorView {
  /** Axes that enumerate separate maps, outermost first. */
  groups: GroupAxis[];
  /** The axis down a map; absent for one-row maps (spatial rank 1, vectors). */
  rowAxis?: number;
  /** The axis across a map. */
  colAxis: number;
  /** Spatial axis index of the row and column axes, when they are spatial (for padding). */
  rowSpatial?: number;
  colSpatial?: number;
  /** How rows and columns are named in captions, e.g. "height × width" or "batch × channel". */
  axesLabel: string;
}

const SPATIAL_NAMES: Record<number, string[]> = {
  1: ['width'],
  2: ['height', 'width'],
  3: ['depth', 'height', 'width'],
};

/**
 * Spatial axes of a rank-1 view run across one row; of rank 2, down and across; of rank 3, the
 * first spatial axis enumerates depth slices. `spatialAxes` are tensor axes, outermost first.
 */
function spatialView(groups: GroupAxis[], spatialAxes: number[]): TensorView {
  const names = SPATIAL_NAMES[spatialAxes.length] ?? spatialAxes.map((_, i) => `axis ${i}`);
  if (spatialAxes.length === 1) {
    return { groups, colAxis: spatialAxes[0]!, colSpatial: 0, axesLabel: names[0]! };
  }
  const leading = spatialAxes.slice(0, -2).map((axis, spatial): GroupAxis => ({ axis, role: 'depth', spatial }));
  const rowSpatial = spatialAxes.length - 2;
  const colSpatial = spatialAxes.length - 1;
  return {
    groups: [...groups, ...leading],
    rowAxis: spatialAxes[rowSpatial]!,
    colAxis: spatialAxes[colSpatial]!,
    rowSpatial,
    colSpatial,
    axesLabel: `${names[rowSpatial]} × ${names[colSpatial]}`,
  };
}

/**
 * An activation ([N, C, ...spatial] channels-first, [N, ...spatial, C] channels-last): one map
 * per batch item and channel (and depth). Without spatial axes, or with `pooled` spatial axes of
 * size 1 (the output of global pooling), one batch × channel map.
 */
export function activationView(shape: readonly number[], layout: 'channels-first' | 'channels-last', pooled = false): TensorView {
  const rank = shape.length;
  const channelAxis = layout === 'channels-first' ? 1 : rank - 1;
  const spatialAxes = layout === 'channels-first' ? range(2, rank) : range(1, rank - 1);
  if (rank < 2) return matrixView(shape);
  if (spatialAxes.length === 0 || (pooled && spatialAxes.every((axis) => shape[axis] === 1))) {
    return {
      groups: spatialAxes.map((axis, spatial): GroupAxis => ({ axis, role: 'depth', spatial })),
      rowAxis: 0,
      colAxis: channelAxis,
      axesLabel: 'batch × channel',
    };
  }
  return spatialView(
    [
      { axis: 0, role: 'batch' },
      { axis: channelAxis, role: 'channel' },
    ],
    spatialAxes,
  );
}

/** A convolution kernel, `out-in-spatial` [Cout, Cin/g, ...k] or `spatial-in-out` [...k, Cin/g, Cout]: one map per (out, in) pair. */
export function kernelView(shape: readonly number[], kernelLayout: string | undefined): TensorView {
  const rank = shape.length;
  if (rank < 3) return matrixView(shape);
  if (kernelLayout === 'spatial-in-out') {
    return spatialView(
      [
        { axis: rank - 1, role: 'out' },
        { axis: rank - 2, role: 'in' },
      ],
      range(0, rank - 2),
    );
  }
  return spatialView(
    [
      { axis: 0, role: 'out' },
      { axis: 1, role: 'in' },
    ],
    range(2, rank),
  );
}

/** A matrix (dense inputs, weights and outputs): the last axis across, the one before down, leading axes as blocks. */
export function matrixView(shape: readonly number[], axesLabel = 'rows × columns'): TensorView {
  const rank = shape.length;
  if (rank <= 1) return { groups: [], colAxis: 0, axesLabel: axesLabel.split(' × ').at(-1)! };
  return {
    groups: range(0, rank - 2).map((axis): GroupAxis => ({ axis, role: 'block' })),
    rowAxis: rank - 2,
    colAxis: rank - 1,
    axesLabel,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
