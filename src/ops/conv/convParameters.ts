/**
 * The parameter table of convolution: every field of `ConvParams`, in `CONV_PARAM_FIELDS` order.
 *
 * @see spec:conv.shapes
 */
import { KERNEL_LAYOUTS } from '../../tensor/layout.js';
import { fixedDefault, conventionDefaults } from '../conventionDefaults.js';
import { literalUnion } from '../literalUnion.js';
import type { ParameterRow } from '../ParameterRow.js';
import {
  CONVENTION_ROW,
  DILATIONS_ROW,
  FILL_ROW,
  LAYOUT_ROW,
  PADDING_ROW,
  PER_AXIS_ADAPTER_TYPE,
  PER_AXIS_TYPE,
} from '../sharedParameterRows.js';

export const CONV_PARAMETERS: readonly ParameterRow[] = [
  {
    name: 'strides',
    type: PER_AXIS_TYPE,
    adapterType: PER_AXIS_ADAPTER_TYPE,
    default: fixedDefault(1),
    clause: 'shape.stride',
    description: 'the step between neighbouring windows',
    sentToAdapter: true,
  },
  DILATIONS_ROW,
  PADDING_ROW,
  FILL_ROW,
  {
    name: 'groups',
    type: 'number',
    default: fixedDefault(1),
    clause: 'conv.groups',
    description: 'the number of channel groups',
    sentToAdapter: true,
  },
  LAYOUT_ROW,
  {
    name: 'kernelLayout',
    type: literalUnion(KERNEL_LAYOUTS),
    // spec: layout.kernel — the kernel layout follows the data layout, whichever decided it
    default: conventionDefaults(() => ({
      kind: 'by-parameter',
      parameter: 'layout',
      values: { 'channels-first': 'out-in-spatial', 'channels-last': 'spatial-in-out' },
    })),
    clause: 'layout.kernel',
    description: 'the order of the weight axes',
    sentToAdapter: true,
  },
  CONVENTION_ROW,
];
