/**
 * Pooling cases: parameters first (kind, window, stride, dilation, padding, ceil mode, padding
 * counted), then an input that fits, then data. Pads respect the convention's pooling pad
 * limit; input sizes are drawn around the window's need, so that ceil mode often leaves a
 * partial last window, and sometimes one that would start in the end padding.
 */
import fc from 'fast-check';
import type { Call } from '../../src/ops/Adapter.js';
import type { Layout } from '../../src/spec/conventions.js';
import type { Feature } from '../../src/spec/features.js';
import { joinActivationShape } from '../../src/tensor/layout.js';
import { planPool, type PoolKind, type PoolParams } from '../../src/ops/pool/planPool.js';
import type { Padding } from '../../src/ops/window/planWindow.js';
import { knobChoices } from '../../src/spec/concreteConventions.js';
import { elementCount, type Tensor } from '../../src/tensor/tensor.js';
import type { PropertyContext } from '../PropertyDefinition.js';
import { caseSpace, type PaddingKind } from './caseSpace.js';
import { layoutChoice, rankChoice, requireChoices } from './requireChoices.js';
import { tensorArbitrary, type ValueDomain } from './elementValues.js';
import { inputBeyondWindow, strideBeyondWindow } from './convCase.js';
import { validUnderEveryMember } from './validUnderEveryMember.js';

export interface PoolCase {
  input: Tensor;
  params: Required<Pick<Call<PoolParams>, 'kind' | 'kernel' | 'strides' | 'dilations' | 'padding' | 'ceilMode' | 'layout'>> &
    Pick<Call<PoolParams>, 'countIncludePad'>;
  values: ValueDomain;
}

export interface PoolCaseConstraints {
  kinds?: PoolKind[];
  ranks?: number[];
  paddings?: PaddingKind[];
  layouts?: Layout[];
  /** @defaultValue 'any' */
  ceilMode?: 'any' | 'on' | 'off';
  /** Average pooling only. @defaultValue 'any' */
  countIncludePad?: 'any' | 'on' | 'off';
  strideOne?: boolean;
  dilationOne?: boolean;
  /** Window sizes from this list. @defaultValue 1 to 4 */
  kernelSizes?: number[];
  /** Make the stride equal the window (non-overlapping windows), with valid padding. */
  tiled?: boolean;
  values?: ValueDomain;
}

const perAxis = (rank: number, arbitrary: fc.Arbitrary<number>): fc.Arbitrary<number[]> =>
  fc.array(arbitrary, { minLength: rank, maxLength: rank });

/** Cases before the final validity filter (see poolCase); exported to measure how rarely it discards. */
export function poolCaseCandidates(ctx: PropertyContext, constraints: PoolCaseConstraints = {}): fc.Arbitrary<PoolCase> {
  const space = caseSpace(ctx);
  const convention = space.convention;
  const askedKinds = constraints.kinds ?? (['max', 'avg'] as PoolKind[]);
  const askedPaddings = constraints.tiled ? ['valid' as const] : (constraints.paddings ?? space.poolPaddings);
  const kinds = askedKinds.filter((kind) => (kind === 'max' ? space.maxPool : space.avgPool));
  const ranks = (constraints.ranks ?? space.ranks).filter((rank) => space.ranks.includes(rank));
  const paddings = askedPaddings.filter((mode) => space.poolPaddings.includes(mode));
  const layouts = (constraints.layouts ?? space.layouts).filter((layout) => space.layouts.includes(layout));
  const ceilChoices = constraints.ceilMode === 'on' ? [true] : constraints.ceilMode === 'off' || !space.ceilMode ? [false] : [false, true];
  const countChoices =
    constraints.countIncludePad === 'on'
      ? [true]
      : constraints.countIncludePad === 'off' || !space.countIncludePad
        ? [false]
        : [false, true];
  const values = constraints.values ?? 'exact';
  requireChoices(ctx, 'pooling', [
    { name: 'kind', supported: kinds.length, needs: askedKinds.map((kind) => `pool.${kind}` as const) },
    rankChoice(space, constraints.ranks),
    {
      name: 'padding',
      supported: paddings.length,
      needs: askedPaddings.flatMap((mode) => (mode.startsWith('same') ? ['pool.same', `padding.${mode}` as Feature] : [])),
    },
    layoutChoice(space, constraints.layouts),
    { name: 'ceil mode', supported: constraints.ceilMode === 'on' && !space.ceilMode ? 0 : 1, needs: ['pool.ceil-mode'] },
    {
      name: 'padding counted',
      supported: constraints.countIncludePad === 'on' && !space.countIncludePad ? 0 : 1,
      needs: ['pool.avg.count-include-pad'],
    },
  ]);
  const kernelSize = constraints.kernelSizes ? fc.constantFrom(...constraints.kernelSizes) : fc.integer({ min: 1, max: 4 });

  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      rank: fc.constantFrom(...ranks),
      padKind: fc.constantFrom(...paddings),
      layout: fc.constantFrom(...layouts),
      ceilMode: fc.constantFrom(...ceilChoices),
      countIncludePad: fc.constantFrom(...countChoices),
      batch: fc.integer({ min: 1, max: 2 }),
      channels: fc.integer({ min: 1, max: 3 }),
      useDilation: fc.boolean(),
      // As for convolution (convCase.ts): a third of the cases step past their window on the last
      // axis by 3 or more, with an input that makes same padding's total -2 or less.
      strideBeyondWindow: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .chain((base) => {
      const dilationAllowed = constraints.dilationOne !== true && (base.kind === 'max' ? space.maxPoolDilation : space.avgPoolDilation);
      return fc.record({
        base: fc.constant(base),
        kernel: perAxis(base.rank, kernelSize),
        strides: perAxis(base.rank, constraints.strideOne ? fc.constant(1) : fc.integer({ min: 1, max: 4 })),
        dilations: perAxis(base.rank, dilationAllowed && base.useDilation ? fc.integer({ min: 1, max: 3 }) : fc.constant(1)),
        begin: perAxis(base.rank, fc.integer({ min: 0, max: 3 })),
        end: perAxis(base.rank, fc.integer({ min: 0, max: 3 })),
        extra: perAxis(
          base.rank,
          fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 0, max: 7 }) }),
        ),
      });
    })
    .chain(({ base, kernel, strides, dilations, begin, end, extra }) => {
      let str = constraints.tiled ? [...kernel] : strides;
      let dil = constraints.tiled ? kernel.map(() => 1) : dilations;
      if (knobChoices(convention, 'dilationWithStride').includes('error') && dil.some((d) => d > 1) && str.some((s) => s > 1)) {
        if (base.useDilation) str = str.map(() => 1);
        else dil = dil.map(() => 1);
      }
      const beyondWindow = base.strideBeyondWindow && !constraints.strideOne && !constraints.tiled && dil.every((d) => d === 1);
      if (beyondWindow) str = strideBeyondWindow(kernel, dil, str);
      const effK = kernel.map((k, a) => dil[a]! * (k - 1) + 1);
      // The strictest limit the convention may have, so that every conforming implementation accepts the pads.
      const limit = (a: number): number =>
        Math.min(
          ...knobChoices(convention, 'poolPadLimit').map((choice) =>
            choice === 'half-kernel'
              ? Math.floor(kernel[a]! / 2)
              : choice === 'less-than-kernel'
                ? kernel[a]! - 1
                : choice === 'at-most-kernel'
                  ? kernel[a]!
                  : Infinity,
          ),
        );
      const explicit = base.padKind === 'explicit';
      const padBegin = begin.map((p, a) => (explicit ? Math.min(p, limit(a)) : 0));
      const padEnd = (space.asymmetricPads ? end : begin).map((p, a) => (explicit ? Math.min(p, limit(a)) : 0));
      const spatial = effK.map((e, a) => {
        let n =
          beyondWindow && a === base.rank - 1
            ? inputBeyondWindow(e, str[a]!, extra[a]!)
            : Math.max(1, e - padBegin[a]! - padEnd[a]! + extra[a]!);
        if (convention.rounding === 'exact') n += (str[a]! - ((n + padBegin[a]! + padEnd[a]! - e) % str[a]!)) % str[a]!;
        return n;
      });
      const padding: Padding = explicit ? { begin: padBegin, end: padEnd } : (base.padKind as Exclude<PaddingKind, 'explicit'>);
      const params: PoolCase['params'] = {
        kind: base.kind,
        kernel,
        strides: str,
        dilations: dil,
        padding,
        ceilMode: base.ceilMode,
        layout: base.layout,
        ...(base.kind === 'avg' ? { countIncludePad: base.countIncludePad } : {}),
      };
      const inputShape = joinActivationShape({ batch: base.batch, channels: base.channels, spatial }, base.layout);
      return fc.record({ input: tensorArbitrary(inputShape, values), params: fc.constant(params), values: fc.constant(values) });
    });
}

/** Whether a case is within the element cap and valid under every member of the context's convention. */
export function isPoolCaseValid(ctx: PropertyContext, c: PoolCase): boolean {
  if (elementCount(c.input.shape) > ctx.maxElements) return false;
  try {
    const plan = planPool({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);
    if (elementCount(plan.outputShape) > ctx.maxElements) return false;
  } catch {
    return false;
  }
  return validUnderEveryMember(ctx.conventionSpec, (member) => planPool({ ...c.params, convention: member }, c.input.shape));
}

export function poolCase(ctx: PropertyContext, constraints: PoolCaseConstraints = {}): fc.Arbitrary<PoolCase> {
  return poolCaseCandidates(ctx, constraints).filter((c) => isPoolCaseValid(ctx, c));
}
