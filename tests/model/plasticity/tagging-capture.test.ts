// Synaptic tagging and capture (Luboeinski & Tetzlaff 2021): 8-hour protocols
// with the event-driven exact integrator, checked against a fixed-step
// integration of the authors' scheme and against the classic outcomes
// (Frey & Morris 1997; Pang et al. 2004).
import { describe, expect, it } from 'vitest';
import { LUBOEINSKI2021 as P, simulateTagCapture, strongTetanus, weakTetanus, type TagCaptureProtocol } from '../../../src/model/plasticity';

const H = 3600;
const ON = 600; // first pulse 10 min into the run
const EIGHT_HOURS = 8 * H;
const run = (protocol: Omit<TagCaptureProtocol, 'duration'>, duration = EIGHT_HOURS) => simulateTagCapture({ ...protocol, duration });

/**
 * The authors' discretisation (Network.cpp, processTimeStep) for one neuron
 * and its pathways, dt = 0.2 ms, no noise: calcium decays then jumps, h by
 * the exponential step of its regime, p from the previous step's Σ, z from
 * the previous step's p.
 */
function fixedStep(pre: number[][], duration: number, dt = 0.0002): { h: number[]; z: number[]; p: number } {
  const n = pre.length;
  const c = new Float64Array(n);
  const h = new Float64Array(n).fill(P.h0);
  const z = new Float64Array(n);
  let p = 0;
  const steps = pre.map((times) => times.map((t) => Math.round((t + P.delay) / dt)).sort((a, b) => a - b));
  const next = new Int32Array(n);
  const total = Math.round(duration / dt);
  const ep = Math.exp(-dt / P.tauP);
  const ec = Math.exp(-dt / P.tauCa);
  const cP = 0.1 + P.gammaP + P.gammaD;
  const eP = Math.exp((-dt * cP) / P.tauH);
  const hP = ((0.1 * P.h0 + P.hMax * P.gammaP) / cP) * (1 - eP);
  const cD = 0.1 + P.gammaD;
  const eD = Math.exp((-dt * cD) / P.tauH);
  const hD = ((0.1 * P.h0) / cD) * (1 - eD);
  const e0 = Math.exp((-dt * 0.1) / P.tauH);
  for (let s = 0; s < total; s++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.abs(h[k]! - P.h0);
    const ez = Math.exp((-dt / P.tauZ) * p); // z uses the previous step's p
    p = p * ep + P.alpha * (sum >= P.thetaPro ? 1 : 0) * (1 - ep);
    for (let k = 0; k < n; k++) {
      c[k] = c[k]! * ec;
      const list = steps[k]!;
      while (next[k]! < list.length && list[next[k]!] === s) { c[k] = c[k]! + P.cPre; next[k] = next[k]! + 1; }
      if (c[k]! >= P.thetaP) h[k] = h[k]! * eP + hP;
      else if (c[k]! >= P.thetaD) h[k] = h[k]! * eD + hD;
      else h[k] = h[k]! * e0 + P.h0 * (1 - e0);
      const d = h[k]! - P.h0;
      if (d >= P.thetaTag) z[k] = z[k]! * ez + (1 - ez);
      else if (-d >= P.thetaTag) z[k] = z[k]! * ez - 0.5 * (1 - ez);
    }
  }
  return { h: Array.from(h), z: Array.from(z), p };
}

describe('the exact event-driven integrator', () => {
  it('matches the authors’ fixed-step scheme (dt = 0.2 ms) over 1 h of strong + weak tetanus', () => {
    const pre = [strongTetanus(60), weakTetanus(900)];
    const ref = fixedStep(pre, H);
    const r = run({ pathways: pre.map((preSpikes) => ({ preSpikes })) }, H);
    expect(ref.z[0]).toBeGreaterThan(0.1); // the comparison covers the late phase too
    for (let k = 0; k < 2; k++) {
      expect(Math.abs(r.h[k]! - ref.h[k]!)).toBeLessThan(0.01);
      expect(Math.abs(r.z[k]! - ref.z[k]!)).toBeLessThan(0.005);
    }
    expect(Math.abs(r.p - ref.p)).toBeLessThan(0.005);
  });

  it('fast-forwards: an 8-hour protocol takes milliseconds and does not depend on the sampling', () => {
    const t0 = performance.now();
    const a = run({ pathways: [{ preSpikes: strongTetanus(ON) }], sampleInterval: 60 });
    expect(performance.now() - t0).toBeLessThan(1000);
    const b = run({ pathways: [{ preSpikes: strongTetanus(ON) }], sampleInterval: 7 });
    expect(b.z[0]).toBeCloseTo(a.z[0]!, 10);
    expect(b.h[0]).toBeCloseTo(a.h[0]!, 10);
    expect(a.samples.t.length).toBe(EIGHT_HOURS / 60 + 1);
  });

  it('one tetanus train: h rises toward (0.1 h0 + γp hmax)/(0.1 + γp + γd) and relaxes with τh/0.1', () => {
    const r = run({ pathways: [{ preSpikes: [...Array(100).keys()].map((k) => 10 + k / 100) }], sampleInterval: 1 }, 10 + 1 + 3 * 6884);
    const hStar = (0.1 * P.h0 + P.gammaP * P.hMax) / (0.1 + P.gammaP + P.gammaD);
    const peak = Math.max(...r.samples.h[0]!);
    expect(peak).toBeLessThan(hStar);
    expect(peak).toBeGreaterThan(P.h0 + 0.9 * (hStar - P.h0));
    // three relaxation times later, h − h0 has fallen by e³ (± the tail of the last second)
    const i = r.samples.t.findIndex((t) => t >= 12);
    const ratio = (r.h[0]! - P.h0) / (r.samples.h[0]![i]! - P.h0);
    expect(ratio).toBeGreaterThan(Math.exp(-3) * 0.99);
    expect(ratio).toBeLessThan(Math.exp(-3) * 1.01);
  });
});

describe('tagging and capture outcomes after 8 h', () => {
  it('strong tetanus → protein synthesis and a late phase; the total weight stays potentiated', () => {
    const r = run({ pathways: [{ preSpikes: strongTetanus(ON) }] });
    expect(r.pMax).toBeGreaterThan(0.5);
    expect(r.z[0]).toBeGreaterThan(0.6);
    expect(Math.abs(r.h[0]! - P.h0)).toBeLessThan(0.05 * P.h0); // early phase has decayed
    expect(r.weight[0]).toBeGreaterThan(1.6);
  });

  it('weak tetanus alone → tag but no protein synthesis; early LTP decays within hours', () => {
    const r = run({ pathways: [{ preSpikes: weakTetanus(ON) }] });
    const i1 = r.samples.t.findIndex((t) => t >= ON + 300);
    expect(r.samples.h[0]![i1]! - P.h0).toBeGreaterThan(P.thetaTag); // early LTP, tagged
    expect(r.taggedTime[0]).toBeGreaterThan(30 * 60);
    expect(r.taggedTime[0]).toBeLessThan(3 * H);
    expect(r.synthesisTime).toBe(0);
    expect(r.z[0]).toBe(0);
    expect(Math.abs(r.weight[0]! - 1)).toBeLessThan(0.02);
  });

  it('weak + strong on another pathway of the same neuron → the weak pathway captures (before or after)', () => {
    const alone = run({ pathways: [{ preSpikes: weakTetanus(ON) }] }).z[0]!;
    const weakFirst = run({ pathways: [{ preSpikes: weakTetanus(ON) }, { preSpikes: strongTetanus(ON + 1800) }] });
    const strongFirst = run({ pathways: [{ preSpikes: weakTetanus(ON + 1800) }, { preSpikes: strongTetanus(ON) }] });
    expect(alone).toBe(0);
    expect(weakFirst.z[0]).toBeGreaterThan(0.1);
    expect(strongFirst.z[0]).toBeGreaterThan(0.4);
    expect(strongFirst.weight[0]).toBeGreaterThan(1.3);
    // far apart in time, the tag has decayed before proteins arrive: no capture
    const late = run({ pathways: [{ preSpikes: weakTetanus(ON) }, { preSpikes: strongTetanus(ON + 3 * H) }] });
    expect(late.z[0]).toBe(0);
  });

  it('anisomycin → no late phase; exogenous BDNF rescues it; TrkB block removes it', () => {
    const all = [{ from: 0, to: Infinity }];
    const aniso = run({ pathways: [{ preSpikes: strongTetanus(ON) }], anisomycin: all });
    expect(aniso.pMax).toBe(0);
    expect(aniso.z[0]).toBe(0);
    expect(aniso.weight[0]).toBeLessThan(1.05);
    const rescued = run({ pathways: [{ preSpikes: strongTetanus(ON) }], anisomycin: all, bdnf: [{ from: ON, to: ON + 2 * H, amount: 1 }] });
    expect(rescued.z[0]).toBeGreaterThan(0.6);
    const trkb = run({ pathways: [{ preSpikes: strongTetanus(ON) }], trkbBlock: all });
    expect(trkb.pMax).toBeGreaterThan(0.5); // proteins are made ...
    expect(trkb.z[0]).toBe(0); // ... but cannot be captured
  });

  it('anisomycin only after the tag has expired does not matter; during the tag it reduces the late phase', () => {
    const control = run({ pathways: [{ preSpikes: strongTetanus(ON) }] }).z[0]!;
    const after = run({ pathways: [{ preSpikes: strongTetanus(ON) }], anisomycin: [{ from: 5 * H, to: Infinity }] }).z[0]!;
    const during = run({ pathways: [{ preSpikes: strongTetanus(ON) }], anisomycin: [{ from: ON - 60, to: ON + 2 * H }] }).z[0]!;
    expect(after).toBeCloseTo(control, 10);
    expect(during).toBeLessThan(0.5 * control);
  });

  it('with the early-phase noise on, the outcomes are unchanged (the noise is small against the tetanus drive)', () => {
    const r = simulateTagCapture({ pathways: [{ preSpikes: strongTetanus(ON) }, { preSpikes: weakTetanus(ON + 1800) }], duration: EIGHT_HOURS }, { noise: true, seed: 7 });
    const d = run({ pathways: [{ preSpikes: strongTetanus(ON) }, { preSpikes: weakTetanus(ON + 1800) }] });
    expect(Math.abs(r.z[0]! - d.z[0]!)).toBeLessThan(0.05);
    expect(Math.abs(r.z[1]! - d.z[1]!)).toBeLessThan(0.1);
  });
});
