/**
 * What the first differing output of a failure reads, so that pictures can trace it back: for
 * convolution, pooling and pad, the taps of its window (spec: shape.window) in its batch item
 * and in the input channels it draws on (its own channel, or for convolution the channels of
 * its group, spec: conv.groups); for dense, its input row and its column of the weight
 * (spec: dense.definition); for global pooling, its whole input channel (spec: pool.global).
 */
import type { FailureEvidence } from './model/Report.js';
import { denseWeightLayout } from './denseWeightLayout.js';
import { tensorCoords } from './sliceFeatureMaps.js';
import type { AxisRole, TensorView } from './tensorViews.js';
import { windowTaps } from './windowTaps.js';
import { figureOf } from './figureOf.js';
import { OPS } from '../ops/registry.js';

/** Rows and columns of a map, padding positions included (negative, or past the end). */
export interface Footprint {
  rows: number[];
  cols: number[];
}

export interface FailingOutputTrace {
  /** Flat index of the traced output element. */
  output: number;
  /** Whether the input map at these group coordinates holds elements the output reads. */
  readsInputMap(coords: number[]): boolean;
  /** The positions of that map the output reads, when they can be drawn. */
  inputFootprint(coords: number[], rows: number, cols: number): Footprint | undefined;
  /** Whether the weight map at these group coordinates holds weights the output uses. */
  readsWeightMap(coords: number[]): boolean;
  weightFootprint(coords: number[], rows: number, cols: number): Footprint | undefined;
}

function range(count: number): number[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => i);
}

function roleIndex(view: TensorView, role: AxisRole, coords: number[]): number | undefined {
  const g = view.groups.findIndex((group) => group.role === role);
  return g < 0 ? undefined : coords[g];
}

function channelsOf(shape: readonly number[], layout: FailureEvidence['layout']): number {
  return (layout === 'channels-first' ? shape[1] : shape.at(-1)) ?? 1;
}

/**
 * The trace of output element `output` (a flat index into the expected output), given how the
 * input and weight are cut into maps; undefined when the evidence cannot say what it reads.
 */
export function traceFailingOutput(
  evidence: FailureEvidence,
  output: number,
  inputView: TensorView,
  weightView: TensorView | undefined,
): FailingOutputTrace | undefined {
  const outputShape = evidence.expected?.shape;
  if (outputShape === undefined) return undefined;
  const coords = tensorCoords(outputShape, output);
  const none = (): undefined => undefined;

  if (figureOf(evidence) === 'matrix') {
    // Input and output share every axis but the last.
    const leading = coords.slice(0, -1);
    const outFeature = coords.at(-1)!;
    const layout = denseWeightLayout(evidence);
    const readsInputMap = (map: number[]): boolean => map.every((coord, g) => coord === leading[g]);
    return {
      output,
      readsInputMap,
      inputFootprint: (map, _rows, cols) =>
        readsInputMap(map) ? { rows: [inputView.rowAxis === undefined ? 0 : leading[inputView.rowAxis]!], cols: range(cols) } : undefined,
      readsWeightMap: () => true,
      weightFootprint: (_map, rows, cols) =>
        layout === undefined
          ? undefined
          : layout === 'in-out'
            ? { rows: range(rows), cols: [outFeature] }
            : { rows: [outFeature], cols: range(cols) },
    };
  }

  const first = evidence.layout === 'channels-first';
  const batch = coords[0] ?? 0;
  const channel = (first ? coords[1] : coords.at(-1)) ?? 0;
  const spatial = first ? coords.slice(2) : coords.slice(1, -1);
  const groups = typeof evidence.params['groups'] === 'number' && evidence.params['groups'] > 0 ? evidence.params['groups'] : 1;
  const readsChannel = (inputChannel: number): boolean => {
    if (!OPS[evidence.op].readsAcrossChannels) return inputChannel === channel;
    const group = Math.floor(channel / Math.max(1, channelsOf(outputShape, evidence.layout) / groups));
    const perGroup = channelsOf(evidence.input.shape, evidence.layout) / groups;
    return inputChannel >= group * perGroup && inputChannel < (group + 1) * perGroup;
  };
  const window = evidence.window;
  const taps =
    window !== undefined && figureOf(evidence) !== 'global' && spatial.length === window.kernel.length
      ? windowTaps(window, spatial)
      : undefined;
  if (taps === undefined && figureOf(evidence) !== 'global') return undefined;
  const readsInputMap = (map: number[]): boolean => {
    const inBatch = roleIndex(inputView, 'batch', map);
    const inChannel = roleIndex(inputView, 'channel', map);
    const depth = inputView.groups.find((group) => group.role === 'depth');
    const inDepth = roleIndex(inputView, 'depth', map);
    return (
      (inBatch === undefined || inBatch === batch) &&
      (inChannel === undefined || readsChannel(inChannel)) &&
      (taps === undefined || depth?.spatial === undefined || inDepth === undefined || taps[depth.spatial]!.includes(inDepth))
    );
  };
  return {
    output,
    readsInputMap,
    inputFootprint: (map, rows, cols) => {
      if (!readsInputMap(map) || inputView.colSpatial === undefined) return undefined;
      if (taps === undefined) return { rows: range(rows), cols: range(cols) };
      return { rows: inputView.rowSpatial === undefined ? [0] : taps[inputView.rowSpatial]!, cols: taps[inputView.colSpatial]! };
    },
    readsWeightMap: (map) => weightView !== undefined && roleIndex(weightView, 'out', map) === channel,
    weightFootprint: none,
  };
}
