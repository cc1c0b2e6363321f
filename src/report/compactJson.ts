/**
 * JSON for reading: indented objects, with arrays of plain values (shapes, tensor data,
 * per-axis parameters) kept on one line, so that a counterexample reads as its structure rather
 * than a column of numbers.
 */
const PLAIN = String.raw`(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"|true|false|null)`;
const PLAIN_ARRAY = new RegExp(String.raw`\[\s*(${PLAIN}(?:\s*,\s*${PLAIN})*)\s*\]`, 'g');

export function compactJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? String(value);
  // JSON strings hold no raw line break, so every ",\n" is a separator between items.
  return text.replace(PLAIN_ARRAY, (_, items: string) => `[${items.replace(/,\n\s*/g, ', ')}]`);
}
