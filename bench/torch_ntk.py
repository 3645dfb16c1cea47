"""The PyTorch reference of `npm run bench` (bench/ntkSpeed.ts): the TE-NAS NTK loop on our networks.

Reads a case written by ntkSpeed.ts (manifest JSON + raw float32 parameters and inputs), rebuilds the
same network in PyTorch with exactly those weights, and computes the empirical NTK as TE-NAS does
(VITA-Group/TENAS lib/procedures/ntk.py): one forward pass, then one backward pass per sample of its
summed logits with retain_graph, the gradients of every NTK weight concatenated into a row of G,
Θ = G Gᵀ (here in float64), κ = λ_max / λ_min. Prints one JSON line: seconds per NTK and κ.

Needs Debian's python3-torch (apt-get install python3-torch) or any PyTorch >= 1.13.
Usage: python3 bench/torch_ntk.py CASE.json [--threads T] [--repeats R]
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn.functional as F


def load(case_path):
    with open(case_path) as f:
        case = json.load(f)
    blob = np.fromfile(case["params_file"], dtype=np.float32)
    params = {}
    for p in case["params"]:
        values = blob[p["offset"]:p["offset"] + int(np.prod(p["shape"]))].reshape(p["shape"])
        params[p["name"]] = torch.tensor(values, dtype=torch.float32, requires_grad=p["name"] in case["ntk_weights"])
    x = torch.tensor(np.fromfile(case["inputs_file"], dtype=np.float32).reshape(case["input_shape"]))
    return case, params, x


def vit_forward(case, params, x):
    """Pre-norm ViT as src/core/nn/vitNetwork.ts builds it; x is NHWC, weights [in, out]."""
    arch = case["arch"]
    p = arch["patch"]
    head_dim = arch["headDim"]
    conv = params["patch.conv"].permute(3, 2, 0, 1)  # [kh, kw, cin, cout] -> [cout, cin, kh, kw]
    tokens = F.conv2d(x.permute(0, 3, 1, 2), conv, params["patch.bias"], stride=p)
    b = x.shape[0]
    tokens = tokens.flatten(2).transpose(1, 2)
    h = torch.cat([params["cls"].expand(b, -1, -1), tokens], 1) + params["pos"]

    def ln(t, name):
        return F.layer_norm(t, (t.shape[-1],), params[name + ".gamma"], params[name + ".beta"], eps=1e-6)

    def linear(t, name):
        return t @ params[name + ".weight"] + params[name + ".bias"]

    for layer, heads in enumerate(arch["heads"]):
        width = heads * head_dim
        t = h.shape[1]
        qkv = linear(ln(h, f"b{layer}.ln1"), f"b{layer}.qkv").reshape(b, t, 3, heads, head_dim)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)
        attn = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(head_dim), -1)
        mixed = (attn @ v).transpose(1, 2).reshape(b, t, width)
        h = h + linear(mixed, f"b{layer}.proj")
        h = h + linear(F.gelu(linear(ln(h, f"b{layer}.ln2"), f"b{layer}.fc1")), f"b{layer}.fc2")
    return linear(ln(h, "head.ln")[:, 0], "head.fc")


def tenas_ntk(case, params, x):
    weights = [params[name] for name in case["ntk_weights"]]
    logits = vit_forward(case, params, x)
    rows = []
    for i in range(x.shape[0]):
        for w in weights:
            w.grad = None
        logits[i:i + 1].backward(torch.ones_like(logits[i:i + 1]), retain_graph=True)
        rows.append(torch.cat([w.grad.reshape(-1) for w in weights]))
    g = torch.stack(rows).double()
    gram = g @ g.T
    eig = torch.linalg.eigvalsh(gram)
    return gram, float(eig[-1] / eig[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    case, params, x = load(args.case)
    times = []
    kappa = None
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        _, kappa = tenas_ntk(case, params, x)
        times.append(time.perf_counter() - t0)
    print(json.dumps({
        "case": case["name"],
        "torch": torch.__version__,
        "threads": args.threads,
        "seconds_per_ntk": min(times),
        "seconds_all": times,
        "kappa": kappa,
    }))


if __name__ == "__main__":
    main()
