// Synaptic tagging and capture (Frey & Morris 1997; Luboeinski & Tetzlaff 2021)
// with BDNF as the captured plasticity product (Pang et al. 2004), on the CPU
// engine: scenario tagging-and-capture, 8 hours with quiet periods fast-forwarded.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import type { ParamPatch } from '../../src/engine';
import { applyPatch } from '../../src/scenario/patch';
import { shippedDocument } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';
import { samplesOf } from '../helpers/run';

const both = (field: string, value: number): ParamPatch => ({
  [`projections.pathA.plasticity.${field}`]: value, [`projections.pathB.plasticity.${field}`]: value,
});

/** Early (h/h0) and late (z) weights of both pathways: the mean of the probed synapses, peak and at 8 h. */
async function run(patch: ParamPatch) {
  const s = parseScenario(applyPatch(shippedDocument('tagging-and-capture') as Record<string, unknown>, patch));
  const engine = await createEngine(s, { backend: 'cpu' });
  const started = performance.now();
  const frames = await engine.step(Math.round(s.duration / s.dt));
  const wall = (performance.now() - started) / 1000;
  const series = (probe: string) => samplesOf(frames, probe).values.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
  const last = (probe: string) => series(probe).at(-1)!;
  const peak = (probe: string) => Math.max(...series(probe));
  engine.dispose();
  return {
    wall, time: engine.time,
    A: { early: last('earlyA'), late: last('lateA'), peakEarly: peak('earlyA') },
    B: { early: last('earlyB'), late: last('lateB'), peakEarly: peak('earlyB') },
  };
}

describe('tagging and capture over 8 hours', () => {
  it('strong tetanus gives a late phase; the 8-hour protocol runs in seconds', async () => {
    const r = await run({ 'populations.B.count': 0 });
    expect(r.time).toBeCloseTo(28800, 6);
    expect(r.wall, 'wall-clock seconds for 8 h').toBeLessThan(30);
    expect(r.A.peakEarly, 'early LTP').toBeGreaterThan(1.6);
    expect(r.A.late, 'late phase z').toBeGreaterThan(0.5);
    expect(r.A.early + r.A.late, 'total weight stays potentiated').toBeGreaterThan(1.5);
  }, 120_000);

  it('weak tetanus alone: early LTP that decays within hours, no late phase', async () => {
    const r = await run({ 'populations.A.count': 0 });
    expect(r.B.peakEarly, 'early LTP').toBeGreaterThan(1.25);
    expect(r.B.early, 'early weight back near h0 at 8 h').toBeLessThan(1.05);
    expect(r.B.late).toBeLessThan(0.02);
  }, 120_000);

  it('weak tetanus 30 min after a strong one on another pathway is captured', async () => {
    const r = await run({});
    expect(r.A.late).toBeGreaterThan(0.5);
    expect(r.B.late, 'captured late phase of the weak pathway').toBeGreaterThan(0.3);
  }, 120_000);

  it('anisomycin blocks the late phase; exogenous BDNF rescues it; TrkB block removes it', async () => {
    const aniso = await run(both('alpha', 0));
    expect(aniso.A.peakEarly, 'early LTP survives protein-synthesis block').toBeGreaterThan(1.6);
    expect(aniso.A.late).toBeLessThan(0.02);
    expect(aniso.B.late).toBeLessThan(0.02);
    const rescue = await run({ ...both('alpha', 0), ...both('bdnf', 1) });
    expect(rescue.A.late, 'BDNF rescues the late phase').toBeGreaterThan(0.5);
    const trkb = await run(both('trkbBlock', 1));
    expect(trkb.A.late).toBeLessThan(0.02);
    expect(trkb.B.late).toBeLessThan(0.02);
  }, 240_000);
});
