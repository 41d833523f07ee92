// Pair and triplet STDP references against closed forms and the frequency dependence of Sjöström et al. 2001.
import { describe, expect, it } from 'vitest';
import {
  pairAsTriplet, pairingTrains, pairWindow, pairWindowIntegral, PFISTER2006_VISUAL_ALL_TO_ALL_MINIMAL as MIN_ALL,
  PFISTER2006_VISUAL_NEAREST_MINIMAL as MIN_NN, Rng, SONG2000, tripletPoissonDrift, tripletStdp,
} from '../../../src/model/plasticity';

const poisson = (rng: Rng, rate: number, T: number): number[] => {
  const out: number[] = [];
  for (let t = -Math.log(1 - rng.uniform()) / rate; t < T; t += -Math.log(1 - rng.uniform()) / rate) out.push(t);
  return out;
};

describe('pair STDP (Song, Miller & Abbott 2000)', () => {
  const p = SONG2000.stdp;
  it('Bi & Poo signs: pre-before-post potentiates, post-before-pre depresses; depression dominates the integral', () => {
    expect(pairWindow(p, 0.01)).toBeCloseTo(0.005 * Math.exp(-0.5), 12);
    expect(pairWindow(p, -0.01)).toBeCloseTo(-0.00525 * Math.exp(-0.5), 12);
    expect(pairWindowIntegral(p)).toBeCloseTo(-0.05 * 0.005 * 0.02, 12);
  });
  it('the trace implementation of one pair equals the window', () => {
    for (const dt of [-0.05, -0.01, 0.003, 0.02]) {
      expect(tripletStdp(pairAsTriplet(p), [0.1], [0.1 + dt])).toBeCloseTo(pairWindow(p, dt), 12);
    }
  });
  it('hard bounds clip', () => {
    const { pre, post } = pairingTrains(0.005, 10, 500);
    expect(tripletStdp(pairAsTriplet(p), pre, post, 0.5, { min: 0, max: 1 })).toBe(1);
  });
});

describe('triplet STDP (Pfister & Gerstner 2006)', () => {
  it('Poisson drift formula matches the event-driven rule', () => {
    const rng = new Rng(3);
    for (const [rx, ry] of [[10, 5], [10, 30]] as const) {
      let dw = 0;
      const T = 2000;
      dw = tripletStdp(MIN_ALL, poisson(rng, rx, T), poisson(rng, ry, T));
      const expected = tripletPoissonDrift(MIN_ALL, rx, ry) * T;
      expect(Math.abs(dw - expected)).toBeLessThan(0.1 * Math.abs(expected));
    }
    // BCM-like: depression at low post rates, potentiation above ρy* = A2−τ−/(A3+τ+τy)
    const yStar = (MIN_ALL.a2Minus * MIN_ALL.tauMinus) / (MIN_ALL.a3Plus * MIN_ALL.tauPlus * MIN_ALL.tauY);
    expect(tripletPoissonDrift(MIN_ALL, 10, 0.9 * yStar)).toBeLessThan(0);
    expect(tripletPoissonDrift(MIN_ALL, 10, 1.1 * yStar)).toBeGreaterThan(0);
  });

  it('frequency dependence (60 pairs): post-before-pre depresses at low frequency and potentiates at 50 Hz', () => {
    for (const p of [MIN_ALL, MIN_NN]) {
      const dw = (dt: number, f: number): number => { const { pre, post } = pairingTrains(dt, f, 60); return tripletStdp(p, pre, post); };
      expect(dw(-0.01, 1)).toBeLessThan(0);
      expect(dw(-0.01, 50)).toBeGreaterThan(0);
      expect(dw(0.01, 50)).toBeGreaterThan(dw(0.01, 1));
      expect(dw(0.01, 20)).toBeGreaterThan(0);
    }
  });
});
