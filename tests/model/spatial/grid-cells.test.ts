// Feed-forward grid cells: conventions, phases, the evaluation tables, and spacing and orientation measured from rate maps.
import { describe, expect, it } from 'vitest';
import { Agent } from '../../../src/model/spatial/agent';
import { makeBox } from '../../../src/model/spatial/environment';
import {
  type GridPopulation, geometricModules, gridRates, gridTables, latticeVectors, makeGridPopulation, waveVectors,
} from '../../../src/model/spatial/grid-cells';
import { RateMapAccumulator, binCentre, binCount, gridness, makeBinGrid } from '../../../src/model/spatial/maps';

const DEG = Math.PI / 180;

/** Noise-free rate maps of every cell, sampled at the bin centres. */
function sampledMaps(pop: GridPopulation, size: number, bin: number): { maps: Float32Array; grid: ReturnType<typeof makeBinGrid> } {
  const grid = makeBinGrid(size, size, bin);
  const tables = gridTables(pop);
  const nb = binCount(grid);
  const maps = new Float32Array(tables.n * nb);
  const r = new Float32Array(tables.n);
  for (let b = 0; b < nb; b++) {
    const p = binCentre(grid, b);
    gridRates(tables, p.x, p.y, r);
    for (let c = 0; c < tables.n; c++) maps[c * nb + b] = r[c]!;
  }
  return { maps, grid };
}

describe('grid-cell conventions', () => {
  const module = { spacing: 0.42, orientation: 17 * DEG, count: 1 };

  it('uses |k| = 4π/(√3 λ) with wave vectors at θ + 30° + j·60°, periodic along the lattice vectors', () => {
    for (const [j, k] of waveVectors(module).entries()) {
      expect(Math.hypot(k.x, k.y)).toBeCloseTo((4 * Math.PI) / (Math.sqrt(3) * 0.42), 12);
      expect(Math.atan2(k.y, k.x)).toBeCloseTo((17 + 30 + 60 * j) * DEG, 12);
    }
    const [a1, a2] = latticeVectors(module);
    expect(Math.hypot(a1.x, a1.y)).toBeCloseTo(0.42, 12);
    expect(Math.atan2(a2.y, a2.x)).toBeCloseTo(77 * DEG, 12);
    const tables = gridTables(makeGridPopulation([module], 3, 'shifted'));
    for (const [x, y] of [[0.1, 0.2], [0.77, 0.31]] as const) {
      const r = gridRates(tables, x, y)[0]!;
      expect(gridRates(tables, x + a1.x, y + a1.y)[0]).toBeCloseTo(r, 5);
      expect(gridRates(tables, x + a2.x - 2 * a1.x, y + a2.y - 2 * a1.y)[0]).toBeCloseTo(r, 5);
    }
  });

  it('peaks at 1 on the cell’s phase and stays in [0, 1] for both shapes', () => {
    for (const shape of ['shifted', 'rectified'] as const) {
      const pop = makeGridPopulation([module], 5, shape);
      const tables = gridTables(pop);
      expect(gridRates(tables, pop.phaseX[0]!, pop.phaseY[0]!)[0]).toBeCloseTo(1, 5);
      let min = Infinity, max = -Infinity, silent = 0;
      for (let i = 0; i < 2000; i++) {
        const r = gridRates(tables, (i % 50) * 0.013, Math.floor(i / 50) * 0.017)[0]!;
        min = Math.min(min, r); max = Math.max(max, r);
        if (r === 0) silent++;
      }
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(1);
      // The rectified shape is silent where S < 0 (about 60% of the plane); the shifted one only at isolated points.
      if (shape === 'rectified') expect(silent / 2000).toBeGreaterThan(0.4);
      else expect(silent).toBe(0);
    }
  });

  it('builds modules with spacing ratio 1.4 and one orientation each', () => {
    const mods = geometricModules({ modules: 4, cellsPerModule: 10 });
    expect(mods.map((m) => m.spacing)).toEqual([0.3, 0.3 * 1.4, 0.3 * 1.4 ** 2, 0.3 * 1.4 ** 3]);
    mods.forEach((m, i) => expect(m.orientation / DEG).toBeCloseTo(15 * i, 12));
    expect(() => geometricModules({ modules: 2, cellsPerModule: 1, orientations: [0] })).toThrow(/orientations: expected 2/);
  });

  it('draws phases uniformly over the unit cell, reproducibly from the seed', () => {
    const m = { spacing: 0.5, orientation: 12 * DEG, count: 20_000 };
    const pop = makeGridPopulation([m], 21);
    expect(Array.from(makeGridPopulation([m], 21).phaseX)).toEqual(Array.from(pop.phaseX));
    expect(Array.from(makeGridPopulation([m], 22).phaseX)).not.toEqual(Array.from(pop.phaseX));
    // Lattice coordinates (u, v) of each phase: uniform on [0, 1)², independent.
    const [a1, a2] = latticeVectors(m);
    const det = a1.x * a2.y - a1.y * a2.x;
    let su = 0, sv = 0, suu = 0, suv = 0, lo = Infinity, hi = -Infinity;
    for (let i = 0; i < m.count; i++) {
      const x = pop.phaseX[i]!, y = pop.phaseY[i]!;
      const u = (x * a2.y - y * a2.x) / det, v = (a1.x * y - a1.y * x) / det;
      lo = Math.min(lo, u, v); hi = Math.max(hi, u, v);
      su += u; sv += v; suu += u * u; suv += (u - 0.5) * (v - 0.5);
    }
    expect(lo).toBeGreaterThan(-1e-6);
    expect(hi).toBeLessThan(1 + 1e-6);
    const n = m.count;
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sv / n).toBeCloseTo(0.5, 2);
    expect(suu / n - (su / n) ** 2).toBeCloseTo(1 / 12, 2);
    expect(Math.abs(suv / n)).toBeLessThan(0.003);
  });

  it('realignment shifts each module as a whole by its own vector, wrapped into the unit cell; 0 is the seed\'s phases', () => {
    const modules = geometricModules({ modules: 3, cellsPerModule: 200 });
    const original = makeGridPopulation(modules, 4);
    expect(Array.from(makeGridPopulation(modules, 4, 'rectified', 0, 0).phaseX)).toEqual(Array.from(original.phaseX));
    expect(() => makeGridPopulation(modules, 4, 'rectified', 0, 1.5)).toThrow(/realignment/);
    const lattice = (m: number, x: number, y: number) => {
      const [a1, a2] = latticeVectors(modules[m]!);
      const det = a1.x * a2.y - a1.y * a2.x;
      return { u: (x * a2.y - y * a2.x) / det, v: (a1.x * y - a1.y * x) / det };
    };
    const shifts = (k: number) => modules.map((_, m) => {
      const pop = makeGridPopulation(modules, 4, 'rectified', 0, k);
      // per cell: the shift in lattice coordinates modulo 1; one value per module
      const d = Array.from({ length: 200 }, (_, i) => {
        const a = lattice(m, original.phaseX[m * 200 + i]!, original.phaseY[m * 200 + i]!), b = lattice(m, pop.phaseX[m * 200 + i]!, pop.phaseY[m * 200 + i]!);
        expect(Math.min(b.u, b.v)).toBeGreaterThan(-1e-5);
        expect(Math.max(b.u, b.v)).toBeLessThan(1 + 1e-5);
        return { u: (((b.u - a.u) % 1) + 1) % 1, v: (((b.v - a.v) % 1) + 1) % 1 };
      });
      const spread = Math.max(...d.map((s) => Math.min(Math.abs(s.u - d[0]!.u), 1 - Math.abs(s.u - d[0]!.u)) + Math.min(Math.abs(s.v - d[0]!.v), 1 - Math.abs(s.v - d[0]!.v))));
      expect(spread).toBeLessThan(1e-4);
      return d[0]!;
    });
    const one = shifts(1), two = shifts(2);
    // modules realign independently, and environments differ
    expect(new Set(one.map((s) => s.u.toFixed(3))).size).toBe(3);
    expect(one.map((s) => s.u.toFixed(3))).not.toEqual(two.map((s) => s.u.toFixed(3)));
  });

  it('evaluates the f32 tables like the formula', () => {
    const pop = makeGridPopulation(geometricModules({ modules: 3, cellsPerModule: 40 }), 8, 'rectified');
    const tables = gridTables(pop);
    const out = gridRates(tables, 0.37, 0.81);
    let c = 0;
    for (const m of pop.modules) {
      const ks = waveVectors(m);
      for (let i = 0; i < m.count; i++, c++) {
        const s = ks.reduce((acc, k) => acc + Math.cos(k.x * (0.37 - pop.phaseX[c]!) + k.y * (0.81 - pop.phaseY[c]!)), 0) / 3;
        expect(out[c]).toBeCloseTo(Math.max(0, s), 5);
      }
    }
  });
});

describe('grid rate maps have the configured spacing and orientation', () => {
  const modules = geometricModules({ modules: 3, cellsPerModule: 2, orientations: [10 * DEG, 40 * DEG, 25 * DEG] });

  it('measured from noise-free maps (1.5 m box, 2 cm bins), for both shapes', () => {
    for (const shape of ['rectified', 'shifted'] as const) {
      const { maps, grid } = sampledMaps(makeGridPopulation(modules, 1, shape), 1.5, 0.02);
      const nb = binCount(grid);
      modules.forEach((m, k) => {
        for (let i = 0; i < m.count; i++) {
          const c = k * m.count + i;
          const g = gridness(maps.subarray(c * nb, (c + 1) * nb), grid);
          expect(g.spacing / m.spacing).toBeCloseTo(1, 2);
          expect(Math.abs(g.orientation - m.orientation) / DEG).toBeLessThan(0.5);
          expect(g.gridness).toBeGreaterThan(1.2);
        }
      });
    }
  });

  it('measured from maps an exploring agent builds (30 min, 2.5 cm bins, unvisited bins left out)', () => {
    const pop = makeGridPopulation(modules, 1);
    const tables = gridTables(pop);
    const agent = new Agent(makeBox(1.5, 1.5), { seed: 1 });
    const grid = makeBinGrid(1.5, 1.5, 0.025);
    const acc = new RateMapAccumulator(grid, tables.n);
    const dt = 0.02, rates = new Float32Array(tables.n), events = new Float32Array(tables.n);
    for (let i = 0; i < 1800 / dt; i++) {
      agent.step(dt);
      gridRates(tables, agent.x, agent.y, rates);
      for (let c = 0; c < tables.n; c++) events[c] = rates[c]! * dt;
      acc.add(agent.x, agent.y, dt, events);
    }
    const maps = acc.rateMaps();
    const nb = binCount(grid);
    modules.forEach((m, k) => {
      const c = k * m.count;
      const g = gridness(maps.subarray(c * nb, (c + 1) * nb), grid);
      expect(g.spacing / m.spacing).toBeCloseTo(1, 2);
      expect(Math.abs(g.orientation - m.orientation) / DEG).toBeLessThan(1);
      expect(g.gridness).toBeGreaterThan(1.2);
    });
  });
});
