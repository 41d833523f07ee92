// Engine behaviour on the CPU backend: reproducibility, chunking, probes, stimuli, patches, reset.
import { describe, expect, it } from 'vitest';
import { createEngine, StructuralChangeError } from '../../src/engine';
import { loadShipped, shippedDocument } from '../../src/scenario/registry';
import { setPath } from '../../src/scenario/patch';
import { parseScenario } from '../../src/scenario/validate';
import type { ScenarioInput } from '../../src/scenario/schema';
import { runCpu, samplesOf, spikesOf } from '../helpers/run';
import { editableFields } from '../../src/scenario/fields';
import { LIVE_SIGMA_FLOOR } from '../../src/engine/plan';

const ei = () => shippedDocument('ei-network') as ScenarioInput;

describe('reproducibility', () => {
  it('the same seed gives the same spikes; another seed different ones', async () => {
    const a = spikesOf((await runCpu(ei(), 3000)).frames, 'rasterE');
    const b = spikesOf((await runCpu(ei(), 3000)).frames, 'rasterE');
    const c = spikesOf((await runCpu(setPath(ei(), 'seed', 2), 3000)).frames, 'rasterE');
    expect(a.t.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('results do not depend on how steps are chunked', async () => {
    const whole = (await runCpu(ei(), 3000)).frames;
    const engine = await createEngine(parseScenario(ei()), { backend: 'cpu', maxStepsPerChunk: 37 });
    const pieces = [...(await engine.step(1234)), ...(await engine.step(1766))];
    expect(spikesOf(pieces, 'rasterE')).toEqual(spikesOf(whole, 'rasterE'));
    expect(samplesOf(pieces, 'rateE')).toEqual(samplesOf(whole, 'rateE'));
    expect(samplesOf(pieces, 'vE')).toEqual(samplesOf(whole, 'vE'));
  });
});

describe('probes', () => {
  it('rate bins equal the spike counts of the raster', async () => {
    const doc = setPath(setPath(ei(), 'probes.rasterE.maxNeurons', 800), 'probes.rateE.groupSize', 400);
    const { frames } = await runCpu(doc, 2000);
    const { t, i } = spikesOf(frames, 'rasterE');
    const rates = samplesOf(frames, 'rateE');
    expect(rates.t).toHaveLength(40); // 0.2 s in 5 ms bins
    rates.t.forEach((t0, b) => {
      for (const g of [0, 1]) {
        const n = t.filter((x, k) => x > t0 + 1e-9 && x <= t0 + 0.005 + 1e-9 && Math.floor(i[k]! / 400) === g).length;
        expect(rates.values[b]![g]).toBeCloseTo(n / (400 * 0.005), 3);
      }
    });
  });

  it('state samples are time-stamped every everySteps steps', async () => {
    const { frames } = await runCpu(ei(), 95);
    const v = samplesOf(frames, 'vE');
    expect(v.t.map((x) => Math.round(x / 0.0001))).toEqual([1, 11, 21, 31, 41, 51, 61, 71, 81, 91]);
    expect(v.values.every((row) => row.length === 2 && row.every((x) => x >= -70 && x < -50))).toBe(true);
  });
});

describe('stimuli', () => {
  it('a current pulse to cells 0–199 raises their rate only while it is on', async () => {
    const doc = setPath(setPath(ei(), 'probes.rasterE.maxNeurons', 800), 'stimuli.pulse.onset', 0.1);
    const { t, i } = spikesOf((await runCpu(doc, 4000)).frames, 'rasterE');
    const rate = (from: number, to: number, lo: number, hi: number) =>
      t.filter((x, k) => x > from && x <= to && i[k]! >= lo && i[k]! < hi).length / ((to - from) * (hi - lo));
    const on = rate(0.1, 0.3, 0, 200);
    expect(on).toBeGreaterThan(3 * rate(0.3, 0.4, 0, 200) + 5);
    expect(on).toBeGreaterThan(3 * rate(0.1, 0.3, 200, 800));
  });

  it('the block of cells a range stimulus reaches is an editable field, changed live (a CREB boost for a chosen fraction)', async () => {
    let doc = setPath(ei(), 'probes.rasterE.maxNeurons', 800);
    for (const [path, value] of [['stimuli.pulse.onset', 0], ['stimuli.pulse.duration', 10]] as const) doc = setPath(doc, path, value);
    const paths = editableFields(parseScenario(doc)).flatMap((g) => g.fields.map((f) => f.path));
    expect(paths).toEqual(expect.arrayContaining(['stimuli.pulse.profile.from', 'stimuli.pulse.profile.to']));
    const engine = await createEngine(parseScenario(doc), { backend: 'cpu' });
    // rates (Hz) of cells [lo, hi) over the last 0.15 s of a 0.2 s run
    const rates = async () => {
      const { t, i } = spikesOf(await engine.step(2000), 'rasterE');
      const from = engine.stepIndex * 0.0001 - 0.15;
      return (lo: number, hi: number) => t.filter((x, k) => x > from && i[k]! >= lo && i[k]! < hi).length / (0.15 * (hi - lo));
    };
    const first = await rates();
    expect(first(0, 200)).toBeGreaterThan(3 * first(200, 800) + 5);
    engine.apply({ 'stimuli.pulse.profile.to': 600 });
    const second = await rates();
    expect(second(200, 600)).toBeGreaterThan(3 * first(200, 600) + 5);
    expect(second(200, 600)).toBeGreaterThan(3 * second(600, 800) + 5);
    expect(() => engine.apply({ 'stimuli.pulse.profile.to': 1.5 })).toThrow(/stimuli\.pulse\.profile\.to: must be a whole number/);
    engine.dispose();
  });
});

describe('patches and reset', () => {
  it('apply changes parameters live; structural changes ask for a rebuild', async () => {
    const engine = await createEngine(loadShipped('ei-network'), { backend: 'cpu' });
    await engine.step(2000);
    const before = engine.stepIndex;
    engine.apply({ 'inputs.bgE.rate': 0, 'inputs.bgI.rate': 0 });
    expect(engine.stepIndex).toBe(before);
    const frames = await engine.step(2000);
    // Without drive the network falls silent after the last spikes die out.
    expect(spikesOf(frames, 'rasterE').t.filter((x) => x > 0.25).length).toBe(0);
    expect(() => engine.apply({ 'populations.E.n': 900 })).toThrow(StructuralChangeError);
    expect(() => engine.apply({ 'populations.E.tauRef': -1 })).toThrow(/populations\.E\.tauRef/);
  });

  // Issue 3's live parameters include the ring profile's J+ and σ: the layout holds room for the Fourier
  // modes of any J+ and σ ≥ LIVE_SIGMA_FLOOR, so they change without a rebuild (the bump survives).
  it('the ring profile\'s J+ and σ are live down to LIVE_SIGMA_FLOOR; a live change equals a network built with it', async () => {
    const half = () => shippedDocument('working-memory-ring-half') as ScenarioInput;
    const engine = await createEngine(parseScenario(half()), { backend: 'cpu' });
    for (const [path, value] of [['jPlus', 2.5], ['jPlus', 100], ['sigma', 40], ['sigma', LIVE_SIGMA_FLOOR], ['jPlus', 1]] as const) {
      expect(() => engine.apply({ [`projections.EE.connectivity.profile.${path}`]: value }), `${path} ${value}`).not.toThrow();
    }
    expect(() => engine.apply({ 'projections.EE.connectivity.profile.sigma': LIVE_SIGMA_FLOOR / 2 })).toThrow(StructuralChangeError);
    engine.dispose();
    // applied before the first step, a live σ and J+ give the spikes of a network built with them
    const patch = { 'projections.EE.connectivity.profile.sigma': 9, 'projections.EE.connectivity.profile.jPlus': 2.2 };
    const live = await createEngine(parseScenario(half()), { backend: 'cpu' });
    live.apply(patch);
    const liveSpikes = spikesOf(await live.step(3000), 'spikesE');
    live.dispose();
    let built = half();
    for (const [path, value] of Object.entries(patch)) built = setPath(built, path, value);
    const { engine: rebuilt, frames } = await runCpu(built, 3000);
    rebuilt.dispose();
    expect(liveSpikes.t.length).toBeGreaterThan(100);
    expect(liveSpikes).toEqual(spikesOf(frames, 'spikesE'));
    // and the change matters: the shipped profile gives other spikes
    const { engine: shipped, frames: before } = await runCpu(half(), 3000);
    shipped.dispose();
    expect(spikesOf(before, 'spikesE')).not.toEqual(liveSpikes);
  }, 120_000);

  it('reset returns to t = 0 and replays the same run', async () => {
    const engine = await createEngine(loadShipped('ei-network'), { backend: 'cpu' });
    const first = await engine.step(1500);
    engine.reset();
    expect(engine.time).toBe(0);
    const again = await engine.step(1500);
    expect(spikesOf(again, 'rasterE')).toEqual(spikesOf(first, 'rasterE'));
    engine.reset(9);
    expect(engine.scenario.seed).toBe(9);
    expect(spikesOf(await engine.step(1500), 'rasterE')).not.toEqual(spikesOf(first, 'rasterE'));
  });

  it('streams frames to subscribers', async () => {
    const engine = await createEngine(loadShipped('ei-network'), { backend: 'cpu', maxStepsPerChunk: 100 });
    const seen: string[] = [];
    const off = engine.subscribe((f) => seen.push(f.probe));
    await engine.step(300);
    off();
    await engine.step(100);
    expect(seen.filter((p) => p === 'rasterE')).toHaveLength(3);
    expect(engine.describePlan().join('\n')).toMatch(/deliverSparse EE[\s\S]*lifUpdate E/);
  });
});
