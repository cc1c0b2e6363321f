"""Prints ONNX's backend node tests of the ops cnnspec covers as JSON on stdout.

    PYENV_VERSION=system python3 scripts/onnx-node-tests/export.py

The node tests are not data files in the installed package (Debian's python3-onnx has none) but
generator functions under onnx.backend.test.case.node, which build each test's node, inputs and
expected outputs when their module is imported. Importing a module runs its generators; ONNX's
test-case metaclass (onnx/backend/test/case/base.py) calls np.random.seed(0) before each one, so
the random inputs, and the outputs computed from them, are the same on every run without a seed
of our own.

`collect_testcases` imports every generator module of the package, and some of them (bernoulli.py
in ONNX 1.12) use numpy aliases that numpy 1.24 removed, so the import stops with an error; the
modules of the ops below are imported one by one instead.

Output: {"onnx": version, "numpy": version, "cases": [...], "skipped": [...]}. A case is
{"name", "module", "opType", "opset", "attributes", "inputs", "outputs"}, tensors are
{"name", "shape", "dtype", "data"} with the float32 elements row-major as JSON numbers (the exact
value of each float32) and NaN, Infinity, -Infinity as strings. Only float32 tensors are
exported: a test with a tensor of another type is listed in "skipped" with the reason, which is
also printed on stderr. Whether cnnspec can state a case is decided by toFixtures.ts, not here.

Exit status 2 when onnx or numpy cannot be imported.
"""

import importlib
import json
import math
import sys

# The generator module of each op, under onnx.backend.test.case.node.
MODULES = {
    'Conv': 'conv',
    'AveragePool': 'averagepool',
    'MaxPool': 'maxpool',
    'GlobalAveragePool': 'globalaveragepool',
    'GlobalMaxPool': 'globalmaxpool',
    'Gemm': 'gemm',
}


def element(value):
    value = float(value)
    if math.isnan(value):
        return 'NaN'
    if math.isinf(value):
        return 'Infinity' if value > 0 else '-Infinity'
    return value


def tensor(name, array, numpy):
    return {
        'name': name,
        'shape': list(array.shape),
        'dtype': str(array.dtype),
        'data': [element(v) for v in numpy.asarray(array).reshape(-1)],
    }


def attribute_value(attribute, helper):
    value = helper.get_attribute_value(attribute)
    if isinstance(value, bytes):
        return value.decode('utf-8')
    if isinstance(value, list):
        return [v.decode('utf-8') if isinstance(v, bytes) else v for v in value]
    return value


def main():
    try:
        import numpy
        import onnx
        import onnx.helper
        import onnx.backend.test.case.node as node_cases
    except ImportError as error:
        print(
            f'export.py needs the Python packages onnx and numpy (Debian: apt-get install python3-onnx): {error}',
            file=sys.stderr,
        )
        return 2

    for module in MODULES.values():
        importlib.import_module(f'onnx.backend.test.case.node.{module}')

    cases = []
    skipped = []
    # Generators append their tests to this list as their module is imported (expect()).
    for case in node_cases._NodeTestCases:
        nodes = case.model.graph.node
        op_type = nodes[0].op_type
        if len(nodes) != 1 or op_type not in MODULES:
            continue
        node = nodes[0]
        inputs, outputs = case.data_sets[0]
        input_names = [name for name in node.input if name != '']
        output_names = [name for name in node.output if name != '']
        reason = None
        if op_type == 'MaxPool' and len(output_names) > 1:
            reason = f'MaxPool with the Indices output {output_names[1]} (cnnspec pooling returns values only)'
        else:
            others = [
                f'{name} is {array.dtype}'
                for name, array in list(zip(input_names, inputs)) + list(zip(output_names, outputs))
                if array.dtype != numpy.float32
            ]
            if others:
                reason = f'{", ".join(others)}, not float32 (cnnspec tensors are float32)'
        if reason is not None:
            skipped.append({'name': case.name, 'opType': op_type, 'reason': reason})
            print(f'skipped {case.name}: {reason}', file=sys.stderr)
            continue
        opset = next((o.version for o in case.model.opset_import if o.domain in ('', 'ai.onnx')), None)
        cases.append({
            'name': case.name,
            'module': MODULES[op_type],
            'opType': op_type,
            'opset': opset,
            'attributes': {a.name: attribute_value(a, onnx.helper) for a in node.attribute},
            'inputs': [tensor(name, array, numpy) for name, array in zip(input_names, inputs)],
            'outputs': [tensor(name, array, numpy) for name, array in zip(output_names, outputs)],
        })

    json.dump({'onnx': onnx.__version__, 'numpy': numpy.__version__, 'cases': cases, 'skipped': skipped}, sys.stdout, allow_nan=False)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
