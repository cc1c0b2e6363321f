/**
 * The adapter of the sample exchange in spec/protocol.md: the reference served over the protocol
 * (as examples/stdio-reference does), except that it pads with zeros, replicate and circular fills
 * only, as many implementations do, so that the sample also shows an `unsupported` answer
 * (spec: protocol.response).
 */
import { UnsupportedCase, type Adapter } from '../src/ops/Adapter.js';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { serveAdapter } from '../src/protocol/serveAdapter.js';

const reference = referenceAdapter('cnnspec');
const adapter: Adapter = {
  ...reference,
  pad: async (request) => {
    if (request.params.fill === 'reflect') throw new UnsupportedCase('this implementation has no reflect fill');
    return reference.pad!(request);
  },
};

await serveAdapter(adapter, process.stdin, process.stdout);
