/**
 * Builds small ONNX models in JS with onnx-proto: one graph of float tensors with static input
 * shapes, a node or two, and optional int64 initializers (the pads of a Pad node). The
 * onnx-proto namespace is passed in, so that the package is loaded lazily by the caller.
 */
import type { onnx as O } from 'onnx-proto';

/** IR version 10 with opset 22 loads in onnxruntime 1.30 (onnx-proto's enum stops at 8, the field is a plain int). */
export const ONNX_IR_VERSION = 10;
export const ONNX_OPSET = 22;

/** An attribute value: an int, a list of ints or a string. */
export type OnnxAttribute = number | readonly number[] | string;

export interface OnnxNode {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** Attributes; undefined values are left out (the operator's default applies). */
  attributes?: Readonly<Record<string, OnnxAttribute | undefined>>;
}

export interface OnnxInt64Initializer {
  name: string;
  dims: readonly number[];
  values: readonly number[];
}

export interface OnnxGraph {
  name: string;
  /** Float32 graph inputs with static shapes. */
  inputs: readonly { name: string; shape: readonly number[] }[];
  /** Float32 graph outputs; their shapes are left to the runtime. */
  outputs: readonly string[];
  nodes: readonly OnnxNode[];
  initializers?: readonly OnnxInt64Initializer[];
}

type OnnxNamespace = typeof O;

/**
 * The parts of onnx-proto's `onnx` namespace the builder uses, typed structurally so that the
 * declarations of this module do not require onnx-proto (an optional peer dependency).
 */
export interface OnnxProtoNamespace {
  ModelProto: { create(properties: object): unknown; encode(message: never): { finish(): Uint8Array } };
  AttributeProto: { AttributeType: { INT: number; INTS: number; STRING: number } };
  TensorProto: { DataType: { FLOAT: number; INT64: number } };
}

function attribute(onnx: OnnxNamespace, name: string, value: OnnxAttribute): O.IAttributeProto {
  const type = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: type.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`ONNX attribute ${name} must be an integer, got ${value}`);
    return { name, type: type.INT, i: value };
  }
  for (const entry of value) {
    if (!Number.isSafeInteger(entry)) throw new Error(`ONNX attribute ${name} must be a list of integers, got [${value.join(', ')}]`);
  }
  return { name, type: type.INTS, ints: [...value] };
}

/**
 * An int64 initializer (the pads of a Pad node, tensor(int64)). A value that is not an integer is
 * refused as attributes are: written as int64 it would reach the runtime truncated (0.5 as 0).
 */
function int64Initializer(onnx: OnnxNamespace, init: OnnxInt64Initializer): O.ITensorProto {
  for (const value of init.values) {
    if (!Number.isSafeInteger(value))
      throw new Error(`ONNX initializer ${init.name} is tensor(int64), so every value must be an integer, got [${init.values.join(', ')}]`);
  }
  return { name: init.name, dims: [...init.dims], dataType: onnx.TensorProto.DataType.INT64, int64Data: [...init.values] };
}

function floatValueInfo(onnx: OnnxNamespace, name: string, shape?: readonly number[]): O.IValueInfoProto {
  const tensorType: O.TypeProto.ITensor = { elemType: onnx.TensorProto.DataType.FLOAT };
  if (shape !== undefined) tensorType.shape = { dim: shape.map((dimValue) => ({ dimValue })) };
  return { name, type: { tensorType } };
}

/** The ModelProto of a graph. */
function onnxModelProto(onnx: OnnxNamespace, graph: OnnxGraph, opset: number): O.IModelProto {
  return {
    irVersion: ONNX_IR_VERSION,
    producerName: 'cnnspec',
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: graph.name,
      node: graph.nodes.map((node, index) => ({
        name: `${node.opType.toLowerCase()}_${index}`,
        opType: node.opType,
        input: [...node.inputs],
        output: [...node.outputs],
        attribute: Object.entries(node.attributes ?? {})
          .filter((entry): entry is [string, OnnxAttribute] => entry[1] !== undefined)
          .map(([name, value]) => attribute(onnx, name, value)),
      })),
      input: graph.inputs.map((input) => floatValueInfo(onnx, input.name, input.shape)),
      output: graph.outputs.map((name) => floatValueInfo(onnx, name)),
      initializer: (graph.initializers ?? []).map((init) => int64Initializer(onnx, init)),
    },
  };
}

/**
 * The serialized model, ready for `InferenceSession.create(bytes)`, importing the default domain
 * at `opset` (ONNX_OPSET unless a runtime needs an earlier one for the ops the graph holds).
 */
export function encodeOnnxModel(namespace: OnnxProtoNamespace, graph: OnnxGraph, opset: number = ONNX_OPSET): Uint8Array {
  const onnx = namespace as unknown as OnnxNamespace;
  return onnx.ModelProto.encode(onnx.ModelProto.create(onnxModelProto(onnx, graph, opset))).finish();
}
