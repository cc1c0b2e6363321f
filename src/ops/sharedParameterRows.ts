/**
 * Parameter rows that several ops share, with the same type, default and clause in each
 * (spec: shape.dilation, padding.modes, layout.channels-first, convention.model).
 */
import { CONVENTION_NAMES } from '../spec/conventions.js';
import { LAYOUTS } from '../tensor/layout.js';
import { conventionDefaults, fixedDefault, knobDefault } from './conventionDefaults.js';
import { literalUnion } from './literalUnion.js';
import type { ParameterRow } from './ParameterRow.js';
import { FILL_MODES } from './window/fillCoordinate.js';
import { AUTO_PADDINGS } from './window/planWindow.js';

/** A per-axis parameter: one integer for every spatial axis, or one per axis (spec: conv.per-axis). */
export const PER_AXIS_TYPE = 'number | number[]';

/** A per-axis parameter as an adapter receives it: one entry per spatial axis (spec: conformance.adapter). */
export const PER_AXIS_ADAPTER_TYPE = 'number[]';

/** Explicit pads as an adapter receives them. */
export const EXPLICIT_PADDING_ADAPTER_TYPE = '{ begin: number[], end: number[] }';

export const DILATIONS_ROW: ParameterRow = {
  name: 'dilations',
  type: PER_AXIS_TYPE,
  adapterType: PER_AXIS_ADAPTER_TYPE,
  default: fixedDefault(1),
  clause: 'shape.dilation',
  description: 'the spacing of the window taps',
  sentToAdapter: true,
};

export const PADDING_ROW: ParameterRow = {
  name: 'padding',
  type: `${literalUnion(AUTO_PADDINGS)} | { begin, end }`,
  adapterType: `${literalUnion(AUTO_PADDINGS)} | ${EXPLICIT_PADDING_ADAPTER_TYPE}`,
  default: fixedDefault('valid'),
  clause: 'padding.modes',
  description: 'a padding mode, or explicit pads per axis',
  sentToAdapter: true,
};

export const FILL_ROW: ParameterRow = {
  name: 'fill',
  type: literalUnion(FILL_MODES),
  default: fixedDefault('zeros'),
  clause: 'padding.fill.zeros',
  description: 'what the padding holds',
  sentToAdapter: true,
};

export const LAYOUT_ROW: ParameterRow = {
  name: 'layout',
  type: literalUnion(LAYOUTS),
  default: conventionDefaults((convention) => knobDefault(convention, 'layout')),
  clause: 'layout.channels-first',
  description: 'where the channel axis is',
  sentToAdapter: true,
};

export const CONVENTION_ROW: ParameterRow = {
  name: 'convention',
  type: `${literalUnion(CONVENTION_NAMES)} | { base, overrides }`,
  default: fixedDefault('cnnspec'),
  clause: 'convention.model',
  description: 'the convention that decides every divergence',
  sentToAdapter: false,
};
