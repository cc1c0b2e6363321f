/**
 * The reference adapter with its convolution replaced by a fault: every other op is correct, so
 * that a run shows both what the fault breaks and what it must leave alone.
 */
import type { Adapter } from '../../../src/ops/Adapter.js';
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

export function withFaultyConv(name: string, conv: (request: Parameters<NonNullable<Adapter['conv']>>[0]) => unknown): Adapter {
  return { ...referenceAdapter(), name, conv: conv as Adapter['conv'] };
}
