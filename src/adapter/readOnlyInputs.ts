/**
 * Makes an adapter's inputs read-only in effect (spec: conformance.inputs-read-only): every call
 * gets its own copy of its request (tensors' shapes and data, the parameter record or layer
 * description, every level), and the kit keeps its data for the expected results, so that an
 * implementation that writes into its inputs (a reused buffer, an in-place op) changes neither
 * the case nor what its answer is compared with. Once the call settles, answered or thrown, the
 * copy is compared bit for bit with the kit's data; a change fails the call with an
 * InputModified naming the first changed element. The answer is copied as it arrives, so that an
 * implementation that reuses the buffer of an answer it returned cannot change a verdict.
 *
 * Applied where properties get their context and where fixtures are judged, so that every path
 * is covered, guarded or not. Out-of-process adapters serialize their requests: for them the
 * copy is only redundant.
 */
import { ADAPTER_OPS, InputModified, isAdapterFault, type Adapter, type AdapterOp } from '../ops/Adapter.js';
import { describeValue } from './checkAdapterAnswer.js';
import { cleanAdapterMessage } from './normalizeAdapterError.js';

const METHODS = ADAPTER_OPS;

/** Adapters this module made: wrapping one again would copy every request twice. */
const WRAPPED = new WeakSet<object>();

/** A typed array (not a DataView): elements of a fixed width. */
type Elements = ArrayBufferView & {
  readonly length: number;
  readonly [index: number]: number | bigint;
  readonly BYTES_PER_ELEMENT: number;
  slice(): Elements;
};

function isElements(value: unknown): value is Elements {
  return ArrayBuffer.isView(value) && typeof (value as Partial<Elements>).BYTES_PER_ELEMENT === 'number';
}

type Words = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayLike<number | bigint>;
/** Unsigned views of the same width: comparing them compares bit patterns (NaN payloads, -0). */
const WORDS: Record<number, Words> = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array, 8: BigUint64Array };

/** A copy of request data at every level; a typed array's slice copies its bytes unchanged. */
function copyOf(value: unknown): unknown {
  if (isElements(value)) return value.slice();
  if (Array.isArray(value)) return value.map(copyOf);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, copyOf(field)]));
  return value;
}

interface Change {
  /** `input`, `input.shape`, `params.kernel`, `params.padding.begin`, ... */
  tensor: string;
  index: number | undefined;
  before: unknown;
  after: unknown;
  /** Whether `tensor` names a tensor whose data changed. */
  data: boolean;
  /** Bit patterns of a changed element, shown when it is NaN either side. */
  bits?: [number | bigint, number | bigint];
}

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

function replaced(tensor: string, before: unknown, after: unknown): Change {
  return { tensor, index: undefined, before, after, data: false };
}

/** The first difference between what the kit gave (`given`) and what the adapter's copy holds now. */
function firstChange(given: unknown, now: unknown, name: string): Change | undefined {
  if (isElements(given)) {
    if (!isElements(now) || now.constructor !== given.constructor || now.length !== given.length) return replaced(name, given, now);
    const Words = WORDS[given.BYTES_PER_ELEMENT]!;
    const before = new Words(given.buffer, given.byteOffset, given.length);
    const after = new Words(now.buffer, now.byteOffset, now.length);
    for (let index = 0; index < before.length; index++) {
      if (before[index] !== after[index]) {
        const isData = name.endsWith('.data');
        return {
          tensor: isData ? name.slice(0, -'.data'.length) : name,
          index,
          before: given[index],
          after: now[index],
          data: isData,
          bits: [before[index]!, after[index]!],
        };
      }
    }
    return undefined;
  }
  if (Array.isArray(given)) {
    if (!Array.isArray(now) || now.length !== given.length) return replaced(name, given, now);
    for (let index = 0; index < given.length; index++) {
      const [before, after] = [given[index] as unknown, now[index] as unknown];
      if (isObject(before) || isObject(after)) {
        const change = firstChange(before, after, `${name}[${index}]`);
        if (change !== undefined) return change;
      } else if (!Object.is(before, after)) {
        return { tensor: name, index, before, after, data: false };
      }
    }
    return undefined;
  }
  if (isObject(given)) {
    if (!isObject(now) || Array.isArray(now) || ArrayBuffer.isView(now)) return replaced(name, given, now);
    const [before, after] = [given as Record<string, unknown>, now as Record<string, unknown>];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const change = firstChange(before[key], after[key], name === '' ? key : `${name}.${key}`);
      if (change !== undefined) return change;
    }
    return undefined;
  }
  return Object.is(given, now) ? undefined : replaced(name, given, now);
}

const MAX_SHOWN = 80;

function show(value: unknown, bits?: number | bigint): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value))
      return bits === undefined ? 'NaN' : `NaN (0x${bits.toString(16).padStart(typeof bits === 'bigint' ? 16 : 8, '0')})`;
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (value === undefined) return 'absent';
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'function' || typeof value === 'symbol' || isElements(value)) return describeValue(value);
  let text: string;
  try {
    const { shape, data } = (value ?? {}) as { shape?: unknown; data?: unknown };
    if (Array.isArray(shape) && isElements(data)) return `a tensor of shape ${show(shape)}`;
    text = Array.isArray(value) ? `[${value.map((item) => show(item)).join(', ')}]` : (JSON.stringify(value) ?? describeValue(value));
  } catch {
    text = describeValue(value); // a cycle, or a getter that throws
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
}

function inputModified(op: string, change: Change): InputModified {
  const what = change.data ? `its input tensor "${change.tensor}"` : `its input "${change.tensor}"`;
  const nan = change.bits !== undefined && (Number.isNaN(change.before) || Number.isNaN(change.after));
  const [before, after] = [show(change.before, nan ? change.bits![0] : undefined), show(change.after, nan ? change.bits![1] : undefined)];
  const where = change.index === undefined ? `it was ${before}, now ${after}` : `element ${change.index} was ${before}, now ${after}`;
  const message = cleanAdapterMessage(
    `adapter ${op} modified ${what} (inputs are read-only, spec: conformance.inputs-read-only): ${where}`,
  );
  return new InputModified(message, { tensor: change.tensor, index: change.index, before: change.before, after: change.after });
}

/** Throws an InputModified when the adapter's copy of the request no longer matches the kit's. */
function checkUnchanged(op: string, request: unknown, copy: unknown): void {
  let change: Change | undefined;
  try {
    change = firstChange(request, copy, '');
  } catch {
    // a field the adapter turned into a getter that throws: a change, not a rejection
    throw new InputModified(
      `adapter ${op} modified its request so that it can no longer be read (inputs are read-only, spec: conformance.inputs-read-only)`,
      {
        tensor: 'request',
        index: undefined,
        before: request,
        after: undefined,
      },
    );
  }
  if (change !== undefined) throw inputModified(op, change);
}

/**
 * The kit's own copy of an answer's shape and data, with the form it names (spec:
 * conformance.api-forms); anything else is passed on for the answer checks to name.
 */
function copyAnswer(answer: unknown): unknown {
  try {
    if (Array.isArray(answer)) return [...(answer as unknown[])];
    if (!isObject(answer) || ArrayBuffer.isView(answer)) return answer;
    const { shape, data, form } = answer as { shape?: unknown; data?: unknown; form?: unknown };
    if (!Array.isArray(shape) || !isElements(data)) return answer;
    return { shape: [...(shape as unknown[])], data: data.slice(), ...(form === undefined ? {} : { form }) };
  } catch {
    return answer; // a getter that throws: the answer checks report it
  }
}

/** The adapter with every call made on copies, checked for changes when it settles. */
export function readOnlyInputs(adapter: Adapter): Adapter {
  if (WRAPPED.has(adapter)) return adapter;
  const wrapped: Record<string, unknown> = { ...adapter };
  for (const name of METHODS) {
    const method = adapter[name] as ((request: unknown) => Promise<unknown>) | undefined;
    if (typeof method !== 'function') continue;
    wrapped[name] = async (request: unknown): Promise<unknown> => {
      const copy = copyOf(request);
      let answer: unknown;
      try {
        answer = await method.call(adapter, copy);
      } catch (error) {
        // A call that did not complete may still be writing to its copy: its fault is what fails
        // the test, and the kit's data is safe either way.
        if (!isAdapterFault(error)) checkUnchanged(name, request, copy);
        throw error;
      }
      checkUnchanged(name, request, copy);
      return copyAnswer(answer);
    };
  }
  const result = wrapped as unknown as Adapter;
  WRAPPED.add(result);
  return result;
}
