"""Prints ONNX's backend node tests of the ops cnnspec covers as JSON on stdout.

    PYENV_VERSION=system python3 scripts/onnx-node-tests/export.py [--ops OP,...] [--source ROOT --source-label LABEL]

The node tests are not data files in the installed package (Debian's python3-onnx has none) but
generator functions under onnx.backend.test.case.node, which build each test's node, inputs and
expected outputs when their module is imported. Importing a module runs its generators; ONNX's
test-case metaclass (onnx/backend/test/case/base.py) calls np.random.seed(0) before each one, so
the random inputs, and the outputs computed from them, are the same on every run without a seed
of our own.

`collect_testcases` imports every generator module of the package, and some of them (bernoulli.py
in ONNX 1.12) use numpy aliases that numpy 1.24 removed, so the import stops with an error; the
modules of the ops below are imported one by one instead.

`--ops` restricts the export to some of the ops below (ONNX op types, comma-separated).
`--source ROOT` takes the generator files from an ONNX source tree (ROOT/onnx/backend/test/case/node/
<module>.py, ROOT/VERSION_NUMBER) instead of the installed package, still run with the installed
onnx and numpy: a newer ONNX's tests of an op whose generator needs nothing newer (ConvTranspose's
group tests came with ONNX 1.17). The version printed is then "<VERSION_NUMBER> (<LABEL>)", and the
opset is null: the installed onnx, not the source, builds each test's model.

Output: {"onnx": version, "numpy": version, "cases": [...], "skipped": [...]}. A case is
{"name", "module", "opType", "opset", "attributes", "inputs", "outputs"}, tensors are
{"name", "shape", "dtype", "data"} with the float32 elements row-major as JSON numbers (the exact
value of each float32) and NaN, Infinity, -Infinity as strings. Only float32 tensors are
exported: a test with a tensor of another type is listed in "skipped" with the reason, which is
also printed on stderr. Whether cnnspec can state a case is decided by toFixtures.ts, not here.

Exit status 2 when onnx or numpy cannot be imported.
"""

import argparse
import importlib
import importlib.util
import json
import math
import os
import sys

# The generator module of each op, under onnx.backend.test.case.node.
MODULES = {
    'Conv': 'conv',
    'AveragePool': 'averagepool',
    'MaxPool': 'maxpool',
    'GlobalAveragePool': 'globalaveragepool',
    'GlobalMaxPool': 'globalmaxpool',
    'Gemm': 'gemm',
    'ConvTranspose': 'convtranspose',
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


def load_generators(ops, source):
    """Imports the generator module of each op, from the installed package or from a source tree."""
    for op in ops:
        module = MODULES[op]
        name = f'onnx.backend.test.case.node.{module}'
        if source is None:
            importlib.import_module(name)
            continue
        path = os.path.join(source, 'onnx', 'backend', 'test', 'case', 'node', f'{module}.py')
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or not os.path.isfile(path):
            raise FileNotFoundError(f'--source {source}: no generator file {path}')
        generator = importlib.util.module_from_spec(spec)
        sys.modules[name] = generator
        spec.loader.exec_module(generator)


def main():
    parser = argparse.ArgumentParser(description='Prints ONNX backend node tests as JSON.')
    parser.add_argument('--ops', help='comma-separated ONNX op types (default: all of ' + ', '.join(MODULES) + ')')
    parser.add_argument('--source', help='an ONNX source tree whose generator files to run')
    parser.add_argument('--source-label', help='how the source tree is named in the version (required with --source)')
    args = parser.parse_args()
    ops = list(MODULES) if args.ops is None else args.ops.split(',')
    unknown = [op for op in ops if op not in MODULES]
    if unknown:
        parser.error(f'--ops {",".join(unknown)}: not one of {", ".join(MODULES)}')
    if (args.source is None) != (args.source_label is None):
        parser.error('--source and --source-label go together')
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

    load_generators(ops, args.source)
    version = onnx.__version__
    if args.source is not None:
        with open(os.path.join(args.source, 'VERSION_NUMBER'), encoding='utf-8') as file:
            version = f'{file.read().strip()} ({args.source_label})'

    cases = []
    skipped = []
    # Generators append their tests to this list as their module is imported (expect()).
    for case in node_cases._NodeTestCases:
        nodes = case.model.graph.node
        op_type = nodes[0].op_type
        if len(nodes) != 1 or op_type not in ops:
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
        opset = None if args.source is not None else next(
            (o.version for o in case.model.opset_import if o.domain in ('', 'ai.onnx')), None
        )
        cases.append({
            'name': case.name,
            'module': MODULES[op_type],
            'opType': op_type,
            'opset': opset,
            'attributes': {a.name: attribute_value(a, onnx.helper) for a in node.attribute},
            'inputs': [tensor(name, array, numpy) for name, array in zip(input_names, inputs)],
            'outputs': [tensor(name, array, numpy) for name, array in zip(output_names, outputs)],
        })

    json.dump({'onnx': version, 'numpy': numpy.__version__, 'cases': cases, 'skipped': skipped}, sys.stdout, allow_nan=False)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
