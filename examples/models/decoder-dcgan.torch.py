"""Checks examples/models/decoder-dcgan.json against PyTorch: output shapes, parameter counts and
the input pixels that reach output position 0 and 1 (by the gradient of one output element).

    PYENV_VERSION=system python3 examples/models/decoder-dcgan.torch.py
"""
import torch

torch.manual_seed(0)
decoder = torch.nn.Sequential(
    torch.nn.ConvTranspose2d(64, 32, kernel_size=4, stride=2, padding=1),  # up1
    torch.nn.ConvTranspose2d(32, 1, kernel_size=4, stride=2, padding=1),  # up2
)
x = torch.randn(1, 64, 7, 7, requires_grad=True)
y = x
for name, layer in zip(["up1", "up2"], decoder):
    y = layer(y)
    count = sum(p.numel() for p in layer.parameters())
    print(f"{name}: output {list(y.shape)}, params {count}")
print(f"total params {sum(p.numel() for p in decoder.parameters())}")
for o in (0, 1, 13):
    (grad,) = torch.autograd.grad(y[0, 0, o, o], x, retain_graph=True)
    rows = sorted({int(r) for r in grad[0].abs().sum(0).nonzero()[:, 0]})
    print(f"output position {o} reads input rows {rows}")
