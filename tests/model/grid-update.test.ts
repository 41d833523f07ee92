// The grid-cell kernel's CPU reference: its f32 cosine against Math.cos, and
// its spike probability against the grid model of src/model/spatial/grid-cells.ts.
import { describe, expect, it } from 'vitest';
import { cosF32, gridSpikeProbability } from '../../src/model/kernels/grid-update';
import { gridModulesOf, gridPhaseSeed, kernelParams, layoutNetwork } from '../../src/engine/plan';
import { gridRates, gridTables, makeGridPopulation } from '../../src/model/spatial/grid-cells';
import type { GridPopulationSpec, ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

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
});
