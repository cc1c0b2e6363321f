/**
 * The tiling properties, in one list: convolution, transposed convolution, pooling and dense layers at the sizes where
 * tiled and vectorised kernels change paths (spec: conformance.every-size).
 */
import type { PropertyDefinition } from '../PropertyDefinition.js';
import { CONV_TILING_PROPERTIES } from './convAtTileEdges.js';
import { CONV_TRANSPOSE_TILING_PROPERTIES } from './convTransposeAtTileEdges.js';
import { DENSE_TILING_PROPERTIES } from './denseAtTileEdges.js';
import { POOL_TILING_PROPERTIES } from './poolAtTileEdges.js';

export const TILING_PROPERTIES: readonly PropertyDefinition<unknown>[] = [
  ...CONV_TILING_PROPERTIES,
  ...CONV_TRANSPOSE_TILING_PROPERTIES,
  ...POOL_TILING_PROPERTIES,
  ...DENSE_TILING_PROPERTIES,
] as PropertyDefinition<unknown>[];
