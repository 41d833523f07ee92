// GPU parity of the grid-cell kernel (gridUpdate, also in its place-cell mode) against its CPU reference on
// Dawn (SwiftShader without a GPU): the agent's positions reach both backends
// alike, the rates are computed with the same f32 operations, so whole runs
// give the same spikes, also downstream of plastic and static projections.
import { describe, expect, it } from 'vitest';
import { createEngine, type ProbeFrame } from '../../src/engine';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { spikesOf } from '../helpers/run';

const STEPS = 1500;

/** Two grid populations (rectified with a threshold, shifted) and Gaussian place cells in a box with a barrier, feeding a LIF population through plastic and dense projections. */
function spatial(): ScenarioInput {
  return {
    schemaVersion: 1, id: 'spatial-parity', title: 'grid cells on both backends', seed: 11, dt: 0.001, duration: 1,
    agent: { arena: { kind: 'box', width: 1.5, height: 1, barriers: [{ x1: 0.75, y1: 0, x2: 0.75, y2: 0.6 }] }, speedMean: 0.3 },
    populations: [
      { id: 'G', kind: 'grid', modules: 3, cellsPerModule: 40, baseSpacing: 0.25, orientation: 7, orientationStep: 13, rMax: 150, threshold: 0.2 },
      { id: 'S', kind: 'grid', modules: 2, cellsPerModule: 30, shape: 'shifted', baseSpacing: 0.4, rMax: 80, realignment: 2 },
      { id: 'P', kind: 'lif', n: 30, tauRef: 0.001 },
      { id: 'C', kind: 'place', n: 80, width: 0.15, rMax: 100 },
    ],
    projections: [
      { id: 'GP', from: 'G', to: 'P', receptor: 'ampa', weight: 20, connectivity: { kind: 'fixedInDegree', k: 20 },
        plasticity: { rule: 'stdp', aPlus: 0.05, aMinus: 0.04, wInitSpread: 0.3 } },
      { id: 'SP', from: 'S', to: 'P', receptor: 'ampa', weight: 3, connectivity: { kind: 'allToAll' } },
      { id: 'CP', from: 'C', to: 'P', receptor: 'ampa', weight: 2, connectivity: { kind: 'allToAll' } },
    ],
    probes: [
      { id: 'spkG', kind: 'spikes', population: 'G' },
      { id: 'spkS', kind: 'spikes', population: 'S' },
      { id: 'spkP', kind: 'spikes', population: 'P' },
      { id: 'spkC', kind: 'spikes', population: 'C' },
      { id: 'rateG', kind: 'rate', population: 'G', binSeconds: 0.01, groupSize: 40 },
      { id: 'pos', kind: 'agent', everySteps: 3 },
      { id: 'w', kind: 'synapseMean', projection: 'GP', variable: 'w', groupSize: 100, everySteps: 50 },
    ],
  } as ScenarioInput;
}

async function runOn(backend: 'cpu' | 'gpu'): Promise<ProbeFrame[]> {
  const engine = await createEngine(parseScenario(spatial()), { backend, gpu: nodeGpu(), maxStepsPerChunk: 250 });
  const frames = [...(await engine.step(333)), ...(await engine.step(STEPS - 333))];
  engine.dispose();
  return frames;
}

const strip = (frames: ProbeFrame[], kind: ProbeFrame['kind']) => frames.filter((f) => f.kind === kind).map((f) => ({ ...f }));

describe('gridUpdate on the GPU matches its CPU reference', () => {
  it(`gives the same spikes over ${STEPS} steps (two grid shapes, place cells, a barrier, plastic and dense projections downstream)`, async () => {
    const cpu = await runOn('cpu');
    const gpu = await runOn('gpu');
    for (const probe of ['spkG', 'spkS', 'spkC', 'spkP']) {
      const a = spikesOf(cpu, probe);
      expect(a.t.length, `${probe}: spikes`).toBeGreaterThan(probe === 'spkP' ? 20 : 300);
      expect(spikesOf(gpu, probe), probe).toEqual(a);
    }
    expect(strip(gpu, 'agent')).toEqual(strip(cpu, 'agent'));
    expect(strip(gpu, 'rate')).toEqual(strip(cpu, 'rate'));
    const w = (frames: ProbeFrame[]) => frames.flatMap((f) => (f.kind === 'state' ? f.values.flatMap((v) => Array.from(v)) : []));
    const [wc, wg] = [w(cpu), w(gpu)];
    expect(wc.length).toBeGreaterThan(0);
    wc.forEach((x, k) => expect(wg[k], `synapseMean ${k}`).toBeCloseTo(x, 4));
  }, 300_000);
});
