// Model math: the LIF neuron and its synapses against closed forms.
import { describe, expect, it } from 'vitest';
import { mgBlock } from '../../src/model/lif';
import { runCpu, samplesOf, singlePopulation, spikesOf } from '../helpers/run';

describe('NMDA Mg2+ block (Jahr & Stevens 1990)', () => {
  // Target values from the science reference, [Mg] = 1 mM.
  const table: [number, number][] = [[-80, 0.0244], [-70, 0.0445], [-60, 0.0796], [-50, 0.1385], [-40, 0.2302], [-20, 0.5081], [0, 0.7812]];
  for (const [v, b] of table) it(`B(${v} mV) = ${b}`, () => expect(Math.abs(mgBlock(v, 1) - b)).toBeLessThan(1e-3));
  it('is 1 without magnesium and falls as [Mg] rises', () => {
    expect(mgBlock(-60, 0)).toBe(1);
    expect(mgBlock(-60, 2)).toBeLessThan(mgBlock(-60, 1));
  });
});

describe('LIF with constant current (current-based)', () => {
  it('fires at the closed-form rate 1 / (τref + τm ln((V∞ − Vreset)/(V∞ − Vth)))', async () => {
    const p = { synapse: 'current', C: 0.5, gL: 25, EL: -70, Vth: -50, Vreset: -60, tauRef: 0.002, Ibias: 0.6 };
    const { frames } = await runCpu(singlePopulation(p), 10000);
    const vInf = p.EL + (p.Ibias * 1000) / p.gL; // −46 mV
    const isi = p.tauRef + (p.C / p.gL) * Math.log((vInf - p.Vreset) / (vInf - p.Vth));
    const t = spikesOf(frames, 'spk').t;
    expect(t.length).toBeGreaterThan(10);
    // Exponential Euler is exact for constant input; the crossing is detected at the end of its step.
    for (let k = 1; k < t.length; k++) expect(Math.abs(t[k]! - t[k - 1]! - isi)).toBeLessThanOrEqual(0.0001 + 1e-9);
  });

  it('stays below threshold at V∞ = EL + I/gL when the current is subthreshold', async () => {
    const { frames } = await runCpu(singlePopulation({ synapse: 'current', Ibias: 0.4, Vreset: -70 }), 5000);
    expect(spikesOf(frames, 'spk').t).toHaveLength(0);
    const v = samplesOf(frames, 'v').values;
    // V0 is drawn in [Vreset, Vth); after 25 τm it sits at V∞ = −70 + 400/25 = −54 mV.
    expect(v[v.length - 1]![0]).toBeCloseTo(-54, 3);
  });
});

describe('synaptic conductances', () => {
  it('Poisson drive through AMPA gives Campbell mean r·w·τ and variance r·w²·τ/2', async () => {
    const rate = 2000, w = 1.5, tau = 0.002;
    const doc = singlePopulation({ n: 2000, Vth: 50, tauAmpa: tau }, {
      inputs: [{ id: 'in', kind: 'poisson', target: 'P', receptor: 'ampa', rate, weight: w }],
      probes: [{ id: 's', kind: 'state', population: 'P', variable: 'sAmpa', indices: Array.from({ length: 64 }, (_, k) => k * 31) , everySteps: 50 }],
    });
    const { frames } = await runCpu(doc, 4000);
    const all = samplesOf(frames, 's').values.slice(4).flat(); // skip the first 20 ms (10 τ)
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const variance = all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length;
    expect(Math.abs(mean / (rate * w * tau) - 1)).toBeLessThan(0.03);
    expect(Math.abs(variance / ((rate * w * w * tau) / 2) - 1)).toBeLessThan(0.1);
  });

  it('NMDA gating follows ds/dt = −s/τd + αx(1 − s), dx/dt = −x/τr after one spike (vs RK4)', async () => {
    // One spike at t ≈ 0 from a suprathreshold start, then silence (strong hyperpolarising bias).
    const doc = singlePopulation({ Vth: -50, Vreset: -90, EL: -90, tauRef: 0, synapse: 'current', Ibias: 0 }, {
      projections: [{ id: 'self', from: 'P', to: 'P', receptor: 'nmda', weight: 0, connectivity: { kind: 'oneToOne' } }],
      stimuli: [{ id: 'kick', kind: 'current', target: 'P', amplitude: 50, onset: 0, duration: 0.0001 }],
      probes: [
        { id: 'spk', kind: 'spikes', population: 'P' },
        { id: 's', kind: 'state', population: 'P', variable: 'sNmda', indices: [0], everySteps: 10 },
      ],
    });
    const { frames } = await runCpu(doc, 3000);
    const spikes = spikesOf(frames, 'spk').t;
    expect(spikes).toHaveLength(1);
    const s = samplesOf(frames, 's');
    // Reference: RK4 with 1 µs steps from x = 1, s = 0 at the spike's step end.
    const tauD = 0.1, tauR = 0.002, alpha = 500, h = 1e-6;
    const f = (x: number, y: number) => [-x / tauR, -y / tauD + alpha * x * (1 - y)] as const;
    let x = 1, y = 0, t = spikes[0]!;
    let worst = 0, peak = 0;
    for (let k = 0; k < s.t.length; k++) {
      if (s.t[k]! <= spikes[0]!) continue;
      while (t < s.t[k]! - 1e-12) {
        const k1 = f(x, y), k2 = f(x + (h / 2) * k1[0], y + (h / 2) * k1[1]);
        const k3 = f(x + (h / 2) * k2[0], y + (h / 2) * k2[1]), k4 = f(x + h * k3[0], y + h * k3[1]);
        x += (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
        y += (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        t += h;
      }
      worst = Math.max(worst, Math.abs(s.values[k]![0]! - y));
      peak = Math.max(peak, y);
    }
    expect(peak).toBeGreaterThan(0.3);
    expect(worst).toBeLessThan(0.02 * peak);
  });
});

describe('spike-frequency adaptation (Ca2+-activated K+, Liu & Wang 2001)', () => {
  it('lengthens interspike intervals under constant drive; the conductance decays with τ_adapt between spikes', async () => {
    const tau = 0.05, inc = 5;
    const doc = singlePopulation({ synapse: 'current', Ibias: 0.8, adaptIncrement: inc, tauAdapt: tau }, {
      probes: [
        { id: 'spk', kind: 'spikes', population: 'P' },
        { id: 'g', kind: 'state', population: 'P', variable: 'gAdapt', indices: [0] },
      ],
    });
    const { frames } = await runCpu(doc, 5000);
    const t = spikesOf(frames, 'spk').t;
    const isi = t.slice(1).map((x, k) => x - t[k]!);
    expect(isi[isi.length - 1]!).toBeGreaterThan(1.5 * isi[0]!);
    const g = samplesOf(frames, 'g');
    // between the last two spikes g(t) = g(t0) exp(−(t − t0)/τ)
    const from = g.t.findIndex((x) => x > t[t.length - 2]! + 1e-9);
    const to = g.t.findIndex((x) => x >= t[t.length - 1]! - 1e-9) - 1;
    for (let k = from + 1; k <= to; k++) {
      const expected = g.values[from]![0]! * Math.exp(-(g.t[k]! - g.t[from]!) / tau);
      expect(Math.abs(g.values[k]![0]! - expected) / expected).toBeLessThan(1e-5);
    }
    expect(g.values[from]![0]).toBeGreaterThan(inc);
  });
});
