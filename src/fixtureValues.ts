/**
 * Conversion between fixture elements (numbers and the strings "NaN", "Infinity", "-Infinity",
 * "-0") and float32 data.
 */
import type { FixtureLayout, FixtureNumber, FixtureTensor } from './Fixture.js';
import type { Tensor } from './tensor.js';

export function decodeFixtureNumber(value: FixtureNumber): number {
  switch (value) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      return value;
  }
}

export function encodeFixtureNumber(value: number): FixtureNumber {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return value;
}

/**
 * A fixture tensor as a float32 tensor. Decimal elements are rounded to the nearest float32:
 * fixtures write each element as the shortest decimal that rounds to it.
 */
export function decodeFixtureTensor(tensor: FixtureTensor): Tensor {
  return { shape: [...tensor.shape], data: Float32Array.from(tensor.data, decodeFixtureNumber) };
}

/** A float32 tensor as a fixture tensor: shortest decimal that round-trips through float32. */
export function encodeFixtureTensor(tensor: Tensor, layout: FixtureLayout): FixtureTensor {
  return {
    shape: [...tensor.shape],
    dtype: 'float32',
    layout,
    data: Array.from(tensor.data, (value) => encodeFixtureNumber(shortestFloat32(value))),
  };
}

/** The shortest decimal number that rounds to the same float32. */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}
