/**
 * Shape algebra computed independently of src/: output sizes by counting windows (exactOps's
 * axisWindows), parameter counts as the element counts of the weight tensors each layer owns,
 * and receptive fields by propagating sets of input coordinates backwards through the stack
 * (rf.definition), instead of by the rf.* formulas.
 */
import type { Convention } from '../../src/spec/conventions.js';
import type { FixtureLayerExpectation, FixtureModelParams, FixturePadding } from '../../src/fixtures/Fixture.js';
import { axisWindows, type AxisWindow } from './exactOps.js';

const product = (sizes: readonly number[]): number => sizes.reduce((p, s) => p * s, 1);

interface WindowHyperParameters {
  kernel: number[];
  strides?: number[];
  dilations?: number[];
  padding?: FixturePadding;
  ceilMode?: boolean;
}

/** What one layer does along one live spatial axis. */
type AxisStep = { kind: 'window'; k: number; s: number; d: number; pb: number } | { kind: 'whole'; n: number; consumes: boolean };

interface State {
  /** Current shape with the batch axis. */
  shape: number[];
  /** Whether the activation still has batch, channel and spatial axes. */
  spatial: boolean;
}

function split(shape: readonly number[], layout: FixtureModelParams['layout']): { batch: number; channels: number; spatial: number[] } {
  return layout === 'channels-first'
    ? { batch: shape[0]!, channels: shape[1]!, spatial: shape.slice(2) }
    : { batch: shape[0]!, channels: shape[shape.length - 1]!, spatial: shape.slice(1, -1) };
}

function join(batch: number, channels: number, spatial: number[], layout: FixtureModelParams['layout']): number[] {
  return layout === 'channels-first' ? [batch, channels, ...spatial] : [batch, ...spatial, channels];
}

/** Input coordinates that position `p` of a layer's output reads along one axis. */
function backwards(positions: Set<number>, step: AxisStep): Set<number> {
  const out = new Set<number>();
  for (const p of positions) {
    // A whole-axis step is a window of the axis's size with stride 1 and no padding.
    if (step.kind === 'whole') for (let i = 0; i < step.n; i++) out.add(p + i);
    else for (let j = 0; j < step.k; j++) out.add(p * step.s - step.pb + j * step.d);
  }
  return out;
}

export function exactModel(model: FixtureModelParams, convention: Convention): FixtureLayerExpectation[] | undefined {
  const layout = model.layout;
  let state: State = { shape: [...model.input], spatial: model.input.length >= 3 };
  const axisCount = state.spatial ? split(model.input, layout).spatial.length : 0;
  /** Per input axis, the steps applied so far (a consumed axis stops collecting steps). */
  const steps: AxisStep[][] = Array.from({ length: axisCount }, () => []);
  const consumed = new Array<boolean>(axisCount).fill(false);
  const expectations: FixtureLayerExpectation[] = [];

  const windowLayer = (layer: WindowHyperParameters): { spatial: number[]; windows: AxisWindow[] } | undefined => {
    const { spatial } = split(state.shape, layout);
    const rank = spatial.length;
    const strides = layer.strides ?? new Array<number>(rank).fill(1);
    const dilations = layer.dilations ?? new Array<number>(rank).fill(1);
    const padding = layer.padding ?? 'valid';
    const anyPadded = typeof padding === 'object' && [...padding.begin, ...padding.end].some((p) => p > 0);
    const windows: AxisWindow[] = [];
    for (let a = 0; a < rank; a++) {
      const mode = typeof padding === 'object' ? ([padding.begin[a]!, padding.end[a]!] as [number, number]) : padding;
      const w = axisWindows(
        spatial[a]!,
        layer.kernel[a]!,
        strides[a]!,
        dilations[a]!,
        mode,
        layer.ceilMode ?? false,
        convention,
        anyPadded,
      );
      if (w === undefined || w.output < 1) return undefined;
      windows.push(w);
    }
    const live = consumed.map((c, axis) => (c ? -1 : axis)).filter((axis) => axis >= 0);
    live.forEach((axis, a) =>
      steps[axis]!.push({ kind: 'window', k: layer.kernel[a]!, s: strides[a]!, d: dilations[a]!, pb: windows[a]!.padBegin }),
    );
    return { spatial: windows.map((w) => w.output), windows };
  };

  const wholeAxes = (axes: number[], sizes: number[], consumes: boolean): void => {
    axes.forEach((axis, a) => {
      steps[axis]!.push({ kind: 'whole', n: sizes[a]!, consumes });
      if (consumes) consumed[axis] = true;
    });
  };

  for (const layer of model.layers) {
    let params = 0;
    const liveAxes = consumed.map((c, axis) => (c ? -1 : axis)).filter((axis) => axis >= 0);
    switch (layer.type) {
      case 'conv':
      case 'depthwise-conv':
      case 'separable-conv': {
        if (!state.spatial) return undefined;
        const { batch, channels } = split(state.shape, layout);
        const result = windowLayer(layer);
        if (result === undefined) return undefined;
        const k = product(layer.kernel);
        const bias = layer.bias ?? true;
        let out: number;
        if (layer.type === 'conv') {
          const groups = layer.groups ?? 1;
          if (channels % groups !== 0 || layer.filters % groups !== 0) return undefined;
          out = layer.filters;
          params = out * (channels / groups) * k + (bias ? out : 0); // weight [Cout, C/g, k...] and bias [Cout]
        } else if (layer.type === 'depthwise-conv') {
          out = channels * (layer.depthMultiplier ?? 1);
          params = out * 1 * k + (bias ? out : 0); // weight [C·m, 1, k...]
        } else {
          const middle = channels * (layer.depthMultiplier ?? 1);
          out = layer.filters;
          params = middle * k + out * middle + (bias ? out : 0); // depthwise [C·m, 1, k...], pointwise [F, C·m, 1...]
        }
        state = { shape: join(batch, out, result.spatial, layout), spatial: true };
        break;
      }
      case 'max-pool':
      case 'avg-pool': {
        if (!state.spatial) return undefined;
        const { batch, channels } = split(state.shape, layout);
        const result = windowLayer(layer);
        if (result === undefined) return undefined;
        state = { shape: join(batch, channels, result.spatial, layout), spatial: true };
        break;
      }
      case 'global-max-pool':
      case 'global-avg-pool': {
        if (!state.spatial) return undefined;
        const { batch, channels, spatial } = split(state.shape, layout);
        wholeAxes(liveAxes, spatial, !layer.keepDims);
        state = layer.keepDims
          ? {
              shape: join(
                batch,
                channels,
                spatial.map(() => 1),
                layout,
              ),
              spatial: true,
            }
          : { shape: [batch, channels], spatial: false };
        break;
      }
      case 'flatten': {
        if (state.spatial) wholeAxes(liveAxes, split(state.shape, layout).spatial, true);
        state = { shape: [state.shape[0]!, product(state.shape.slice(1))], spatial: false };
        break;
      }
      case 'dense': {
        const nin = state.shape[state.shape.length - 1]!;
        params = nin * layer.units + ((layer.bias ?? true) ? layer.units : 0);
        if (state.spatial && layout === 'channels-first' && liveAxes.length > 0) {
          const last = liveAxes[liveAxes.length - 1]!;
          wholeAxes([last], [nin], true);
        }
        state = { shape: [...state.shape.slice(0, -1), layer.units], spatial: state.spatial && layout === 'channels-last' };
        break;
      }
    }
    const size: number[] = [];
    const jump: (number | null)[] = [];
    const start: number[] = [];
    for (let axis = 0; axis < axisCount; axis++) {
      let first = new Set([0]);
      let second = new Set([1]);
      for (const step of [...steps[axis]!].reverse()) {
        first = backwards(first, step);
        second = backwards(second, step);
      }
      const low = Math.min(...first);
      size.push(Math.max(...first) - low + 1);
      start.push(low);
      jump.push(consumed[axis] ? null : Math.min(...second) - low);
    }
    expectations.push({ outputShape: [...state.shape], params, receptiveField: { size, jump, start } });
  }
  return expectations;
}
