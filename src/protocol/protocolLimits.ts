/**
 * Bounds on everything an adapter declares and answers, in process or over the protocol
 * (spec: protocol.limits). No legitimate adapter comes near them: the layers have rank 5 at most
 * (a 3-D convolution's N, C, D, H, W), the kit knows a few dozen features and seven ops, and a
 * convention is a base name with a flat record of knobs. Past them an answer or a hello is
 * refused with the field, its size and the limit, before anything is built from it, so that one
 * hostile line of 40 MB cannot become gigabytes of messages and reports.
 */
export const PROTOCOL_LIMITS = Object.freeze({
  /** Entries of a tensor's shape, and of an `outputShape` answer. */
  rank: 16,
  /** Characters of an adapter's name, and of its version. */
  identityLength: 256,
  /** Entries of the feature list, and characters of each. */
  features: 256,
  featureLength: 128,
  /** Entries of the op list of a hello. */
  ops: 64,
  /** Nesting levels of a convention: `{ base, overrides: { knob: [values] } }` has 3. */
  conventionDepth: 8,
  /** Objects, arrays and values in a convention, and characters of any string in it. */
  conventionNodes: 1024,
  conventionStringLength: 256,
});
