/**
 * Tensors on the wire: float32 elements as little-endian bytes in base64 (spec: protocol.tensor).
 */
import { endianness } from 'node:os';
import type { Tensor } from '../tensor.js';
import type { WireTensor } from './messages.js';

/**
 * On a little-endian machine a Float32Array's memory already holds the wire's bytes, so whole
 * tensors are copied at once instead of element by element; the bits are kept exactly (-0, NaN).
 */
const NATIVE_IS_WIRE_ORDER = endianness() === 'LE';

export function encodeWireTensor(tensor: Tensor): WireTensor {
  let bytes: Buffer;
  if (NATIVE_IS_WIRE_ORDER) {
    const data = tensor.data instanceof Float32Array ? tensor.data : Float32Array.from(tensor.data);
    bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  } else {
    bytes = Buffer.alloc(tensor.data.length * 4);
    for (let i = 0; i < tensor.data.length; i++) bytes.writeFloatLE(tensor.data[i]!, i * 4);
  }
  return { shape: [...tensor.shape], dtype: 'float32', data: bytes.toString('base64') };
}

/** Decodes a wire tensor; throws when the byte length does not match the shape. */
export function decodeWireTensor(wire: WireTensor): Tensor {
  const bytes = Buffer.from(wire.data, 'base64');
  const count = wire.shape.reduce((p, s) => p * s, 1);
  if (bytes.length !== count * 4) {
    throw new Error(`tensor data holds ${bytes.length} bytes, shape [${wire.shape.join(', ')}] needs ${count * 4}`);
  }
  const data = new Float32Array(count);
  if (NATIVE_IS_WIRE_ORDER) new Uint8Array(data.buffer).set(bytes);
  else for (let i = 0; i < count; i++) data[i] = bytes.readFloatLE(i * 4);
  return { shape: [...wire.shape], data };
}
