"""The PyTorch reference of `npm run bench -- --proxy-speed` (bench/proxySpeed.ts): zero-cost proxies.

Reads a case written by proxySpeed.ts (manifest JSON + raw float32 parameters and NHWC inputs),
rebuilds the NAS-Bench-201 network exactly as src/core/nn/nb201Network.ts builds it (same parameter
names; conv weights arrive as [kh, kw, cin, cout], linear as [in, out]) and computes each proxy by
OUR definitions (src/core/proxies/*Score.ts, SCIENCE.md §5–6), independently of our code:

  grad_norm  Σ_layers ‖∂L/∂W‖_F                 L = mean cross-entropy (F.cross_entropy), BN train
  snip       Σ |w ⊙ ∂L/∂w|
  grasp      Σ −w ⊙ (H g), g = ∂L/∂w detached, Hg by double backward (create_graph), T = 1
  fisher     Σ_layers (weights per out channel) · Σ_k |½ mean_n (Σ_spatial a·∂L/∂a)²|,
             a = conv/linear output before BatchNorm (the linear one with its bias)
  jacob_cov  J = ∂(Σ logits)/∂x (BN train), R = np.corrcoef(J rows), −Σ [log(λ+k) + 1/(λ+k)], k = 1e-5
  synflow    |θ| for every parameter, BatchNorm bypassed, one all-ones input, in float64 (as
             zero-cost-nas does); log10 Σ |θ ⊙ ∂(Σ logits)/∂θ| over conv/linear weights
  nwot       codes 1[ReLU input > 0] at every ReLU, K = Σ_layers c cᵀ + (1−c)(1−c)ᵀ, slogdet (float64)
  zico       halves of the batch, gradients g₁ and g₁+g₂ (the released code never zeroes them),
             Σ_layers log Σ_w mean|G|/std(G) over weights with std ≠ 0
  gradalign  per-sample gradients g_i (each sample alone, BN train), mean_i cos(g_i, mean_j g_j)

"Weights" are the conv and linear weight tensors that reach the output (the manifest lists them).
Each proxy is timed: one warm-up, then the median of up to --repeats runs (fewer once a proxy has
taken --budget seconds). Prints one JSON line: per proxy its value, seconds and per-layer values,
and the rate of a 1024³ float32 product at this thread count.

Needs PyTorch >= 1.13 and numpy: Debian's `apt-get install python3-torch` (then /usr/bin/python3),
or `pip install torch numpy` into any python and point BENCH_PYTHON at it.
Usage: python3 bench/torch_proxies.py CASE.json [--threads T] [--repeats R] [--proxies a,b] [--float64]
(--float64 runs everything in double precision: which side of a disagreement is float32 noise.)
"""
import argparse
import json
import math
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

SKIP, CONV1, CONV3, POOL = 1, 2, 3, 4  # op codes of src/core/spaces/nb201.ts (0 = none)
EDGES = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]  # NB201 string order


def load(case_path):
    with open(case_path) as f:
        case = json.load(f)
    blob = np.fromfile(case["params_file"], dtype=np.float32)
    params = {}
    for p in case["params"]:
        values = blob[p["offset"]:p["offset"] + int(np.prod(p["shape"]))].reshape(p["shape"])
        t = torch.tensor(values, dtype=torch.float32)
        if len(p["shape"]) == 4:
            t = t.permute(3, 2, 0, 1).contiguous()  # [kh, kw, cin, cout] -> [cout, cin, kh, kw]
        params[p["name"]] = t
    x = np.fromfile(case["inputs_file"], dtype=np.float32).reshape(case["input_shape"])
    x = torch.tensor(x).permute(0, 3, 1, 2).contiguous()  # NHWC -> NCHW
    y = torch.tensor(case["labels"], dtype=torch.long)
    return case, params, x, y


class Hooks:
    """What a proxy sees of a forward pass (ForwardOptions of src/core/nn/network.ts)."""

    def __init__(self, batch_norm="train", on_relu=None, at_layer_output=None):
        self.batch_norm = batch_norm
        self.on_relu = on_relu
        self.at_layer_output = at_layer_output


def nb201_forward(case, p, x, hooks):
    """Logits of the NB201 network (xautodl TinyNetwork) for NCHW x."""

    def out(y, name):
        return hooks.at_layer_output(y, name) if hooks.at_layer_output else y

    def conv(h, name, stride, pad):
        return out(F.conv2d(h, p[name], stride=stride, padding=pad), name)

    def bn(h, name):
        if hooks.batch_norm == "none":
            return h
        # train mode: batch statistics, biased variance, PyTorch's eps
        return F.batch_norm(h, None, None, p[name + ".gamma"], p[name + ".beta"], training=True, eps=1e-5)

    def relu_conv_bn(h, name, stride):
        k = p[name + ".conv"].shape[-1]
        if hooks.on_relu:
            hooks.on_relu(h)
        return bn(conv(F.relu(h), name + ".conv", stride, (k - 1) // 2), name + ".bn")

    def cell(h, prefix):
        nodes = [h]
        for node in (1, 2, 3):
            terms = []
            for e, (src, dst) in enumerate(EDGES):
                op = case["cell"][e]
                if dst != node:
                    continue
                if op == SKIP:
                    terms.append(nodes[src])
                elif op in (CONV1, CONV3):
                    terms.append(relu_conv_bn(nodes[src], f"{prefix}.e{e}", 1))
                elif op == POOL:
                    terms.append(F.avg_pool2d(nodes[src], 3, 1, 1, count_include_pad=False))
            nodes.append(sum(terms[1:], terms[0]) if terms else torch.zeros_like(h))
        return nodes[3]

    def reduction(h, prefix):
        b = relu_conv_bn(relu_conv_bn(h, prefix + ".a", 2), prefix + ".b", 1)
        return conv(F.avg_pool2d(h, 2, 2), prefix + ".shortcut.conv", 1, 0) + b

    h = bn(conv(x, "stem.conv", 1, 1), "stem.bn")
    for s in range(3):
        if s > 0:
            h = reduction(h, f"s{s}.reduce")
        for k in range(case["cells_per_stage"]):
            h = cell(h, f"s{s}.c{k}")
    h = bn(h, "head.bn")
    if hooks.on_relu:
        hooks.on_relu(h)
    pooled = F.relu(h).mean((2, 3))
    return out(pooled @ p["head.fc.weight"] + p["head.fc.bias"], "head.fc.weight")


def with_leaves(case, params):
    """The parameters with the gradient weights replaced by fresh leaves that require grad."""
    local = dict(params)
    ws = []
    for name in case["gradient_weights"]:
        w = params[name].detach().clone().requires_grad_()
        local[name] = w
        ws.append(w)
    return local, ws


def loss_grads(case, local, ws, x, y, create_graph=False):
    loss = F.cross_entropy(nb201_forward(case, local, x, Hooks()), y)
    return torch.autograd.grad(loss, ws, create_graph=create_graph)


def grad_norm(case, params, x, y):
    local, ws = with_leaves(case, params)
    per_layer = [float(g.norm()) for g in loss_grads(case, local, ws, x, y)]
    return math.fsum(per_layer), per_layer


def snip(case, params, x, y):
    local, ws = with_leaves(case, params)
    grads = loss_grads(case, local, ws, x, y)
    per_layer = [float((w * g).abs().sum()) for w, g in zip(ws, grads)]
    return math.fsum(per_layer), per_layer


def grasp(case, params, x, y):
    local, ws = with_leaves(case, params)
    g = [t.detach() for t in loss_grads(case, local, ws, x, y)]
    inner = loss_grads(case, local, ws, x, y, create_graph=True)
    z = sum((gi * hi).sum() for gi, hi in zip(g, inner))
    hg = torch.autograd.grad(z, ws)
    per_layer = [float((-w.detach() * h).sum()) for w, h in zip(ws, hg)]
    return math.fsum(per_layer), per_layer


def fisher(case, params, x, y):
    outputs = []

    def keep(t, name):
        outputs.append((name, t))
        return t

    # x requires grad so that every layer output is in the graph; only ∂L/∂a is asked for below.
    logits = nb201_forward(case, params, x.clone().requires_grad_(), Hooks(at_layer_output=keep))
    loss = F.cross_entropy(logits, y)
    grads = torch.autograd.grad(loss, [t for _, t in outputs])
    per_layer = []
    for (name, a), da in zip(outputs, grads):
        prod = a.detach() * da
        g = prod.sum((2, 3)) if prod.dim() == 4 else prod  # [N, channels]
        del_k = 0.5 * g.pow(2).mean(0)
        w = params[name]
        per_channel = w[0].numel() if w.dim() == 4 else w.shape[0]  # k·k·cin, or the linear's inputs
        per_layer.append(float(del_k.abs().sum()) * per_channel)
    return math.fsum(per_layer), per_layer


def jacob_cov(case, params, x, y, k=1e-5):
    xg = x.clone().requires_grad_()
    logits = nb201_forward(case, params, xg, Hooks())
    (jac,) = torch.autograd.grad(logits.sum(), xg)
    corr = np.corrcoef(jac.reshape(jac.shape[0], -1).numpy())
    v = np.linalg.eigvalsh(corr)
    return float(-np.sum(np.log(v + k) + 1.0 / (v + k))), None


def synflow(case, params, x, y):
    local = {name: t.abs().double() for name, t in params.items()}
    ws = []
    for name in case["gradient_weights"]:
        local[name] = local[name].requires_grad_()
        ws.append(local[name])
    ones = torch.ones((1,) + tuple(x.shape[1:]), dtype=torch.float64)
    r = nb201_forward(case, local, ones, Hooks(batch_norm="none")).sum()
    grads = torch.autograd.grad(r, ws)
    per_layer = [float((w.detach() * g).abs().sum()) for w, g in zip(ws, grads)]
    return math.log10(math.fsum(per_layer)), per_layer


def nwot(case, params, x, y):
    n = x.shape[0]
    kernel = torch.zeros(n, n, dtype=torch.float64)

    def code(pre):
        c = (pre > 0).float().reshape(n, -1)
        kernel.add_((c @ c.t() + (1.0 - c) @ (1.0 - c).t()).double())

    with torch.no_grad():
        nb201_forward(case, params, x, Hooks(on_relu=code))
    sign, logdet = np.linalg.slogdet(kernel.numpy())
    return float(logdet) if sign != 0 else -math.inf, None


def zico(case, params, x, y):
    local, ws = with_leaves(case, params)
    half = x.shape[0] // 2
    g1 = loss_grads(case, local, ws, x[:half], y[:half])
    g2 = loss_grads(case, local, ws, x[half:], y[half:])
    per_layer = []
    for a, b in zip(g1, g2):
        grads = np.stack([a.reshape(-1).numpy(), (a + b).reshape(-1).numpy()]).astype(np.float64)
        std = np.std(grads, axis=0)
        nz = std != 0
        total = np.sum(np.mean(np.abs(grads), axis=0)[nz] / std[nz])
        per_layer.append(math.log(total) if total != 0 else None)
    return math.fsum(v for v in per_layer if v is not None), per_layer


def gradalign(case, params, x, y):
    local, ws = with_leaves(case, params)
    rows = []
    for i in range(x.shape[0]):
        grads = loss_grads(case, local, ws, x[i:i + 1], y[i:i + 1])
        rows.append(torch.cat([g.reshape(-1) for g in grads]))
    g = torch.stack(rows).double()
    mean = g.mean(0)
    cos = (g @ mean) / (g.norm(dim=1) * mean.norm())
    return float(cos.mean()), None


PROXIES = {
    "grad_norm": grad_norm,
    "snip": snip,
    "grasp": grasp,
    "fisher": fisher,
    "jacob_cov": jacob_cov,
    "synflow": synflow,
    "nwot": nwot,
    "zico": zico,
    "gradalign": gradalign,
}


def matmul_gflops(size=1024):
    a = torch.rand(size, size) - 0.5
    times = []
    for _ in range(4):
        t0 = time.perf_counter()
        a @ a
        times.append(time.perf_counter() - t0)
    return 2 * size ** 3 / statistics.median(times[1:]) / 1e9


def blas_info():
    """The BLAS this torch was built against ('generic' = the slow reference BLAS, as Debian's)."""
    for part in torch.__config__.show().replace(",", " ").split():
        if part.startswith("BLAS_INFO="):
            return part.split("=", 1)[1]
    return "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per proxy before repeats stop")
    parser.add_argument("--proxies", default=None, help="comma-separated ids (default: the manifest's)")
    parser.add_argument("--float64", action="store_true", help="compute in float64 (to tell noise from error)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    case, params, x, y = load(args.case)
    if args.float64:
        params = {name: t.double() for name, t in params.items()}
        x = x.double()
    ids = args.proxies.split(",") if args.proxies else case["proxies"]
    results = {}
    for pid in ids:
        fn = PROXIES[pid]
        try:
            t0 = time.perf_counter()
            value, per_layer = fn(case, params, x, y)  # warm-up
            spent = time.perf_counter() - t0
            times = []
            while len(times) < args.repeats and (not times or spent < args.budget):
                t0 = time.perf_counter()
                value, per_layer = fn(case, params, x, y)
                times.append(time.perf_counter() - t0)
                spent += times[-1]
            results[pid] = {
                "value": value,
                "seconds": statistics.median(times),
                "seconds_all": times,
                "per_layer": per_layer,
            }
        except Exception as error:  # one proxy's failure must not hide the others
            results[pid] = {"error": f"{type(error).__name__}: {error}"[:300]}
    print(json.dumps({
        "case": case["name"],
        "torch": torch.__version__,
        "threads": args.threads,
        "dtype": "float64" if args.float64 else "float32",
        "blas": blas_info(),
        "matmul_gflops": matmul_gflops(),
        "proxies": results,
    }))


if __name__ == "__main__":
    main()
