#!/usr/bin/env python3
"""defect.pytorch-maxpool1d-empty-output (spec/conventions.md#defect.pytorch-maxpool1d-empty-output)

In PyTorch 1.13 the no-gradient fast path of max_pool1d (max_pool1d_impl,
aten/src/ATen/native/MaxPooling.cpp) only rejects negative output sizes, so a window longer than
the padded input by 1 to s positions gives an empty [N, C, 0] tensor (max_pool1d(x[1,3,2], 5, 4)),
while max_pool2d, avg_pool1d, and max_pool1d with return_indices=True or an input that requires a
gradient raise "Output size is too small". Later releases check OW > 0.

PyTorch's own rule (aten/src/ATen/native/Pool.h, pool2d_shape_check, which max_pool2d, avg_pool1d
and the other max_pool1d paths run):
    TORCH_CHECK(outputWidth >= 1 && outputHeight >= 1, "Given input size: (...). Calculated output
    size: (...). Output size is too small");
and the MaxPool1d docstring (torch/nn/modules/pooling.py, "Shape"):
    L_out = floor((L_in + 2 * padding - dilation * (kernel_size - 1) - 1) / stride + 1)
          = floor((2 - 4 - 1) / 4 + 1) = 0 here, an output size PyTorch's check refuses.

Run:  PYENV_VERSION=system python3 examples/reproductions/defect.pytorch-maxpool1d-empty-output.py
Exit: 0 the defect reproduces, 1 it does not, 2 PyTorch is not installed.
"""
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError as error:
    print(f"not runnable here: PyTorch is needed ({error})")
    sys.exit(2)

print(f"framework: PyTorch {torch.__version__}")


def attempt(fn):
    try:
        y = fn()
        return f"shape {list(y.shape)} {y.flatten().tolist()}", y
    except Exception as error:  # PyTorch raises RuntimeError
        return f"raises \"{str(error).splitlines()[0]}\"", None


x = torch.zeros(1, 3, 2)
print("\ncall: F.max_pool1d(x = zeros[1, 3, 2], kernel_size=5, stride=4)")
text, y = attempt(lambda: F.max_pool1d(x, 5, 4))
print(f"  gives:    {text}")
print('  expected: raises "... Output size is too small" (L_out = floor((2 - 4 - 1) / 4 + 1) = 0)')
print("  the same window elsewhere in PyTorch:")
others = {
    "F.max_pool1d(x, 5, 4, return_indices=True)": lambda: F.max_pool1d(x, 5, 4, return_indices=True)[0],
    "F.max_pool1d(x.requires_grad_(), 5, 4)": lambda: F.max_pool1d(torch.zeros(1, 3, 2, requires_grad=True), 5, 4),
    "F.max_pool2d(x[:, :, None, :], (1, 5), (1, 4))": lambda: F.max_pool2d(x[:, :, None, :], (1, 5), (1, 4)),
    "F.avg_pool1d(x, 5, 4)": lambda: F.avg_pool1d(x, 5, 4),
}
refused = 0
for label, fn in others.items():
    other_text, other = attempt(fn)
    print(f"    {label}: {other_text}")
    refused += other is None and "Output size is too small" in other_text
ok = y is not None and list(y.shape) == [1, 3, 0] and refused == len(others)
print(f"\nRESULT: {'reproduced' if ok else 'not reproduced'} — max_pool1d(zeros[1, 3, 2], 5, 4): {text}; {refused} of {len(others)} sibling calls raise \"Output size is too small\"")
sys.exit(0 if ok else 1)
