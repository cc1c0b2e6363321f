/**
 * Tensors on the wire inside a browser page: float32 elements as little-endian bytes in base64
 * (spec: protocol.tensor), with the page's own base64 functions instead of Node's Buffer. Every
 * browser the kit drives is little-endian, as WebGPU and WebGL buffers are, so a Float32Array's
 * bytes are the wire's; the bits are kept exactly (-0, NaN payloads).
 */
import type { WireCodec } from '../../protocol/answerRequest.js';
import type { WireTensor } from '../../protocol/messages.js';
import type { Tensor } from '../../tensor/tensor.js';

/** Characters per String.fromCharCode call: well below the engines' argument limits. */
const CHUNK = 0x8000;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const pageWireCodec: WireCodec = {
  decode(wire: WireTensor): Tensor {
    const count = wire.shape.reduce((product, size) => product * size, 1);
    const bytes = base64ToBytes(wire.data);
    // the kit sends what it checked; a mismatch here is the page's own fault, said plainly
    if (bytes.length !== count * 4)
      throw new Error(`tensor data holds ${bytes.length} bytes, shape [${wire.shape.join(', ')}] needs ${count * 4}`);
    const data = new Float32Array(count);
    new Uint8Array(data.buffer).set(bytes);
    return { shape: [...wire.shape], data };
  },
  encode(tensor: Tensor): WireTensor {
    const data = tensor.data instanceof Float32Array ? tensor.data : Float32Array.from(tensor.data);
    return {
      shape: [...tensor.shape],
      dtype: 'float32',
      data: bytesToBase64(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    };
  },
};
