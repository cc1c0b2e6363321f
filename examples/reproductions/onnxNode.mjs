// The shared part of the ONNX Runtime reproductions: ONNX Runtime and onnx-proto alone (nothing
// from cnnspec), a one-node model run once, and how results are printed. Importing it prints the
// framework's version, or exits 2 when onnxruntime-node or onnx-proto is missing.

let ort;
let onnx;
try {
  const ortModule = await import('onnxruntime-node');
  ort = ortModule.default ?? ortModule;
  ({ onnx } = (await import('onnx-proto')).default);
} catch (error) {
  console.log(`not runnable here: onnxruntime-node and onnx-proto are needed (${error.message.split('\n')[0]})`);
  process.exit(2);
}
console.log(`framework: ONNX Runtime ${ort.env.versions.common} (onnxruntime-node ${ort.env.versions.node}), CPU execution provider`);

// A one-node ONNX model (IR version 10, opset 22) with float32 inputs of static shapes, run once.
export async function runNode(opType, attributes, inputs) {
  const A = onnx.AttributeProto.AttributeType;
  const attribute = Object.entries(attributes).map(([name, v]) =>
    typeof v === 'string' ? { name, type: A.STRING, s: new TextEncoder().encode(v) } : { name, type: A.INTS, ints: v },
  );
  const valueInfo = (name, shape) => ({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        ...(shape ? { shape: { dim: shape.map((dimValue) => ({ dimValue })) } } : {}),
      },
    },
  });
  const names = inputs.map((_, i) => `x${i}`);
  const graph = {
    name: 'repro',
    node: [{ opType, input: names, output: ['y'], attribute }],
    input: inputs.map(([, shape], i) => valueInfo(names[i], shape)),
    output: [valueInfo('y')],
  };
  const model = onnx.ModelProto.create({ irVersion: 10, opsetImport: [{ domain: '', version: 22 }], graph });
  try {
    const session = await ort.InferenceSession.create(onnx.ModelProto.encode(model).finish(), { logSeverityLevel: 4 });
    const feeds = Object.fromEntries(
      inputs.map(([data, shape], i) => [names[i], new ort.Tensor('float32', Float32Array.from(data), shape)]),
    );
    const { y } = await session.run(feeds);
    return { shape: y.dims, data: Array.from(y.data) };
  } catch (error) {
    return { error: error.message.split('\n')[0] };
  }
}
export const fmt = (values) => `[${Array.from(values, String).join(', ')}]`;
export const show = (r) => (r.error !== undefined ? `fails: ${r.error}` : `shape ${fmt(r.shape)} ${fmt(r.data)}`);
