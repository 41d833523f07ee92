// GPU parity of the place-gated stimulus kernel (placeStimulus) against its CPU
// reference on Dawn (SwiftShader without a GPU): an imported trajectory crosses
// the plateau disc, leaves and comes back (the gate re-arms: a second plateau),
// a timed host-written stimulus adds to the same cells, a BTSP projection learns
// from the plateaus, and a live patch moves the disc without a rebuild.
import { describe, expect, it } from 'vitest';
import { createEngine, type ProbeFrame } from '../../src/engine';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { spikesOf } from '../helpers/run';

function scenario(): ScenarioInput {
  return {
    schemaVersion: 1, id: 'place-parity', title: 'place-gated plateau on both backends', seed: 5, dt: 0.001, duration: 3,
    // left to right through (0.5, 0.5) at t = 0.5 s, back at t = 1.5 s, and out again
    agent: { arena: { kind: 'box', width: 1, height: 1 }, trajectory: [[0, 0.1, 0.5], [1, 0.9, 0.5], [2, 0.1, 0.5], [3, 0.9, 0.5]] },
    populations: [
      { id: 'G', kind: 'grid', modules: 2, cellsPerModule: 20, baseSpacing: 0.3, rMax: 60 },
      { id: 'P', kind: 'lif', n: 20, tauRef: 0.002 },
    ],
    projections: [
      { id: 'GP', from: 'G', to: 'P', receptor: 'ampa', weight: 4, connectivity: { kind: 'allToAll' },
        plasticity: { rule: 'btsp', wInit: 0.2, wInitSpread: 0.1, tauET: 1, plateauThreshold: 0.3, etaP: 0.5 } },
    ],
    stimuli: [
      { id: 'bias', kind: 'current', target: 'P', amplitude: 0.05, onset: 0.2, duration: 1 },
      { id: 'plateau', kind: 'current', target: 'P', amplitude: 0.5, onset: 0, duration: 100, profile: { kind: 'range', from: 0, to: 10 },
        place: { x: 0.5, y: 0.5, radius: 0.05, plateau: 0.15 } },
    ],
    probes: [
      { id: 'iExt', kind: 'state', population: 'P', variable: 'iExt', indices: [0, 9, 10, 19], everySteps: 1 },
      { id: 'spkP', kind: 'spikes', population: 'P' },
      { id: 'w', kind: 'synapseMean', projection: 'GP', variable: 'w', groupSize: 20, everySteps: 100 },
    ],
  } as ScenarioInput;
}

async function runOn(backend: 'cpu' | 'gpu'): Promise<ProbeFrame[]> {
  const engine = await createEngine(parseScenario(scenario()), { backend, gpu: nodeGpu(), maxStepsPerChunk: 300 });
  const frames = [...(await engine.step(2000))];
  // the disc moves live to (0.3, 0.5): the agent passes it at t = 2.2 s
  engine.apply({ 'stimuli.plateau.place.x': 0.3 });
  frames.push(...(await engine.step(500)));
  engine.dispose();
  return frames;
}

const iExtOf = (frames: ProbeFrame[]) => frames.flatMap((f) => (f.kind === 'state' && f.probe === 'iExt' ? f.values.map((v) => Array.from(v)) : []));

describe('placeStimulus on the GPU matches its CPU reference', () => {
  it('gives the same plateaus, spikes and efficacies over 2500 steps, with a live move of the disc', async () => {
    const cpu = await runOn('cpu');
    const gpu = await runOn('gpu');
    const [ic, ig] = [iExtOf(cpu), iExtOf(gpu)];
    expect(ic.length).toBe(2500);
    expect(ig).toEqual(ic);
    // cell 0: three plateaus (0.5 s, 1.5 s, 2.2 s) of 150 steps, 500 pA (+ 50 pA while the bias is on); cell 10 never
    const onsets = ic.flatMap((v, k) => (v[0]! >= 500 && !(ic[k - 1]?.[0]! >= 500) ? [k] : []));
    expect(onsets.length).toBe(3);
    expect(ic.filter((v) => v[0]! >= 500).length).toBe(450);
    expect(Math.max(...ic.map((v) => v[2]!))).toBeCloseTo(50, 4);
    expect(spikesOf(gpu, 'spkP')).toEqual(spikesOf(cpu, 'spkP'));
    const w = (frames: ProbeFrame[]) => frames.flatMap((f) => (f.kind === 'state' && f.probe === 'w' ? f.values.flatMap((v) => Array.from(v)) : []));
    const [wc, wg] = [w(cpu), w(gpu)];
    expect(wc[wc.length - 1]).toBeGreaterThan(wc[0]! + 0.01);
    wc.forEach((x, k) => expect(wg[k], `synapseMean ${k}`).toBeCloseTo(x, 5));
  }, 300_000);
});
