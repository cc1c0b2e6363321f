/**
 * The pooling properties, in one list.
 */
import type { PropertyDefinition } from '../PropertyDefinition.js';
import { AVG_POOL_PROPERTIES } from './avgPool.js';
import { EMPTY_WINDOW_PROPERTIES } from './emptyWindows.js';
import { GLOBAL_POOL_PROPERTIES } from './globalPool.js';
import { LAYOUT_PROPERTIES } from './layout.js';
import { MAX_POOL_PROPERTIES } from './maxPool.js';
import { WINDOW_PROPERTIES } from './windowProperties.js';

export const POOL_PROPERTIES: readonly PropertyDefinition<unknown>[] = [
  ...MAX_POOL_PROPERTIES,
  ...AVG_POOL_PROPERTIES,
  ...EMPTY_WINDOW_PROPERTIES,
  ...WINDOW_PROPERTIES,
  ...GLOBAL_POOL_PROPERTIES,
  ...LAYOUT_PROPERTIES,
] as PropertyDefinition<unknown>[];
