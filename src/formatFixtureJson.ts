/**
 * The canonical text of a fixture file: JSON indented by two spaces, with every array of
 * numbers and strings on one line, and a final newline. Manifest hashes are over this text.
 */
export function formatFixtureJson(value: unknown): string {
  const format = (node: unknown, indent: string): string => {
    if (Array.isArray(node)) {
      if (node.every((item) => item === null || typeof item !== 'object')) {
        return `[${node.map((item) => JSON.stringify(item)).join(', ')}]`;
      }
      const inner = indent + '  ';
      return `[\n${node.map((item) => inner + format(item, inner)).join(',\n')}\n${indent}]`;
    }
    if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return '{}';
      const inner = indent + '  ';
      return `{\n${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(node);
  };
  return `${format(value, '')}\n`;
}
