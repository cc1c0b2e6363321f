/**
 * Warnings for an input shape that was probably meant in another layout, or without its batch
 * axis: the shape algebra reads a shape exactly as the layout says (spec: layout.channels-first,
 * layout.channels-last), so `[1, 32, 32, 3]` read channels-first is 32 channels of 32x3, and
 * `[32, 32, 3]` is a batch of 32 one-dimensional inputs. The answer is still the one asked for;
 * the warning says how the shape was read and how to ask for the other reading.
 *
 * The heuristics are deliberately narrow, so that a shape meant as given is rarely warned about:
 * - an image has at most 4 channels (grey, RGB, RGBA), and each of its spatial axes is at least
 *   4 times that many;
 * - "looks channels-last": the layout was not given (the convention's default, channels-first,
 *   was assumed), the rank is 4 or 5, the last axis holds at most 4 and every other axis but
 *   the batch axis at least 4 times as many; "looks channels-first" is the mirror image, for a
 *   convention whose default is channels-last;
 * - "no batch axis": the rank is 3 (one spatial axis after batch and channels) and the shape
 *   reads as an image of 2 spatial axes, either `[H, W, C]` (the last axis at most 4, the first
 *   two at least 4 times as large) or `[C, H, W]` with a square `H x W` (the first axis at most 4:
 *   `[1, 16, 100]` is more likely one 1-D input of 16 channels than a 16x100 grey image).
 * Only layers that read a layout (convolutions and pooling) are considered.
 */
import type { Layout } from '../tensor/layout.js';
import { isLayerType, LAYERS } from './layerRegistry.js';

/** The most channels an input is taken to be an image with. */
const IMAGE_CHANNELS = 4;
/** How many times an image's spatial axes are at least its channel count. */
const SPATIAL_FACTOR = 4;

/** Whether a layer type reads its input through the layout (its descriptor says). */
const readsLayout = (type: string): boolean => isLayerType(type) && LAYERS[type].readsLayout;

export interface InputReading {
  /** The shape as read, batch axis included. */
  shape: readonly number[];
  /** The layout it was read in. */
  layout: Layout;
  /** Whether the layout was given (a flag, a model file's `layout`), not the convention's default. */
  layoutGiven: boolean;
  /** The type of the layer that reads the shape first. */
  layerType: string;
  /** Where the shape comes from: the command line's `--input` or a model file's `input`. */
  source: 'cli' | 'model';
}

const SPATIAL_NAMES: Readonly<Record<number, readonly string[]>> = { 1: ['W'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

/** `[N=1, C=32, H=32, W=3]`: each axis with the name the layout gives it. */
export function namedAxes(shape: readonly number[], layout: Layout): string {
  const spatial = SPATIAL_NAMES[shape.length - 2] ?? Array.from({ length: Math.max(0, shape.length - 2) }, (_, axis) => `D${axis + 1}`);
  const names = layout === 'channels-first' ? ['N', 'C', ...spatial] : ['N', ...spatial, 'C'];
  return `[${shape.map((size, axis) => `${names[axis] ?? '?'}=${size}`).join(', ')}]`;
}

const isImageChannels = (size: number): boolean => size >= 1 && size <= IMAGE_CHANNELS;
const dwarfedBy = (small: number, others: readonly number[]): boolean => others.every((size) => size >= SPATIAL_FACTOR * small);
const list = (shape: readonly number[]): string => shape.join(',');

export function inputLayoutWarnings(reading: InputReading): string[] {
  const { shape, layout, layoutGiven, layerType, source } = reading;
  if (!readsLayout(layerType)) return [];
  const given = source === 'cli' ? `--input ${list(shape)}` : `model.input [${shape.join(', ')}]`;
  const read = `read as ${layout} ${namedAxes(shape, layout)}`;
  const warnings: string[] = [];
  if (shape.length === 3) {
    const [a, b, c] = shape as [number, number, number];
    const hwc = isImageChannels(c) && dwarfedBy(c, [a, b]);
    const chw = isImageChannels(a) && b === c && dwarfedBy(a, [b, c]);
    if (hwc || chw) {
      const [height, width, channels] = hwc ? [a, b, c] : [b, c, a];
      const image = `${height}x${width} image with ${channels} channel${channels === 1 ? '' : 's'}`;
      const withBatch = [1, a, b, c];
      const imageLayout: Layout = hwc ? 'channels-last' : 'channels-first';
      const fix =
        source === 'cli'
          ? hwc
            ? `--input-shape ${list(shape)} (Keras input_shape: channels-last, no batch axis) or --input ${list(withBatch)} --layout channels-last`
            : `--input ${list(withBatch)}${layout === 'channels-first' ? '' : ' --layout channels-first'}`
          : `"input": [${withBatch.join(', ')}]${imageLayout === layout && layoutGiven ? '' : ` with "layout": "${imageLayout}"`}`;
      warnings.push(`${given} has no batch axis? It was ${read}, a batch of ${a} one-dimensional inputs. For a ${image} give ${fix}.`);
    }
    return warnings;
  }
  if (layoutGiven || (shape.length !== 4 && shape.length !== 5)) return warnings;
  const rest = shape.slice(1);
  const first = rest[0]!;
  const last = rest[rest.length - 1]!;
  if (layout === 'channels-first' && isImageChannels(last) && dwarfedBy(last, rest.slice(0, -1))) {
    const fix =
      source === 'cli'
        ? `--layout channels-last (or --input-shape ${list(rest)}, the Keras input_shape without the batch axis)`
        : `"layout": "channels-last" in the model file`;
    warnings.push(
      `${given} looks channels-last (the last axis, ${last}, is much smaller than the others); it was ${read}. For a Keras or TensorFlow shape give ${fix}.`,
    );
  }
  if (layout === 'channels-last' && isImageChannels(first) && dwarfedBy(first, rest.slice(1))) {
    const fix = source === 'cli' ? '--layout channels-first' : `"layout": "channels-first" in the model file`;
    warnings.push(
      `${given} looks channels-first (the axis after the batch axis, ${first}, is much smaller than the others); it was ${read}. For a PyTorch or ONNX shape give ${fix}.`,
    );
  }
  return warnings;
}
