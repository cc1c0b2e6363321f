#!/usr/bin/env python3
"""defect.pytorch-mkldnn-large-stride (spec/conventions.md#defect.pytorch-mkldnn-large-stride)

A stride of 2^31 - 1 is valid, and PyTorch documents the output shape of Conv2d for any stride.
PyTorch 1.13 hands the call to oneDNN (mkldnn), which refuses it: F.conv2d(ones(2, 1, 1, 4),
ones(2, 1, 2, 2), stride=(2**31 - 1, 1), padding=(1, 0)) raises "could not create a descriptor for
a dilated convolution forward propagation primitive", while a stride of 2^31 - 2, or the same call
with torch.backends.mkldnn.enabled = False, gives the documented [2, 2, 1, 3].

PyTorch's own rule (torch/nn/modules/conv.py, Conv2d docstring, "Shape"):
    H_out = floor((H_in + 2 * padding[0] - dilation[0] * (kernel_size[0] - 1) - 1) / stride[0] + 1)
          = floor((1 + 2 - 1 - 1) / (2^31 - 1) + 1) = 1
    W_out = floor((W_in + 2 * padding[1] - dilation[1] * (kernel_size[1] - 1) - 1) / stride[1] + 1)
          = floor((4 + 0 - 1 - 1) / 1 + 1) = 3
so the output has shape [2, 2, 1, 3]; every element sums the 2x2 window rows -1 and 0 (row -1 is
padding): 2.

Run:  PYENV_VERSION=system python3 examples/reproductions/defect.pytorch-mkldnn-large-stride.py
Exit: 0 the defect reproduces, 1 it does not, 2 PyTorch is not installed.
"""
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError as error:
    print(f"not runnable here: PyTorch is needed ({error})")
    sys.exit(2)

print(f"framework: PyTorch {torch.__version__} (mkldnn available: {torch.backends.mkldnn.is_available()})")


def attempt(fn):
    try:
        y = fn()
        return f"shape {list(y.shape)} {y.flatten().tolist()}", y
    except Exception as error:  # PyTorch raises RuntimeError
        return f"raises \"{str(error).splitlines()[0]}\"", None


x = torch.ones(2, 1, 1, 4)
w = torch.ones(2, 1, 2, 2)
print("\ncall: F.conv2d(ones(2, 1, 1, 4), ones(2, 1, 2, 2), stride=(2**31 - 1, 1), padding=(1, 0))")
text, y = attempt(lambda: F.conv2d(x, w, stride=(2**31 - 1, 1), padding=(1, 0)))
smaller_text, smaller = attempt(lambda: F.conv2d(x, w, stride=(2**31 - 2, 1), padding=(1, 0)))
torch.backends.mkldnn.enabled = False
without_text, without = attempt(lambda: F.conv2d(x, w, stride=(2**31 - 1, 1), padding=(1, 0)))
torch.backends.mkldnn.enabled = True
print(f"  gives:    {text}")
print("  expected: shape [2, 2, 1, 3], every element 2.0 (Conv2d's H_out = 1, W_out = 3)")
print(f"            (stride (2**31 - 2, 1): {smaller_text};")
print(f"             stride (2**31 - 1, 1) with torch.backends.mkldnn.enabled = False: {without_text})")
ok = y is None and "could not create a descriptor" in text and without is not None and list(without.shape) == [2, 2, 1, 3]
print(f"\nRESULT: {'reproduced' if ok else 'not reproduced'} — stride 2**31 - 1 through oneDNN: {text}; without oneDNN: shape {list(without.shape) if without is not None else without_text}")
sys.exit(0 if ok else 1)
