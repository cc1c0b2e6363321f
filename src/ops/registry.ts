/**
 * The op registry: every tensor op of the kit, by the name fixtures, evidence and reports use.
 * The runner, fixture judging, the protocol, the reference adapter, evidence and reports iterate
 * it; adding an op is adding its folder and its entry here.
 */
import { convOp, type ConvRequest } from './conv/convOp.js';
import { convTransposeOp, type ConvTransposeRequest } from './conv-transpose/convTransposeOp.js';
import { denseOp, type DenseRequest } from './dense/denseOp.js';
import { globalPoolOp, type GlobalPoolRequest } from './global-pool/globalPoolOp.js';
import type { OpDescriptor } from './OpDescriptor.js';
import { padOp, type PadRequest } from './pad/padOp.js';
import { poolOp, type PoolRequest } from './pool/poolOp.js';

/** The request each op's call carries. */
export interface OpRequests {
  conv: ConvRequest;
  pool: PoolRequest;
  'global-pool': GlobalPoolRequest;
  dense: DenseRequest;
  pad: PadRequest;
  'conv-transpose': ConvTransposeRequest;
}

export type OpName = keyof OpRequests;

export const OPS = {
  conv: convOp,
  pool: poolOp,
  'global-pool': globalPoolOp,
  dense: denseOp,
  pad: padOp,
  'conv-transpose': convTransposeOp,
} as const satisfies { readonly [K in OpName]: OpDescriptor<K, string, OpRequests[K]> };

/** Every op, in the order runs, reports and the protocol list them. */
export const OP_NAMES = Object.keys(OPS) as OpName[];

/** An adapter's method for an op, which is also its request name on the wire. */
export type OpMethod = (typeof OPS)[OpName]['method'];

export const OP_METHODS = OP_NAMES.map((name) => OPS[name].method) as OpMethod[];

/** The op of a method name. */
export type OpOfMethod<M extends OpMethod> = { [K in OpName]: (typeof OPS)[K]['method'] extends M ? K : never }[OpName];

/** One op call: the op and its request, as fixtures, evidence and properties hold it. */
export type OpCall = { [K in OpName]: { op: K; request: OpRequests[K] } }[OpName];

/** The descriptor of a call's op, typed for the call's request. */
export function opOf(name: OpName): OpDescriptor<OpName, OpMethod, OpRequests[OpName]> {
  return OPS[name] as unknown as OpDescriptor<OpName, OpMethod, OpRequests[OpName]>;
}

/** The op whose adapter method is `method`, or undefined. */
export function opOfMethod(method: string): OpName | undefined {
  return OP_NAMES.find((name) => OPS[name].method === method);
}

export function isOpName(value: unknown): value is OpName {
  return typeof value === 'string' && Object.hasOwn(OPS, value);
}
