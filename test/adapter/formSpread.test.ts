/**
 * How the built-in adapters spread their calls over API forms (spec: conformance.api-forms):
 * the same request always takes the same form, and over many generated requests every option of
 * every dimension is taken in at least half its fair share (1/n of the requests that offer n
 * options of that dimension), so that a property's 40 cases meet every form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isUnsupportedCase,
  type ConvRequest,
  type DenseRequest,
  type GlobalPoolRequest,
  type PadRequest,
  type PoolRequest,
} from '../../src/ops/Adapter.js';
import { formPicker, type FormOption, type FormPicker } from '../../src/adapter/formPicker.js';
import { onnxConvCall, onnxDenseCall, onnxGlobalPoolCall, onnxPadCall, onnxPoolCall } from '../../src/adapter/onnxForms.js';
import { requestDigest } from '../../src/adapter/requestDigest.js';
import { tfjsConvCall, tfjsDenseCall, tfjsGlobalPoolCall, tfjsPadCall, tfjsPoolCall } from '../../src/adapter/tfjsForms.js';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';

const REQUESTS = 600;
/** An option must be taken in at least this fraction of its fair share. */
const SHARE = 0.5;
/** Groups of fewer requests are too small to measure a share in. */
const LEAST = 60;

const tensor = (shape: number[], seed: number): Tensor =>
  makeTensor(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (((i + 1) * (seed + 3) * 7) % 17) / 8 - 1),
  );

type Layout = 'channels-first' | 'channels-last';
interface Geometry {
  rank: number;
  batch: number;
  channels: number;
  sizes: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
  padding: 'valid' | 'same-upper' | 'same-lower' | { begin: number[]; end: number[] };
  layout: Layout;
  seed: number;
}

/** Window geometries whose window fits in the padded input (the requests that have a choice of forms). */
const geometry = (layouts: Layout[], autos: Geometry['padding'][]): fc.Arbitrary<Geometry> =>
  fc
    .record({
      rank: fc.integer({ min: 1, max: 3 }),
      batch: fc.integer({ min: 1, max: 2 }),
      channels: fc.integer({ min: 1, max: 3 }),
      layout: fc.constantFrom(...layouts),
      seed: fc.nat(1000),
      dims: fc.array(
        fc.record({
          n: fc.integer({ min: 1, max: 6 }),
          k: fc.integer({ min: 1, max: 3 }),
          s: fc.integer({ min: 1, max: 3 }),
          d: fc.integer({ min: 1, max: 2 }),
          b: fc.integer({ min: 0, max: 2 }),
          e: fc.integer({ min: 0, max: 2 }),
        }),
        { minLength: 3, maxLength: 3 },
      ),
      equalPads: fc.boolean(),
      auto: fc.option(fc.constantFrom(...autos), { freq: 3 }),
    })
    .map(({ rank, batch, channels, layout, seed, dims, equalPads, auto }) => {
      const axes = dims.slice(0, rank);
      const pad = equalPads ? axes[0]!.b : undefined;
      return {
        rank,
        batch,
        channels,
        layout,
        seed,
        sizes: axes.map((a) => Math.max(a.n, a.d * (a.k - 1) + 1)),
        kernel: axes.map((a) => a.k),
        strides: axes.map((a) => a.s),
        dilations: axes.map((a) => a.d),
        padding: auto ?? { begin: axes.map((a) => pad ?? a.b), end: axes.map((a) => pad ?? a.e) },
      };
    });

const activation = (g: Geometry): Tensor =>
  tensor(g.layout === 'channels-first' ? [g.batch, g.channels, ...g.sizes] : [g.batch, ...g.sizes, g.channels], g.seed);

function convRequest(g: Geometry, depthwise: boolean, bias: boolean): ConvRequest {
  const out = depthwise ? g.channels * 2 : 2;
  const inPerGroup = depthwise ? 1 : g.channels;
  const weight = tensor(g.layout === 'channels-first' ? [out, inPerGroup, ...g.kernel] : [...g.kernel, inPerGroup, out], g.seed + 1);
  return {
    input: activation(g),
    weight,
    ...(bias ? { bias: tensor([out], g.seed + 2) } : {}),
    params: {
      strides: g.strides,
      dilations: g.dilations,
      padding: g.padding,
      layout: g.layout,
      ...(depthwise ? { groups: g.channels } : {}),
    },
  };
}

function poolRequest(g: Geometry, kind: 'max' | 'avg', ceilMode: boolean): PoolRequest {
  return {
    input: activation(g),
    params: { kind, kernel: g.kernel, strides: g.strides, padding: g.padding, layout: g.layout, ...(ceilMode ? { ceilMode } : {}) },
  };
}

/** The kind of an option, without its numbers: `[[N, N], ...]` for explicit pairs, `N (number)`, `'same'`. */
const kind = (text: string): string => text.replace(/\b\d+\b/g, 'N');

/** Counts, per op, dimension and set of option kinds offered, how often each option was taken. */
class Tally {
  readonly groups = new Map<string, { total: number; taken: Map<string, number>; options: string[] }>();

  /** A picker that picks as the adapters do for `digest` and counts what it picked. */
  spy(op: string, digest: number): FormPicker {
    const pick = formPicker(digest);
    return (<T>(dimension: string, options: readonly FormOption<T>[]): FormOption<T> => {
      const chosen = pick(dimension, options);
      if (options.length > 1) {
        const kinds = options.map((option) => kind(option.text));
        const key = `${op} ${dimension}: ${kinds.join(' | ')}`;
        const group = this.groups.get(key) ?? { total: 0, taken: new Map(), options: kinds };
        group.total += 1;
        group.taken.set(kind(chosen.text), (group.taken.get(kind(chosen.text)) ?? 0) + 1);
        this.groups.set(key, group);
      }
      return chosen;
    }) as FormPicker;
  }

  /** Every option of the groups large enough to tell: how often it was taken against its fair share. */
  private shares(): { key: string; option: string; taken: number; total: number; fair: number }[] {
    return [...this.groups]
      .filter(([, group]) => group.total >= LEAST)
      .flatMap(([key, group]) =>
        [...new Set(group.options)].map((option) => ({
          key,
          option,
          taken: group.taken.get(option) ?? 0,
          total: group.total,
          fair: (group.total * group.options.filter((o) => o === option).length) / group.options.length,
        })),
      );
  }

  /** Options taken less than `SHARE` of their fair share. */
  shortfalls(): string[] {
    return this.shares()
      .filter(({ taken, fair }) => taken < SHARE * fair)
      .map(({ key, option, taken, total, fair }) => `${key}: ${option} taken ${taken} of ${total} times (fair share ${fair.toFixed(1)})`);
  }

  /** The smallest and largest ratio of an option's takes to its fair share. */
  range(): [number, number] {
    const ratios = this.shares().map(({ taken, fair }) => taken / fair);
    return [Math.min(...ratios), Math.max(...ratios)];
  }

  /** Groups large enough to measure. */
  measured(): number {
    return [...this.groups.values()].filter((group) => group.total >= LEAST).length;
  }

  /** Every group with each option's share of the requests against its fair share, for a reader. */
  describe(): string[] {
    return [...this.groups].map(([key, group]) => {
      const shares = [...new Set(group.options)].map(
        (option) => `${option} ${(((group.taken.get(option) ?? 0) / group.total) * 100).toFixed(0)}%`,
      );
      return `${key} (${group.total} requests): ${shares.join(', ')}`;
    });
  }
}

type Planner<R> = (request: R, pick: FormPicker | 'spread' | 'first') => { form: string };

/**
 * Plans every request the framework can express through the spy and through the adapters' own
 * 'spread', which must agree, and again on a copy of the request.
 */
function plan<R extends { input: Tensor; params: unknown }>(tally: Tally, op: string, planner: Planner<R>, requests: readonly R[]): void {
  for (const request of requests) {
    try {
      planner(request, 'first');
    } catch (error) {
      if (isUnsupportedCase(error)) continue;
      throw error;
    }
    const spied = planner(request, tally.spy(op, requestDigest(op, request))).form;
    const spread = planner(request, 'spread').form;
    expect(spread).toBe(spied);
    expect(planner(structuredClone(request), 'spread').form).toBe(spread);
  }
}

describe('the spread of calls over API forms (spec: conformance.api-forms)', () => {
  it('gives a request the same digest whatever the order of its fields, and another for other data', () => {
    const request = convRequest(
      {
        rank: 2,
        batch: 1,
        channels: 2,
        sizes: [4, 4],
        kernel: [3, 3],
        strides: [1, 1],
        dilations: [1, 1],
        padding: 'valid',
        layout: 'channels-last',
        seed: 5,
      },
      false,
      false,
    );
    const reordered = {
      params: Object.fromEntries(Object.entries(request.params).reverse()),
      weight: request.weight,
      input: request.input,
    };
    expect(requestDigest('conv', reordered)).toBe(requestDigest('conv', request));
    const data = request.input.data.slice();
    data[0] = data[0]! + 1;
    expect(requestDigest('conv', { ...request, input: { shape: request.input.shape, data } })).not.toBe(requestDigest('conv', request));
    expect(requestDigest('pool', request)).not.toBe(requestDigest('conv', request));
  });

  it('takes every option of every dimension of the TF.js forms in at least half its fair share, and the same form for the same request', () => {
    const tally = new Tally();
    const geometries = fc.sample(geometry(['channels-first', 'channels-last'], ['valid', 'same-upper']), {
      seed: 20261128,
      numRuns: REQUESTS,
    });
    const flags = fc.sample(fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()), { seed: 7, numRuns: REQUESTS });
    const convs = geometries.map((g, i) => convRequest(g, g.rank < 3 && g.channels > 1 && flags[i]![0], flags[i]![1]));
    const pools = geometries.map((g, i) =>
      poolRequest({ ...g, dilations: g.dilations.map(() => 1) }, flags[i]![0] ? 'max' : 'avg', flags[i]![2]),
    );
    plan(tally, 'conv', (r: ConvRequest, pick) => tfjsConvCall(r, 'cpu', pick), convs);
    plan(tally, 'conv', (r: ConvRequest, pick) => tfjsConvCall(r, 'wasm', pick), convs.slice(0, 50));
    plan(tally, 'pool', (r: PoolRequest, pick) => tfjsPoolCall(r, pick), pools);
    plan(
      tally,
      'globalPool',
      (r: GlobalPoolRequest, pick) => tfjsGlobalPoolCall(r, pick),
      geometries.map(
        (g, i): GlobalPoolRequest => ({
          input: activation(g),
          params: { kind: flags[i]![0] ? 'max' : 'avg', ...(flags[i]![1] ? { keepDims: flags[i]![2] } : {}), layout: g.layout },
        }),
      ),
    );
    plan(
      tally,
      'dense',
      (r: DenseRequest, pick) => tfjsDenseCall(r, pick),
      geometries.map(
        (g, i): DenseRequest => ({
          input: tensor([g.batch, g.sizes[0]!, 3], g.seed),
          weight: tensor(flags[i]![0] ? [2, 3] : [3, 2], g.seed + 1),
          ...(flags[i]![1] ? { bias: tensor([2], g.seed) } : {}),
          params: flags[i]![0] ? { weightLayout: 'out-in' } : {},
        }),
      ),
    );
    plan(
      tally,
      'pad',
      (r: PadRequest, pick) => tfjsPadCall(r, pick),
      geometries.map(
        (g): PadRequest => ({ input: activation(g), params: { padding: { begin: g.kernel, end: g.strides }, layout: g.layout } }),
      ),
    );
    if (process.env.CNNSPEC_SHOW_SPREAD)
      console.log(
        [
          ...tally.describe(),
          `measured groups ${tally.measured()}, taken/fair ${tally
            .range()
            .map((r) => r.toFixed(2))
            .join(' to ')}`,
        ].join('\n'),
      );
    expect(tally.shortfalls()).toEqual([]);
    expect(tally.measured()).toBeGreaterThan(20);
  });

  it('takes every option of every dimension of the ONNX forms in at least half its fair share, and the same form for the same request', () => {
    const tally = new Tally();
    const geometries = fc.sample(geometry(['channels-first'], ['valid', 'same-upper', 'same-lower']), {
      seed: 20261129,
      numRuns: REQUESTS,
    });
    const flags = fc.sample(fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()), { seed: 8, numRuns: REQUESTS });
    const drop = (params: Record<string, unknown>, keys: string[], yes: boolean): Record<string, unknown> =>
      yes ? Object.fromEntries(Object.entries(params).filter(([key]) => !keys.includes(key))) : params;
    const convs = geometries.map((g, i): ConvRequest => {
      const request = convRequest(g, g.channels > 1 && flags[i]![0], flags[i]![1]);
      return { ...request, params: drop(request.params, ['strides', 'dilations'], flags[i]![2]) as ConvRequest['params'] };
    });
    const pools = geometries.map((g, i): PoolRequest => {
      const request = poolRequest(g, flags[i]![0] ? 'max' : 'avg', flags[i]![1] && flags[i]![2]);
      return { ...request, params: drop(request.params, ['strides', 'padding'], flags[i]![2]) as PoolRequest['params'] };
    });
    plan(tally, 'conv', (r: ConvRequest, pick) => onnxConvCall(r, pick), convs);
    plan(tally, 'pool', (r: PoolRequest, pick) => onnxPoolCall(r, pick), pools);
    plan(
      tally,
      'globalPool',
      (r: GlobalPoolRequest, pick) => onnxGlobalPoolCall(r, pick),
      geometries.map(
        (g, i): GlobalPoolRequest => ({
          input: activation(g),
          params: { kind: flags[i]![0] ? 'max' : 'avg', ...(flags[i]![1] ? { keepDims: flags[i]![2] } : {}) },
        }),
      ),
    );
    plan(
      tally,
      'dense',
      (r: DenseRequest, pick) => onnxDenseCall(r, pick),
      geometries.map(
        (g, i): DenseRequest => ({
          input: tensor(flags[i]![2] ? [g.batch, 3] : [g.batch, 2, 3], g.seed),
          weight: tensor(flags[i]![0] ? [2, 3] : [3, 2], g.seed + 1),
          ...(flags[i]![1] ? { bias: tensor([2], g.seed) } : {}),
          params: flags[i]![0] ? { weightLayout: 'out-in' } : {},
        }),
      ),
    );
    plan(
      tally,
      'pad',
      (r: PadRequest, pick) => onnxPadCall(r, pick),
      geometries.map((g): PadRequest => ({ input: activation(g), params: { padding: { begin: g.kernel, end: g.strides } } })),
    );
    if (process.env.CNNSPEC_SHOW_SPREAD)
      console.log(
        [
          ...tally.describe(),
          `measured groups ${tally.measured()}, taken/fair ${tally
            .range()
            .map((r) => r.toFixed(2))
            .join(' to ')}`,
        ].join('\n'),
      );
    expect(tally.shortfalls()).toEqual([]);
    expect(tally.measured()).toBeGreaterThan(15);
  });
});
