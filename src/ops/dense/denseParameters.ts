/**
 * The parameter table of dense layers: every field of `DenseParams`, in `DENSE_PARAM_FIELDS` order.
 *
 * @see spec:dense.definition
 */
import { conventionDefaults, knobDefault } from '../conventionDefaults.js';
import { literalUnion } from '../literalUnion.js';
import type { ParameterRow } from '../ParameterRow.js';
import { CONVENTION_ROW } from '../sharedParameterRows.js';
import { DENSE_WEIGHT_LAYOUTS } from './planDense.js';

export const DENSE_PARAMETERS: readonly ParameterRow[] = [
  {
    name: 'weightLayout',
    type: literalUnion(DENSE_WEIGHT_LAYOUTS),
    default: conventionDefaults((convention) => knobDefault(convention, 'denseWeightLayout')),
    clause: 'dense.weight-layout',
    description: 'the order of the weight axes',
    sentToAdapter: true,
  },
  CONVENTION_ROW,
];
