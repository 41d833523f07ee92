// Imported trajectories: CSV parsing (good and bad files), resampling and derived velocity.
import { describe, expect, it } from 'vitest';
import { makeBox, makeTrack } from '../../../src/model/spatial/environment';
import { TrajectoryError, parseTrajectoryCsv, positionAt, resampleTrajectory, trajectoryVelocity } from '../../../src/model/spatial/trajectory';

/** The error a parse throws, for checking its line, field and message. */
function parseError(text: string, env?: Parameters<typeof parseTrajectoryCsv>[1]): TrajectoryError {
  try {
    parseTrajectoryCsv(text, env);
  } catch (e) {
    if (e instanceof TrajectoryError) return e;
    throw e;
  }
  throw new Error('expected a TrajectoryError');
}

describe('parseTrajectoryCsv', () => {
  it('reads rows with or without a header, in the header’s column order, skipping blanks and comments', () => {
    const plain = parseTrajectoryCsv('0,0.1,0.2\n0.5,0.2,0.2\n1,0.3,0.25\n');
    expect(Array.from(plain.t)).toEqual([0, 0.5, 1]);
    expect(Array.from(plain.y)).toEqual([0.2, 0.2, 0.25]);
    const headed = parseTrajectoryCsv('# tracked at 2 Hz\r\nX, Time ,y\r\n\r\n0.1,0,0.2\r\n0.2, 0.5 ,0.2\r\n');
    expect(Array.from(headed.t)).toEqual([0, 0.5]);
    expect(Array.from(headed.x)).toEqual([0.1, 0.2]);
  });

  it('names the line and field of a bad value', () => {
    const e = parseError('t,x,y\n0,0.1,0.1\n0.1,0.2,abc\n');
    expect(e.line).toBe(3);
    expect(e.field).toBe('y');
    expect(e.message).toBe('line 3, field y: "abc" is not a number');
    expect(parseError('0,0.1,0.1\n0.1,,0.1').message).toBe('line 2, field x: "" is not a number');
    expect(parseError('0,0.1,0.1\n0.1,NaN,0.1').field).toBe('x');
  });

  it('refuses wrong field counts, bad headers, times that do not increase, and too few samples', () => {
    expect(parseError('0,0.1,0.1\n0.1,0.2\n').message).toBe('line 2: expected 3 fields (t, x, y), got 2');
    expect(parseError('time,x,z\n0,0,0\n').message).toMatch(/^line 1: a header must name the three columns t, x, y/);
    expect(parseError('t,x,x\n0,0,0\n').line).toBe(1);
    const e = parseError('0,0,0\n1,0,0\n1,0.1,0\n');
    expect([e.line, e.field]).toEqual([3, 't']);
    expect(e.message).toBe('line 3, field t: time 1 s does not come after the previous 1 s');
    expect(parseError('t,x,y\n0,0,0\n').message).toBe('a trajectory needs at least two samples, got 1');
    expect(parseError('').message).toBe('a trajectory needs at least two samples, got 0');
  });

  it('checks positions against an environment', () => {
    const box = makeBox(1, 0.5);
    expect(parseError('0,0.5,0.2\n1,0.5,0.7\n', box).message).toBe('line 2, field y: 0.7 m lies outside the environment (0 … 0.5 m)');
    expect(parseError('0,1.2,0\n1,0.5,0\n', makeTrack(1)).field).toBe('x');
    expect(parseTrajectoryCsv('0,0.5,9\n1,1,9\n', makeTrack(1)).t).toHaveLength(2); // a track checks x only
  });
});

describe('resampling and velocity', () => {
  // Uniform motion at (0.1, −0.05) m/s sampled at irregular times from t = 3 s.
  const times = [3, 3.2, 3.9, 4.0, 5.5, 6];
  const tr = {
    t: Float64Array.from(times),
    x: Float64Array.from(times, (t) => 0.2 + 0.1 * (t - 3)),
    y: Float64Array.from(times, (t) => 0.5 - 0.05 * (t - 3)),
  };

  it('resamples at dt from time 0, exactly on a straight path', () => {
    const r = resampleTrajectory(tr, 0.25);
    expect(r.t).toHaveLength(13);
    expect(r.t[12]).toBeCloseTo(3, 12);
    for (let k = 0; k < r.t.length; k++) {
      expect(r.x[k]).toBeCloseTo(0.2 + 0.1 * r.t[k]!, 12);
      expect(r.y[k]).toBeCloseTo(0.5 - 0.05 * r.t[k]!, 12);
    }
    expect(() => resampleTrajectory(tr, 0)).toThrow(RangeError);
  });

  it('derives the velocity of imported samples', () => {
    const { vx, vy } = trajectoryVelocity(tr);
    for (let i = 0; i < times.length; i++) {
      expect(vx[i]).toBeCloseTo(0.1, 12);
      expect(vy[i]).toBeCloseTo(-0.05, 12);
    }
    // A circle at 1 rad/s, radius 0.2 m: central differences over ±h give the chord speed 0.2 sin(h)/h.
    const t = Float64Array.from({ length: 101 }, (_, i) => i * 0.05);
    const circle = { t, x: t.map((s) => 0.2 * Math.cos(s)), y: t.map((s) => 0.2 * Math.sin(s)) };
    const v = trajectoryVelocity(circle);
    expect(Math.hypot(v.vx[50]!, v.vy[50]!)).toBeCloseTo((0.2 * Math.sin(0.05)) / 0.05, 12);
  });

  it('interpolates positions and clamps outside the recorded span', () => {
    expect(positionAt(tr, 3.55).x).toBeCloseTo(0.255, 12);
    expect(positionAt(tr, 0)).toEqual({ x: 0.2, y: 0.5 });
    expect(positionAt(tr, 99).x).toBeCloseTo(0.5, 12);
  });
});
