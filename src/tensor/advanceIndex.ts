/**
 * Steps a multi-index to the next position in row-major order (the last axis fastest), like an
 * odometer. Returns false after the last position, leaving the index at all zeros. An empty
 * shape has one position.
 */
export function advanceIndex(index: Int32Array | number[], shape: readonly number[]): boolean {
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis]! += 1;
    if (index[axis]! < shape[axis]!) return true;
    index[axis] = 0;
  }
  return false;
}
