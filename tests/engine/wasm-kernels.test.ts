/**
 * The CPU backend's WebAssembly kernels (wasm/, src/engine/cpu/wasm-kernels.ts)
 * against their TypeScript references: the same bits in every arena and the same
 * probe frames. The LIF step (src/model/kernels/lif-update.ts) over networks that use
 * every branch of the kernel: conductance and current synapses, NMDA in and out,
 * Poisson AMPA and GABA, stimuli, rate input, adaptation, an odd population size
 * (the one-lane tail); feed-forward grid and place cells (src/model/kernels/grid-update.ts)
 * with partial last vectors; the plasticity traces (src/model/kernels/plasticity.ts); the grid sheet's FFT convolution and rate update
 * (src/model/kernels/grid-sheet.ts) on two sheet sides with a moving agent, and with
 * input noise (which the TypeScript kernel draws); the rate maps' accumulation and statistics
 * (accumulateRates and mapBlock in src/model/kernels/rate-map.ts) in both and on random maps;
 * every module small enough to compile on a page.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/engine/cpu/cpu-backend';
import { kernelParams, layoutNetwork } from '../../src/engine/plan';
import { wasmKernels } from '../../src/engine/cpu/wasm-kernels';
import { mapStats, weightHistogram } from '../../src/model/kernels/rate-map';
import { gridSpikeProbability } from '../../src/model/kernels/grid-update';
import type { Arenas } from '../../src/model/kernel-params';
import { rngUniform } from '../../src/model/rng';
import { Simulation } from '../../src/engine/simulation';
import { applyPatch, type PatchValue } from '../../src/scenario/patch';
import { shippedDocument } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';
import { benchNetwork } from '../../src/cli/bench-network';
import { feedForwardScenario } from '../../src/cli/bench-spatial';
import type { ScenarioInput } from '../../src/scenario/schema';
import type { ProbeFrame } from '../../src/engine/types';
import { GRID_SHEET_WASM } from '../../src/model/kernels/grid-sheet-wasm';
import { GRID_UPDATE_WASM } from '../../src/model/kernels/grid-update-wasm';
import { TRACES_WASM } from '../../src/model/kernels/traces-wasm';
import { DELIVER_WASM } from '../../src/model/kernels/deliver-wasm';
import { SYNAPSE_PROBES_WASM } from '../../src/model/kernels/synapse-probes-wasm';
import { LIF_UPDATE_WASM } from '../../src/model/kernels/lif-update-wasm';
import { RATE_MAP_WASM } from '../../src/model/kernels/rate-map-wasm';

async function run(doc: ScenarioInput, steps: number, wasm: boolean) {
  const s = parseScenario(doc);
  const layout = layoutNetwork(s, 500);
  const backend = new CpuBackend(layout, { wasm });
  const sim = new Simulation(s, layout, backend);
  const frames = await sim.step(steps);
  const arenas = await backend.readArenas();
  sim.dispose();
  return { adapter: backend.adapter, frames, arenas };
}

async function expectSameBits(doc: ScenarioInput, steps: number) {
  const js = await run(doc, steps, false);
  const wasm = await run(doc, steps, true);
  expect(wasm.adapter).toContain('WebAssembly');
  const bits = (array: ArrayBufferView & { length: number }) => new Uint32Array(array.buffer, array.byteOffset, array.length);
  for (const name of ['state', 'acc', 'spikes', 'counts', 'syn'] as const) {
    const a = bits(wasm.arenas[name]), b = bits(js.arenas[name]);
    expect(a.length, name).toBe(b.length);
    // the first differing element (toEqual on the rate maps' millions of elements takes ~30 s)
    expect(a.findIndex((x, i) => x !== b[i]), name).toBe(-1);
  }
  expect(wasm.frames).toEqual(js.frames);
  return js.frames;
}

/** The last readout of a rate-map probe gives some cell a spatial information other than 0 (mapStats's loop ran over live cells). */
function expectSpatialInformation(frames: ProbeFrame[], probe: string) {
  const maps = frames.filter((f): f is Extract<ProbeFrame, { kind: 'rateMap' }> => f.kind === 'rateMap' && f.probe === probe).at(-1)!;
  // a readout's sections: peak, mean, information, fields, area (n each), then the decoding and maps
  const info = maps.values.at(-1)!.subarray(2 * maps.n, 3 * maps.n);
  expect(info.some((bits) => bits > 0), `${probe}: spatial information`).toBe(true);
}

const shipped = (id: string, patch: Record<string, PatchValue> = {}) => applyPatch(shippedDocument(id), patch) as ScenarioInput;

describe('WebAssembly kernels', () => {
  it('equals the JavaScript kernel bit for bit: NMDA ring with cue, adaptation and an odd E population', async () => {
    const frames = await expectSameBits(shipped('working-memory-ring-half', { 'populations.E.n': 1023, 'populations.E.adaptIncrement': 0.5, 'stimuli.cue.onset': 0.01 }), 600);
    expect(frames.some((f) => f.kind === 'spikes' && f.i.length > 0)).toBe(true);
  }, 120_000);

  it('equals the JavaScript kernel bit for bit: conductance E/I network with Poisson GABA and an odd I population', async () => {
    const doc = shipped('ei-network', { 'populations.I.n': 201, 'inputs.bgI.receptor': 'gaba', 'stimuli.pulse.onset': 0.01 });
    await expectSameBits(doc, 600);
  }, 120_000);

  it('equals the JavaScript kernel bit for bit: current-based network', async () => {
    await expectSameBits(benchNetwork(999, 600), 600);
  }, 120_000);

  it('equals the JavaScript kernel bit for bit: place cells driven by grid cells through plastic synapses', async () => {
    // rate-map readouts every 100 steps over 2 cm bins: mapStats over 1001 cells (a last block of 233, not a
    // multiple of 4), the CREB current making cells 0–999 fire (cell 1000 stays silent)
    const frames = await expectSameBits(shipped('place-map-formation', {
      'populations.P.n': 1001, 'probes.mapsP.everySteps': 100, 'probes.mapsP.binSize': 0.02, 'stimuli.creb.amplitude': 0.5,
    }), 300);
    expectSpatialInformation(frames, 'mapsP');
  }, 120_000);

  it('equals the JavaScript kernels bit for bit: the plasticity labs\' traces (BCM rates and thresholds, delayed calcium, protein)', async () => {
    // tagging-and-capture's strong tetanus brought forward from 1 s to 0.1 s
    for (const [id, patch] of [['ltp-ltd-balance', {}], ['tagging-and-capture', { 'populations.A.onset': 0.1 }], ['stdp-lab', {}]] as const) {
      const frames = await expectSameBits(shipped(id, patch), 1200);
      const spiked = frames.some((f) => (f.kind === 'spikes' && f.i.length > 0) || (f.kind === 'rate' && f.values.some((row) => row.some((v) => v > 0))));
      expect(spiked, id).toBe(true);
    }
  }, 120_000);

  it('equals the JavaScript kernel bit for bit: feed-forward grid and place cells, every spike recorded and counted', async () => {
    // 3 modules of 333 grid cells and 1001 place cells (partial last vectors of 3 and 1 cells), firing
    // probabilities up to 0.4 a step, the agent moving over 400 steps of 10 ms
    const doc = feedForwardScenario({ label: 'wasm', place: 1001, grid: 0, seconds: 4, ratInABoxSeconds: 0 });
    doc.populations = [
      { id: 'place', kind: 'place', n: 1001, width: 0.2, rMax: 40 },
      { id: 'grid', kind: 'grid', modules: 3, cellsPerModule: 333, baseSpacing: 0.3, spacingRatio: 1.4, rMax: 40 },
    ];
    doc.probes = [...doc.probes!, { id: 'gridCounts', kind: 'rate', population: 'grid', binSeconds: 0.01, groupSize: 1 }, { id: 'rasterG', kind: 'spikes', population: 'grid' }];
    const frames = await expectSameBits(doc, 400);
    for (const id of ['placeCounts', 'gridCounts']) {
      const rates = frames.filter((f): f is Extract<ProbeFrame, { kind: 'rate' }> => f.kind === 'rate' && f.probe === id);
      const events = rates.reduce((n, f) => n + f.values.reduce((m, row) => m + row.reduce((a, b) => a + b, 0), 0), 0);
      expect(events, id).toBeGreaterThan(1000);
    }
  }, 120_000);

  it('computes the TypeScript gridSpikeProbability bit for bit: grid phases far from the origin, place fields out to 0', () => {
    const n = 1003; // a partial last vector of 3
    const memory = new WebAssembly.Memory({ initial: 1 });
    const kernel = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(GRID_UPDATE_WASM, 'base64')), { env: { memory } }).exports as {
      spikeProbabilities(out: number, n: number, gaussian: number, tables: number, x: number, y: number, offset: number, pScale: number): void;
    };
    // grid: wave vectors up to 40 rad/m and phases to ±60 rad (arguments far outside [−π, π]); place: centres in
    // [−1, 2]² (2^t from 0 down past 2^-126)
    const tables = new Float32Array(memory.buffer, 0, 9 * n);
    tables.set(tables.map((_, k) => (k < 6 * n ? 80 : 120) * (rngUniform(3, 0, k, 0) - 0.5)));
    const out = new Float32Array(memory.buffer, 4 * 9 * n, n + 1);
    const base = { n, spikeBase: 0, recordBase: 0, recordLimit: 0, recordCap: 0, countsBase: 0, countGroupSize: 0, countGroups: 0, binSteps: 1, seed: 1, streamBase: 0, tableBase: 0, pathBase: 0 };
    let compared = 0;
    for (const [gaussian, pScale, offset] of [[0, 0.02 / 3, -0.5], [0, 0.4, 1.2], [1, 0.2, -Math.LOG2E / (2 * 0.1 ** 2)]] as const) {
      const p = { ...base, gaussian, pScale: Math.fround(pScale), offset: Math.fround(offset) };
      if (gaussian) tables.set(tables.subarray(0, 2 * n).map((v) => Math.fround(0.5 + v / 27)));
      for (let k = 0; k < 20; k++) {
        const x = Math.fround(rngUniform(4, k, 0, 0)), y = Math.fround(rngUniform(4, k, 1, 0));
        kernel.spikeProbabilities(out.byteOffset, n, gaussian, 0, x, y, p.offset, p.pScale);
        for (let i = 0; i < n; i++) {
          const want = gridSpikeProbability(p, tables, i, x, y);
          if (Object.is(out[i], want)) continue;
          expect(out[i], `${gaussian ? 'place' : 'grid'} cell ${i} at (${x}, ${y})`).toBe(want);
        }
        compared += n;
      }
      expect(new Set(out).size, `distinct probabilities, gaussian ${gaussian} offset ${offset}`).toBeGreaterThan(100);
    }
    expect(compared).toBe(60 * n);
  });

  it('equals the JavaScript kernels bit for bit: the grid sheet\'s convolution and update, moving agent, two sheet sides', async () => {
    // and the small sheet's rate-map statistics over 1 cm bins at steps 100 and 200 (mapStats: every cell live);
    // rate maps of 1001 rate units too (mapAccumulate's rate loop with a scalar tail)
    const doc = shipped('grid-attractor', { 'populations.sheet.vx': 0.1 }) as ScenarioInput & { populations: unknown[]; probes: unknown[] };
    doc.populations = [...doc.populations, { id: 'small', kind: 'gridSheet', side: 16, gain: 1.3, tau: 0.007 }, { id: 'units', kind: 'rate', n: 1001, bias: 2 }];
    doc.probes = [
      ...doc.probes,
      { id: 'smallMaps', kind: 'rateMap', population: 'small', binSize: 0.01, everySteps: 100, cells: [0, 100] },
      { id: 'unitMaps', kind: 'rateMap', population: 'units', binSize: 0.05, everySteps: 100, cells: [0, 1000] },
    ];
    const frames = await expectSameBits(doc, 201);
    expectSpatialInformation(frames, 'smallMaps');
    expect(frames.some((f) => f.kind === 'state' && f.values.some((row) => row.some((v) => v > 0)))).toBe(true);
  }, 120_000);

  it('equals the JavaScript kernel bit for bit: a grid sheet with input noise (drawn by the TypeScript kernel)', async () => {
    const doc = { ...shipped('grid-attractor', { 'populations.sheet.noise': 0.05, 'populations.sheet.side': 32 }), probes: [], plots: [] };
    await expectSameBits(doc, 100);
  }, 120_000);

  it('equals the TypeScript mapStats bit for bit on random maps: unvisited bins, silent cells, ragged fields, a partial last block', () => {
    const s = parseScenario(shipped('place-map-formation', { 'populations.P.n': 1001 }));
    const layout = layoutNetwork(s, 100);
    const p = kernelParams(layout, s).mapStats.get(0)!;
    const wasm = wasmKernels(layout)!;
    const st = wasm.arenas.state;
    const bins = p.nx * p.ny;
    for (let b = 0; b < bins; b++) st[p.occBase + b] = b % 7 === 3 ? 0 : Math.fround(0.01 + 0.2 * rngUniform(7, 0, b, 0));
    // counts 0–4 at random (fields of every shape, diagonal neighbours included); every fifth cell silent
    for (let b = 0; b < bins; b++) {
      for (let i = 0; i < p.n; i++) st[p.mapBase + b * p.n + i] = i % 5 === 0 ? 0 : Math.floor(5 * rngUniform(7, b, i, 1) ** 2);
    }
    const typescript = { state: Float32Array.from(st), samples: new Float32Array(layout.sizes.samples) } as Arenas;
    const webassembly = { state: st, samples: new Float32Array(layout.sizes.samples) } as Arenas;
    mapStats(p, typescript, 0, 0);
    wasm.mapStats(p, webassembly, 0, 0);
    const fields = typescript.samples.subarray(3 * p.n, 4 * p.n);
    expect(Math.max(...fields), 'most fields of a cell').toBeGreaterThan(3);
    const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, 5 * p.n);
    expect(bits(webassembly.samples).findIndex((x, k) => x !== bits(typescript.samples)[k])).toBe(-1);
  });

  it('counts the TypeScript weightHistogram\'s bins: out-of-range, infinite and NaN efficacies, a partial last vector', () => {
    const s = parseScenario(shipped('place-map-formation', { 'populations.P.n': 1001 }));
    const layout = layoutNetwork(s, 100);
    const wasm = wasmKernels(layout)!;
    const synCount = 1001 * 1000 - 3; // a last vector of 1
    const syn = wasm.arenas.syn;
    syn.set(Float32Array.from({ length: synCount }, (_, k) => (k % 997 === 5 ? NaN : k % 991 === 7 ? -Infinity : k % 983 === 11 ? Infinity : 1.4 * rngUniform(9, 0, k, 0) - 0.2)));
    for (const bins of [2, 40, 256]) {
      const p = { synCount, srcBase: 0, countsBase: 3, bins, everySteps: 1000, lo: 0, binsPerUnit: bins };
      // counts in the modules' memory with room for 256 bins: the state arena's first words, as u32
      const typescript = { syn, counts: new Uint32Array(3 + bins) } as Arenas;
      const webassembly = { syn, counts: new Uint32Array(wasm.arenas.state.buffer, wasm.arenas.state.byteOffset, 3 + bins).fill(0) } as Arenas;
      weightHistogram(p, typescript, 0, 0);
      wasm.weightHistogram(p, webassembly, 0, 0);
      const counted = typescript.counts.subarray(3, 3 + bins);
      expect(counted.reduce((a, b) => a + b, 0), `${bins} bins: every efficacy but the NaNs`).toBe(synCount - Math.ceil(synCount / 997));
      // a seventh of the efficacies lie below 0 and a seventh above 1: both end bins hold at least those
      expect(Math.min(counted[0]!, counted[bins - 1]!), `${bins} bins: clamped into the end bins`).toBeGreaterThan(synCount / 8);
      expect(Array.from(webassembly.counts), `${bins} bins`).toEqual(Array.from(typescript.counts));
    }
  });

  it('names the kernels that run in WebAssembly in the adapter', () => {
    const adapter = (id: string) => new CpuBackend(layoutNetwork(parseScenario(shippedDocument(id)), 500)).adapter;
    expect(adapter('working-memory-ring-half')).toBe('cpu reference kernels, LIF in WebAssembly SIMD');
    expect(adapter('grid-attractor')).toBe('cpu reference kernels, grid sheet and rate maps in WebAssembly SIMD'); // a rate sheet
    expect(adapter('place-map-formation')).toBe('cpu reference kernels, LIF, spatial cells, traces, plastic delivery and rate maps in WebAssembly SIMD');
    expect(new CpuBackend(layoutNetwork(parseScenario(shippedDocument('grid-attractor')), 500), { wasm: false }).adapter).toBe('cpu reference kernels');
  });

  it('compiles synchronously on a page too: every module under Chrome\'s 4 KB main-thread limit (?worker=0)', () => {
    for (const base64 of [LIF_UPDATE_WASM, GRID_UPDATE_WASM, TRACES_WASM, DELIVER_WASM, SYNAPSE_PROBES_WASM, GRID_SHEET_WASM, RATE_MAP_WASM]) expect(Buffer.from(base64, 'base64').length).toBeLessThan(4096);
  });

  it('is built from its source (scripts/build-wasm.mjs --check)', () => {
    expect(() => execFileSync('node', ['scripts/build-wasm.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});
