/**
 * Checks that an adapter's answer is of the kind the interface promises, before any property or
 * fixture looks at it: a tensor op gives `{ shape, data }` with a Float32Array of the shape's
 * element count, `outputShape` an array of integers, `paramCount` an integer (spec:
 * conformance.adapter); a tensor's optional `form` is a string. A wrong shape or wrong values are left to the comparisons, which say
 * what differs; an answer of the wrong kind is an AdapterFault, so that it fails the test and is
 * never taken for the rejection of an invalid configuration. Shapes and outputShape answers are
 * held to the rank limit of spec: protocol.limits, as they are over the protocol.
 */
import { attachForm } from './attachForm.js';
import { AdapterFault, type AdapterOp } from '../ops/Adapter.js';
import { describeLimitProblem } from '../protocol/LimitProblem.js';
import { PROTOCOL_LIMITS } from '../protocol/protocolLimits.js';
import { shapeText } from '../shape/shapeText.js';

/** A short description of a value an adapter gave, for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value)}`;
  if (typeof value !== 'object' && typeof value !== 'function') return `the ${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length} element(s)`;
  if (ArrayBuffer.isView(value)) {
    const kind = Object.prototype.toString.call(value).slice(8, -1);
    return `${/^[AEIO]/.test(kind) ? 'an' : 'a'} ${kind} of ${(value as unknown as ArrayLike<unknown>).length ?? value.byteLength} element(s)`;
  }
  if (typeof (value as { then?: unknown }).then === 'function') return 'a promise';
  return 'an object';
}

/**
 * The getters every typed array inherits, taken once: they read the array's internal slots, so a
 * subclass that overrides `length` or a Proxy that answers for one cannot lie to them.
 */
const TYPED_ARRAY_PROTOTYPE = Object.getPrototypeOf(Float32Array.prototype) as object;
const typedArrayName = Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, Symbol.toStringTag)!.get!;
const typedArrayLength = Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, 'length')!.get!;

function isFloat32Array(value: unknown): value is Float32Array {
  // The slot, not instanceof: also a Float32Array from another realm (a worker, a vm context),
  // never a Proxy (which has no slots of its own) or an object that only inherits from one.
  return typedArrayName.call(value) === 'Float32Array';
}

/** A rank beyond the limit, in words; undefined within it. */
function rankProblem(field: string, array: readonly unknown[]): string | undefined {
  if (array.length <= PROTOCOL_LIMITS.rank) return undefined;
  return describeLimitProblem({ field, size: array.length, limit: PROTOCOL_LIMITS.rank, unit: 'entries' });
}

function tensorProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `${describeValue(value)} instead of a tensor { shape, data }`;
  }
  const { shape, data } = value as { shape?: unknown; data?: unknown };
  if (!Array.isArray(shape)) return `its shape is ${describeValue(shape)}, not an array of sizes`;
  const beyond = rankProblem('its shape', shape);
  if (beyond !== undefined) return beyond;
  const bad = shape.findIndex((size) => !Number.isInteger(size) || (size as number) < 0);
  if (bad >= 0)
    return `its shape [${shape.map((size) => describeValue(size)).join(', ')}] has ${describeValue(shape[bad])} at axis ${bad}, not a size (an integer >= 0)`;
  if (!isFloat32Array(data))
    return `its data is ${describeValue(data)}, not a Float32Array${ArrayBuffer.isView(data) ? '' : ' (a Proxy or an object that only inherits from one is not)'}`;
  // What the kit reads (`length`) must be what the array holds, or elements past its end read as undefined and compare as NaN.
  const held = typedArrayLength.call(data) as number;
  if (data.length !== held)
    return `its data says its length is ${describeValue(data.length)} but holds ${held} element(s) (a Float32Array whose length lies)`;
  const count = (shape as number[]).reduce((product, size) => product * size, 1);
  if (data.length !== count) return `its data holds ${data.length} element(s), its shape ${shapeText(shape)} needs ${count}`;
  const { form } = value as { form?: unknown };
  if (form !== undefined && typeof form !== 'string') return `its form is ${describeValue(form)}, not a string`;
  return undefined;
}

/** Throws an AdapterFault naming the op and the problem when `value` is not an answer of the kind `op` gives. */
export function checkAdapterAnswer(op: AdapterOp, value: unknown): void {
  let problem: string | undefined;
  if (op === 'outputShape') {
    problem = Array.isArray(value) ? rankProblem('the array', value) : undefined;
    if (problem === undefined && (!Array.isArray(value) || !value.every((size) => Number.isInteger(size))))
      problem = `${describeValue(value)} instead of an array of integers`;
  } else if (op === 'paramCount') {
    if (!Number.isInteger(value)) problem = `${describeValue(value)} instead of an integer`;
  } else {
    problem = tensorProblem(value);
  }
  if (problem !== undefined)
    throw formOfAnswer(new AdapterFault(`invalid answer from ${op}: ${problem} (spec: conformance.adapter)`), value);
}

/**
 * The fault keeps the API form the broken answer named, if any (spec: conformance.api-forms): a
 * defect of one form (a negative size from a numeric pad) shows in the evidence as that form.
 */
export function formOfAnswer(fault: AdapterFault, answer: unknown): AdapterFault {
  const form = answer !== null && typeof answer === 'object' ? (answer as { form?: unknown }).form : undefined;
  return typeof form === 'string' ? (attachForm(fault, form) as AdapterFault) : fault;
}
