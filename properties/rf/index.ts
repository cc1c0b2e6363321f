/**
 * The receptive-field properties, in one list.
 */
import type { PropertyDefinition } from '../PropertyDefinition.js';
import { RF_STACK_PROPERTIES } from './receptiveField.js';

export const RF_PROPERTIES: readonly PropertyDefinition<unknown>[] = [...RF_STACK_PROPERTIES] as PropertyDefinition<unknown>[];
