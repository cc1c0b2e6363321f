/**
 * An in-process adapter (the reference) that says of itself what the hello of a hostile process
 * would: `HOSTILE_IDENTITY` in the environment picks a name of 200,000 characters (`huge-name`), a
 * convention nested 10,000 levels deep (`deep-convention`), or a name and version full of terminal
 * escape sequences (`terminal-name`).
 */
import type { Adapter } from '../../../src/ops/Adapter.js';
import { referenceAdapter } from '../../../src/adapter/referenceAdapter.js';

export const ESCAPES = '\u001b[2J\u001b[H\u001b[32mconformant\u001b[0m\u001b]52;c;ZWNobyBwd25lZA==\u0007\r\u009b2J';

function nested(depth: number): unknown {
  let value: unknown = 'channels-first';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

export default (): Adapter => {
  const adapter = referenceAdapter();
  switch (process.env.HOSTILE_IDENTITY) {
    case 'huge-name':
      return { ...adapter, name: 'n'.repeat(200_000) };
    case 'deep-convention':
      return { ...adapter, convention: { base: 'cnnspec', overrides: { layout: nested(10_000) } } as never };
    case 'terminal-name':
      return { ...adapter, name: `evil${ESCAPES}`, version: `1${ESCAPES}` };
    default:
      return adapter;
  }
};
