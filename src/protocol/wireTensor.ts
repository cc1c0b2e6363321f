/**
 * Tensors on the wire: float32 elements as little-endian bytes in base64 (spec: protocol.tensor).
 */
import { endianness } from 'node:os';
import { shapeText } from '../shape/shapeText.js';
import type { Tensor } from '../tensor/tensor.js';
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

/**
 * Why `data` is not base64 as the protocol has it (standard alphabet, `=` padding to a multiple of
 * four characters, no whitespace), or undefined when it is. Node's decoder skips what it does not
 * know, so junk in the data would otherwise go unnoticed and decode to other values.
 */
export function base64Problem(data: string): string | undefined {
  const junk = /[^A-Za-z0-9+/=]/.exec(data);
  if (junk !== null) return `character ${JSON.stringify(junk[0])} at offset ${junk.index} is not in the base64 alphabet`;
  if (data.length % 4 !== 0) return `its length ${data.length} is not a multiple of 4 (the padding is missing or cut)`;
  const padding = data.indexOf('=');
  if (padding >= 0 && (padding < data.length - 2 || (padding === data.length - 2 && data[data.length - 1] !== '='))) {
    return `padding '=' at offset ${padding} is not at the end`;
  }
  return undefined;
}

/** Decodes a wire tensor; throws when the data is not base64 or its byte length does not match the shape. */
export function decodeWireTensor(wire: WireTensor): Tensor {
  const problem = base64Problem(wire.data);
  // spec: protocol.tensor
  if (problem !== undefined) throw new Error(`tensor data is not base64 (RFC 4648, section 4): ${problem}`);
  const bytes = Buffer.from(wire.data, 'base64');
  const count = wire.shape.reduce((p, s) => p * s, 1);
  if (bytes.length !== count * 4) {
    throw new Error(`tensor data holds ${bytes.length} bytes, shape ${shapeText(wire.shape)} needs ${count * 4}`);
  }
  const data = new Float32Array(count);
  if (NATIVE_IS_WIRE_ORDER) new Uint8Array(data.buffer).set(bytes);
  else for (let i = 0; i < count; i++) data[i] = bytes.readFloatLE(i * 4);
  return { shape: [...wire.shape], data };
}
