/**
 * The parameter table of transposed convolution: every field of `ConvTransposeParams`, in
 * `CONV_TRANSPOSE_PARAM_FIELDS` order.
 *
 * @see spec:conv-transpose.weight-layout
 */
import { conventionDefaults, fixedDefault } from '../conventionDefaults.js';
import { literalUnion } from '../literalUnion.js';
import type { ParameterRow } from '../ParameterRow.js';
import { CONVENTION_ROW, LAYOUT_ROW, PER_AXIS_ADAPTER_TYPE, PER_AXIS_TYPE } from '../sharedParameterRows.js';
import { AUTO_PADDINGS } from '../window/planWindow.js';
import { CONV_TRANSPOSE_KERNEL_LAYOUTS } from './planConvTranspose.js';

export const CONV_TRANSPOSE_PARAMETERS: readonly ParameterRow[] = [
  {
    name: 'strides',
    type: PER_AXIS_TYPE,
    adapterType: PER_AXIS_ADAPTER_TYPE,
    default: fixedDefault(1),
    clause: 'shape.stride',
    description: 'the step between the kernel copies of neighbouring input elements',
    sentToAdapter: true,
  },
  {
    name: 'dilations',
    type: PER_AXIS_TYPE,
    adapterType: PER_AXIS_ADAPTER_TYPE,
    default: fixedDefault(1),
    clause: 'conv-transpose.dilation',
    description: 'the spacing of the kernel taps',
    sentToAdapter: true,
  },
  {
    name: 'padding',
    type: `${literalUnion(AUTO_PADDINGS)} | { begin, end }`,
    adapterType: `${literalUnion(AUTO_PADDINGS)} | { begin: number[], end: number[] }`,
    default: fixedDefault('valid'),
    clause: 'conv-transpose.output-size',
    description: 'the crops of the full output: a mode, or explicit crops per axis',
    sentToAdapter: true,
  },
  {
    name: 'outputPadding',
    type: PER_AXIS_TYPE,
    adapterType: PER_AXIS_ADAPTER_TYPE,
    default: fixedDefault(0),
    clause: 'conv-transpose.output-padding',
    description: 'elements appended at the end of every axis',
    sentToAdapter: true,
  },
  {
    name: 'outputShape',
    type: 'number[]',
    default: conventionDefaults(() => ({ kind: 'absent', meaning: 'the crops come from `padding`' })),
    clause: 'conv-transpose.output-shape',
    description: 'the spatial output sizes, which decide the crops',
    sentToAdapter: true,
  },
  {
    name: 'groups',
    type: 'number',
    default: fixedDefault(1),
    clause: 'conv-transpose.groups',
    description: 'the number of channel groups',
    sentToAdapter: true,
  },
  LAYOUT_ROW,
  {
    name: 'kernelLayout',
    type: literalUnion(CONV_TRANSPOSE_KERNEL_LAYOUTS),
    // spec: conv-transpose.weight-layout — the kernel layout follows the data layout, whichever decided it
    default: conventionDefaults(() => ({
      kind: 'by-parameter',
      parameter: 'layout',
      values: { 'channels-first': 'in-out-spatial', 'channels-last': 'spatial-out-in' },
    })),
    clause: 'conv-transpose.weight-layout',
    description: 'the order of the weight axes',
    sentToAdapter: true,
  },
  CONVENTION_ROW,
];
