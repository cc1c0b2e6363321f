/**
 * Every property of the suite, in one list. Registry rules (checked by test/propertyRegistry):
 * unique IDs, registered clauses, known features.
 */
import { DEFAULT_PROPERTIES } from './convention/defaults.js';
import { INVALID_PARAMETER_PROPERTIES } from './convention/invalidParameters.js';
import { REJECTION_PROPERTIES } from './convention/rejections.js';
import { CONV_EQUIVALENCE_PROPERTIES } from './conv/equivalences.js';
import { CONV_LINEARITY_PROPERTIES } from './conv/linearity.js';
import { CONV_STRUCTURE_PROPERTIES } from './conv/structure.js';
import { CONV_TRANSPOSE_ADJOINT_PROPERTIES } from './conv-transpose/adjoint.js';
import { CONV_TRANSPOSE_EQUIVALENCE_PROPERTIES } from './conv-transpose/zeroInsertion.js';
import { CONV_TRANSPOSE_REJECTION_PROPERTIES } from './conv-transpose/rejections.js';
import { CONV_TRANSPOSE_LINEARITY_PROPERTIES } from './conv-transpose/linearity.js';
import { CONV_TRANSPOSE_OUTPUT_SIZE_PROPERTIES } from './conv-transpose/outputSize.js';
import { DENSE_PROPERTIES } from './dense/denseProperties.js';
import { DIFFERENTIAL_PROPERTIES } from './differential/differential.js';
import { SAME_PADDING_PROPERTIES } from './padding/samePadding.js';
import { VALID_AND_EXPLICIT_PROPERTIES } from './padding/validAndExplicit.js';
import { PARAM_PROPERTIES } from './params/paramCounts.js';
import type { PropertyDefinition } from './PropertyDefinition.js';
import { LARGE_PARAMETER_PROPERTIES } from './shape/largeParameters.js';
import { SHAPE_PROPERTIES } from './shape/outputShapes.js';
import { POOL_PROPERTIES } from './pool/index.js';
import { RF_PROPERTIES } from './rf/index.js';
import { TILING_PROPERTIES } from './tiling/index.js';

export const ALL_PROPERTIES: readonly PropertyDefinition<unknown>[] = [
  ...SHAPE_PROPERTIES,
  ...LARGE_PARAMETER_PROPERTIES,
  ...SAME_PADDING_PROPERTIES,
  ...VALID_AND_EXPLICIT_PROPERTIES,
  ...CONV_LINEARITY_PROPERTIES,
  ...CONV_STRUCTURE_PROPERTIES,
  ...CONV_EQUIVALENCE_PROPERTIES,
  ...CONV_TRANSPOSE_ADJOINT_PROPERTIES,
  ...CONV_TRANSPOSE_OUTPUT_SIZE_PROPERTIES,
  ...CONV_TRANSPOSE_LINEARITY_PROPERTIES,
  ...CONV_TRANSPOSE_EQUIVALENCE_PROPERTIES,
  ...CONV_TRANSPOSE_REJECTION_PROPERTIES,
  ...POOL_PROPERTIES,
  ...DENSE_PROPERTIES,
  ...RF_PROPERTIES,
  ...PARAM_PROPERTIES,
  ...DIFFERENTIAL_PROPERTIES,
  ...TILING_PROPERTIES,
  ...DEFAULT_PROPERTIES,
  ...REJECTION_PROPERTIES,
  ...INVALID_PARAMETER_PROPERTIES,
] as PropertyDefinition<unknown>[];

export { defineProperty, NotApplicable, PropertyViolation, type PropertyContext, type PropertyDefinition } from './PropertyDefinition.js';
export {
  runProperty,
  formatFailure,
  propertyContext,
  missingSupport,
  lackedSupport,
  KIT_ERROR,
  MAX_SKIPS_PER_RUN,
  type LackedSupport,
  type PropertyResult,
  type RunOptions,
} from './runProperty.js';
export type { RefusedCases } from './RefusalTally.js';
