"""Independent NumPy model of the working-memory ring (Compte et al. 2000, Cereb Cortex 10:910).

Written from the paper's equations and the Brian reference of the Stanford BIOE 332
course (Engel & Murray, `compte2000` parameter set), not from Engram's code, to check
scenarios/working-memory-ring*.json (docs/science.md) and as the NumPy speed reference of
`npm run bench -- working-memory-ring` (docs/benchmarks.md). Same protocol and step
scheme as the engine: dt 0.1 ms, exponential Euler with the step's conductances held,
Poisson counts per step for the 1.8 kHz external AMPA drive, cue 0.5 nA (Gaussian over
angle, σ 10°) at 180° for 250 ms from t = 1 s. Units: nF, nS, mV, nA → pA, s.

usage: python3 scripts/numpy-working-memory.py [--half] [--seed N] [--duration S] [--jplus J]
         [--cue AMP] [--distractor AMP ANGLE] [--erase AMP ONSET DURATION]
Prints the wall time, spontaneous rates (0.2–1 s) and the bump over the last second:
population-vector angle, plateau (peak of the profile aligned on each 50 ms bin's angle,
64 groups) and background (mean more than 90° from the peak), as the science test does.
"""
import argparse
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument('--half', action='store_true', help='1024 + 256 cells, recurrent conductances doubled')
p.add_argument('--seed', type=int, default=1)
p.add_argument('--duration', type=float, default=4.25)
p.add_argument('--jplus', type=float, default=1.62)
p.add_argument('--cue', type=float, default=0.5)
p.add_argument('--distractor', type=float, nargs=2, metavar=('AMP', 'ANGLE'), help='250 ms from t = 2.5 s')
p.add_argument('--erase', type=float, nargs=3, metavar=('AMP', 'ONSET', 'DURATION'), help='uniform current to every E cell')
o = p.parse_args()

DT = 1e-4
rng = np.random.default_rng(o.seed)
NE, NI = (1024, 256) if o.half else (2048, 512)
scale = 2048 / NE
G_EE, G_EI, G_IE, G_II = 0.381 * scale, 0.292 * scale, 1.336 * scale, 1.024 * scale  # nS per synapse
N = NE + NI
C = np.r_[np.full(NE, 0.5), np.full(NI, 0.2)]             # nF
gL = np.r_[np.full(NE, 25.0), np.full(NI, 20.0)]          # nS
g_ext = np.r_[np.full(NE, 3.1), np.full(NI, 2.38)]        # nS per external spike
ref_steps = np.r_[np.full(NE, 20), np.full(NI, 10)]       # 2 / 1 ms
g_gaba = np.r_[np.full(NE, G_IE), np.full(NI, G_II)]

# E→E profile J(Δθ) = J− + (J+ − J−) exp(−Δθ²/2σ²), σ = 14.4°, mean 1 over the ring; applied by FFT
d = np.arange(NE)
gauss = np.exp(-(360 * np.minimum(d, NE - d) / NE) ** 2 / (2 * 14.4 ** 2))
j_minus = (1 - o.jplus * gauss.mean()) / (1 - gauss.mean())
J_hat = np.fft.rfft(j_minus + (o.jplus - j_minus) * gauss)
theta = 360 * np.arange(NE) / NE


def ring(center, width=10.0):
    dist = np.abs((theta - center + 180) % 360 - 180)
    return np.exp(-dist ** 2 / (2 * width ** 2))


stimuli = [(1.0, 0.25, 1000 * o.cue * ring(180))]  # (onset s, duration s, pA per E cell)
if o.distractor:
    stimuli.append((2.5, 0.25, 1000 * o.distractor[0] * ring(o.distractor[1])))
if o.erase:
    stimuli.append((o.erase[1], o.erase[2], np.full(NE, 1000 * o.erase[0])))

V = -60 + 10 * rng.random(N)
ref = np.zeros(N)
s_ampa, s_gaba = np.zeros(N), np.zeros(N)
x, s = np.zeros(NE), np.zeros(NE)  # presynaptic NMDA gating of E cells (Wang 1999)
decay_ampa, decay_gaba, decay_x = np.exp(-DT / 2e-3), np.exp(-DT / 10e-3), np.exp(-DT / 2e-3)
steps = int(round(o.duration / DT))
bin_steps = 500
counts = np.zeros((steps // bin_steps, N))
spikes_i = 0
t0 = time.perf_counter()
for k in range(steps):
    g_nmda = np.r_[G_EE * np.fft.irfft(J_hat * np.fft.rfft(s), NE), np.full(NI, G_EI * s.sum())]
    s_ampa = s_ampa * decay_ampa + rng.poisson(1800 * DT, N) * g_ext
    s_gaba = s_gaba * decay_gaba + spikes_i * g_gaba   # the I spikes of the previous step
    i_ext = np.zeros(N)
    for onset, duration, amp in stimuli:
        if onset <= k * DT + 1e-12 < onset + duration:
            i_ext[:NE] += amp
    g_nb = g_nmda / (1 + np.exp(-0.062 * V) / 3.57)     # Mg block, [Mg] = 1 mM (Jahr & Stevens 1990)
    g_tot = gL + s_ampa + s_gaba + g_nb
    v_inf = (-70 * gL - 70 * s_gaba + i_ext) / g_tot   # E_L = E_GABA = −70 mV, E_AMPA = E_NMDA = 0
    refractory = ref > 0
    V_new = np.where(refractory, -60, v_inf + (V - v_inf) * np.exp(-DT * g_tot / C))
    ref[refractory] -= 1
    spiked = (V_new >= -50) & ~refractory
    V = np.where(spiked, -60, V_new)
    ref[spiked] = ref_steps[spiked]
    rate = 1 / 0.1 + 500 * x                             # τ_decay 100 ms, α 0.5 /ms, x held over the step
    s_inf = 500 * x / rate
    s = s_inf + (s - s_inf) * np.exp(-rate * DT)
    x = x * decay_x + spiked[:NE]
    spikes_i = spiked[NE:].sum()
    if k // bin_steps < len(counts):
        counts[k // bin_steps] += spiked
wall = time.perf_counter() - t0

rates = counts / (bin_steps * DT)
groups = 64
profile = rates[:, :NE].reshape(len(rates), groups, NE // groups).mean(2)
angles = (np.arange(groups) + 0.5) * 360 / groups
last = range(len(rates) - 20, len(rates))
aligned, vectors = np.zeros(groups), []
for b in last:
    a = np.degrees(np.angle((profile[b] * np.exp(1j * np.radians(angles))).sum())) % 360
    vectors.append(np.exp(1j * np.radians(a)))
    aligned += np.roll(profile[b], groups // 2 - int(np.floor(a / 360 * groups))) / len(last)
far = [aligned[g] for g in range(groups) if abs((angles[g] - angles[groups // 2] + 180) % 360 - 180) > 90]
print(f'{NE} + {NI} cells, seed {o.seed}: {o.duration} s simulated in {wall:.2f} s wall')
print(f'spontaneous (0.2–1 s): E {rates[4:20, :NE].mean():.2f} Hz, I {rates[4:20, NE:].mean():.2f} Hz')
print(f'last second: bump at {np.degrees(np.angle(np.mean(vectors))) % 360:.0f}°, plateau {aligned.max():.1f} Hz, background {np.mean(far):.1f} Hz')
