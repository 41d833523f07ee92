// The grid-cell kernel's CPU reference: its f32 cosine against Math.cos, and
// its spike probability against the grid model of src/model/spatial/grid-cells.ts;
// in its place-cell mode, its f32 2^t against Math.exp and the Gaussian field.
import { describe, expect, it } from 'vitest';
import { cosF32, exp2F32, gridSpikeProbability } from '../../src/model/kernels/grid-update';
import { gridModulesOf, gridPhaseSeed, kernelParams, layoutNetwork } from '../../src/engine/plan';
import { gridRates, gridTables, makeGridPopulation } from '../../src/model/spatial/grid-cells';
import type { GridPopulationSpec, ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { runCpu, samplesOf } from '../helpers/run';

describe('cosF32', () => {
  it('is cos to 3e-7 over [−π, π] (and a little beyond, where the reduction leaves it)', () => {
    let worst = 0;
    for (let k = 0; k <= 20000; k++) {
      const r = Math.fround(-3.2 + (6.4 * k) / 20000);
      worst = Math.max(worst, Math.abs(cosF32(r) - Math.cos(r)));
    }
    expect(worst).toBeLessThan(3e-7);
  });
});

describe('gridSpikeProbability', () => {
  for (const shape of ['rectified', 'shifted'] as const) {
    it(`is rMax dt × the ${shape} grid field of grid-cells.ts, with the same phases`, () => {
      const doc = {
        schemaVersion: 1, id: 'g', title: 'g', seed: 5, dt: 0.001, duration: 1,
        agent: { arena: { kind: 'box', width: 2, height: 2 } },
        populations: [{ id: 'G', kind: 'grid', modules: 3, cellsPerModule: 20, shape, threshold: 0.1, orientation: 12, orientationStep: 9, rMax: 30 }],
      } as ScenarioInput;
      const s = parseScenario(doc);
      const spec = s.populations[0] as GridPopulationSpec;
      const layout = layoutNetwork(s, 10);
      const kp = kernelParams(layout, s);
      const p = kp.gridUpdate.get(0)!;
      const tables = gridTables(makeGridPopulation(gridModulesOf(spec), gridPhaseSeed(s.seed, 0), shape, spec.threshold));
      const rates = new Float32Array(spec.n);
      for (const [x, y] of [[0.1, 0.2], [1.3, 0.7], [1.99, 1.99], [0.5, 1.5]] as const) {
        gridRates(tables, Math.fround(x), Math.fround(y), rates);
        for (let i = 0; i < spec.n; i++) {
          expect(gridSpikeProbability(p, kp.tables, i, Math.fround(x), Math.fround(y)), `cell ${i} at (${x}, ${y})`).toBeCloseTo(rates[i]! * 30 * 0.001, 6);
        }
      }
    });
  }

  // the shader's uniforms hold pScale and offset as f32: the CPU must compute from those values, or its
  // probabilities (and, where a uniform draw falls between the two, its spikes) leave the GPU's
  it('computes with the f32 values of pScale and offset, as the GPU holds them', () => {
    const n = 4;
    const tables = new Float32Array(9 * n).map((_, k) => Math.fround(Math.sin(k + 1) * 7));
    const base = { gaussian: 0, n, spikeBase: 0, recordBase: 0, recordLimit: 0, recordCap: 0, countsBase: 0, countGroupSize: 0, countGroups: 0, binSteps: 1, seed: 1, streamBase: 0, tableBase: 0, pathBase: 0 };
    for (const gaussian of [0, 1]) {
      for (const [pScale, offset] of [[(2 / 9) * 0.02, -1.5], [0.03 / (3 * 0.9), 0.3], [0.003, -Math.LOG2E / (2 * 0.09 * 0.09)]] as const) {
        const exact = { ...base, gaussian, pScale, offset };
        const held = { ...exact, pScale: Math.fround(pScale), offset: Math.fround(offset) };
        for (let i = 0; i < n; i++) {
          for (const [x, y] of [[0.1, 0.2], [0.33, 0.71], [0.9, 0.05]] as const) {
            const want = gridSpikeProbability(held, tables, i, Math.fround(x), Math.fround(y));
            const got = gridSpikeProbability(exact, tables, i, Math.fround(x), Math.fround(y));
            expect(got, `gaussian ${gaussian}, pScale ${pScale}, cell ${i} at (${x}, ${y})`).toBe(want);
          }
        }
      }
    }
  });
});

describe('exp2F32', () => {
  it('is 2^t to a relative 3e-7 over [−30, 0], and 0 below 2^-126', () => {
    let worst = 0;
    for (let k = 0; k <= 30000; k++) {
      const t = Math.fround(-30 + k / 1000);
      worst = Math.max(worst, Math.abs(exp2F32(t) / 2 ** t - 1));
    }
    expect(worst).toBeLessThan(3e-7);
    expect(exp2F32(-127)).toBe(0);
  });
});

describe('place cells (gridUpdate, gaussian mode)', () => {
  it('fire with probability rMax dt exp(−d²/2σ²), centres uniform over the box', () => {
    const doc = {
      schemaVersion: 1, id: 'p', title: 'p', seed: 3, dt: 0.001, duration: 1,
      agent: { arena: { kind: 'box', width: 2, height: 1 } },
      populations: [{ id: 'C', kind: 'place', n: 400, width: 0.15, rMax: 40 }],
    } as ScenarioInput;
    const s = parseScenario(doc);
    const kp = kernelParams(layoutNetwork(s, 10), s);
    const p = kp.gridUpdate.get(0)!;
    const cx = kp.tables.subarray(p.tableBase, p.tableBase + 400), cy = kp.tables.subarray(p.tableBase + 400, p.tableBase + 800);
    expect(Math.min(...cx)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...cx)).toBeLessThanOrEqual(2);
    expect(Math.max(...cy)).toBeLessThanOrEqual(1);
    // uniform: each half of the box holds about half the centres (binomial s.d. 10)
    expect(Math.abs(cx.filter((x) => x < 1).length - 200)).toBeLessThan(40);
    for (const [x, y] of [[0.1, 0.2], [1.3, 0.7], [1.99, 0.99]] as const) {
      for (let i = 0; i < 400; i++) {
        const d2 = (x - cx[i]!) ** 2 + (y - cy[i]!) ** 2;
        expect(gridSpikeProbability(p, kp.tables, i, Math.fround(x), Math.fround(y)), `cell ${i}`).toBeCloseTo(40 * 0.001 * Math.exp(-d2 / (2 * 0.15 ** 2)), 7);
      }
    }
  });

  it('fire at rMax exp(−d²/2σ²) in a whole run: an agent held at (0.5, 0.3) for 20 s', async () => {
    const doc = {
      schemaVersion: 1, id: 'p', title: 'p', seed: 3, dt: 0.001, duration: 20,
      agent: { arena: { kind: 'box', width: 1.2, height: 0.8 }, trajectory: [[0, 0.5, 0.3], [30, 0.5, 0.3]] },
      populations: [{ id: 'C', kind: 'place', n: 400, width: 0.15, rMax: 40 }],
      probes: [{ id: 'rate', kind: 'rate', population: 'C', binSeconds: 20, groupSize: 1 }],
    } as ScenarioInput;
    const s = parseScenario(doc);
    const kp = kernelParams(layoutNetwork(s, 10), s);
    const p = kp.gridUpdate.get(0)!;
    const { engine, frames } = await runCpu(doc, 20_000, 5000);
    engine.dispose();
    const rates = samplesOf(frames, 'rate').values[0]!;
    let near = 0;
    for (let i = 0; i < 400; i++) {
      const d2 = (0.5 - kp.tables[p.tableBase + i]!) ** 2 + (0.3 - kp.tables[p.tableBase + 400 + i]!) ** 2;
      const expected = 40 * Math.exp(-d2 / (2 * 0.15 ** 2));
      // a Poisson count over 20 s: s.d. √(20 λ)/20 Hz; 5 s.d. plus one count (0.05 Hz). σ for 2σ², or σ² for σ, fails cells near the centre
      expect(Math.abs(rates[i]! - expected), `cell ${i}, ${Math.sqrt(d2).toFixed(3)} m from its centre`).toBeLessThan(5 * Math.sqrt(expected / 20) + 0.051);
      if (expected > 10) near++;
    }
    expect(near).toBeGreaterThan(20);
  });
});
