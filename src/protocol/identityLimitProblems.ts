/**
 * What an adapter says of itself (name, version, convention, features, ops), from a hello or from
 * an in-process adapter, against the limits of spec: protocol.limits. Only sizes are checked
 * here; types and vocabularies are the schema's and the loader's.
 */
import type { LimitProblem } from './LimitProblem.js';
import { conventionLimitProblems } from './conventionLimitProblems.js';
import { PROTOCOL_LIMITS } from './protocolLimits.js';

export interface DeclaredIdentity {
  name?: unknown;
  version?: unknown;
  convention?: unknown;
  features?: unknown;
  ops?: unknown;
}

export function identityLimitProblems(identity: DeclaredIdentity): LimitProblem[] {
  const { identityLength, features, featureLength, ops } = PROTOCOL_LIMITS;
  const problems: LimitProblem[] = [];
  for (const field of ['name', 'version'] as const) {
    const value = identity[field];
    if (typeof value === 'string' && value.length > identityLength)
      problems.push({ field: `/${field}`, size: value.length, limit: identityLength, unit: 'characters' });
  }
  const declared = identity.features;
  if (Array.isArray(declared)) {
    if (declared.length > features) problems.push({ field: '/features', size: declared.length, limit: features, unit: 'entries' });
    else {
      const index = declared.findIndex((feature) => typeof feature === 'string' && feature.length > featureLength);
      if (index >= 0)
        problems.push({ field: `/features/${index}`, size: (declared[index] as string).length, limit: featureLength, unit: 'characters' });
    }
  }
  if (Array.isArray(identity.ops) && identity.ops.length > ops)
    problems.push({ field: '/ops', size: identity.ops.length, limit: ops, unit: 'entries' });
  problems.push(...conventionLimitProblems(identity.convention, '/convention'));
  return problems;
}
