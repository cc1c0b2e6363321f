/**
 * A key that names a planner's arguments exactly, for PlanCache: two argument lists get the same
 * key only when a planner cannot tell them apart. Numbers keep their sign of zero, NaN and the
 * infinities; strings are quoted; arrays and plain records are taken apart element by element.
 * Anything else (a function, a class instance, an accessor, a sparse array, a symbol) gets no
 * key: such arguments are planned afresh every time, so that a planner sees them as given and
 * throws for them as it would.
 */
export function planCacheKey(parts: readonly unknown[]): string | undefined {
  let key = '';
  const visit = (value: unknown): boolean => {
    switch (typeof value) {
      case 'number':
        key += Object.is(value, -0) ? '-0,' : `${value},`;
        return true;
      case 'string':
        key += `${JSON.stringify(value)},`;
        return true;
      case 'boolean':
        key += value ? 't,' : 'f,';
        return true;
      case 'undefined':
        key += 'u,';
        return true;
      case 'object':
        if (value === null) {
          key += 'n,';
          return true;
        }
        if (Array.isArray(value)) {
          if (Object.getPrototypeOf(value) !== Array.prototype) return false;
          key += '[';
          for (let index = 0; index < value.length; index++) {
            if (!Object.hasOwn(value, index) || !visit(value[index])) return false;
          }
          key += '],';
          return Object.keys(value).length === value.length;
        }
        return visitRecord(value);
      default:
        return false;
    }
  };
  const visitRecord = (value: object): boolean => {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false;
    if (Object.getOwnPropertySymbols(value).length > 0) return false;
    key += '{';
    for (const name of Object.getOwnPropertyNames(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, name)!;
      if (!('value' in descriptor) || !descriptor.enumerable) return false;
      key += `${JSON.stringify(name)}:`;
      if (!visit(descriptor.value)) return false;
    }
    key += '},';
    return true;
  };
  for (const part of parts) if (!visit(part)) return undefined;
  return key;
}
