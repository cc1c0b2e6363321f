import type { ConventionName, ConventionSpec } from '../spec/conventions.js';

/** The convention name fixtures are judged under: the adapter's, or the base of its custom one. */
export function conventionName(spec: ConventionSpec): ConventionName {
  return typeof spec === 'string' ? spec : spec.base;
}
