// The agent and grid populations in the engine (CPU backend): the agent's path
// does not depend on chunking, the agent probe, live motion parameters, and
// grid rate maps measured from spikes and the agent probe have the configured
// spacing and orientation.
import { describe, expect, it } from 'vitest';
import { createEngine, type ProbeFrame } from '../../src/engine';
import { gridModulesOf } from '../../src/engine/plan';
import { binCount, gridness, makeBinGrid, RateMapAccumulator } from '../../src/model/spatial/maps';
import type { GridPopulationSpec, ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { spikesOf } from '../helpers/run';

function explore(extra: Partial<ScenarioInput> = {}, grid: Record<string, unknown> = {}): ScenarioInput {
  return {
    schemaVersion: 1, id: 'explore', title: 'agent and grid cells', seed: 3, dt: 0.001, duration: 10,
    agent: { arena: { kind: 'box', width: 1, height: 1 } },
    populations: [{ id: 'G', kind: 'grid', modules: 2, cellsPerModule: 8, orientation: 5, orientationStep: 20, rMax: 40, ...grid }],
    probes: [
      { id: 'spk', kind: 'spikes', population: 'G' },
      { id: 'pos', kind: 'agent', everySteps: 1 },
    ],
    ...extra,
  } as ScenarioInput;
}

function agentOf(frames: ProbeFrame[], probe: string): { t: number[]; x: number[]; y: number[] } {
  const out = { t: [] as number[], x: [] as number[], y: [] as number[] };
  for (const f of frames) {
    if (f.kind !== 'agent' || f.probe !== probe) continue;
    out.t.push(...f.t);
    out.x.push(...f.x);
    out.y.push(...f.y);
  }
  return out;
}

async function run(doc: ScenarioInput, chunks: number[], maxStepsPerChunk?: number): Promise<ProbeFrame[]> {
  const engine = await createEngine(parseScenario(doc), { backend: 'cpu', ...(maxStepsPerChunk ? { maxStepsPerChunk } : {}) });
  const frames: ProbeFrame[] = [];
  for (const n of chunks) frames.push(...(await engine.step(n)));
  engine.dispose();
  return frames;
}

describe('the agent in the engine', () => {
  it('moves along the same path, and grid cells spike alike, however the run is chunked', async () => {
    const whole = await run(explore(), [3000]);
    const pieces = await run(explore(), [1234, 1, 1765], 37);
    const path = agentOf(whole, 'pos');
    expect(path.t).toHaveLength(3000);
    expect(path.t[0]).toBeCloseTo(0.001, 12);
    expect(agentOf(pieces, 'pos')).toEqual(path);
    expect(spikesOf(pieces, 'spk')).toEqual(spikesOf(whole, 'spk'));
    expect(spikesOf(whole, 'spk').t.length).toBeGreaterThan(100);
    // it moves smoothly (≤ 2 m/s between samples) and stays inside the box
    for (let k = 1; k < path.x.length; k++) expect(Math.hypot(path.x[k]! - path.x[k - 1]!, path.y[k]! - path.y[k - 1]!)).toBeLessThan(0.002);
    expect(Math.min(...path.x, ...path.y)).toBeGreaterThan(0);
    expect(Math.max(...path.x, ...path.y)).toBeLessThan(1);
  });

  it('samples every everySteps steps; another seed gives another path; reset replays it', async () => {
    const every = await run(explore({ probes: [{ id: 'pos', kind: 'agent', everySteps: 10 }] }), [95]);
    const sampled = agentOf(every, 'pos');
    expect(sampled.t.map((t) => Math.round(t / 0.001))).toEqual([1, 11, 21, 31, 41, 51, 61, 71, 81, 91]);
    const full = agentOf(await run(explore(), [95]), 'pos');
    expect(sampled.x).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((k) => full.x[k]));
    const other = agentOf(await run(explore({ seed: 4 }), [95]), 'pos');
    expect(other.x).not.toEqual(full.x);

    const engine = await createEngine(parseScenario(explore()), { backend: 'cpu' });
    const first = agentOf(await engine.step(500), 'pos');
    engine.reset();
    expect(agentOf(await engine.step(500), 'pos')).toEqual(first);
    engine.dispose();
  });

  it('follows an imported trajectory', async () => {
    const trajectory: [number, number, number][] = [[0, 0.1, 0.1], [1, 0.9, 0.1], [2, 0.9, 0.9]];
    const path = agentOf(await run(explore({ agent: { arena: { kind: 'box', width: 1, height: 1 }, trajectory } }), [1500]), 'pos');
    expect(path.x[499]).toBeCloseTo(0.5, 5); // t = 0.5 s
    expect(path.y[499]).toBeCloseTo(0.1, 5);
    expect(path.x[1499]).toBeCloseTo(0.9, 5); // t = 1.5 s
    expect(path.y[1499]).toBeCloseTo(0.5, 5);
  });

  it('runs laps on a linear track (y = 0), where grid cells fire along a 1-D slice', async () => {
    const frames = await run(explore({ agent: { arena: { kind: 'track', length: 2 }, speedMean: 0.3 } }), [20_000], 5000);
    const path = agentOf(frames, 'pos');
    expect(path.y.every((y) => y === 0)).toBe(true);
    expect(Math.min(...path.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...path.x)).toBeLessThanOrEqual(2);
    expect(Math.max(...path.x) - Math.min(...path.x)).toBeGreaterThan(1.5);
    expect(spikesOf(frames, 'spk').t.length).toBeGreaterThan(500);
  });

  it('takes new motion parameters live, from where it is', async () => {
    const engine = await createEngine(parseScenario(explore()), { backend: 'cpu' });
    const before = agentOf(await engine.step(2000), 'pos');
    engine.apply({ 'agent.speedMean': 0.4 });
    const after = agentOf(await engine.step(2000), 'pos');
    const distance = (p: { x: number[]; y: number[] }) => p.x.slice(1).reduce((d, x, k) => d + Math.hypot(x - p.x[k]!, p.y[k + 1]! - p.y[k]!), 0);
    expect(Math.hypot(after.x[0]! - before.x.at(-1)!, after.y[0]! - before.y.at(-1)!)).toBeLessThan(0.002);
    expect(distance(after)).toBeGreaterThan(2 * distance(before));
    expect(() => engine.apply({ 'agent.arena.width': 2 })).toThrow(/rebuild|structural/i);
    engine.dispose();
  });
});

describe('grid cells in the engine', () => {
  it('spike-rate maps from the agent probe and the spikes have the configured spacing and orientation', async () => {
    // 20 min of exploration at dt = 5 ms; 2 modules of 3 cells (0.35 m at 5°, 0.49 m at 25°)
    const doc = explore({ dt: 0.005, duration: 1200 }, { cellsPerModule: 3, baseSpacing: 0.35, rMax: 60 });
    const scenario = parseScenario(doc);
    const spec = scenario.populations[0] as GridPopulationSpec;
    const frames = await run(doc, [240_000], 10_000);
    const grid = makeBinGrid(1, 1, 0.025);
    const pos = agentOf(frames, 'pos');
    const spikes = spikesOf(frames, 'spk');
    // spikes of step k are stamped (k + 1) dt, the time of the agent sample of the same step
    const acc = new RateMapAccumulator(grid, spec.n);
    const counts = new Float64Array(spec.n);
    let s = 0;
    pos.t.forEach((t, k) => {
      counts.fill(0);
      while (s < spikes.t.length && spikes.t[s]! < t + 1e-9) counts[spikes.i[s++]!]!++;
      acc.add(pos.x[k]!, pos.y[k]!, scenario.dt, counts);
    });
    const maps = acc.rateMaps();
    const modules = gridModulesOf(spec);
    const nb = binCount(grid);
    modules.forEach((m, mi) => {
      for (let c = 0; c < m.count; c++) {
        const cell = mi * spec.cellsPerModule + c;
        const g = gridness(maps.subarray(cell * nb, (cell + 1) * nb), grid);
        const what = `module ${mi}, cell ${cell}`;
        expect(g.gridness, `${what}: gridness`).toBeGreaterThan(0.5);
        expect(Math.abs(g.spacing / m.spacing - 1), `${what}: spacing ${g.spacing} vs ${m.spacing} m`).toBeLessThan(0.1);
        const d = ((((g.orientation - m.orientation) * 180) / Math.PI % 60) + 60) % 60;
        expect(Math.min(d, 60 - d), `${what}: orientation ${(g.orientation * 180) / Math.PI}° vs ${(m.orientation * 180) / Math.PI}°`).toBeLessThan(3);
      }
    });
  }, 120_000);
});
