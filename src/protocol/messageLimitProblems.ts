/**
 * A parsed message from an adapter against the limits of spec: protocol.limits: the hello's
 * identity, a result's tensor shape and value. Checked before the schema, whose checks of every
 * entry of a 20-million-entry shape would cost more than the line itself.
 */
import type { LimitProblem } from './LimitProblem.js';
import { identityLimitProblems } from './identityLimitProblems.js';
import { PROTOCOL_LIMITS } from './protocolLimits.js';

export function messageLimitProblems(message: unknown): LimitProblem[] {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return [];
  const { type } = message as { type?: unknown };
  if (type === 'hello') return identityLimitProblems(message);
  if (type !== 'result') return [];
  const { tensor, value } = message as { tensor?: unknown; value?: unknown };
  const problems: LimitProblem[] = [];
  const shape = tensor !== null && typeof tensor === 'object' ? (tensor as { shape?: unknown }).shape : undefined;
  if (Array.isArray(shape) && shape.length > PROTOCOL_LIMITS.rank)
    problems.push({ field: '/tensor/shape', size: shape.length, limit: PROTOCOL_LIMITS.rank, unit: 'entries' });
  if (Array.isArray(value) && value.length > PROTOCOL_LIMITS.rank)
    problems.push({ field: '/value', size: value.length, limit: PROTOCOL_LIMITS.rank, unit: 'entries' });
  return problems;
}
