/**
 * The reference implementation served over the adapter protocol, for trying `--exec` and for
 * measuring the protocol's cost:
 *
 *   npx cnnspec run --exec "npx tsx examples/stdio-reference/adapter.ts"
 *
 * An optional argument selects the convention (default cnnspec).
 */
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { ConventionName } from '../../src/spec/conventions.js';
import { serveAdapter } from '../../src/protocol/serveAdapter.js';

await serveAdapter(referenceAdapter((process.argv[2] ?? 'cnnspec') as ConventionName), process.stdin, process.stdout);
