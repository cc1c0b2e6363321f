/**
 * A stable 32-bit digest of an adapter request: its op, the shapes and bytes of its tensors and
 * its parameters with their keys in sorted order (FNV-1a). The same request gives the same digest
 * in every process and on every run, so that a choice made from it (the API form of a call, spec:
 * conformance.api-forms) is the same when a counterexample replays.
 */
import type { Tensor } from '../tensor/tensor.js';

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

/** FNV-1a over bytes, continuing from `hash`. */
function hashBytes(hash: number, bytes: Uint8Array): number {
  let h = hash;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, PRIME);
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a text, continuing from `hash`. */
export function hashText(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h = Math.imul(h ^ (unit & 0xff), PRIME);
    h = Math.imul(h ^ (unit >>> 8), PRIME);
  }
  return h >>> 0;
}

/** JSON with object keys sorted, so that the order fields were written in does not matter. */
function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, field: unknown) => {
      if (field === null || typeof field !== 'object' || Array.isArray(field) || ArrayBuffer.isView(field)) return field;
      const record = field as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((key) => [key, record[key]]),
      );
    }) ?? ''
  );
}

export interface DigestedRequest {
  input?: Tensor;
  weight?: Tensor;
  bias?: Tensor;
  params?: unknown;
}

export function requestDigest(op: string, request: DigestedRequest): number {
  let hash = hashText(OFFSET, `${op}|${canonicalJson(request.params ?? null)}`);
  for (const [name, tensor] of [
    ['input', request.input],
    ['weight', request.weight],
    ['bias', request.bias],
  ] as const) {
    if (tensor === undefined) continue;
    hash = hashText(hash, `|${name}[${tensor.shape.join(',')}]`);
    const { data } = tensor;
    hash = hashBytes(hash, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  return hash;
}
