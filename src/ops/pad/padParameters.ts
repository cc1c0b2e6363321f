/**
 * The parameter table of the pad operation: every field of `PadParams`, in `PAD_PARAM_FIELDS` order.
 *
 * @see spec:padding.op
 */
import { REQUIRED } from '../conventionDefaults.js';
import type { ParameterRow } from '../ParameterRow.js';
import { CONVENTION_ROW, EXPLICIT_PADDING_ADAPTER_TYPE, FILL_ROW, LAYOUT_ROW } from '../sharedParameterRows.js';

export const PAD_PARAMETERS: readonly ParameterRow[] = [
  {
    name: 'padding',
    type: '{ begin: number | number[], end: number | number[] }',
    adapterType: EXPLICIT_PADDING_ADAPTER_TYPE,
    default: REQUIRED,
    clause: 'padding.explicit',
    description: 'the pads before and after each spatial axis',
    sentToAdapter: true,
  },
  FILL_ROW,
  LAYOUT_ROW,
  CONVENTION_ROW,
];
