/** A union of string literals as TypeScript writes it, for a parameter table's type column: `'a' | 'b'`. */
export function literalUnion(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(' | ');
}
