/** Sends one op call (an op and its request, as fixtures and evidence hold it) to an adapter. */
import type { Adapter, TensorAnswer } from '../ops/Adapter.js';
import type { EvidenceCall } from './buildEvidence.js';

export function invokeAdapter(adapter: Adapter, call: EvidenceCall): Promise<TensorAnswer> {
  switch (call.op) {
    case 'conv':
      return adapter.conv!(call.request);
    case 'pool':
      return adapter.pool!(call.request);
    case 'global-pool':
      return adapter.globalPool!(call.request);
    case 'dense':
      return adapter.dense!(call.request);
    case 'pad':
      return adapter.pad!(call.request);
  }
}
