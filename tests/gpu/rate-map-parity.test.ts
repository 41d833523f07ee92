// GPU parity of the rate-map probe's kernels (mapAccumulate, mapStats,
// mapDecode) against their CPU references on Dawn (SwiftShader without a GPU),
// over a run with the agent moving: spiking grid cells and noisy rate units,
// chunks that do not line up with the readouts. The maps are sums of the same
// f32 values in the same order: for spiking cells (integer events) peak, mean,
// field count and area and the maps agree exactly, information (log₂) and the
// decode (sqrt) to rounding; rate units' own rates already differ in the last
// bits between backends (exp), (the Gaussian noise's log and cos), so their maps agree to 1e-3.
import { describe, expect, it } from 'vitest';
import { createEngine, type ProbeFrame } from '../../src/engine';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import { rateMapReadout } from '../../src/engine/rate-map-frame';
import type { RateMapFrame } from '../../src/engine/types';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

const STEPS = 1400;

function scenario(): ScenarioInput {
  return {
    schemaVersion: 1, id: 'rate-map-parity', title: 'rate maps on both backends', seed: 5, dt: 0.001, duration: 2,
    agent: { arena: { kind: 'box', width: 1, height: 0.8 }, speedMean: 0.4 },
    populations: [
      { id: 'G', kind: 'grid', modules: 2, cellsPerModule: 50, baseSpacing: 0.3, rMax: 120, threshold: 0.2 },
      { id: 'Q', kind: 'rate', n: 40, noise: 0.5, bias: 1, gain: 10 },
      { id: 'P', kind: 'lif', n: 3, tauRef: 0.001 },
    ],
    projections: [
      { id: 'GP', from: 'G', to: 'P', receptor: 'ampa', weight: 20, connectivity: { kind: 'fixedInDegree', k: 20 },
        plasticity: { rule: 'stdp', aPlus: 0.05, aMinus: 0.04, wInitSpread: 0.3 } },
    ],
    probes: [
      { id: 'mapG', kind: 'rateMap', population: 'G', binSize: 0.1, everySteps: 300, cells: [0, 7, 99] },
      { id: 'mapQ', kind: 'rateMap', population: 'Q', binSize: 0.2, everySteps: 170, cells: [3] },
      { id: 'hist', kind: 'weightHistogram', projection: 'GP', bins: 12, min: 0.2, max: 0.8, everySteps: 230 },
      { id: 'w', kind: 'synapse', projection: 'GP', variable: 'w', indices: Array.from({ length: 60 }, (_, k) => k), everySteps: 230 },
    ],
  } as ScenarioInput;
}

async function runOn(backend: 'cpu' | 'gpu'): Promise<ProbeFrame[]> {
  const engine = await createEngine(parseScenario(scenario()), { backend, gpu: nodeGpu(), maxStepsPerChunk: 250 });
  const frames: ProbeFrame[] = [...(await engine.step(333)), ...(await engine.step(STEPS - 333))];
  engine.dispose();
  return frames;
}

let both: Promise<[ProbeFrame[], ProbeFrame[]]> | undefined;
/** One run on each backend, shared by the tests. */
const runs = () => (both ??= Promise.all([runOn('cpu'), runOn('gpu')]));

const readouts = (frames: ProbeFrame[], probe: string) =>
  frames.filter((f): f is RateMapFrame => f.kind === 'rateMap' && f.probe === probe).flatMap((f) => f.values.map((_, k) => ({ t: f.t[k]!, ...rateMapReadout(f, k) })));

describe('rate-map kernels on the GPU match their CPU references', () => {
  it(`give the same maps, statistics and decodes over ${STEPS} steps (spiking and rate populations)`, async () => {
    const [cpu, gpu] = await runs();
    for (const probe of ['mapG', 'mapQ']) {
      const [a, b] = [readouts(cpu, probe), readouts(gpu, probe)];
      expect(a.length, probe).toBe(probe === 'mapG' ? 5 : 9);
      expect(b.map((r) => r.t)).toEqual(a.map((r) => r.t));
      const last = a[a.length - 1]!;
      // the run is not trivial: cells fire, maps have fields, decoding works
      expect(Math.max(...last.peak), probe).toBeGreaterThan(1);
      expect(last.fieldCount.some((c) => c >= 1), probe).toBe(true);
      expect(Math.max(...last.info), probe).toBeGreaterThan(probe === 'mapG' ? 0.05 : 0);
      expect(Number.isFinite(last.decoded.error), probe).toBe(true);
      a.forEach((r, k) => {
        const g = b[k]!;
        const at = `${probe} readout ${k}`;
        const tol = probe === 'mapG' ? 0 : 1e-3;
        const close = (x: Float32Array, y: Float32Array, what: string) =>
          y.forEach((v, i) => expect(Math.abs(x[i]! - v), `${at} ${what} ${i}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(v))));
        close(g.peak, r.peak, 'peak');
        close(g.mean, r.mean, 'mean');
        expect(Array.from(g.fieldCount), `${at} field count`).toEqual(Array.from(r.fieldCount));
        expect(Array.from(g.fieldArea), `${at} field area`).toEqual(Array.from(r.fieldArea));
        expect(Array.from(g.maps, Number.isNaN), `${at} unvisited bins`).toEqual(Array.from(r.maps, Number.isNaN));
        close(g.maps.map((v) => v || 0), r.maps.map((v) => v || 0), 'maps');
        r.info.forEach((x, i) => expect(Math.abs(g.info[i]! - x), `${at} info ${i}`).toBeLessThanOrEqual(Math.max(1e-5, tol) * Math.max(1, x)));
        expect(Array.from(g.gridness, Number.isNaN), `${at} gridness scored`).toEqual(Array.from(r.gridness, Number.isNaN));
        r.gridness.forEach((x, i) => { if (!Number.isNaN(x)) expect(Math.abs(g.gridness[i]! - x), `${at} gridness ${i}`).toBeLessThan(1e-3); });
        expect(g.decoded.bin, `${at} decoded bin`).toBe(r.decoded.bin);
        if (Number.isNaN(r.decoded.error)) expect(g.decoded.error, `${at} decode error`).toBeNaN();
        else expect(g.decoded.error, `${at} decode error`).toBeCloseTo(r.decoded.error, 5);
      });
    }
  }, 300_000);

  // Grid cells explored long enough (120 s) for hexagonal maps: the GPU's f32 autocorrelograms and scores against
  // the host's f64 definition (src/model/spatial/maps.ts), and the scores are those of grids.
  it('score the selected cells\' gridness as the host\'s definition does (feed-forward grid cells, 120 s)', async () => {
    const doc: ScenarioInput = {
      schemaVersion: 1, id: 'gridness-parity', title: 'gridness on both backends', seed: 3, dt: 0.005, duration: 120,
      agent: { arena: { kind: 'box', width: 1, height: 1 }, speedMean: 0.4 },
      populations: [{ id: 'G', kind: 'grid', modules: 2, cellsPerModule: 4, baseSpacing: 0.3, rMax: 60, threshold: 0.2 }],
      probes: [{ id: 'mapG', kind: 'rateMap', population: 'G', binSize: 0.05, everySteps: 8000, cells: [0, 1, 2, 3, 4, 5, 6, 7] }],
    } as ScenarioInput;
    const readoutsOn = async (backend: 'cpu' | 'gpu') => {
      const engine = await createEngine(parseScenario(doc), { backend, gpu: nodeGpu(), maxStepsPerChunk: 8000 });
      const frames = await engine.step(24_000);
      engine.dispose();
      return readouts(frames, 'mapG');
    };
    const [cpu, gpu] = [await readoutsOn('cpu'), await readoutsOn('gpu')];
    expect(gpu).toHaveLength(3);
    cpu.forEach((r, k) => {
      expect(Array.from(gpu[k]!.gridness, Number.isNaN), `readout ${k}`).toEqual(Array.from(r.gridness, Number.isNaN));
      r.gridness.forEach((x, i) => { if (!Number.isNaN(x)) expect(Math.abs(gpu[k]!.gridness[i]! - x), `readout ${k} cell ${i}`).toBeLessThan(1e-3); });
    });
    const last = Array.from(gpu[2]!.gridness);
    console.log(`gridness after 120 s, GPU: ${last.map((g) => g.toFixed(3)).join(', ')}`);
    for (const g of last) expect(g).toBeGreaterThan(0.8);
  }, 300_000);

  it('weightHistogram counts the same efficacies on both backends, as a host histogram of the synapse values', async () => {
    const [cpu, gpu] = await runs();
    const counts = (frames: ProbeFrame[]) => frames.flatMap((f) => (f.kind === 'histogram' ? f.values.map((v) => Array.from(v)) : []));
    const c = counts(cpu);
    expect(c).toHaveLength(Math.floor((STEPS - 1) / 230) + 1);
    expect(counts(gpu)).toEqual(c);
    const w = cpu.flatMap((f) => (f.kind === 'state' && f.probe === 'w' ? f.values : []));
    w.forEach((values, k) => {
      const want = new Array<number>(12).fill(0);
      for (const x of values) want[Math.min(11, Math.max(0, Math.floor((x - 0.2) * 20)))]!++;
      expect(c[k], `sample ${k}`).toEqual(want);
    });
    // STDP has spread the efficacies over several bins by the end
    expect(c[c.length - 1]!.filter((x) => x > 0).length).toBeGreaterThan(3);
  }, 300_000);
});
