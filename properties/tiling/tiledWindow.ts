/**
 * The window part of a tiled case: per axis a kernel of 1 to 5, a stride of 1 to 3, a padding
 * mode and the input size that gives a drawn output size. Output sizes are what kernels tile
 * (one invocation or texel per output position), so the edges are drawn on them and the input
 * is derived: valid and explicit padding take (out - 1)·s + k - pads plus less than a stride,
 * same padding any size whose ceil(n / s) is out (spec: shape.output-size.floor, padding.same.output-size).
 */
import fc from 'fast-check';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import type { Convention } from '../../src/spec/conventions.js';
import type { Padding } from '../../src/ops/window/planWindow.js';
import type { PaddingKind } from '../arbitraries/caseSpace.js';

export interface TiledWindow {
  kernel: number[];
  strides: number[];
  padKind: PaddingKind;
  begin: number[];
  end: number[];
  /** Per axis, 0 to 2: how far the input runs past the last window, less than a stride. */
  extra: number[];
}

/** Pads as drawn, 0 to 2, before settleWindow fits them to the kernel. */
export type WindowDraw = TiledWindow;

export interface PadRules {
  asymmetricPads: boolean;
  /** The largest pad a kernel allows (pooling's pad limits). @defaultValue 2 */
  padLimit?: (kernel: number) => number;
}

const perAxis = (rank: number, arbitrary: fc.Arbitrary<number>): fc.Arbitrary<number[]> =>
  fc.array(arbitrary, { minLength: rank, maxLength: rank });

/** A window on `rank` axes as drawn: kernel 1 to 5, stride 1 to 3, pads 0 to 2. */
export function windowDraw(rank: number, paddings: readonly PaddingKind[]): fc.Arbitrary<WindowDraw> {
  return fc.record({
    kernel: perAxis(rank, fc.integer({ min: 1, max: 5 })),
    strides: perAxis(rank, fc.integer({ min: 1, max: 3 })),
    padKind: fc.constantFrom(...paddings),
    begin: perAxis(rank, fc.integer({ min: 0, max: 2 })),
    end: perAxis(rank, fc.integer({ min: 0, max: 2 })),
    extra: perAxis(rank, fc.integer({ min: 0, max: 2 })),
  });
}

/**
 * The window of a draw with the given kernel (the draw's, or one made smaller to fit the element
 * cap). Explicit pads on both sides together stay below the kernel, so that every window holds an
 * input element; symmetric pads are at most (k - 1) / 2 each.
 */
export function settleWindow(convention: Convention, draw: WindowDraw, kernel: readonly number[], rules: PadRules): TiledWindow {
  const explicit = draw.padKind === 'explicit';
  const limit = rules.padLimit ?? (() => 2);
  const begin = kernel.map((k, a) =>
    explicit ? Math.min(draw.begin[a]!, limit(k), rules.asymmetricPads ? k - 1 : Math.floor((k - 1) / 2)) : 0,
  );
  const end = kernel.map((k, a) =>
    explicit ? (rules.asymmetricPads ? Math.min(draw.end[a]!, limit(k), k - 1 - begin[a]!) : begin[a]!) : 0,
  );
  // spec: padding.same-upper — some conventions define same padding with stride 1 only
  const sameStrideOne = draw.padKind.startsWith('same') && convention.sameWithStride === 'error';
  return { ...draw, kernel: [...kernel], begin, end, strides: sameStrideOne ? draw.strides.map(() => 1) : draw.strides };
}

/** The padding of a tiled window as a call takes it. */
export function windowPadding(w: TiledWindow): Padding {
  return w.padKind === 'explicit' ? { begin: w.begin, end: w.end } : (w.padKind as Exclude<PaddingKind, 'explicit'>);
}

/** The input size along axis `a` whose output size is `out` (dilation 1). */
export function inputSizeFor(convention: Convention, w: TiledWindow, a: number, out: number): number {
  const s = w.strides[a]!;
  // spec: shape.output-size.exact — a convention that divides exactly takes no remainder
  const extra = knobChoices(convention, 'rounding').includes('exact') ? 0 : w.extra[a]! % s;
  if (w.padKind === 'same-upper' || w.padKind === 'same-lower') return (out - 1) * s + 1 + extra;
  return (out - 1) * s + w.kernel[a]! - w.begin[a]! - w.end[a]! + extra;
}
