// Science: the prefrontal ring attractor (Compte, Brunel, Goldman-Rakic & Wang 2000,
// Cereb Cortex 10:910) at half size on the CPU backend reproduces the targets of
// ../shared/science/README.md (theme 10): spontaneous rates, persistence of a cued
// bump through a 3 s delay in ≥ 90% of seeds, plateau and background rates; a far
// distractor is ignored, a strong near one shifts the bump; weak NMDA loses the memory;
// an erase pulse wipes it.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { collect, emptyResults, type ProbeResult } from '../../src/engine/probe-results';
import { applyPatch, type ScenarioPatch } from '../../src/scenario/patch';
import { shippedDocument } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';

const GROUPS = 64;
const CUE = 180;

interface Run {
  profile: Extract<ProbeResult, { kind: 'rate' }>;
  bump: Extract<ProbeResult, { kind: 'bump' }>;
  rateI: Extract<ProbeResult, { kind: 'rate' }>;
}

async function run(seed: number, patch: ScenarioPatch = {}, seconds = 4.25): Promise<Run> {
  const s = parseScenario(applyPatch(shippedDocument('working-memory-ring-half'), { seed, duration: seconds, ...patch }));
  const engine = await createEngine(s, { backend: 'cpu' });
  const results = emptyResults(s);
  const steps = Math.round(seconds / s.dt);
  for (let k = 0; k < steps; k += 5000) collect(results, await engine.step(Math.min(5000, steps - k)));
  const probe = <K extends ProbeResult['kind']>(id: string, kind: K) => {
    const r = results[id];
    if (r?.kind !== kind) throw new Error(`probe ${id} is not a ${kind} probe`);
    return r as Extract<ProbeResult, { kind: K }>;
  };
  return { profile: probe('profileE', 'rate'), bump: probe('bump', 'bump'), rateI: probe('rateI', 'rate') };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const angularDistance = (a: number, b: number) => Math.abs((((a - b) % 360) + 540) % 360 - 180);
const groupAngle = (g: number) => ((g + 0.5) * 360) / GROUPS;
/** Bins of a rate probe within [from, to) s. */
const bins = (r: Run['profile'], from: number, to: number) => r.values.filter((_, b) => r.t[b]! >= from - 1e-9 && r.t[b]! < to - 1e-9);

/**
 * The bump over [from, to): its mean angle, and the profile aligned on each bin's
 * population-vector angle before averaging (so slow drift does not blur the plateau).
 */
function bumpStats(r: Run, from: number, to: number) {
  const idx = r.bump.t.map((t, b) => [t, b] as const).filter(([t]) => t >= from - 1e-9 && t < to - 1e-9).map(([, b]) => b);
  const aligned = new Array<number>(GROUPS).fill(0);
  for (const b of idx) {
    const shift = Math.round((r.bump.angle[b]! / 360) * GROUPS - 0.5);
    r.profile.values[b]!.forEach((hz, g) => (aligned[(g - shift + GROUPS / 2 + GROUPS) % GROUPS]! += hz / idx.length));
  }
  const x = mean(idx.map((b) => Math.cos((r.bump.angle[b]! * Math.PI) / 180)));
  const y = mean(idx.map((b) => Math.sin((r.bump.angle[b]! * Math.PI) / 180)));
  const far = aligned.filter((_, g) => angularDistance(groupAngle(g), groupAngle(GROUPS / 2)) > 90);
  return { angle: ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360, plateau: Math.max(...aligned), background: mean(far) };
}

describe('working-memory ring (Compte et al. 2000), half size, CPU', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const runs = new Map<number, Run>();

  it('fires spontaneously at E 0.5–5 Hz and I 3–12 Hz before the cue', async () => {
    for (const seed of seeds) runs.set(seed, await run(seed));
    for (const r of runs.values()) {
      const e = mean(bins(r.profile, 0.2, 1).flat());
      const i = mean(bins(r.rateI, 0.2, 1).flat());
      expect(e).toBeGreaterThan(0.5);
      expect(e).toBeLessThan(5);
      expect(i).toBeGreaterThan(3);
      expect(i).toBeLessThan(12);
    }
  }, 900_000);

  // The science page's plateau target is 15–50 Hz [model]. Compte's parameter set at half size holds a
  // marginal bump (10–19 Hz per seed; an independent NumPy model and Brian reference give the same,
  // docs/science.md): each seed's bump is tested against 10 Hz, three times the background, and the
  // median over the seeds against 15–50 Hz.
  it('holds the cued location through a 3 s delay in ≥ 90% of seeds, at a 15–50 Hz median plateau over a < 5 Hz background', () => {
    let persisted = 0;
    const plateaus: number[] = [];
    for (const [seed, r] of runs) {
      const end = bumpStats(r, 3.25, 4.25); // the last second of the delay
      plateaus.push(end.plateau);
      const ok = angularDistance(end.angle, CUE) < 45 && end.plateau > 10 && end.plateau < 50 && end.background < 5;
      if (ok) persisted++;
      else console.warn(`seed ${seed}: angle ${end.angle.toFixed(0)}°, plateau ${end.plateau.toFixed(1)} Hz, background ${end.background.toFixed(1)} Hz`);
    }
    expect(persisted / runs.size).toBeGreaterThanOrEqual(0.9);
    plateaus.sort((a, b) => a - b);
    const median = (plateaus[(plateaus.length - 1) >> 1]! + plateaus[plateaus.length >> 1]!) / 2;
    expect(median).toBeGreaterThan(15);
    expect(median).toBeLessThan(50);
  });

  // Far distractors of 0.1 nA (a fifth of the cue) are ignored; 0.15 nA or more at 180° from the cue
  // captures or breaks this marginal bump in most seeds (docs/science.md).
  it('ignores a weak distractor far from the cue', async () => {
    for (const seed of [1, 2]) {
      const r = await run(seed, { 'stimuli.distractor.amplitude': 0.1, 'stimuli.distractor.profile.center': CUE - 180 }, 3.5);
      const after = bumpStats(r, 3, 3.5);
      expect(angularDistance(after.angle, CUE)).toBeLessThan(35);
      expect(after.plateau).toBeGreaterThan(8); // still a bump: > 2.5× the 3 Hz background
    }
  }, 300_000);

  it('moves toward a strong distractor near the cue', async () => {
    for (const seed of [1, 2]) {
      const undistracted = bumpStats(runs.get(seed)!, 3, 3.5).angle; // same seed, same window, no distractor
      const r = await run(seed, { 'stimuli.distractor.amplitude': 1.0, 'stimuli.distractor.profile.center': CUE + 45 }, 3.5);
      const after = bumpStats(r, 3, 3.5).angle;
      expect(angularDistance(after, CUE + 45)).toBeLessThan(angularDistance(undistracted, CUE + 45) - 8);
      expect(angularDistance(after, CUE + 45)).toBeLessThan(25);
    }
  }, 300_000);

  it('loses the memory when NMDA decays fast (the slow NMDA time constant carries persistence; Wang 1999)', async () => {
    for (const seed of [1, 2]) {
      const r = await run(seed, { 'populations.E.tauNmdaDecay': 0.03 }, 3.5);
      expect(bumpStats(r, 3, 3.5).plateau).toBeLessThan(10);
    }
  }, 300_000);

  // An inhibitory erase pulse (−0.5 nA to every E cell for 200 ms) silences the bump; NMDA gating decays
  // (τ = 100 ms) and the network returns to its spontaneous state without the memory.
  it('forgets the cue after an erase pulse', async () => {
    for (const seed of [1, 2]) {
      const r = await run(seed, { 'stimuli.erase.amplitude': -0.5, 'stimuli.erase.onset': 2.5, 'stimuli.erase.duration': 0.2 }, 3.5);
      const after = bumpStats(r, 3, 3.5);
      expect(after.plateau).toBeLessThan(8);
      expect(mean(bins(r.profile, 3, 3.5).flat())).toBeLessThan(5);
    }
  }, 300_000);
});
