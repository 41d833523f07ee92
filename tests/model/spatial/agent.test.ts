// RatInABox's motion model: statistics, walls, barriers, reproducibility, the track and user drives.
import { describe, expect, it } from 'vitest';
import {
  AGENT_PARAMS, Agent, agentParams, normalToRayleigh, ouStep, rayleighScale, rayleighToNormal,
} from '../../../src/model/spatial/agent';
import { type Box, insideBox, makeBox, makeTrack, stepCrossing } from '../../../src/model/spatial/environment';
import { resampleTrajectory } from '../../../src/model/spatial/trajectory';

const DEG = 180 / Math.PI;

/** Runs an agent for T seconds at dt, recording measured speed and rotational velocity. */
function record(agent: Agent, T: number, dt: number): { speed: Float64Array; omega: Float64Array } {
  const n = Math.round(T / dt);
  const speed = new Float64Array(n), omega = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    agent.step(dt);
    speed[i] = Math.hypot(agent.measuredVx, agent.measuredVy);
    omega[i] = agent.measuredOmega;
  }
  return { speed, omega };
}

const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a: Float64Array): number => { const m = mean(a); return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length); };
function autocorrelation(a: Float64Array, lag: number): number {
  const m = mean(a), v = sd(a) ** 2;
  let s = 0;
  for (let i = 0; i + lag < a.length; i++) s += (a[i]! - m) * (a[i + lag]! - m);
  return s / ((a.length - lag) * v);
}

describe('agent motion statistics (RatInABox, fitted to Sargolini et al. 2006)', () => {
  // A 50 m box: the walls never matter, so the measured motion is the motion model itself.
  const open = makeBox(50, 50);

  it('has mean speed 0.08 m/s and rotational-velocity s.d. 120°/s over a long run, at dt 10 ms and 50 ms', () => {
    for (const dt of [0.01, 0.05]) {
      const { speed, omega } = record(new Agent(open, { seed: 11, start: { x: 25, y: 25 } }), 2000, dt);
      // Standard errors: ~1.5% for the mean speed, < 1% for the s.d. A Rayleigh scale of 0.08 (mean
      // 0.100 m/s) or Euler–Maruyama steps at 50 ms (s.d. 145°/s) fall outside.
      expect(mean(speed)).toBeGreaterThan(0.076);
      expect(mean(speed)).toBeLessThan(0.084);
      expect(sd(omega) * DEG).toBeGreaterThan(114);
      expect(sd(omega) * DEG).toBeLessThan(126);
      expect(Math.abs(mean(omega) * DEG)).toBeLessThan(3);
    }
  });

  it('has Rayleigh-distributed speed and the coherence times 0.7 s (speed) and 0.08 s (rotation)', () => {
    const dt = 0.01;
    const { speed, omega } = record(new Agent(open, { seed: 5, start: { x: 25, y: 25 } }), 2000, dt);
    // Rayleigh: s.d./mean = √(4/π − 1) = 0.5227.
    expect(sd(speed) / mean(speed)).toBeGreaterThan(0.49);
    expect(sd(speed) / mean(speed)).toBeLessThan(0.55);
    expect(autocorrelation(omega, Math.round(0.08 / dt))).toBeGreaterThan(Math.exp(-1) - 0.04);
    expect(autocorrelation(omega, Math.round(0.08 / dt))).toBeLessThan(Math.exp(-1) + 0.04);
    expect(autocorrelation(speed, Math.round(0.7 / dt))).toBeGreaterThan(Math.exp(-1) - 0.08);
    expect(autocorrelation(speed, Math.round(0.7 / dt))).toBeLessThan(Math.exp(-1) + 0.08);
  });

  it('maps Rayleigh speeds to normal variables and back exactly, and takes exact OU steps', () => {
    const sigma = rayleighScale(0.08);
    expect(sigma * Math.sqrt(Math.PI / 2)).toBeCloseTo(0.08, 15);
    for (const s of [0.001, 0.03, 0.0638, 0.15, 0.3]) expect(normalToRayleigh(rayleighToNormal(s, sigma), sigma)).toBeCloseTo(s, 12);
    expect(rayleighToNormal(sigma * Math.sqrt(2 * Math.LN2), sigma)).toBeCloseTo(0, 12); // the median maps to 0
    // One step of length ≫ τ forgets the start: x' = μ + sd·ξ.
    expect(ouStep(5, 1, 2, 0.1, 100, 0.5)).toBeCloseTo(2, 12);
    expect(ouStep(5, 1, 2, 0.1, 0.1, 0)).toBeCloseTo(1 + 4 * Math.exp(-1), 12);
  });

  it('checks its parameters against the table', () => {
    expect(agentParams().rotationalVelocityStd).toBe(AGENT_PARAMS.rotationalVelocityStd.default);
    expect(() => agentParams({ thigmotaxis: 1.5 })).toThrow(/^thigmotaxis: must lie in \[0, 1\]/);
    expect(() => new Agent(makeBox(1, 1), { start: { x: 1.2, y: 0.5 } })).toThrow(/^start:/);
  });
});

/** Runs an agent, checking that no step crosses a wall and every position is inside the box. */
function runChecked(box: Box, agent: Agent, T: number, dt: number): { crossings: number; outside: number } {
  let crossings = 0, outside = 0;
  for (let i = 0; i < Math.round(T / dt); i++) {
    const px = agent.x, py = agent.y;
    agent.step(dt);
    if (box.walls.some((w) => stepCrossing(px, py, agent.x, agent.y, w) < Infinity)) crossings++;
    if (!insideBox(box, agent.x, agent.y)) outside++;
  }
  return { crossings, outside };
}

describe('walls and barriers', () => {
  const barriers = [
    { x1: 0.5, y1: 0, x2: 0.5, y2: 0.7 }, // a partition from the bottom wall
    { x1: 0.15, y1: 0.8, x2: 0.35, y2: 0.6 }, // a free-standing diagonal
  ];
  const box = makeBox(1, 1, barriers);

  it('never leaves the box nor crosses a barrier, at small and large steps', () => {
    for (const [dt, T] of [[0.01, 1200], [0.1, 3000]] as const) {
      for (const thigmotaxis of [0, 0.5, 1]) {
        const agent = new Agent(box, { seed: 2, params: { thigmotaxis } });
        expect(runChecked(box, agent, T, dt)).toEqual({ crossings: 0, outside: 0 });
      }
    }
  });

  it('explores both sides of the partition, going round its end', () => {
    const agent = new Agent(box, { seed: 9, start: { x: 0.25, y: 0.2 } });
    let right = 0;
    for (let i = 0; i < 60_000; i++) { agent.step(0.01); if (agent.x > 0.5) right++; }
    expect(right / 60_000).toBeGreaterThan(0.05);
    expect(right / 60_000).toBeLessThan(0.95);
  });

  it('lingers near walls more with higher thigmotaxis', () => {
    const open = makeBox(1, 1);
    const nearWall = (thigmotaxis: number): number => {
      const a = new Agent(open, { seed: 4, params: { thigmotaxis } });
      let near = 0;
      for (let i = 0; i < 100_000; i++) { a.step(0.01); if (Math.min(a.x, a.y, 1 - a.x, 1 - a.y) < 0.05) near++; }
      return near / 100_000;
    };
    expect(nearWall(0.9)).toBeGreaterThan(1.3 * nearWall(0.1));
  });
});

describe('reproducibility', () => {
  it('is a pure function of the seed', () => {
    const box = makeBox(1, 1, [{ x1: 0.5, y1: 0.2, x2: 0.5, y2: 0.8 }]);
    const run = (seed: number): number[] => {
      const a = new Agent(box, { seed });
      const out: number[] = [];
      for (let i = 0; i < 5000; i++) { a.step(0.02); out.push(a.x, a.y); }
      return out;
    };
    expect(run(7)).toEqual(run(7));
    expect(run(8)).not.toEqual(run(7));
    expect(new Agent(box, { seed: 7, index: 1 }).x).not.toBe(new Agent(box, { seed: 7 }).x);
  });
});

describe('linear track', () => {
  it('runs laps between the ends without leaving the track', () => {
    const track = makeTrack(2);
    const a = new Agent(track, { seed: 3, start: { x: 0.1, y: 0 } });
    let ends = 0, lastEnd = -1, outside = 0;
    for (let i = 0; i < 60_000; i++) {
      a.step(0.01);
      if (a.x < 0 || a.x > 2 || a.y !== 0) outside++;
      const end = a.x < 0.1 ? 0 : a.x > 1.9 ? 1 : -1;
      if (end >= 0 && end !== lastEnd) { ends++; lastEnd = end; }
    }
    expect(outside).toBe(0);
    // 600 s at ~0.08 m/s is ~48 m: about 24 runs of 2 m.
    expect(ends).toBeGreaterThan(12);
  });
});

describe('user-driven and imported motion', () => {
  const box = makeBox(1, 1, [{ x1: 0.5, y1: 0, x2: 0.5, y2: 0.7 }]);

  it('moves at a set velocity and stops at a barrier instead of crossing it', () => {
    const a = new Agent(box, { start: { x: 0.2, y: 0.3 } });
    a.setDrive({ kind: 'velocity', vx: 0.2, vy: 0 });
    a.step(0.5);
    expect(a.x).toBeCloseTo(0.3, 12);
    expect(a.measuredVx).toBeCloseTo(0.2, 12);
    for (let i = 0; i < 20; i++) a.step(0.5);
    expect(a.x).toBeLessThan(0.5);
    expect(a.x).toBeGreaterThan(0.4999);
    expect(a.measuredVx).toBe(0);
  });

  it('heads for a target at up to its maximum speed, then resumes random motion from there', () => {
    const a = new Agent(box, { seed: 1, start: { x: 0.8, y: 0.2 } });
    a.setDrive({ kind: 'target', x: 0.8, y: 0.9, maxSpeed: 0.35 });
    a.step(1);
    expect(a.y).toBeCloseTo(0.55, 12);
    expect(a.measuredVy).toBeCloseTo(0.35, 12);
    a.step(1);
    expect([a.x, a.y]).toEqual([0.8, 0.9]);
    a.setDrive({ kind: 'random' });
    expect(runChecked(box, a, 60, 0.02)).toEqual({ crossings: 0, outside: 0 });
  });

  it('follows an imported path in time, looping at its end, with velocity derived from the steps', () => {
    const path = resampleTrajectory({ t: Float64Array.from([0, 10]), x: Float64Array.from([0.1, 0.3]), y: Float64Array.from([0.8, 0.8]) }, 0.5);
    const a = new Agent(box, { start: { x: 0.9, y: 0.9 } });
    a.setDrive({ kind: 'path', path });
    expect([a.x, a.y]).toEqual([0.1, 0.8]);
    for (let i = 0; i < 4; i++) a.step(0.25);
    expect(a.x).toBeCloseTo(0.12, 12);
    expect(a.measuredVx).toBeCloseTo(0.02, 12);
    expect(a.vx).toBeCloseTo(0.02, 12);
    for (let i = 0; i < 40; i++) a.step(0.25);
    expect(a.x).toBeCloseTo(0.1 + 0.02 * (11 % 10), 12);
  });
});
