// The rateMap probe's statistics (CPU reference of the GPU kernels, which
// tests/gpu/rate-map-parity.test.ts holds to the GPU) equal the host
// computation of src/model/spatial/maps.ts on the same spikes and positions,
// within f32 rounding: rate maps, peak and mean rate, Skaggs information,
// field area and count (regions − holes), population-vector decoding, the
// selected cells' gridness.
import { describe, expect, it } from 'vitest';
import { populationMeasures, rateMapReadout } from '../../src/engine/rate-map-frame';
import type { AgentFrame, RateMapFrame, SpikeFrame } from '../../src/engine/types';
import { log2F32, mapGridness, mapStats } from '../../src/model/kernels/rate-map';
import { GRIDNESS_NONE } from '../../src/model/kernel-params';
import { rngUniform } from '../../src/model/rng';
import { allocateArenas } from '../../src/engine/cpu/cpu-backend';
import { binCount, decodePosition, gridness, makeBinGrid, makeDecoder, placeFields, RateMapAccumulator, spatialInformation } from '../../src/model/spatial/maps';
import type { ScenarioInput } from '../../src/scenario/schema';
import { runCpu } from '../helpers/run';
import { idealGridMap } from '../model/spatial/helpers';
import { layoutNetwork } from '../../src/engine/plan';
import { parseScenario } from '../../src/scenario/validate';

const N = 60;
const EVERY = 4000;
const STEPS = 3 * EVERY + 1;
const NO_SIZE_LIMITS = { threshold: 0.2, minArea: 0, maxAreaFraction: 1, minPeakRate: 0 };

function scenario(): ScenarioInput {
  return {
    schemaVersion: 1, id: 'rate-map-host', title: 'rate maps against the host', seed: 3, dt: 0.001, duration: 20,
    agent: { arena: { kind: 'box', width: 1, height: 1 }, speedMean: 0.3 },
    populations: [{ id: 'G', kind: 'grid', modules: 2, cellsPerModule: N / 2, baseSpacing: 0.45, rMax: 40, threshold: 0.3 }],
    probes: [
      { id: 'spk', kind: 'spikes', population: 'G' },
      { id: 'pos', kind: 'agent', everySteps: 1 },
      { id: 'map', kind: 'rateMap', population: 'G', binSize: 0.1, everySteps: EVERY, cells: [2, 31] },
    ],
  } as ScenarioInput;
}

/** Holes of a mask: 8-connected groups of bins outside it that do not touch the border (the dual of 4-connected regions). */
function holes(mask: Uint8Array, nx: number, ny: number): number {
  const seen = new Uint8Array(mask.length);
  let count = 0;
  for (let s = 0; s < mask.length; s++) {
    if (mask[s] || seen[s]) continue;
    let border = false;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const b = stack.pop()!;
      const x = b % nx, y = Math.floor(b / nx);
      if (x === 0 || y === 0 || x === nx - 1 || y === ny - 1) border = true;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const u = x + dx, v = y + dy, c = v * nx + u;
        if (u >= 0 && v >= 0 && u < nx && v < ny && !mask[c] && !seen[c]) { seen[c] = 1; stack.push(c); }
      }
    }
    if (!border) count++;
  }
  return count;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-6, Math.abs(b));

describe('rateMap statistics equal the host computation (src/model/spatial/maps.ts)', () => {
  it('on the same spikes and positions: maps, peak, mean, information, fields and decoding', async () => {
    const { engine, frames } = await runCpu(scenario(), STEPS);
    engine.dispose();
    const grid = makeBinGrid(1, 1, 0.1);
    const nb = binCount(grid);
    const acc = new RateMapAccumulator(grid, N);
    const positions = frames.filter((f): f is AgentFrame => f.kind === 'agent');
    const x = positions.flatMap((f) => Array.from(f.x)), y = positions.flatMap((f) => Array.from(f.y));
    const perStep = Array.from({ length: STEPS }, () => new Float64Array(N));
    for (const f of frames.filter((q): q is SpikeFrame => q.kind === 'spikes')) f.i.forEach((i, k) => perStep[Math.round(f.t[k]! / 0.001) - 1]![i]!++);
    const mapFrames = frames.filter((f): f is RateMapFrame => f.kind === 'rateMap');
    const readouts = mapFrames.flatMap((f) => f.values.map((_, k) => rateMapReadout(f, k)));
    const measures = mapFrames.flatMap((f) => f.values.map((_, k) => populationMeasures(f, k)));
    expect(readouts).toHaveLength(4);
    let window = new Float64Array(N);
    let fields = 0, decoded = 0;
    for (let step = 0; step < STEPS; step++) {
      acc.add(x[step]!, y[step]!, 0.001, perStep[step]!);
      perStep[step]!.forEach((c, i) => (window[i]! += c));
      if (step % EVERY !== 0) continue;
      const r = readouts[step / EVERY]!;
      const maps = acc.rateMaps();
      let infoSum = 0, firing = 0, withField = 0;
      for (let i = 0; i < N; i++) {
        const map = maps.subarray(i * nb, (i + 1) * nb);
        const visited = Array.from(map).filter((v) => !Number.isNaN(v));
        const peak = Math.max(0, ...visited);
        const events = acc.events.subarray(i * nb, (i + 1) * nb).reduce((a, b) => a + b, 0);
        const time = acc.occupancy.reduce((a, b) => a + b, 0);
        expect(rel(r.peak[i]!, peak), `peak ${i} at ${step}`).toBeLessThan(1e-5);
        expect(rel(r.mean[i]!, events / time), `mean ${i} at ${step}`).toBeLessThan(1e-5);
        expect(Math.abs(r.info[i]! - spatialInformation(map, acc.occupancy)), `information ${i} at ${step}`).toBeLessThan(1e-4);
        const f = placeFields(map, grid, NO_SIZE_LIMITS);
        const mask = Uint8Array.from(map, (v) => (v > 0.2 * peak ? 1 : 0));
        expect(r.fieldArea[i], `field area ${i} at ${step}`).toBeCloseTo(f.reduce((a, q) => a + q.area, 0), 6);
        expect(r.fieldCount[i], `field count ${i} at ${step}`).toBe(f.length - holes(mask, grid.nx, grid.ny));
        fields += f.length;
        if (events > 0) { firing++; infoSum += spatialInformation(map, acc.occupancy); }
        if (f.length - holes(mask, grid.nx, grid.ny) >= 1 && f.reduce((a, q) => a + q.area, 0) <= 0.5) withField++;
      }
      const m = measures[step / EVERY]!;
      expect(m.time).toBeCloseTo((step + 1) * 0.001, 9);
      expect(m.fractionWithField, `fraction with a field at ${step}`).toBe(withField / N);
      if (firing > 0) expect(m.meanInformation, `mean information at ${step}`).toBeCloseTo(infoSum / firing, 4);
      [2, 31].forEach((cell, k) => {
        const want = maps.subarray(cell * nb, (cell + 1) * nb);
        r.maps.subarray(k * nb, (k + 1) * nb).forEach((v, b) => (Number.isNaN(want[b]!) ? expect(v).toBeNaN() : expect(rel(v, want[b]!)).toBeLessThan(1e-5)));
        const g = gridness(want, grid).gridness;
        if (Number.isNaN(g)) expect(r.gridness[k], `gridness of cell ${cell} at ${step}`).toBeNaN();
        else expect(Math.abs(r.gridness[k]! - g), `gridness of cell ${cell} at ${step}`).toBeLessThan(1e-4);
      });
      const p = decodePosition(makeDecoder(maps, grid, N), window);
      expect(r.decoded.bin, `decoded bin at ${step}`).toBe(p.bin);
      if (p.bin >= 0) {
        decoded++;
        const mx = x.slice(step - (step === 0 ? 0 : EVERY - 1), step + 1), my = y.slice(step - (step === 0 ? 0 : EVERY - 1), step + 1);
        const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
        expect(r.decoded.error, `decode error at ${step}`).toBeCloseTo(Math.hypot(p.x - mean(mx), p.y - mean(my)), 4);
        expect(m.decodingError).toBe(r.decoded.error);
      }
      window = new Float64Array(N);
    }
    // the comparison covers real fields and decodes
    expect(fields).toBeGreaterThan(N);
    expect(decoded).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('scores no gridness on a linear track (one row of bins) and keeps no autocorrelograms for it', async () => {
    const doc = scenario();
    doc.agent = { arena: { kind: 'track', length: 2 }, speedMean: 0.3 };
    const track = parseScenario(doc);
    expect(layoutNetwork(track, 1000).rateMaps[0]!.gridness).toBe(false);
    expect(layoutNetwork(parseScenario(scenario()), 1000).rateMaps[0]!.gridness).toBe(true);
    const { engine, frames } = await runCpu(doc, EVERY + 1);
    engine.dispose();
    const f = frames.find((q): q is RateMapFrame => q.kind === 'rateMap')!;
    const r = rateMapReadout(f, f.t.length - 1);
    expect(r.gridness).toHaveLength(2);
    for (const g of r.gridness) expect(g).toBeNaN();
  });
});

describe('log2F32 (the spatial information\'s log₂ on the CPU, and in its WebAssembly form)', () => {
  it('is Math.log2 to 3e-7 relative over the f32 range, subnormals and powers of two included, and exact at 1', () => {
    const xs = [
      ...Array.from({ length: 200_000 }, (_, k) => 2 ** (-149 + 277 * rngUniform(11, 0, k, 0))),
      ...Array.from({ length: 100_000 }, (_, k) => 0.5 + rngUniform(11, 0, k, 1)),
    ];
    for (let e = -149; e < 128; e++) xs.push(2 ** e);
    let worst = 0;
    for (const x of xs.map(Math.fround).filter((x) => x > 0 && x !== 1)) worst = Math.max(worst, Math.abs(log2F32(x) / Math.log2(x) - 1));
    expect(worst).toBeLessThan(3e-7);
    expect(log2F32(1)).toBe(0);
    expect(log2F32(Math.fround(2 ** -140))).toBe(-140);
  });
});

describe('mapStats field count: the Euler number of the above-threshold mask', () => {
  /** One cell's stats on a 6 × 6 map, uniform occupancy, rates 10 Hz inside `on` and 0 elsewhere. */
  function stats(on: number[]): { count: number; area: number } {
    const a = allocateArenas({ sizes: { state: 36 * 2, acc: 4, spikes: 4, record: 4, counts: 4, samples: 5, tables: 4, itables: 4, conn: 4, syn: 4 } } as never);
    a.state.fill(1, 0, 36);
    for (const b of on) a.state[36 + b] = 10;
    mapStats({ n: 1, nx: 6, ny: 6, occBase: 0, mapBase: 36, samplesBase: 0, stride: 5, everySteps: 1, threshold: 0.2, binArea: 0.01 }, a, 0, 0);
    return { count: a.samples[3]!, area: a.samples[4]! };
  }
  const grid = makeBinGrid(0.6, 0.6, 0.1);
  const map = (on: number[]) => Float32Array.from({ length: 36 }, (_, b) => (on.includes(b) ? 10 : 0));
  it('counts separate fields (4-connected; diagonal neighbours are two fields) as placeFields does', () => {
    for (const on of [[0, 1, 6], [0, 1, 6, 20, 21, 27], [0, 7], [14]]) {
      expect(stats(on).count, JSON.stringify(on)).toBe(placeFields(map(on), grid, NO_SIZE_LIMITS).length);
      expect(stats(on).area).toBeCloseTo(on.length * 0.01, 6);
    }
  });
  it('counts a ring-shaped field as 1 region − 1 hole = 0 (documented difference from placeFields)', () => {
    const ring = [7, 8, 9, 13, 15, 19, 20, 21];
    expect(placeFields(map(ring), grid, NO_SIZE_LIMITS)).toHaveLength(1);
    expect(stats(ring).count).toBe(0);
  });
});

describe('mapGridness (CPU reference) scores the readout\'s selected maps as gridness() does', () => {
  it('an ideal grid with an unvisited corner scores as on the host (≈ 1.3); a silent map has no score', () => {
    const side = 100, bins = side * side, mapsAt = 4, gridnessAt = mapsAt + 2 * bins;
    const grid = makeBinGrid(1, 1, 0.01);
    const map = idealGridMap(0.3, 0.05);
    // 10 × 10 bins never visited: −1 in the readout, NaN for the host
    for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) map[y * side + x] = NaN;
    const a = allocateArenas({ sizes: { state: 2 * (2 * side - 1) ** 2, acc: 4, spikes: 4, record: 4, counts: 4, samples: gridnessAt + 2, tables: 4, itables: 4, conn: 4, syn: 4 } } as never);
    a.samples.set(map.map((v) => (Number.isNaN(v) ? -1 : v)), mapsAt);
    mapGridness({ nx: side, ny: side, cells: 2, samplesBase: 0, stride: gridnessAt + 2, everySteps: 1, mapsAt, gridnessAt, acorrBase: 0, enabled: 1 }, a, 0, 0);
    const want = gridness(map, grid).gridness;
    expect(want).toBeGreaterThan(1.2);
    expect(Math.abs(a.samples[gridnessAt]! - want)).toBeLessThan(1e-5);
    expect(a.samples[gridnessAt + 1]).toBe(GRIDNESS_NONE);
  });
});
