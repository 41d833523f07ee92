"""NumPy reference for `npm run bench -- plasticity` (docs/benchmarks.md).

The same job as the benchmark: 1000 Poisson sources at 10 Hz, all-to-all onto
postsynaptic cells firing at 5 Hz (Poisson here: the rule's cost, not the
neuron model's), dt 0.1 ms, every synapse updated every step, float32.
Rules as in src/model/kernels/plasticity.ts: pair STDP (Song et al. 2000;
traces, additive, hard bounds) and the Graupner & Brunel (2012) calcium rule
(DP set, presynaptic delay, noise). STDP is also timed event-driven (only the
rows and columns of neurons that spiked change), the fastest NumPy form.

usage: python3 scripts/numpy-plasticity.py [synapses ...]   (default 1e6 1e7)
"""
import sys
import time

import numpy as np

DT = 1e-4
PRE = 1000
rng = np.random.default_rng(1)


def spikes(n, rate):
    return (rng.random(n, dtype=np.float32) < rate * DT).astype(np.float32)


def stdp_dense(post, steps):
    w = np.full((PRE, post), 0.5, np.float32)
    x = np.zeros(PRE, np.float32); y = np.zeros(post, np.float32)
    dx, dy = np.float32(np.exp(-DT / 0.02)), np.float32(np.exp(-DT / 0.02))
    a_plus, a_minus = np.float32(0.005), np.float32(0.00525)
    for _ in range(steps):
        s_pre, s_post = spikes(PRE, 10), spikes(post, 5)
        x *= dx; y *= dy; x += s_pre; y += s_post
        w += a_plus * np.outer(x - s_pre, s_post) - a_minus * np.outer(s_pre, y - s_post)
        np.clip(w, 0, 1, out=w)
    return w


def stdp_events(post, steps):
    w = np.full((PRE, post), 0.5, np.float32)
    x = np.zeros(PRE, np.float32); y = np.zeros(post, np.float32)
    dx, dy = np.float32(np.exp(-DT / 0.02)), np.float32(np.exp(-DT / 0.02))
    for _ in range(steps):
        s_pre, s_post = spikes(PRE, 10), spikes(post, 5)
        x *= dx; y *= dy; x += s_pre; y += s_post
        rows, cols = np.flatnonzero(s_pre), np.flatnonzero(s_post)
        if rows.size:
            w[rows, :] = np.clip(w[rows, :] - 0.00525 * (y - s_post)[None, :], 0, 1)
        if cols.size:
            w[:, cols] = np.clip(w[:, cols] + 0.005 * (x - s_pre)[:, None], 0, 1)
    return w


def calcium(post, steps):
    # DP set (Graupner & Brunel 2012): tauCa 20 ms, Cpre 1, Cpost 2, thetas 1 / 1.3, gammas 200 / 321.808, sigma 2.8284, tau 150 s, D 13.7 ms
    rho = (rng.random((PRE, post), dtype=np.float32) < 0.5).astype(np.float32)
    delay = int(round(0.0137 / DT))
    queue = np.zeros((delay + 1, PRE), np.float32)
    ca_pre = np.zeros(PRE, np.float32); ca_post = np.zeros(post, np.float32)
    d = np.float32(np.exp(-DT / 0.02))
    dt_tau = np.float32(DT / 150); noise = np.float32(2.8284 * np.sqrt(DT / 150))
    for k in range(steps):
        queue[k % (delay + 1)] = spikes(PRE, 10)
        ca_pre = ca_pre * d + queue[(k + 1) % (delay + 1)]
        ca_post = ca_post * d + 2 * spikes(post, 5)
        c = ca_pre[:, None] + ca_post[None, :]
        hp = (c > 1.3).astype(np.float32); hd = (c > 1.0).astype(np.float32)
        drift = -rho * (1 - rho) * (0.5 - rho) + 321.808 * (1 - rho) * hp - 200 * rho * hd
        rho += dt_tau * drift + noise * np.sqrt(hp + hd) * rng.standard_normal(rho.shape, dtype=np.float32)
    return rho


def timed(fn, synapses):
    post = max(1, round(synapses / PRE))
    fn(post, 3)  # warm-up
    steps = 3
    while True:
        t = time.perf_counter(); fn(post, steps); wall = time.perf_counter() - t
        if wall > 1.5 or steps >= 4096:
            return PRE * post * steps / wall
        steps *= 2


if __name__ == '__main__':
    sizes = [int(float(s)) for s in sys.argv[1:]] or [10**6, 10**7]
    print(f'numpy {np.__version__}; synapse updates per second (1 core)')
    for n in sizes:
        for name, fn in [('stdp (dense)', stdp_dense), ('stdp (event-driven)', stdp_events), ('calcium', calcium)]:
            print(f'{name:22s} {n:>10d}  {timed(fn, n):.3g}')
