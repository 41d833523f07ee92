// Driving the agent from the page (engine.drive, the arena view's mouse drag and arrow keys):
// a target is reached and held, a velocity moves it and stops at a wall, null gives it back
// its own motion (random, or its recorded path), reset ends a drive, bad numbers are refused.
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, type ProbeFrame } from '../../src/engine';
import type { ScenarioInput } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';

function scenario(agent: Record<string, unknown> = {}): ScenarioInput {
  return {
    schemaVersion: 1, id: 'drive', title: 'a driven agent', seed: 5, dt: 0.001, duration: 10,
    agent: { arena: { kind: 'box', width: 1, height: 1 }, start: { x: 0.5, y: 0.5 }, ...agent },
    populations: [{ id: 'G', kind: 'grid', modules: 1, cellsPerModule: 4 }],
    probes: [{ id: 'pos', kind: 'agent', everySteps: 1 }],
  } as ScenarioInput;
}

/** The last agent sample of a step's frames. */
function last(frames: ProbeFrame[]): { x: number; y: number } {
  const f = frames.filter((g) => g.kind === 'agent').at(-1)!;
  if (f.kind !== 'agent') throw new Error('no agent frame');
  return { x: f.x[f.x.length - 1]!, y: f.y[f.y.length - 1]! };
}

const make = async (agent?: Record<string, unknown>): Promise<Engine> => createEngine(parseScenario(scenario(agent)), { backend: 'cpu' });

describe('engine.drive', () => {
  it('heads for a target at up to maxSpeed and stays there', async () => {
    const engine = await make();
    engine.drive({ kind: 'target', x: 0.8, y: 0.2, maxSpeed: 0.5 });
    const halfway = last(await engine.step(300)); // 0.3 s at 0.5 m/s: 0.15 m of the 0.42 m
    expect(Math.hypot(halfway.x - 0.5, halfway.y - 0.5)).toBeCloseTo(0.15, 3);
    const there = last(await engine.step(1000));
    expect(there.x).toBeCloseTo(0.8, 5);
    expect(there.y).toBeCloseTo(0.2, 5);
    engine.dispose();
  });

  it('moves at a velocity, stops at the wall, and null gives back the random motion', async () => {
    const engine = await make();
    engine.drive({ kind: 'velocity', vx: 0.4, vy: 0 });
    const p = last(await engine.step(500));
    expect(p.x).toBeCloseTo(0.7, 4);
    expect(p.y).toBeCloseTo(0.5, 6);
    const wall = last(await engine.step(2000)); // would reach x = 1.5 without the wall
    expect(wall.x).toBeLessThanOrEqual(1);
    expect(wall.x).toBeGreaterThan(0.999);
    engine.drive(null);
    const free = await engine.step(2000);
    const moved = last(free);
    expect(Math.hypot(moved.x - wall.x, moved.y - wall.y)).toBeGreaterThan(0.01); // random motion again, away from the wall
    engine.dispose();
  });

  it('reset ends a drive: the run is the undriven one again', async () => {
    const plain = await make();
    const reference = last(await plain.step(1000));
    plain.dispose();
    const engine = await make();
    engine.drive({ kind: 'velocity', vx: -0.3, vy: 0.1 });
    await engine.step(700);
    engine.reset();
    expect(last(await engine.step(1000))).toEqual(reference);
    engine.dispose();
  });

  it('null resumes a recorded path', async () => {
    const trajectory = [[0, 0.2, 0.2], [10, 0.8, 0.2]];
    const engine = await make({ trajectory });
    engine.drive({ kind: 'target', x: 0.5, y: 0.9, maxSpeed: 1 });
    await engine.step(1000);
    engine.drive(null);
    const p = last(await engine.step(1000)); // t = 2 s on the path: x = 0.2 + 0.6 · 0.2
    expect(p.x).toBeCloseTo(0.32, 4);
    expect(p.y).toBeCloseTo(0.2, 5);
    engine.dispose();
  });

  it('refuses numbers that are not finite; without an agent it does nothing', async () => {
    const engine = await make();
    expect(() => engine.drive({ kind: 'velocity', vx: NaN, vy: 0 })).toThrow(RangeError);
    expect(() => engine.drive({ kind: 'target', x: 0.5, y: 0.5, maxSpeed: -1 })).toThrow(RangeError);
    engine.dispose();
    const none = await createEngine(parseScenario({
      schemaVersion: 1, id: 'none', title: 'no agent', dt: 0.001, duration: 1, populations: [{ id: 'E', kind: 'lif', n: 10 }],
    }), { backend: 'cpu' });
    expect(() => none.drive({ kind: 'velocity', vx: 1, vy: 0 })).not.toThrow();
    none.dispose();
  });
});
