// The place map's step as the GPU encodes it, in phases (src/engine/gpu/phase.ts: the deliveries,
// the grid and LIF updates, the trace sides, the event-driven rule with the rate map, each one
// dispatch), against the CPU running the plan's dispatches one by one: the shipped scenario at a
// smaller size gives the same spikes, rate maps and weight histograms, also after a live etaP
// brings the sweep back for a chunk (the rule and the rate map then run apart).
import { describe, expect, it } from 'vitest';
import { createEngine, type ProbeFrame } from '../../src/engine';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import { dispatchesPerStep } from '../../src/engine/gpu/kernels';
import { activeDispatches, kernelParams, layoutNetwork } from '../../src/engine/plan';
import { rateMapReadout } from '../../src/engine/rate-map-frame';
import { applyPatch } from '../../src/scenario/patch';
import { shippedDocument } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';
import { spikesOf } from '../helpers/run';

const small = () => applyPatch(shippedDocument('place-map-formation'), {
  'populations.P.n': 1000, 'probes.mapsP.everySteps': 100, 'probes.histGP.everySteps': 100, 'probes.wGrid.everySteps': 100,
});

async function runOn(backend: 'cpu' | 'gpu'): Promise<ProbeFrame[]> {
  const engine = await createEngine(parseScenario(small()), { backend, gpu: nodeGpu(), maxStepsPerChunk: 100 });
  const frames = [...(await engine.step(200))];
  engine.apply({ 'projections.GP.plasticity.etaP': 0.02 });
  frames.push(...(await engine.step(100)));
  engine.apply({ 'projections.GP.plasticity.etaP': 0 });
  frames.push(...(await engine.step(100)));
  engine.dispose();
  return frames;
}

describe('the place map in phases on the GPU', () => {
  it('gives the CPU\'s spikes, rate maps and weight histograms over 400 steps, with the sweep back for 100 of them', async () => {
    const scenario = parseScenario(small());
    const layout = layoutNetwork(scenario, 100);
    expect(dispatchesPerStep(layout, kernelParams(layout, scenario))).toBe(4);
    expect(activeDispatches(layout, kernelParams(layout, scenario)).filter(Boolean).length).toBeLessThan(layout.dispatches.length);

    const [cpu, gpu] = [await runOn('cpu'), await runOn('gpu')];
    const raster = spikesOf(cpu, 'rasterP');
    expect(raster.t.length, 'place-cell spikes').toBeGreaterThan(50);
    expect(spikesOf(gpu, 'rasterP')).toEqual(raster);

    const maps = (frames: ProbeFrame[]) => frames.flatMap((f) => (f.kind === 'rateMap' ? f.values.map((_, k) => rateMapReadout(f, k)) : []));
    const [a, b] = [maps(cpu), maps(gpu)];
    expect(a).toHaveLength(4);
    a.forEach((r, k) => {
      expect(Array.from(b[k]!.maps, Number.isNaN), `readout ${k}: unvisited bins`).toEqual(Array.from(r.maps, Number.isNaN));
      expect(Array.from(b[k]!.peak), `readout ${k}: peaks`).toEqual(Array.from(r.peak));
      expect(b[k]!.decoded.bin, `readout ${k}: decoded bin`).toBe(r.decoded.bin);
    });
    const histograms = (frames: ProbeFrame[]) => frames.flatMap((f) => (f.kind === 'histogram' ? f.values.map((v) => Array.from(v)) : []));
    expect(histograms(cpu)).toHaveLength(4);
    expect(histograms(gpu)).toEqual(histograms(cpu));
  }, 300_000);
});
