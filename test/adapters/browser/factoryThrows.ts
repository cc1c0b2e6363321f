/** A browser adapter whose factory fails as one without its graphics API would. */
export default async () => {
  throw new Error('no WebGPU adapter: navigator.gpu.requestAdapter() returned null');
};
