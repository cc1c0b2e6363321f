/**
 * A key that names a planner's arguments exactly, for PlanCache: two argument lists get the same
 * key only when a planner cannot tell them apart. Numbers keep their sign of zero, NaN and the
 * infinities; strings are quoted; arrays and plain records are taken apart element by element
 * (symbol-keyed fields and named fields of arrays are left out: planners read neither). Anything
 * else (a function, a class instance, an accessor field of a record, a sparse array, a cycle or
 * any nesting deeper than a planner's arguments) gets no key: such arguments are planned afresh
 * every time, so that a planner sees them as given and throws for them as it would. Array
 * elements are read as values: an accessor there, like a Proxy, is taken to answer the same on
 * every read.
 */

/** Names and strings written without escapes; any other is written as JSON, which then holds a backslash. */
const PLAIN_TEXT = /^[\w$ .+-]*$/;

const text = (value: string): string => (PLAIN_TEXT.test(value) ? `"${value}"` : JSON.stringify(value));

/** The small sizes and counts most arguments hold, written once. */
const SMALL_INTEGERS = Array.from({ length: 256 }, (_, value) => `${value},`);

const number = (value: number): string =>
  Number.isInteger(value) && value >= 0 && value < 256 && !Object.is(value, -0)
    ? SMALL_INTEGERS[value]!
    : `${Object.is(value, -0) ? '-0' : value},`;

/** Deeper than any argument of a planner: a deeper one (a cyclic record, say) is planned afresh. */
const MAX_DEPTH = 8;

/** Appends the encoding of `value` to `key`; undefined when the value is not plain data. */
function encode(key: string, value: unknown, depth = 0): string | undefined {
  switch (typeof value) {
    case 'number':
      return key + number(value);
    case 'string':
      return `${key}${text(value)},`;
    case 'boolean':
      return `${key}${value ? 't' : 'f'},`;
    case 'undefined':
      return `${key}u,`;
    case 'object': {
      if (value === null) return `${key}n,`;
      if (depth >= MAX_DEPTH) return undefined;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
        // Elements only: planners read an array's length and elements, never named fields beside them.
        let result: string | undefined = `${key}[`;
        for (let index = 0; index < value.length; index++) {
          if (!Object.hasOwn(value, index)) return undefined;
          const element: unknown = value[index];
          result = typeof element === 'number' ? result + number(element) : encode(result, element, depth + 1);
          if (result === undefined) return undefined;
        }
        return `${result}],`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      let result: string | undefined = `${key}{`;
      for (const name of Object.getOwnPropertyNames(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, name)!;
        if (!('value' in descriptor) || !descriptor.enumerable) return undefined;
        result = encode(`${result}${text(name)}:`, descriptor.value, depth + 1);
        if (result === undefined) return undefined;
      }
      return `${result}},`;
    }
    default:
      return undefined;
  }
}

export function planCacheKey(parts: readonly unknown[]): string | undefined {
  let key: string | undefined = '';
  for (const part of parts) {
    key = encode(key, part);
    if (key === undefined) return undefined;
  }
  return key;
}
