/**
 * Tensors on the wire: float32 elements as little-endian bytes in base64 (spec: protocol.tensor).
 */
import type { Tensor } from '../tensor.js';
import type { WireTensor } from './messages.js';

export function encodeWireTensor(tensor: Tensor): WireTensor {
  const bytes = Buffer.alloc(tensor.data.length * 4);
  for (let i = 0; i < tensor.data.length; i++) bytes.writeFloatLE(tensor.data[i]!, i * 4);
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
  for (let i = 0; i < count; i++) data[i] = bytes.readFloatLE(i * 4);
  return { shape: [...wire.shape], data };
}
