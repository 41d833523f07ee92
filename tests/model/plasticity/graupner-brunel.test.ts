// Graupner & Brunel 2012: the analytic estimate of the SI against closed forms and
// the published curve shapes, and against the stochastic reference (≥ 1000 synapses).
import { describe, expect, it } from 'vitest';
import {
  analyticEstimate, GB2012_CORTICAL_SLICES, GB2012_DP, probabilityAboveThreshold, simulateSynapses, steadyStateCalcium,
  strengthRatio, timeFractions, timeFractionsSampled, type PairingProtocol,
} from '../../../src/model/plasticity';

/** DP set, 60 pairs at 1 Hz (Fig. 2): change of synaptic strength by the analytic estimate. */
export const DP_CURVE: [number, number][] = [
  [-100, 0.9917], [-50, 0.9052], [-20, 0.7643], [-10, 0.8818], [0, 1.0079], [10, 1.2214], [20, 1.1722], [50, 1.0552], [100, 1.005],
];
/** Cortical-slices set, 75 pairs (5 × 15, Sjöström et al. 2001), analytic estimate: [f, ratio at Δt = −10 ms, ratio at +10 ms]. */
export const CORTICAL_FREQUENCY: [number, number, number][] = [
  [1, 0.6908, 1.0613], [10, 0.6214, 1.083], [20, 0.6349, 1.253], [30, 1.1863, 1.1917], [40, 1.5851, 1.5526], [50, 1.6368, 1.6368],
];

const pair = (dtMs: number, f = 1, n = 60): PairingProtocol => ({ deltaT: dtMs / 1000, frequency: f, pairs: n });

describe('steady-state calcium and time above threshold', () => {
  it('is periodic and jumps by C_post at a post spike', () => {
    const proto = pair(10, 5);
    for (const ph of [0.003, 0.05, 0.17]) expect(steadyStateCalcium(GB2012_DP, proto, ph)).toBeCloseTo(steadyStateCalcium(GB2012_DP, proto, ph + 0.2), 12);
    const before = steadyStateCalcium(GB2012_DP, proto, 0.01 - 1e-12);
    expect(steadyStateCalcium(GB2012_DP, proto, 0.01) - before).toBeCloseTo(GB2012_DP.cPost, 6);
  });

  it('closed form for post spikes alone: α = τ ln(C/(θ(1 − e^{−T/τ})))/T', () => {
    const p = { ...GB2012_DP, cPre: 0 };
    for (const f of [1, 10, 30]) {
      const { alphaD, alphaP } = timeFractions(p, pair(0, f));
      const T = 1 / f;
      const peak = p.cPost / (1 - Math.exp(-T / p.tauCa));
      const expect1 = (th: number): number => Math.min(1, Math.max(0, (p.tauCa * Math.log(peak / th)) / T));
      expect(alphaD).toBeCloseTo(expect1(p.thetaD), 10);
      expect(alphaP).toBeCloseTo(expect1(p.thetaP), 10);
    }
  });

  it('exact fractions agree with fine sampling (pairs, bursts, high frequency)', () => {
    const protos: PairingProtocol[] = [pair(-20), pair(10), pair(5, 20), { ...pair(10, 5), postSpikes: 2 }, { ...pair(-10, 5), preSpikes: 2 }, pair(-10, 50)];
    for (const proto of protos) for (const p of [GB2012_DP, GB2012_CORTICAL_SLICES]) {
      const a = timeFractions(p, proto);
      const s = timeFractionsSampled(p, proto, 50_000);
      expect(Math.abs(a.alphaD - s.alphaD)).toBeLessThan(1e-4);
      expect(Math.abs(a.alphaP - s.alphaP)).toBeLessThan(1e-4);
    }
  });
});

describe('transition probabilities', () => {
  it('U and D grow monotonically with the number of pairs and approach the stationary split', () => {
    for (const dt of [-20, 10, 50]) {
      let lastU = 0;
      let lastD = 0;
      for (const n of [1, 5, 10, 30, 60, 120, 300, 1000]) {
        const e = analyticEstimate(GB2012_DP, pair(dt, 1, n));
        expect(e.up).toBeGreaterThanOrEqual(lastU - 1e-12);
        expect(e.down).toBeGreaterThanOrEqual(lastD - 1e-12);
        lastU = e.up;
        lastD = e.down;
      }
      // T ≫ τ_eff: both initial states forget, U = 1 − D = P(ρ > ρ*) in the stationary Gaussian.
      const e = analyticEstimate(GB2012_DP, pair(dt, 1, 5000));
      expect(e.up + e.down).toBeCloseTo(1, 6);
      expect(e.up > 0.5).toBe(e.rhoBar > GB2012_DP.rhoStar);
    }
  });

  it('U increases with ρ̄ and is ½ at ρ̄ = ρ* for long protocols', () => {
    let last = 0;
    for (const rhoBar of [0.1, 0.3, 0.45, 0.5, 0.55, 0.7, 0.9]) {
      const u = probabilityAboveThreshold(0, rhoBar, 0.02, 10, 1e4, 0.5);
      expect(u).toBeGreaterThan(last);
      last = u;
    }
    expect(probabilityAboveThreshold(0, 0.5, 0.02, 10, 1e4, 0.5)).toBeCloseTo(0.5, 6);
  });

  it('strength ratio: 1 without transitions, b-weighted extremes', () => {
    expect(strengthRatio(0, 0, 0.5, 5)).toBe(1);
    expect(strengthRatio(1, 0, 0.5, 5)).toBeCloseTo(10 / 6, 12); // all UP: b/(β + (1−β)b)
    expect(strengthRatio(0, 1, 0.5, 5)).toBeCloseTo(2 / 6, 12); // all DOWN: 1/(β + (1−β)b)
  });
});

describe('DP set STDP curve (Fig. 2: 60 pairs at 1 Hz)', () => {
  it.each(DP_CURVE)('Δt = %i ms → %f', (dt, ratio) => {
    expect(Math.abs(analyticEstimate(GB2012_DP, pair(dt)).ratio - ratio)).toBeLessThan(0.002);
  });
  it('LTD for post-before-pre, LTP for pre-before-post, no change far from coincidence', () => {
    const r = (dt: number): number => analyticEstimate(GB2012_DP, pair(dt)).ratio;
    for (const dt of [-50, -30, -20, -10, -5]) expect(r(dt)).toBeLessThan(0.95);
    for (const dt of [5, 10, 20, 30]) expect(r(dt)).toBeGreaterThan(1.1);
    for (const dt of [-100, 100]) expect(Math.abs(r(dt) - 1)).toBeLessThan(0.02);
    // Far from coincidence the post spike alone is balanced by design: γp αp ≈ γd αd, ρ̄ ≈ ½.
    expect(analyticEstimate(GB2012_DP, pair(300)).rhoBar).toBeCloseTo(0.5, 2);
  });
});

describe('cortical slices: frequency dependence (Fig. 4; 75 pairs = 5 pairs × 15)', () => {
  it.each(CORTICAL_FREQUENCY)('%i Hz: Δt = −10 ms → %f, +10 ms → %f', (f, minus, plus) => {
    expect(Math.abs(analyticEstimate(GB2012_CORTICAL_SLICES, pair(-10, f, 75)).ratio - minus)).toBeLessThan(0.002);
    expect(Math.abs(analyticEstimate(GB2012_CORTICAL_SLICES, pair(10, f, 75)).ratio - plus)).toBeLessThan(0.002);
  });
  it('post-before-pre turns from LTD to LTP above 20 Hz; pre-before-post potentiates at every frequency', () => {
    for (const [f, minus, plus] of CORTICAL_FREQUENCY) {
      expect(minus < 1).toBe(f <= 20);
      expect(plus).toBeGreaterThan(1.03);
    }
  });
});

describe('stochastic reference (1000 + 1000 synapses, Euler–Maruyama dt = 0.2 ms) agrees with the analytic estimate', () => {
  const cases: [string, typeof GB2012_DP, PairingProtocol][] = [
    ['DP, Δt = −20 ms', GB2012_DP, pair(-20)],
    ['DP, Δt = +10 ms', GB2012_DP, pair(10)],
    ['cortical, −10 ms at 1 Hz', GB2012_CORTICAL_SLICES, pair(-10, 1, 75)],
    ['cortical, −10 ms at 50 Hz', GB2012_CORTICAL_SLICES, pair(-10, 50, 75)],
  ];
  it.each(cases)('%s: ratio within 0.05', (_, p, proto) => {
    const s = simulateSynapses(p, proto, { synapses: 1000, seed: 11 });
    const a = analyticEstimate(p, proto);
    expect(Math.abs(s.ratio - a.ratio)).toBeLessThan(0.05);
    expect(Math.abs(s.up - a.up)).toBeLessThan(0.07);
    expect(Math.abs(s.down - a.down)).toBeLessThan(0.07);
    expect(Math.abs(s.alphaD - a.alphaD)).toBeLessThan(0.02 * a.alphaD + 1e-3);
  });
  it('the sign flip survives the real protocol: trains of 5 pairs every 10 s', () => {
    const trains = (f: number): PairingProtocol => ({ ...pair(-10, f, 75), pairsPerTrain: 5, trainInterval: 10 });
    expect(simulateSynapses(GB2012_CORTICAL_SLICES, trains(1), { seed: 2 }).ratio).toBeLessThan(0.8);
    expect(simulateSynapses(GB2012_CORTICAL_SLICES, trains(50), { seed: 2 }).ratio).toBeGreaterThan(1.3);
  });
});
